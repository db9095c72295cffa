import { getDb } from '@/db/client';
import { effectivePosition } from '@/db/queries/ledger';
import { listEntries } from '@/db/queries/timeline';
import { parseQuery, toResponse } from '@/lib/http';
import { timelineQuery } from './schema';

export async function GET(request: Request) {
  try {
    const query = parseQuery(timelineQuery, new URL(request.url).searchParams);
    const db = getDb();
    const clock = { asOf: query.asOf, position: query.position };
    const entries = listEntries(db, query, clock);
    return Response.json({ position: effectivePosition(db, clock), entries });
  } catch (error) {
    return toResponse(error);
  }
}
