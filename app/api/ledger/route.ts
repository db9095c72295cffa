import { z } from 'zod';
import { getDb } from '@/db/client';
import { latestPosition, listLedger } from '@/db/queries/ledger';
import { parseQuery, q, toResponse } from '@/lib/http';

const ledgerQuery = z.object({
  after: q.int(0, Number.MAX_SAFE_INTEGER).optional(),
  limit: q.int(1, 1000).optional(),
  stream: z.string().min(1).max(200).optional(),
  type: z.string().regex(/^[A-Za-z]{1,60}$/, { message: 'must be an event type name' }).optional(),
});

export async function GET(request: Request) {
  try {
    const query = parseQuery(ledgerQuery, new URL(request.url).searchParams);
    const db = getDb();
    const events = listLedger(db, { after: query.after, limit: query.limit ?? 100, stream: query.stream, type: query.type });
    return Response.json({ position: latestPosition(db), events });
  } catch (error) {
    return toResponse(error);
  }
}
