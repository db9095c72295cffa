// Query schemas of GET /api/export/{dataset}.csv: each dataset takes the filters of its JSON
// endpoint (reusing those schemas), plus `bom` and `meta`. Unknown parameters are refused by name.
import { z } from 'zod';
import { q } from '@/lib/http';
import { impactsQuery, narrativesQuery } from '../../impacts/schema';
import { timelineQuery } from '../../timeline/schema';

const single = <T extends z.ZodType>(s: T) => z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), s);

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
  ledger: z.object({
    after: q.int(0, Number.MAX_SAFE_INTEGER).optional(),
    /** No default: an export holds the whole (filtered) ledger unless a limit is given. */
    limit: q.int(1, Number.MAX_SAFE_INTEGER).optional(),
    stream: single(z.string().min(1).max(200)).optional(),
    type: single(z.string().regex(/^[A-Za-z]{1,60}$/, { message: 'must be an event type name' })).optional(),
    ...output,
  }),
};
