// TanStack Query options per read route: the key from lib/query-keys (the server prefetch
// fills the same keys) and the fetcher from lib/api-client. Hooks add only view-specific options.
import { queryOptions } from '@tanstack/react-query';
import { api, type QueryParams } from '@/components/data/api-client';
import { queryKeys, type ClockKey } from '@/lib/query-keys';

export const timelineQuery = (clock: ClockKey) => queryOptions({ queryKey: queryKeys.timeline(clock), queryFn: () => api.timeline(clock) });

export const entryQuery = (id: string, clock: ClockKey) => queryOptions({ queryKey: queryKeys.entry(id, clock), queryFn: () => api.entry(id, clock) });

export const claimsQuery = (clock: ClockKey) => queryOptions({ queryKey: queryKeys.claims(clock), queryFn: () => api.claims(clock) });

/** Tickers change only when an analyst lists one, so they stay fresh for minutes. */
export const tickersQuery = () => queryOptions({ queryKey: queryKeys.tickers(), queryFn: api.tickers, staleTime: 5 * 60_000 });

export const pricesQuery = (ticker: string, clock: ClockKey) =>
  queryOptions({ queryKey: queryKeys.prices(ticker, clock), queryFn: () => api.prices(ticker, clock) });

export const seriesQuery = (tickers: readonly string[], clock: ClockKey) =>
  queryOptions({ queryKey: queryKeys.series(tickers, clock), queryFn: () => api.series(tickers, clock) });

export const impactsQuery = (params: QueryParams) => queryOptions({ queryKey: queryKeys.impacts(params), queryFn: () => api.impacts(params) });

export const narrativesQuery = (params: QueryParams) => queryOptions({ queryKey: queryKeys.narratives(params), queryFn: () => api.narratives(params) });

export const testsQuery = (params: QueryParams) => queryOptions({ queryKey: queryKeys.tests(params), queryFn: () => api.tests(params) });

export const matrixQuery = (params: QueryParams) => queryOptions({ queryKey: queryKeys.matrix(params), queryFn: () => api.matrix(params) });

export const claimReactionsQuery = (params: QueryParams) =>
  queryOptions({ queryKey: queryKeys.claimReactions(params), queryFn: () => api.claimReactions(params) });

export const narrativeDefinitionsQuery = (clock: Pick<ClockKey, 'position'>) =>
  queryOptions({ queryKey: queryKeys.narrativeDefinitions(clock), queryFn: () => api.narrativeDefinitions(clock) });

export const healthQuery = () => queryOptions({ queryKey: queryKeys.health(), queryFn: api.health });
