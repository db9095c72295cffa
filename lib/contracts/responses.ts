// Response shapes of the API as zod schemas: the source of GET /api/openapi.json's response
// schemas (lib/contracts/api-routes.ts), and what the integration tests validate answers against.
// Each mirrors its TypeScript contract (lib/contracts/read.ts, price-import.ts, episode.ts); the
// checks at the end of this file fail `npm run typecheck` when the two drift apart, so a field
// added to a contract must be added here too (and so to the API document).
import { z } from 'zod';
import type { NarrativeAggregate } from '@/lib/analytics/narratives';
import type { ClaimReactionParams, ImpactParams, MatrixParams, NarrativeParams, TestsParams } from '@/lib/analytics/params';
import { TEST_NAMES, type TestBattery, type TestResult } from '@/lib/analytics/tests-info';
import type { VolumeStudy } from '@/lib/analytics/types';
import { KINDS, METRICS, RELATION_TYPES, TICKER_ROLES, figureSchema, sourceSchema } from '@/lib/domain/schemas';
import type { EpisodeImportResponse, EpisodeRefusal, TimelineImportResponse } from './episode';
import type { ImportResponse, PreviewResponse } from './price-import';
import type {
  BarView,
  ClaimReactionsResponse,
  ClaimView,
  EntryView,
  HealthResponse,
  HistoryItem,
  ImpactResult,
  LedgerEventView,
  MatrixResponse,
  NarrativeDefinitionsResponse,
  NarrativeView,
  SeriesColumns,
  SeriesResponse,
  TestsResponse,
  TickerView,
  TimelineResponse,
} from './read';

const nullableNumber = z.number().nullable();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

// ---- errors and command answers ----

export const problem = z.object({ field: z.string(), message: z.string() }).meta({ description: 'One refused field: its path and the rule it broke.' });

/** Every refusal: `error` is the error code (validation, unauthorized, forbidden, not_found, conflict, too_large, unsupported_media_type, unprocessable, rate_limited, internal). */
export const errorBody = z
  .looseObject({
    error: z.string(),
    message: z.string(),
    problems: z.array(problem).optional(),
  })
  .meta({ description: 'A refusal: nothing was written. `problems` names each field and rule; some refusals carry more fields (e.g. a 409 carries current_version and unseen_events).' });

export const commandAnswer = z.object({ id: z.string(), version: z.number().int(), position: z.number().int() }).meta({ description: 'A recorded command: the entity id, its stream version and the ledger position of its last event.' });

// ---- read shapes ----

export const source = sourceSchema;
export const figure = figureSchema;

export const entryView = z.object({
  id: z.string(),
  date: isoDay,
  time_utc: z.string().nullable(),
  kind: z.enum(KINDS),
  title: z.string(),
  summary: z.string(),
  narrative: z.string(),
  entities: z.array(z.string()),
  tickers: z.array(z.string()),
  figures: z.array(figure),
  sources: z.array(source),
  confidence: z.enum(['verified', 'reported']).nullable(),
  version: z.number().int(),
  status: z.enum(['active', 'retracted']),
});

export const historyItem = z.object({
  position: z.number().int(),
  stream_version: z.number().int(),
  type: z.string(),
  recorded_at: z.string(),
  occurred_at: z.string(),
  actor: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.unknown(),
});

const claimHistoryItem = z.discriminatedUnion('type', [
  z.object({ type: z.literal('revised'), on: z.string(), value: z.number(), previous: z.number(), reason: z.string(), source: source.nullable() }),
  z.object({ type: z.literal('disputed'), on: z.string(), by: z.string(), argument: z.string(), source: source.nullable() }),
  z.object({ type: z.literal('corroborated'), on: z.string(), by: z.string(), source: source.nullable() }),
]);

export const claimView = z.object({
  id: z.string(),
  entry_id: z.string().nullable(),
  asserted_on: isoDay,
  subject: z.string(),
  metric: z.enum(METRICS),
  value: z.number(),
  unit: z.string(),
  qualifier: z.string().nullable(),
  scope: z.string(),
  claimant: z.string(),
  narrative: z.string(),
  relation: z.object({ type: z.enum(RELATION_TYPES), target: z.string() }).nullable(),
  current_value: z.number(),
  status: z.enum(['asserted', 'revised', 'disputed']),
  relations: z.array(z.object({ type: z.enum(RELATION_TYPES), direction: z.enum(['outgoing', 'incoming']), claim: z.string() })),
  sources: z.array(source),
  history: z.array(claimHistoryItem),
  version: z.number().int(),
});

