import { getStore } from '@/db';
import { parseQuery } from '@/lib/contracts/query';
import { TIMELINE_PAGE_DEFAULT, timelinePageQuery } from '@/lib/contracts/read-queries';
import { timelinePage } from '@/lib/contracts/timeline-cursor';
import { cachedJsonResponse, toResponse } from '@/server/http';
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

/**
 * The timeline at a clock: every filtered entry (`{position, entries}`), or one page of them when
 * `limit` or `cursor` is given (`{position, entries, next_cursor}`). Answers are cached by ledger
 * position and carry an ETag; a request with the current one gets 304.
 */
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const store = await getStore();
    return await cachedJsonResponse(request, store, `timeline:${url.search}`, async () => {
      const query = parseQuery(timelinePageQuery, url.searchParams);
      const clock = { asOf: query.asOf, position: query.position };
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
