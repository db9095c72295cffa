// Client-side fetchers for the JSON API: the only place that knows the read routes' URLs.
// Plain fetch, no React, so server code, scripts and tests can call them too. Errors carry
// the server's message.
import type {
  ClaimReactionsResponse,
  ClaimsResponse,
  EntryResponse,
  HealthResponse,
  LedgerResponse,
  ImpactsResponse,
  MatrixResponse,
  NarrativeDefinitionsResponse,
  NarrativesResponse,
  PricesResponse,
  SeriesResponse,
  TestsResponse,
  TickersResponse,
  TimelineResponse,
} from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init?.headers ?? {}) } });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const message = typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : `HTTP ${res.status}`;
    throw new ApiError(res.status, message, body);
  }
  return body as T;
}

/** Build a query string from defined, non-empty values (arrays joined with commas). */
export function toQuery(params: Record<string, string | number | boolean | readonly string[] | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** Query parameters of the computed reads (impacts, narratives), also their query keys' params. */
export type QueryParams = Record<string, string | number | null>;

// Only the clock's two fields go into the URL, whatever else the object carries.
const clockQuery = (clock: ClockKey) => toQuery({ asOf: clock.asOf, position: clock.position });

/** The chart data URL; the page preloads exactly this URL, so the fetch after hydration finds it. */
export function seriesUrl(tickers: readonly string[], clock: ClockKey): string {
  return `/api/series${toQuery({ tickers: tickers.join(','), asOf: clock.asOf, position: clock.position })}`;
}

/** One fetcher per GET route; the response types are the routes' contracts in lib/contracts/read. */
export const api = {
  timeline: (clock: ClockKey) => fetchJson<TimelineResponse>(`/api/timeline${clockQuery(clock)}`),
  entry: (id: string, clock: ClockKey) => fetchJson<EntryResponse>(`/api/timeline/${encodeURIComponent(id)}${clockQuery(clock)}`),
  claims: (clock: ClockKey) => fetchJson<ClaimsResponse>(`/api/claims${clockQuery(clock)}`),
  tickers: () => fetchJson<TickersResponse>('/api/tickers'),
  prices: (ticker: string, clock: ClockKey) => fetchJson<PricesResponse>(`/api/prices/${encodeURIComponent(ticker)}${clockQuery(clock)}`),
  series: (tickers: readonly string[], clock: ClockKey) => fetchJson<SeriesResponse>(seriesUrl(tickers, clock)),
  impacts: (params: QueryParams) => fetchJson<ImpactsResponse>(`/api/impacts${toQuery(params)}`),
  narratives: (params: QueryParams) => fetchJson<NarrativesResponse>(`/api/narratives${toQuery(params)}`),
  tests: (params: QueryParams) => fetchJson<TestsResponse>(`/api/impacts/tests${toQuery(params)}`),
  matrix: (params: QueryParams) => fetchJson<MatrixResponse>(`/api/impacts/matrix${toQuery(params)}`),
  claimReactions: (params: QueryParams) => fetchJson<ClaimReactionsResponse>(`/api/narratives/claim-reactions${toQuery(params)}`),
  narrativeDefinitions: (clock: Pick<ClockKey, 'position'>) =>
    fetchJson<NarrativeDefinitionsResponse>(`/api/narratives/definitions${toQuery({ position: clock.position })}`),
  health: () => fetchJson<HealthResponse>('/api/health'),
  ledger: (p: { after?: number | null; limit?: number | null; stream?: string | null; type?: string | null }) =>
    fetchJson<LedgerResponse>(`/api/ledger${toQuery({ after: p.after, limit: p.limit, stream: p.stream, type: p.type })}`),
};
