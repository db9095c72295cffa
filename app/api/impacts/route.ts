import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { impactParamsFrom, impactsRouteQuery as routeQuery } from '@/lib/contracts/read-queries';
import { cacheKeyOf, cachedJsonResponse, toResponse } from '@/server/http';
import { computeImpacts, summarizeImpacts } from '@/server/queries/impacts';

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(routeQuery, url.searchParams);
    const store = await storeForRead(request);
    return await cachedJsonResponse(request, store, `impacts:${cacheKeyOf(url)}`, async () => {
      const summary = query.summary === '1';
      const full = await computeImpacts(store.read, { ...impactParamsFrom(query), volume: query.volume === '1' }, { daily: !summary });
      return summary ? summarizeImpacts(full) : full;
    });
  } catch (error) {
    return toResponse(error);
  }
}
