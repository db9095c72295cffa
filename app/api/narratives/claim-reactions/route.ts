import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { claimReactionParamsFrom, claimReactionsQuery } from '@/lib/contracts/read-queries';
import { cacheKeyOf, cachedJsonResponse, toResponse } from '@/server/http';
import { computeClaimReactions } from '@/server/queries/claim-reactions';

// Each dollar cost claim against the ticker's CAR at the date it was asserted (issue 15).
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(claimReactionsQuery, url.searchParams);
    const store = await storeForRead(request);
    return await cachedJsonResponse(request, store, `claim-reactions:${cacheKeyOf(url)}`, () => computeClaimReactions(store.read, claimReactionParamsFrom(query)));
  } catch (error) {
    return toResponse(error);
  }
}
