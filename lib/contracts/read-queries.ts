// Query-string contracts of the read API (zod): what each GET route and CSV export accepts.
// Parsing only turns strings into typed values and names the parameter; the server normalises
// (defaults, order, hash). Shared by the routes, the export and the tests.
import { z } from 'zod';
import { MODELS, RETURNS_KINDS } from '@/lib/analytics';
import {
  ESTIMATION_MAX,
  ESTIMATION_MIN,
  GAP_MAX,
  GAP_MIN,
  parsePair,
  parseWindow,
  parseWindows,
  type ClaimReactionParamsInput,
  type EventWindow,
  type ImpactParamsInput,
  type MatrixParamsInput,
  type NarrativeParamsInput,
  type TestsParamsInput,
} from '@/lib/analytics/params';
import { KINDS, narrativeIdSchema } from '@/lib/domain/schemas';
import { q, single } from './query';
import { decodeTimelineCursor, type TimelineCursor } from './timeline-cursor';

const eventId = z
  .string()
  .max(200, { message: 'must be at most 200 characters' })
  .regex(/^[^\u0000-\u001f\u007f]+$/, { message: 'must be an event id' });

/** Comma-separated or repeated windows "from:to". */
const windowsParam = z
  .preprocess((v) => (Array.isArray(v) ? v : [v]).map(String), z.array(z.string()))
  .transform((parts, ctx): EventWindow[] => {
    const w = parseWindows(parts);
    if (typeof w === 'string') {
      ctx.addIssue({ code: 'custom', message: w });
      return z.NEVER;
    }
    return w;
  })
  .optional();

const windowParam = single(z.string())
  .transform((s, ctx): EventWindow => {
    const w = parseWindow(s);
    if (typeof w === 'string') {
      ctx.addIssue({ code: 'custom', message: w });
      return z.NEVER;
    }
    return w;
  })
  .optional();

const common = {
  tickers: q.list(q.symbol),
  benchmark: single(q.symbol).optional(),
  model: single(z.enum(MODELS as readonly [string, ...string[]], { message: `must be one of ${MODELS.join(', ')}` })).optional(),
  /** simple (default) or log returns. */
  returns: single(z.enum(RETURNS_KINDS as readonly [string, ...string[]], { message: `must be one of ${RETURNS_KINDS.join(', ')}` })).optional(),
  estimation: q.int(ESTIMATION_MIN, ESTIMATION_MAX).optional(),
  gap: q.int(GAP_MIN, GAP_MAX).optional(),
  asOf: q.date,
  position: q.position,
};

/** The model and clock parameters every event-study read takes, as parsed. */
type StudyQuery = Pick<z.infer<z.ZodObject<typeof common>>, 'benchmark' | 'model' | 'returns' | 'estimation' | 'gap' | 'asOf' | 'position'>;

/** Those parameters as the study's input (the server applies the defaults). */
function studyParamsFrom(query: StudyQuery) {
  return { benchmark: query.benchmark, model: query.model, returns: query.returns, estimation: query.estimation, gap: query.gap, asOf: query.asOf, position: query.position };
}

/** Event ids given under a parameter and its alias, in that order; null when none. */
function eventIdsFrom(first: string[] | undefined, second: string[] | undefined): string[] | null {
  const events = [...(first ?? []), ...(second ?? [])];
  return events.length > 0 ? events : null;
}

export const impactsQuery = z.object({
  ...common,
  /** Repeated (`event=a&event=b`) or comma-separated; `events` is accepted as an alias. */
  event: q.list(eventId),
  events: q.list(eventId),
  windows: windowsParam,
});

/** The parsed query as computeImpacts input (shared by the JSON route and the CSV export). */
export function impactParamsFrom(query: z.infer<typeof impactsQuery>): ImpactParamsInput {
  return { ...studyParamsFrom(query), events: eventIdsFrom(query.event, query.events), tickers: query.tickers, windows: query.windows };
}

export const narrativesQuery = z.object({
  ...common,
  window: windowParam,
});

/** The parsed query as computeNarratives input (shared by the JSON route and the CSV export). */
export function narrativeParamsFrom(query: z.infer<typeof narrativesQuery>): NarrativeParamsInput {
  return { ...studyParamsFrom(query), tickers: query.tickers, window: query.window };
}

// ---- the test battery, the heatmap matrix and the claim-size scatter (issue 15) ----

/** A narrative id: a slug (the narratives themselves are ledger data, checked by the server). */
const narrativeId = single(narrativeIdSchema).optional();

/** Comma-separated or repeated pairs "eventId@TICKER". */
const pairsParam = z
  .preprocess((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean), z.array(z.string()))
  .superRefine((parts, ctx) => {
    for (const part of parts) {
      const p = parsePair(part);
      if (typeof p === 'string') ctx.addIssue({ code: 'custom', message: p });
    }
  })
  .optional();

/**
 * GET /api/impacts/tests: the battery over events (explicit, or a narrative's) × tickers, or
 * explicit pairs; one window (`window=from:to`, default -1:1).
 */
export const testsQuery = z.object({
  ...common,
  /** Repeated or comma-separated; `event` is accepted as an alias. */
  events: q.list(eventId),
  event: q.list(eventId),
  narrative: narrativeId,
  pairs: pairsParam,
  window: windowParam,
});

export function testsParamsFrom(query: z.infer<typeof testsQuery>): TestsParamsInput {
  return { ...studyParamsFrom(query), events: eventIdsFrom(query.events, query.event), narrative: query.narrative, tickers: query.tickers, pairs: query.pairs, window: query.window };
}

/**
 * GET /api/impacts/matrix: events (explicit, a narrative's, or every visible entry; filtered by
 * `kind` and the `from`/`to` event dates) × tickers (default: the subject and its peers).
 */
