'use client';
// Client data hooks for the dashboard: one place that turns view state into API calls.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { fetchJson, toQuery } from '@/lib/api-client';
import type { BarView, ClaimView, EntryView, HistoryItem, ImpactsResponse, TickerView } from '@/lib/contracts/read';
import { queryKeys, type ClockKey } from '@/lib/query-keys';

export type TimelineResponse = { position: number; entries: EntryView[] };
export type PricesResponse = { ticker: string; position: number; bars: BarView[] };
export type EntryResponse = EntryView & { position: number; history: HistoryItem[] };

export { eventImpactParams, markerImpactParams, MARKER_WINDOW } from '@/lib/dashboard-params';

export const fetchers = {
  timeline: (clock: ClockKey) => fetchJson<TimelineResponse>(`/api/timeline${toQuery({ asOf: clock.asOf, position: clock.position })}`),
  tickers: () => fetchJson<{ tickers: TickerView[] }>('/api/tickers'),
  prices: (ticker: string, clock: ClockKey) =>
    fetchJson<PricesResponse>(`/api/prices/${encodeURIComponent(ticker)}${toQuery({ asOf: clock.asOf, position: clock.position })}`),
  impacts: (params: Record<string, string | number | null>) => fetchJson<ImpactsResponse>(`/api/impacts${toQuery(params)}`),
  claims: (clock: ClockKey) => fetchJson<{ position: number; claims: ClaimView[] }>(`/api/claims${toQuery({ asOf: clock.asOf, position: clock.position })}`),
  entry: (id: string, clock: ClockKey) => fetchJson<EntryResponse>(`/api/timeline/${encodeURIComponent(id)}${toQuery({ asOf: clock.asOf, position: clock.position })}`),
};

export function useTimeline(clock: ClockKey) {
  return useQuery({ queryKey: queryKeys.timeline(clock), queryFn: () => fetchers.timeline(clock), placeholderData: keepPreviousData });
}

export function useTickers() {
  return useQuery({ queryKey: queryKeys.tickers(), queryFn: fetchers.tickers, staleTime: 5 * 60_000 });
}

/** Bars of several tickers; `combine` keeps the result referentially stable between renders. */
export function usePrices(tickers: string[], clock: ClockKey) {
  return useQueries({
    queries: tickers.map((t) => ({
      queryKey: queryKeys.prices(t, clock),
      queryFn: () => fetchers.prices(t, clock),
      placeholderData: keepPreviousData,
    })),
    combine: (results) => ({
      bars: results.map((r) => r.data?.bars),
      isPending: results.some((r) => r.isPending),
      errors: results.map((r) => r.error).filter((e): e is Error => e !== null),
    }),
  });
}

export function useImpacts(params: Record<string, string | number | null> | null) {
  return useQuery({
    queryKey: queryKeys.impacts(params ?? {}),
    queryFn: () => fetchers.impacts(params!),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

export function useClaims(clock: ClockKey) {
  return useQuery({ queryKey: queryKeys.claims(clock), queryFn: () => fetchers.claims(clock) });
}

export function useEntry(id: string | null, clock: ClockKey) {
  return useQuery({ queryKey: queryKeys.entry(id ?? '', clock), queryFn: () => fetchers.entry(id!, clock), enabled: Boolean(id) });
}