export const tickerView = z.object({
  symbol: z.string(),
  name: z.string(),
  exchange: z.string().nullable(),
  role: z.enum(TICKER_ROLES),
  shares_outstanding: nullableNumber,
  default_benchmark: z.boolean(),
  first_date: z.string().nullable(),
  last_date: z.string().nullable(),
  bars: z.number().int(),
});

export const barView = z.object({
  date: isoDay,
  open: nullableNumber,
  high: nullableNumber,
  low: nullableNumber,
  close: z.number(),
  adj_close: nullableNumber,
  volume: nullableNumber,
});

/** One ticker's bars in columns (GET /api/series): index i of every array is one trading day. */
export const seriesColumns = z.object({
  ticker: z.string(),
  listed: z.boolean().meta({ description: 'False for a ticker the ledger does not list (its columns are empty).' }),
  dates: z.array(isoDay),
  close: z.array(z.number()),
  adj_close: z.array(nullableNumber),
  volume: z.array(nullableNumber),
});

export const ledgerEventView = z.object({
  position: z.number().int(),
  event_id: z.string(),
  stream_id: z.string(),
  stream_version: z.number().int(),
  type: z.string(),
  schema_version: z.number().int(),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
  occurred_at: z.string(),
  recorded_at: z.string(),
});

export const narrativeView = z.object({
  id: z.string(),
  name: z.string().meta({ description: "The narrative's label (POST /api/narratives `label`)." }),
  thesis: z.string().meta({ description: "Its description (POST /api/narratives `description`)." }),
  color: z.string(),
  sort_order: z.number().int(),
  version: z.number().int(),
});

// ---- the event study ----

const model = z.enum(['market', 'market-adjusted', 'constant-mean']);
const eventWindow = z.tuple([z.number().int(), z.number().int()]);

/** Present only for log returns: a request without `returns=log` keeps its former bytes and hash. */
const returnsKind = z.literal('log').optional().meta({ description: 'Present (`log`) only when log returns were asked for; absent means simple returns.' });

export const impactParams = z.object({
  events: z.array(z.string()).nullable(),
  tickers: z.array(z.string()),
  benchmark: z.string(),
  model,
  returns: returnsKind,
  estimation: z.number().int(),
  gap: z.number().int(),
  windows: z.array(eventWindow),
  asOf: z.string().nullable(),
  position: z.number().int().nullable(),
  volume: z.literal(true).optional().meta({ description: 'Present when `volume=1` asked for the abnormal volume.' }),
});

export const narrativeParams = impactParams.omit({ events: true, windows: true, volume: true }).extend({ window: eventWindow });

/** What the battery, the matrix and the claim scatter share: one window and the model. */
const windowedParams = {
  benchmark: z.string(),
  model,
  returns: returnsKind,
  estimation: z.number().int(),
  gap: z.number().int(),
  window: eventWindow,
  asOf: z.string().nullable(),
  position: z.number().int().nullable(),
};

export const testsParams = z.object({
  events: z.array(z.string()).nullable(),
  narrative: z.string().nullable(),
  tickers: z.array(z.string()),
  pairs: z.array(z.object({ event: z.string(), ticker: z.string() })).nullable(),
  ...windowedParams,
});

export const matrixParams = z.object({
  events: z.array(z.string()).nullable(),
  narrative: z.string().nullable(),
  kinds: z.array(z.string()).nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  tickers: z.array(z.string()).nullable(),
  ...windowedParams,
});

export const claimReactionParams = z.object({ ticker: z.string(), ...windowedParams });

const dailyRow = z.object({
  day: z.number().int(),
  date: isoDay,
  return: nullableNumber,
  benchmark_return: nullableNumber,
  expected: nullableNumber,
  ar: nullableNumber,
  car: z.number(),
});