export const matrixQuery = z.object({
  ...common,
  events: q.list(eventId),
  event: q.list(eventId),
  narrative: narrativeId,
  kind: q.list(z.enum(KINDS, { message: `must be one of ${KINDS.join(', ')}` })),
  from: q.date,
  to: q.date,
  window: windowParam,
});

export function matrixParamsFrom(query: z.infer<typeof matrixQuery>): MatrixParamsInput {
  return {
    ...studyParamsFrom(query),
    events: eventIdsFrom(query.events, query.event),
    narrative: query.narrative,
    kinds: query.kind,
    from: query.from,
    to: query.to,
    tickers: query.tickers,
    window: query.window,
  };
}

/** GET /api/narratives/claim-reactions: each dollar cost claim against `ticker`'s CAR at its date. */
export const claimReactionsQuery = z.object({
  ticker: single(q.symbol).optional(),
  benchmark: common.benchmark,
  model: common.model,
  returns: common.returns,
  estimation: common.estimation,
  gap: common.gap,
  window: windowParam,
  asOf: q.date,
  position: q.position,
});

export function claimReactionParamsFrom(query: z.infer<typeof claimReactionsQuery>): ClaimReactionParamsInput {
  return { ...studyParamsFrom(query), ticker: query.ticker, window: query.window };
}

export const timelineQuery = z.object({
  from: q.date,
  to: q.date,
  /** Narrative ids; the route also checks them against the narratives known at the clock. */
  narrative: q.list(narrativeIdSchema),
  kind: q.list(z.enum(KINDS, { message: `must be one of ${KINDS.join(', ')}` })),
  ticker: q.list(q.symbol),
  asOf: q.date,
  position: q.position,
});

/** Most entries one page of GET /api/timeline may ask for; the default page when only `cursor` is given. */
export const TIMELINE_PAGE_MAX = 10_000;
export const TIMELINE_PAGE_DEFAULT = 500;

/**
 * GET /api/timeline also pages (an extension): `limit` entries per page, `cursor` from the last
 * page's `next_cursor`. Without either the whole filtered timeline comes back, as before.
 */
export const timelinePageQuery = timelineQuery.extend({
  limit: q.int(1, TIMELINE_PAGE_MAX).optional(),
  cursor: single(z.string().max(1000))
    .transform((text, ctx): TimelineCursor => {
      const cursor = decodeTimelineCursor(text);
      if (cursor === null) {
        ctx.addIssue({ code: 'custom', message: 'must be a next_cursor returned by GET /api/timeline' });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
});

export const clockQuery = z.object({ asOf: q.date, position: q.position });
/** GET /api/sources: where the prices of these tickers came from, at a clock. */
export const sourcesQuery = z.object({ tickers: q.list(q.symbol), asOf: q.date, position: q.position });
/**
 * GET /api/impacts: the impacts query, plus `summary=1` (window statistics only, no daily rows or
 * warning texts) and `volume=1` (each result also carries the abnormal volume, result.volume).
 */
export const impactsRouteQuery = impactsQuery.extend({
  summary: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
  volume: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
});
/** Narratives have no valid time: only a ledger position replays them. */
export const narrativeDefinitionsQuery = z.object({ position: q.position });
export const pricesQuery = z.object({ from: q.date, to: q.date, asOf: q.date, position: q.position });
export const seriesQuery = z.object({
  // A missing parameter is an empty list (refused with the same message), not a skipped check.
  tickers: z
    .preprocess((v) => (v === undefined ? [] : v), q.list(q.symbol).unwrap())
    .refine((t) => t !== undefined && t.length > 0 && t.length <= 20, { message: 'must name 1 to 20 tickers' }),
  from: q.date,
  to: q.date,
  asOf: q.date,
  position: q.position,
});
export const ledgerQuery = z.object({
  after: q.int(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: q.int(1, 1000).optional(),
  stream: z.string().min(1).max(200).optional(),
  type: z.string().regex(/^[A-Za-z]{1,60}$/, { message: 'must be an event type name' }).optional(),
});

// ---- CSV exports: each dataset takes the filters of its JSON endpoint, plus `bom` and `meta` ----

const flag = single(z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' }))
  .transform((v) => v === '1' || v === 'true')
  .optional();

const output = { bom: flag, meta: flag };

export const exportQueries = {
  timeline: timelineQuery.extend(output),
  claims: z.object({ asOf: q.date, position: q.position, ...output }),
  prices: z.object({
    /** `ticker` and `tickers` are the same filter (comma-separated or repeated); both may be given. */
    ticker: q.list(q.symbol),
    tickers: q.list(q.symbol),
    from: q.date,
    to: q.date,
    asOf: q.date,
    position: q.position,
    ...output,
  }),
  /** The dashboard's impact table shows the events of the visible range: `from`/`to` filter by event date. */
  impacts: impactsQuery.extend({ from: q.date, to: q.date, ...output }),
  narratives: narrativesQuery.extend(output),
  /** One row per test of the battery. */
  tests: testsQuery.extend(output),
  /** One row per event × ticker of the matrix. */
  heatmap: matrixQuery.extend(output),
  ledger: z.object({
    after: q.int(0, Number.MAX_SAFE_INTEGER).optional(),
    /** No default: an export holds the whole (filtered) ledger unless a limit is given. */
    limit: q.int(1, Number.MAX_SAFE_INTEGER).optional(),
    stream: single(z.string().min(1).max(200)).optional(),
    type: single(z.string().regex(/^[A-Za-z]{1,60}$/, { message: 'must be an event type name' })).optional(),
    ...output,
  }),
};
