import { z } from 'zod';
import { getDb } from '@/db/client';
import { cachedJson, jsonResponse } from '@/db/queries/cache';
import { computeImpacts, summarizeImpacts } from '@/db/queries/impacts';
import { parseQuery, toResponse } from '@/lib/http';
import { impactParamsFrom, impactsQuery } from './schema';

// `summary=1` (an extension): window statistics only, no daily rows or warning texts.
const routeQuery = impactsQuery.extend({
  summary: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
});

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(routeQuery, url.searchParams);
    const db = getDb();
    const body = cachedJson(db, `impacts:${url.search}`, () => {
      const full = computeImpacts(db, impactParamsFrom(query));
      return query.summary === '1' ? summarizeImpacts(full) : full;
    });
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}