const windowResult = z.object({
  from: z.number().int(),
  to: z.number().int(),
  car: nullableNumber,
  t: nullableNumber,
  p: nullableNumber,
  n: z.number().int(),
  cut: z.enum(['asOf', 'end_of_data']).nullable(),
  dollar_impact: z.object({ usd: z.number(), label: z.literal('estimate: CAR × market value at close of day t1-1') }).nullable(),
});

const estimation = z.object({
  start: z.string(),
  end: z.string(),
  n: z.number().int(),
  alpha: nullableNumber,
  beta: nullableNumber,
  sigma: z.number(),
  df: z.number().int(),
  r2: nullableNumber,
});

export const volumeStudy = z
  .object({
    reason: z.string().nullable(),
    estimation: z.object({ n: z.number().int(), mean: z.number(), sd: z.number() }).nullable(),
    daily: z.array(z.object({ day: z.number().int(), date: isoDay, volume: nullableNumber, av: nullableNumber, cav: z.number() })),
    windows: z.array(z.object({ from: z.number().int(), to: z.number().int(), cav: nullableNumber, t: nullableNumber, n: z.number().int() })),
  })
  .meta({ description: 'Abnormal log volume v = ln(1 + volume) minus its estimation-window mean, over the same days and windows (with `volume=1`).' });

export const impactResult = z.object({
  event_id: z.string(),
  event_date: isoDay,
  event_time_utc: z.string().nullable(),
  event_title: z.string(),
  ticker: z.string(),
  benchmark: z.string(),
  model,
  day0: z.object({ date: isoDay, reason: z.enum(['same day', 'weekend/holiday', 'after close']) }).nullable(),
  result: z.object({ estimation, daily: z.array(dailyRow), windows: z.array(windowResult), volume: volumeStudy.optional() }).nullable(),
  reason: z.string().nullable(),
  warnings: z.array(z.object({ code: z.enum(['overlap_event_window', 'overlap_estimation_window', 'window_cut', 'missing_returns']), message: z.string(), event_id: z.string().optional() })),
  warnings_count: z.number().int().optional(),
});

export const narrativeAggregate = z.object({
  narrative: z.string(),
  ticker: z.string(),
  events: z.array(z.object({ event_id: z.string(), date: isoDay, car: z.number(), cumulative: z.number() })),
  n: z.number().int(),
  missing: z.number().int(),
  mean_car: nullableNumber,
  t_stat: nullableNumber,
  p_value: nullableNumber,
  cumulative_car: nullableNumber,
  share_negative: nullableNumber,
});

// ---- the test battery (issue 15) ----

export const testResult = z.object({
  statistic: nullableNumber,
  p_value: nullableNumber,
  n: z.number().int().meta({ description: 'Pairs the statistic is computed on.' }),
  distribution: z.enum(['normal', 't']),
  df: z.number().int().optional(),
  reason: z.string().optional().meta({ description: 'Why the statistic is null.' }),
  r_bar: z.number().optional().meta({ description: 'Kolari–Pynnönen: the mean pairwise correlation of estimation residuals.' }),
  p_hat: z.number().optional().meta({ description: 'Generalised sign: the expected share of positive abnormal returns.' }),
  positive: z.number().int().optional().meta({ description: 'Generalised sign: pairs with CAR > 0.' }),
});

export const testBattery = z.object(Object.fromEntries(TEST_NAMES.map((name) => [name, testResult])) as Record<(typeof TEST_NAMES)[number], typeof testResult>);

const eventWindowObject = z.object({ from: z.number().int(), to: z.number().int() });

export const testPair = z.object({
  event: z.string(),
  ticker: z.string(),
  day0: isoDay,
  car: z.number(),
  t: z.number(),
  p: nullableNumber,
  scar: z.number(),
  bhar: nullableNumber,
  cav: nullableNumber,
  cav_t: nullableNumber,
  sigma: z.number(),
  estimation_n: z.number().int(),
});

export const excludedPair = z.object({ event: z.string(), ticker: z.string(), reason: z.string(), scope: z.enum(['sample', 'volume']) });

const matrixSummary = z.object({ caar: nullableNumber, n: z.number().int(), bmp: testResult });

export const claimReactionPoint = z.object({
  claim: z.string(),
  subject: z.string(),
  metric: z.string(),
  claimant: z.string(),
  narrative: z.string(),
  asserted_on: isoDay,
  value_usd: z.number(),
  log10_usd: z.number(),
  day0: isoDay,
  car: z.number(),
  t: z.number(),
  p: nullableNumber,
});

