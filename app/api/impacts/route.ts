import { z } from 'zod';
import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { impactParamsFrom, impactsQuery } from '@/lib/contracts/read-queries';
import { jsonResponse, toResponse } from '@/server/http';
import { cachedJson } from '@/server/queries/cache';
import { computeImpacts, summarizeImpacts } from '@/server/queries/impacts';

// `summary=1` (an extension): window statistics only, no daily rows or warning texts.
const routeQuery = impactsQuery.extend({
  summary: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
});

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(routeQuery, url.searchParams);
    const store = await storeForRead(request);
    const body = await cachedJson(store, `impacts:${url.search}`, async () => {
      const full = await computeImpacts(store.read, impactParamsFrom(query));
      return query.summary === '1' ? summarizeImpacts(full) : full;
    });
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}
