import { getStore } from '@/db';
import { parseQuery } from '@/lib/contracts/query';
import { narrativeParamsFrom, narrativesQuery } from '@/lib/contracts/read-queries';
import { cachedJsonResponse, toResponse } from '@/server/http';
import { computeNarratives } from '@/server/queries/impacts';

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const store = await getStore();
    return await cachedJsonResponse(request, store, `narratives:${url.search}`, () =>
      computeNarratives(store.read, narrativeParamsFrom(parseQuery(narrativesQuery, url.searchParams))),
    );
  } catch (error) {
    return toResponse(error);
  }
}