export const claimReactionFit = z.object({
  n: z.number().int(),
  slope: nullableNumber,
  intercept: nullableNumber,
  slope_t: nullableNumber,
  slope_p: nullableNumber,
  df: z.number().int().nullable(),
  r2: nullableNumber,
  reason: z.string().nullable(),
  min_n: z.number().int(),
  conclusive: z.boolean(),
});

// ---- one schema per route's answer ----

export const responses = {
  health: z.object({ ok: z.boolean(), position: z.number().int() }),
  timeline: z.object({
    position: z.number().int(),
    entries: z.array(entryView),
    /** Only on a paged answer (`limit` or `cursor`): the next page's cursor, null on the last. */
    next_cursor: z.string().nullable().optional(),
  }),
  entry: entryView.extend({ position: z.number().int(), history: z.array(historyItem) }),
  claims: z.object({ position: z.number().int(), claims: z.array(claimView) }),
  tickers: z.object({ tickers: z.array(tickerView) }),
  prices: z.object({ ticker: z.string(), position: z.number().int(), bars: z.array(barView) }),
  series: z.object({ position: z.number().int(), series: z.array(seriesColumns) }),
  impacts: z.object({ position: z.number().int(), params: impactParams, params_hash: z.string(), results: z.array(impactResult) }),
  narratives: z.object({ position: z.number().int(), params: narrativeParams, params_hash: z.string(), narratives: z.array(narrativeAggregate.extend({ tests: testBattery })) }),
  tests: z.object({
    position: z.number().int(),
    params: testsParams,
    params_hash: z.string(),
    window: eventWindowObject,
    n: z.number().int(),
    pairs: z.array(testPair),
    excluded: z.array(excludedPair),
    caar: nullableNumber,
    mean_bhar: nullableNumber,
    tests: testBattery,
  }),
  matrix: z.object({
    position: z.number().int(),
    params: matrixParams,
    params_hash: z.string(),
    window: eventWindowObject,
    events: z.array(z.object({ id: z.string(), date: isoDay, title: z.string(), narrative: z.string(), kind: z.string() })),
    tickers: z.array(z.string()),
    cells: z.array(z.array(z.object({ car: z.number(), t: z.number(), p: nullableNumber }).nullable())),
    reasons: z.array(z.array(z.string().nullable())),
    rows: z.array(matrixSummary),
    columns: z.array(matrixSummary),
  }),
  claimReactions: z.object({
    position: z.number().int(),
    params: claimReactionParams,
    params_hash: z.string(),
    ticker: z.string(),
    window: eventWindowObject,
    points: z.array(claimReactionPoint),
    excluded: z.array(z.object({ claim: z.string(), asserted_on: isoDay, reason: z.string() })),
    fit: claimReactionFit,
  }),
  narrativeDefinitions: z.object({ position: z.number().int(), narratives: z.array(narrativeView) }),
  ledger: z.object({ position: z.number().int(), events: z.array(ledgerEventView) }),
  sources: z.object({
    position: z.number().int(),
    sources: z.array(z.object({ ticker: z.string(), sources: z.array(z.string()).meta({ description: 'Where the ticker\'s bars came from: each distinct source of its price imports and corrections up to the position.' }) })),
  }),
  session: z.object({ ok: z.literal(true) }),
  openapi: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
} as const;

// ---- imports ----

const priceFormat = z.enum(['yahoo', 'stooq', 'impactline']);
const priceProblem = z.object({ line: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string(), severity: z.enum(['error', 'warning']) });
const importReport = {
  format: priceFormat.nullable(),
  rows: z.number().int(),
  valid: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(priceProblem),
  warningCount: z.number().int(),
  warnings: z.array(priceProblem),
  skipped: z.number().int(),
  skippedLines: z.array(z.number().int()),
  ignored: z.record(z.string(), z.number().int()),
};

