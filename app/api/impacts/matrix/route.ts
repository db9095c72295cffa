import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { matrixParamsFrom, matrixQuery } from '@/lib/contracts/read-queries';
import { cacheKeyOf, cachedJsonResponse, toResponse } from '@/server/http';
import { computeMatrix } from '@/server/queries/tests';

// Events × tickers: CAR, t and p of one window per cell, with row and column summaries (issue 15).
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(matrixQuery, url.searchParams);
    const store = await storeForRead(request);
    return await cachedJsonResponse(request, store, `matrix:${cacheKeyOf(url)}`, () => computeMatrix(store.read, matrixParamsFrom(query)));
  } catch (error) {
    return toResponse(error);
  }
}
