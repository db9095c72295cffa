// Query schemas of GET /api/impacts and GET /api/narratives. Parsing only turns strings into
// typed values and names the parameter; db/queries/impacts normalises (defaults, order, hash).
import { z } from 'zod';
import { MODELS } from '@/lib/analytics';
import {
  ESTIMATION_MAX,
  ESTIMATION_MIN,
  GAP_MAX,
  GAP_MIN,
  parseWindow,
  parseWindows,
  type EventWindow,
} from '@/lib/analytics/params';
import type { ImpactParamsInput } from '@/lib/analytics/params';
import { q } from '@/lib/http';

const single = <T extends z.ZodType>(s: T) => z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), s);

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
  estimation: q.int(ESTIMATION_MIN, ESTIMATION_MAX).optional(),
  gap: q.int(GAP_MIN, GAP_MAX).optional(),
  asOf: q.date,
  position: q.position,
};

export const impactsQuery = z.object({
  ...common,
  /** Repeated (`event=a&event=b`) or comma-separated; `events` is accepted as an alias. */
  event: q.list(eventId),
  events: q.list(eventId),
  windows: windowsParam,
});

/** The parsed query as computeImpacts input (shared by the JSON route and the CSV export). */
export function impactParamsFrom(query: z.infer<typeof impactsQuery>): ImpactParamsInput {
  const events = [...(query.event ?? []), ...(query.events ?? [])];
  return {
    events: events.length > 0 ? events : null,
    tickers: query.tickers,
    benchmark: query.benchmark,
    model: query.model,
    estimation: query.estimation,
    gap: query.gap,
    windows: query.windows,
    asOf: query.asOf,
    position: query.position,
  };
}

export const narrativesQuery = z.object({
  ...common,
  window: windowParam,
});
