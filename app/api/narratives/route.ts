import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { narrativeParamsFrom, narrativesQuery } from '@/lib/contracts/read-queries';
import { jsonResponse, toResponse } from '@/server/http';
import { cachedJson } from '@/server/queries/cache';
import { computeNarratives } from '@/server/queries/impacts';
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(narrativesQuery, url.searchParams);
    const store = await storeForRead(request);
    const body = await cachedJson(store, `narratives:${url.search}`, () => computeNarratives(store.read, narrativeParamsFrom(query)));
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}

/** Define a narrative {id, label, description?, color?, sort_order?, reason?}: 201 {id, version, position}. */
export const POST = writeHandler(writeRoutes.defineNarrative);
