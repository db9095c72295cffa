import { z } from 'zod';
import { getStore } from '@/db';
import { parseQuery } from '@/lib/contracts/query';
import { impactParamsFrom, impactsQuery } from '@/lib/contracts/read-queries';
import { cachedJsonResponse, toResponse } from '@/server/http';
import { computeImpacts, summarizeImpacts } from '@/server/queries/impacts';

// `summary=1` (an extension): window statistics only, no daily rows or warning texts.
const routeQuery = impactsQuery.extend({
  summary: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
});

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const store = await getStore();
    // The query is parsed only on a cache miss: a cached body exists only for a valid one.
    return await cachedJsonResponse(request, store, `impacts:${url.search}`, async () => {
      const query = parseQuery(routeQuery, url.searchParams);
      const full = await computeImpacts(store.read, impactParamsFrom(query));
      return query.summary === '1' ? summarizeImpacts(full) : full;
    });
  } catch (error) {
    return toResponse(error);
  }
}
