import { getDb } from '@/db/client';
import { cachedJson, jsonResponse } from '@/db/queries/cache';
import { effectivePosition } from '@/db/queries/ledger';
import { listEntries } from '@/db/queries/timeline';
import { parseQuery, toResponse } from '@/lib/http';
import { newEntryId, recordEntry } from '@/db/commands';
import { commandRoute } from '@/lib/server/command-route';
import { timelineQuery } from './schema';
import { recordEntryBody } from './write-schema';

export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(timelineQuery, url.searchParams);
    const db = getDb();
    const clock = { asOf: query.asOf, position: query.position };
    return jsonResponse(cachedJson(db, `timeline:${url.search}`, () => ({ position: effectivePosition(db, clock), entries: listEntries(db, query, clock) })));
  } catch (error) {
    return toResponse(error);
  }
}

/** Record a new timeline entry (201 {id, version, position}). */
export const POST = commandRoute({
  body: recordEntryBody,
  run: ({ db, body, ctx }) => {
    const { id, reason, ...fields } = body;
    return recordEntry(db, { id: id ?? newEntryId(fields.title), ...fields }, { ...ctx, reason: reason ?? null, expectedVersion: undefined });
  },
  location: (r) => `/api/timeline/${r.id}`,
});