export const priceImportAnswer = z.object({
  ticker: z.string(),
  format: priceFormat.nullable(),
  rows: z.number().int(),
  inserted: z.number().int(),
  unchanged: z.number().int(),
  corrected: z.number().int(),
  skipped: z.number().int(),
  ignored: z.record(z.string(), z.number().int()),
  warnings: z.number().int(),
  position: z.number().int().nullable(),
  positions: z.array(z.number().int()),
  message: z.string(),
  problems: z.object({ errors: z.array(priceProblem), errorCount: z.number().int(), warnings: z.array(priceProblem), skippedLines: z.array(z.number().int()) }),
});

export const pricePreviewAnswer = z.object({
  ...importReport,
  ticker: z.string(),
  ok: z.boolean(),
  message: z.string(),
  would: z.object({ inserted: z.number().int(), unchanged: z.number().int(), corrected: z.number().int() }).nullable(),
  preview: z.array(barView.extend({ line: z.number().int() })),
});

export const priceImportRefusal = errorBody.extend(
  Object.fromEntries(Object.entries(importReport).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof importReport]: z.ZodOptional<(typeof importReport)[K]> },
);

const counts = z.object({ narratives: z.number().int(), tickers: z.number().int(), entries: z.number().int(), claims: z.number().int() });

export const episodeImportAnswer = counts.extend({
  dry_run: z.boolean(),
  position: z.number().int(),
  unchanged: counts,
  events: z.number().int(),
  message: z.string(),
});

export const timelineImportAnswer = episodeImportAnswer.extend({
  rows: z.number().int(),
  skipped: z.array(z.object({ line: z.number().int(), message: z.string() })),
});

export const episodeRefusal = z.object({
  error: z.string(),
  message: z.string(),
  problems: z.array(problem),
  problem_count: z.number().int(),
  items: counts,
});

// ---- each schema matches its TypeScript contract (checked by tsc) ----

/** true when A and B are assignable to each other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A compile-time check: an argument of `true` type-checks only when the two shapes agree. */
function matches<A, B>(same: Same<A, B>): Same<A, B> {
  return same;
}
export const CONTRACT_CHECKS = [
  matches<z.output<typeof entryView>, EntryView>(true),
  matches<z.output<typeof historyItem>, HistoryItem>(true),
  matches<z.output<typeof claimView>, ClaimView>(true),
  matches<z.output<typeof tickerView>, TickerView>(true),
  matches<z.output<typeof barView>, BarView>(true),
  matches<z.output<typeof seriesColumns>, SeriesColumns>(true),
  matches<z.output<typeof responses.series>, SeriesResponse>(true),
  matches<z.output<typeof ledgerEventView>, LedgerEventView>(true),
  matches<z.output<typeof narrativeView>, NarrativeView>(true),
  matches<z.output<typeof impactParams>, ImpactParams>(true),
  matches<z.output<typeof narrativeParams>, NarrativeParams>(true),
  matches<z.output<typeof impactResult>, ImpactResult>(true),
  matches<z.output<typeof narrativeAggregate>, NarrativeAggregate>(true),
  matches<z.output<typeof volumeStudy>, VolumeStudy>(true),
  matches<z.output<typeof testResult>, TestResult>(true),
  matches<z.output<typeof testBattery>, TestBattery>(true),
  matches<z.output<typeof testsParams>, TestsParams>(true),
  matches<z.output<typeof matrixParams>, MatrixParams>(true),
  matches<z.output<typeof claimReactionParams>, ClaimReactionParams>(true),
  matches<z.output<typeof responses.tests>, TestsResponse>(true),
  matches<z.output<typeof responses.matrix>, MatrixResponse>(true),
  matches<z.output<typeof responses.claimReactions>, ClaimReactionsResponse>(true),
  matches<z.output<typeof responses.health>, HealthResponse>(true),
  matches<z.output<typeof responses.timeline>, TimelineResponse>(true),
  matches<z.output<typeof responses.narrativeDefinitions>, NarrativeDefinitionsResponse>(true),
  matches<z.output<typeof priceImportAnswer>, ImportResponse>(true),
  matches<z.output<typeof pricePreviewAnswer>, PreviewResponse>(true),
  matches<z.output<typeof episodeImportAnswer>, EpisodeImportResponse>(true),
  matches<z.output<typeof timelineImportAnswer>, TimelineImportResponse>(true),
  matches<z.output<typeof episodeRefusal>, EpisodeRefusal>(true),
];
