import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { narrativeParamsFrom, narrativesQuery } from '@/lib/contracts/read-queries';
import { cacheKeyOf, cachedJsonResponse, toResponse } from '@/server/http';
import { computeNarratives } from '@/server/queries/impacts';
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(narrativesQuery, url.searchParams);
    const store = await storeForRead(request);
    return await cachedJsonResponse(request, store, `narratives:${cacheKeyOf(url)}`, () => computeNarratives(store.read, narrativeParamsFrom(query)));
  } catch (error) {
    return toResponse(error);
  }
}

/** Define a narrative {id, label, description?, color?, sort_order?, reason?}: 201 {id, version, position}. */
export const POST = writeHandler(writeRoutes.defineNarrative);
