import { getDb } from '@/db/client';
import { cachedJson, jsonResponse } from '@/db/queries/cache';
import { z } from 'zod';
import { computeImpacts, summarizeImpacts } from '@/db/queries/impacts';
import { parseQuery, toResponse } from '@/lib/http';
import { impactsQuery } from './schema';

// `summary=1` (an extension): window statistics only, no daily rows or warning texts.
const routeQuery = impactsQuery.extend({
  summary: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
});

export async function GET(request: Request) {
  try {
    const query = parseQuery(routeQuery, new URL(request.url).searchParams);
    const events = [...(query.event ?? []), ...(query.events ?? [])];
    const db = getDb();
    const url = new URL(request.url);
    const body = cachedJson(db, `impacts:${url.search}`, () => {
      const full = computeImpacts(db, {
      events: events.length > 0 ? events : null,
      tickers: query.tickers,
      benchmark: query.benchmark,
      model: query.model,
      estimation: query.estimation,
      gap: query.gap,
      windows: query.windows,
      asOf: query.asOf,
      position: query.position,
      });
      return query.summary === '1' ? summarizeImpacts(full) : full;
    });
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}
