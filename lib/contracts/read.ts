// Response shapes of the read API, shared by route handlers, server prefetch and client queries.
import type { EventStudyResult } from '@/lib/analytics/types';
import type { NarrativeAggregate } from '@/lib/analytics/narratives';
import type { ImpactParams, NarrativeParams } from '@/lib/analytics/params';
import type { ClaimHistoryItem, ClaimStatus } from '@/lib/domain/cost-claim';
import type { Figure, Source } from '@/lib/domain/schemas';
import type { KINDS, METRICS, RELATION_TYPES, TICKER_ROLES } from '@/lib/domain/schemas';

export type EntryView = {
  id: string;
  date: string;
  time_utc: string | null;
  kind: (typeof KINDS)[number];
  title: string;
  summary: string;
  /** A narrative id (slug) known to the ledger (GET /api/narratives/definitions). */
  narrative: string;
  entities: string[];
  tickers: string[];
  figures: Figure[];
  sources: Source[];
  confidence: 'verified' | 'reported' | null;
  version: number;
  status: 'active' | 'retracted';
};

export type HistoryItem = {
  position: number;
  stream_version: number;
  type: string;
  recorded_at: string;
  occurred_at: string;
  actor: string | null;
  reason: string | null;
  data: unknown;
};

export type ClaimRelation = {
  type: (typeof RELATION_TYPES)[number];
  direction: 'outgoing' | 'incoming';
  /** the other claim's id */
  claim: string;
};

export type ClaimView = {
  id: string;
  entry_id: string | null;
  asserted_on: string;
  subject: string;
  metric: (typeof METRICS)[number];
  value: number;
  unit: string;
  qualifier: string | null;
  scope: string;
  claimant: string;
  /** A narrative id (slug) known to the ledger (GET /api/narratives/definitions). */
  narrative: string;
  relation: { type: (typeof RELATION_TYPES)[number]; target: string } | null;
  current_value: number;
  status: ClaimStatus;
  relations: ClaimRelation[];
  sources: Source[];
  history: ClaimHistoryItem[];
  version: number;
};

export type TickerView = {
  symbol: string;
  name: string;
  exchange: string | null;
  role: (typeof TICKER_ROLES)[number];
  shares_outstanding: number | null;
  default_benchmark: boolean;
  first_date: string | null;
  last_date: string | null;
  bars: number;
};

export type BarView = {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  adj_close: number | null;
  volume: number | null;
};

export type LedgerEventView = {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown>;
  occurred_at: string;
  recorded_at: string;
};

/** A narrative as defined in the ledger (NarrativeDefined, then NarrativeAmended): lanes sort by `sort_order`. */
export type NarrativeView = { id: string; name: string; thesis: string; color: string; sort_order: number; version: number };

export type ImpactResult = {
  event_id: string;
  event_date: string;
  event_time_utc: string | null;
  event_title: string;
  ticker: string;
  benchmark: string;
  model: EventStudyResult['model'];
  day0: EventStudyResult['day0'];
  result: EventStudyResult['result'];
  reason: string | null;
  warnings: EventStudyResult['warnings'];
  /** Only in the `summary=1` form, where `warnings` and `result.daily` are left empty. */
  warnings_count?: number;
};

// ---- one type per GET route's body ----

/**
 * GET /api/timeline. `next_cursor` is there only when the request asked for a page (`limit` or
 * `cursor`): pass it as `cursor` for the next page; null on the last page.
 */
export type TimelineResponse = { position: number; entries: EntryView[]; next_cursor?: string | null };
/** GET /api/timeline/:id */
export type EntryResponse = EntryView & { position: number; history: HistoryItem[] };
/** GET /api/claims */
export type ClaimsResponse = { position: number; claims: ClaimView[] };
/** GET /api/tickers */
export type TickersResponse = { tickers: TickerView[] };
/** GET /api/prices/:ticker */
export type PricesResponse = { ticker: string; position: number; bars: BarView[] };
/**
 * GET /api/series: several tickers' daily bars in columns (the dashboard's chart data, about a
 * third of the bytes of /api/prices). A ticker that is not listed comes back with `listed: false`
 * and empty columns, so one unknown symbol does not blank the others.
 */
export type SeriesColumns = {
  ticker: string;
  listed: boolean;
  dates: string[];
  close: number[];
  adj_close: (number | null)[];
  volume: (number | null)[];
};
export type SeriesResponse = { position: number; series: SeriesColumns[] };
/** GET /api/impacts */
export type ImpactsResponse = { position: number; params: ImpactParams; params_hash: string; results: ImpactResult[] };
/** GET /api/narratives */
export type NarrativesResponse = {
  position: number;
  params: NarrativeParams;
  params_hash: string;
  narratives: NarrativeAggregate[];
};
/** GET /api/narratives/definitions */
export type NarrativeDefinitionsResponse = { position: number; narratives: NarrativeView[] };
/** GET /api/health */
export type HealthResponse = { ok: boolean; position: number };


/** GET /api/ledger */
export type LedgerResponse = { position: number; events: LedgerEventView[] };
