import { z } from 'zod';
import { getDb } from '@/db/client';
import { effectivePosition } from '@/db/queries/ledger';
import { listClaims } from '@/db/queries/timeline';
import { assertClaim, newEntryId } from '@/db/commands';
import { parseQuery, q, toResponse } from '@/lib/http';
import { commandRoute, requireRow } from '@/lib/server/command-route';
import { assertClaimBody } from './schema';

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

/** Assert a new cost claim (201 {id, version, position}). */
export const POST = commandRoute({
  body: assertClaimBody,
  run: ({ db, body, ctx }) => {
    const { id, reason, ...fields } = body;
    if (fields.entry) requireRow(db, 'timeline_entries', fields.entry, 'entry');
    if (fields.relation) requireRow(db, 'claims', fields.relation.target, 'relation.target');
    return assertClaim(db, { id: id ?? newEntryId(`${fields.claimant} ${fields.subject}`), ...fields }, { ...ctx, reason: reason ?? null });
  },
  location: (r) => `/api/claims#${r.id}`,
});
