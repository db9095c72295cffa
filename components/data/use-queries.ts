'use client';
// The read hooks the dashboard and the event views share: view state in, cached API data out.
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { QueryParams } from '@/components/data/api-client';
import { eventImpactParams } from '@/lib/dashboard-params';
import type { ClockKey } from '@/lib/query-keys';
import type { NarrativeView } from '@/lib/contracts/read';
import { claimsQuery, entryQuery, impactsQuery, narrativeDefinitionsQuery, pricesQuery, tickersQuery, timelineQuery } from './queries';

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

const NO_NARRATIVES: NarrativeView[] = [];

/**
 * The narratives the ledger defines (lanes, legends, filters), in lane order, at the clock's
 * ledger position. Prefetched by the pages; while a new position loads, the last list stays.
 */
export function useNarratives(clock: ClockKey): NarrativeView[] {
  const { data } = useQuery({ ...narrativeDefinitionsQuery(clock), placeholderData: keepPreviousData });
  return data?.narratives ?? NO_NARRATIVES;
}
