import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { testsParamsFrom, testsQuery } from '@/lib/contracts/read-queries';
import { cacheKeyOf, cachedJsonResponse, toResponse } from '@/server/http';
import { computeTests } from '@/server/queries/tests';

// The event-study test battery over a sample of (event, ticker) pairs (issue 15).
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(testsQuery, url.searchParams);
    const store = await storeForRead(request);
    return await cachedJsonResponse(request, store, `tests:${cacheKeyOf(url)}`, () => computeTests(store.read, testsParamsFrom(query)));
  } catch (error) {
    return toResponse(error);
  }
}
