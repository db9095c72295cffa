import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { timelineQuery } from '@/lib/contracts/read-queries';
import { jsonResponse, toResponse } from '@/server/http';
import { cachedJson } from '@/server/queries/cache';
import { checkNarrativeFilter } from '@/server/queries/narrative-filter';
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(timelineQuery, url.searchParams);
    const store = await storeForRead(request);
    const clock = { asOf: query.asOf, position: query.position };
    await checkNarrativeFilter(store.read, query.narrative, clock);
    const json = await cachedJson(store, `timeline:${url.search}`, async () => ({
      position: await store.read.effectivePosition(clock),
      entries: await store.read.listEntries(query, clock),
    }));
    return jsonResponse(json);
  } catch (error) {
    return toResponse(error);
  }
}

/** Record a new timeline entry (201 {id, version, position}). */
export const POST = writeHandler(writeRoutes.recordEntry);
