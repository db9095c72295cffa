import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { claimReactionParamsFrom, claimReactionsQuery } from '@/lib/contracts/read-queries';
import { jsonResponse, toResponse } from '@/server/http';
import { cachedJson } from '@/server/queries/cache';
import { computeClaimReactions } from '@/server/queries/claim-reactions';

// Each dollar cost claim against the ticker's CAR at the date it was asserted (issue 15).
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(claimReactionsQuery, url.searchParams);
    const store = await storeForRead(request);
    const body = await cachedJson(store, `claim-reactions:${url.search}`, () => computeClaimReactions(store.read, claimReactionParamsFrom(query)));
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}
