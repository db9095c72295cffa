// The TanStack Query key factory: server prefetch and client hooks build keys here only.
export type ClockKey = { asOf: string | null; position: number | null };

export const queryKeys = {
  all: ['impactline'] as const,
  timeline: (clock: ClockKey) => [...queryKeys.all, 'timeline', clock] as const,
  entry: (id: string, clock: ClockKey) => [...queryKeys.all, 'entry', id, clock] as const,
  claims: (clock: ClockKey) => [...queryKeys.all, 'claims', clock] as const,
  tickers: () => [...queryKeys.all, 'tickers'] as const,
  prices: (ticker: string, clock: ClockKey) => [...queryKeys.all, 'prices', ticker, clock] as const,
  series: (tickers: readonly string[], clock: ClockKey) => [...queryKeys.all, 'series', tickers.join(','), clock] as const,
  impacts: (params: Record<string, unknown>) => [...queryKeys.all, 'impacts', params] as const,
  narratives: (params: Record<string, unknown>) => [...queryKeys.all, 'narratives', params] as const,
  tests: (params: Record<string, unknown>) => [...queryKeys.all, 'tests', params] as const,
  matrix: (params: Record<string, unknown>) => [...queryKeys.all, 'matrix', params] as const,
  claimReactions: (params: Record<string, unknown>) => [...queryKeys.all, 'claim-reactions', params] as const,
  /** The narratives the ledger defines; only a ledger position replays them (no valid time). */
  narrativeDefinitions: (clock: Pick<ClockKey, 'position'>) => [...queryKeys.all, 'narrative-definitions', { position: clock.position }] as const,
  ledger: (params: Record<string, unknown>) => [...queryKeys.all, 'ledger', params] as const,
  health: () => [...queryKeys.all, 'health'] as const,
};
