import { z } from 'zod';
import { getStore } from '@/db';
import { parseQuery } from '@/lib/contracts/query';
import { impactParamsFrom, impactsQuery } from '@/lib/contracts/read-queries';
import { jsonResponse, toResponse } from '@/server/http';
import { cachedJson } from '@/server/queries/cache';
import { computeImpacts, summarizeImpacts } from '@/server/queries/impacts';

// `summary=1` (an extension): window statistics only, no daily rows or warning texts.
// `volume=1` (an extension): each result also carries the abnormal volume (result.volume).
const routeQuery = impactsQuery.extend({
  summary: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
  volume: z.enum(['0', '1'], { message: 'must be 0 or 1' }).optional(),
});

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(routeQuery, url.searchParams);
    const store = await getStore();
    const body = await cachedJson(store, `impacts:${url.search}`, async () => {
      const summary = query.summary === '1';
      const full = await computeImpacts(store.read, { ...impactParamsFrom(query), volume: query.volume === '1' }, { daily: !summary });
      return summary ? summarizeImpacts(full) : full;
    });
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}
