import { z } from 'zod';
import { getDb } from '@/db/client';
import { effectivePosition } from '@/db/queries/ledger';
import { listClaims } from '@/db/queries/timeline';
import { parseQuery, q, toResponse } from '@/lib/http';

const claimsQuery = z.object({ asOf: q.date, position: q.position });

export async function GET(request: Request) {
  try {
    const query = parseQuery(claimsQuery, new URL(request.url).searchParams);
    const db = getDb();
    return Response.json({ position: effectivePosition(db, query), claims: listClaims(db, query) });
  } catch (error) {
    return toResponse(error);
  }
}
