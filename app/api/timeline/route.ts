import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { TIMELINE_PAGE_DEFAULT, timelinePageQuery } from '@/lib/contracts/read-queries';
import { timelinePage } from '@/lib/contracts/timeline-cursor';
import { cacheKeyOf, cachedJsonResponse, toResponse } from '@/server/http';
import { checkNarrativeFilter } from '@/server/queries/narrative-filter';
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(timelinePageQuery, url.searchParams);
    const store = await storeForRead(request);
    const clock = { asOf: query.asOf, position: query.position };
    // Keyed by the position the chosen read model answers at; the narrative check depends on
    // the ledger too, so it runs inside (a refused filter throws and is never cached).
    return await cachedJsonResponse(request, store, `timeline:${cacheKeyOf(url)}`, async () => {
      await checkNarrativeFilter(store.read, query.narrative, clock);
      const position = await store.read.effectivePosition(clock);
      const entries = await store.read.listEntries(query, clock);
      if (query.limit === undefined && query.cursor === undefined) return { position, entries };
      return { position, ...timelinePage(entries, query.cursor ?? null, query.limit ?? TIMELINE_PAGE_DEFAULT) };
    });
  } catch (error) {
    return toResponse(error);
  }
}

/** Record a new timeline entry (201 {id, version, position}). */
export const POST = writeHandler(writeRoutes.recordEntry);
