// Client fetchers for /narratives. Query keys come from lib/query-keys; the response shapes from
// lib/contracts/read (the same shapes the server prefetch puts in the cache).
import { fetchJson, toQuery } from '@/lib/api-client';
import type { BarView, ClaimView, NarrativesResponse, TickerView } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';

export type ClaimsResponse = { position: number; claims: ClaimView[] };
export type PricesResponse = { ticker: string; position: number; bars: BarView[] };
export type TickersResponse = { tickers: TickerView[] };

export const fetchClaims = (clock: ClockKey) => fetchJson<ClaimsResponse>(`/api/claims${toQuery(clock)}`);
export const fetchPrices = (ticker: string, clock: ClockKey) =>
  fetchJson<PricesResponse>(`/api/prices/${encodeURIComponent(ticker)}${toQuery(clock)}`);
export const fetchTickers = () => fetchJson<TickersResponse>('/api/tickers');
export const fetchNarratives = (p: { tickers: string; window: string; asOf: string | null; position: number | null }) =>
  fetchJson<NarrativesResponse>(`/api/narratives${toQuery(p)}`);
