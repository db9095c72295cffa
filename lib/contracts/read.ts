// Response shapes of the read API, shared by route handlers, server prefetch and client queries.
import type { EventStudyResult } from '@/lib/analytics/types';
import type { NarrativeAggregate } from '@/lib/analytics/narratives';
import type { TestBattery, TestResult } from '@/lib/analytics/tests-info';
import type { ClaimReactionParams, ImpactParams, MatrixParams, NarrativeParams, TestsParams } from '@/lib/analytics/params';
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
/** GET /api/narratives: each aggregate with the test battery over its pairs. */
export type NarrativesResponse = {
  position: number;
  params: NarrativeParams;
  params_hash: string;
  narratives: (NarrativeAggregate & { tests: TestBattery })[];
};

export type { TestBattery, TestResult };

/** One (event, ticker) pair of a battery: its day 0 and the per-pair numbers the tests use. */
export type TestPair = {
  event: string;
  ticker: string;
  day0: string;
  car: number;
  /** The per-event t of the CAR (σ from the estimation window) and its p. */
  t: number;
  p: number | null;
  scar: number;
  bhar: number | null;
  /** Cumulative abnormal log volume; null when the pair has no usable volume (see `excluded`). */
  cav: number | null;
  cav_t: number | null;
  sigma: number;
  estimation_n: number;
};

/** A pair left out: of the whole sample, or (scope 'volume') of the volume test only. */
export type ExcludedPair = { event: string; ticker: string; reason: string; scope: 'sample' | 'volume' };

/** GET /api/impacts/tests */
export type TestsResponse = {
  position: number;
  params: TestsParams;
  params_hash: string;
  window: { from: number; to: number };
  n: number;
  pairs: TestPair[];
  excluded: ExcludedPair[];
  caar: number | null;
  mean_bhar: number | null;
  tests: TestBattery;
};

export type MatrixCell = { car: number; t: number; p: number | null };
export type MatrixSummary = { caar: number | null; n: number; bmp: TestResult };

/** GET /api/impacts/matrix: rows are events (by date), columns tickers. */
export type MatrixResponse = {
  position: number;
  params: MatrixParams;
  params_hash: string;
  window: { from: number; to: number };
  events: { id: string; date: string; title: string; narrative: string; kind: string }[];
  tickers: string[];
  cells: (MatrixCell | null)[][];
  /** Why a cell is null (same shape as cells; null where the cell has a value). */
  reasons: (string | null)[][];
  /** Per event (row) and per ticker (column): CAAR with the BMP test over the row's or column's pairs. */
  rows: MatrixSummary[];
  columns: MatrixSummary[];
};

/** One cost claim in dollars against the ticker's CAR at the date it was asserted. */
export type ClaimReactionPoint = {
  claim: string;
  subject: string;
  metric: string;
  claimant: string;
  narrative: string;
  asserted_on: string;
  value_usd: number;
  log10_usd: number;
  day0: string;
  car: number;
  t: number;
  p: number | null;
};

/** OLS of CAR on log10(USD): slope with its t (df n − 2), R²; null with a reason when n < 3. */
export type ClaimReactionFit = {
  n: number;
  slope: number | null;
  intercept: number | null;
  slope_t: number | null;
  slope_p: number | null;
  df: number | null;
  r2: number | null;
  reason: string | null;
  /** n below which the scatter says "too few to conclude". */
  min_n: number;
  conclusive: boolean;
};

/** GET /api/narratives/claim-reactions */
export type ClaimReactionsResponse = {
  position: number;
  params: ClaimReactionParams;
  params_hash: string;
  ticker: string;
  window: { from: number; to: number };
  points: ClaimReactionPoint[];
  excluded: { claim: string; asserted_on: string; reason: string }[];
  fit: ClaimReactionFit;
};
/** GET /api/narratives/definitions */
export type NarrativeDefinitionsResponse = { position: number; narratives: NarrativeView[] };
/** GET /api/health */
export type HealthResponse = { ok: boolean; position: number };


/** GET /api/ledger */
export type LedgerResponse = { position: number; events: LedgerEventView[] };
