'use client';
// The read hooks the dashboard and the event views share: view state in, cached API data out.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { QueryParams } from '@/components/data/api-client';
import { eventImpactParams } from '@/lib/dashboard-params';
import type { ClockKey } from '@/lib/query-keys';
import type { BarView, NarrativeView, SeriesColumns } from '@/lib/contracts/read';
import { claimsQuery, entryQuery, impactsQuery, narrativeDefinitionsQuery, pricesQuery, seriesQuery, tickersQuery, timelineQuery } from './queries';

// keepPreviousData: while a new as-of date or ticker loads, the chart keeps the last data
// instead of blanking.

export function useTimeline(clock: ClockKey) {
  return useQuery({ ...timelineQuery(clock), placeholderData: keepPreviousData });
}

export function useTickers() {
  return useQuery(tickersQuery());
}

/** Bars of several tickers; `combine` keeps the result referentially stable between renders. */
export function usePrices(tickers: string[], clock: ClockKey) {
  return useQueries({
    queries: tickers.map((t) => ({ ...pricesQuery(t, clock), placeholderData: keepPreviousData })),
    combine: (results) => ({
      bars: results.map((r) => r.data?.bars),
      isPending: results.some((r) => r.isPending),
      errors: results.map((r) => r.error).filter((e): e is Error => e !== null),
      refetch: () => Promise.all(results.filter((r) => r.isError).map((r) => r.refetch())),
    }),
  });
}

export function useImpacts(params: QueryParams | null) {
  // A disabled query still needs a key; `{}` never runs.
  return useQuery({ ...impactsQuery(params ?? {}), enabled: params !== null, placeholderData: keepPreviousData });
}

/** The event study of one event for the given tickers; idle while no event is selected. */
export function useEventImpacts(eventId: string | null, tickers: string[], clock: ClockKey) {
  return useImpacts(eventId ? eventImpactParams(eventId, tickers, clock) : null);
}

export function useClaims(clock: ClockKey) {
  return useQuery(claimsQuery(clock));
}

export function useEntry(id: string | null, clock: ClockKey) {
  return useQuery({ ...entryQuery(id ?? '', clock), enabled: Boolean(id) });
}

/** Columns back to bars (the shape the chart math takes); open, high and low are not sent. */
export function barsFromColumns(c: SeriesColumns): BarView[] {
  const out: BarView[] = new Array(c.dates.length);
  for (let i = 0; i < c.dates.length; i++) out[i] = { date: c.dates[i]!, open: null, high: null, low: null, close: c.close[i]!, adj_close: c.adj_close[i] ?? null, volume: c.volume[i] ?? null };
  return out;
}

/**
 * The chart's daily bars of several tickers in one request (GET /api/series, which the page
 * preloads). `bars[i]` is undefined until loaded; `unlisted` names tickers the ledger does not list.
 */
export function useSeries(tickers: string[], clock: ClockKey) {
  const q = useQuery({ ...seriesQuery(tickers, clock), placeholderData: keepPreviousData });
  const bars = useMemo(() => {
    const byTicker = new Map((q.data?.series ?? []).map((s) => [s.ticker, s]));
    return tickers.map((t) => {
      const s = byTicker.get(t);
      return s ? barsFromColumns(s) : undefined;
    });
  }, [q.data, tickers]);
  const unlisted = useMemo(() => (q.data?.series ?? []).filter((s) => !s.listed).map((s) => s.ticker), [q.data]);
  return { bars, unlisted, isPending: q.isPending, error: q.error, refetch: q.refetch };
}

const NO_NARRATIVES: NarrativeView[] = [];

/**
 * The narratives the ledger defines (lanes, legends, filters), in lane order, at the clock's
 * ledger position. Prefetched by the pages; while a new position loads, the last list stays.
 */
export function useNarratives(clock: ClockKey): NarrativeView[] {
  const { data } = useQuery({ ...narrativeDefinitionsQuery(clock), placeholderData: keepPreviousData });
  return data?.narratives ?? NO_NARRATIVES;
}
