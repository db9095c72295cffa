import { z } from 'zod';
import { getDb } from '@/db/client';
import { effectivePosition } from '@/db/queries/ledger';
import { getEntry } from '@/db/queries/timeline';
import { AppError } from '@/lib/domain/errors';
import { parseQuery, q, toResponse } from '@/lib/http';

const entryQuery = z.object({ asOf: q.date, position: q.position });

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await context.params;
    const query = parseQuery(entryQuery, new URL(request.url).searchParams);
    const db = getDb();
    const entry = getEntry(db, id, query);
    if (!entry) throw new AppError('not_found', `no timeline entry "${id}"${query.asOf || query.position != null ? ' at this as-of date or position' : ''}`);
    return Response.json({ position: effectivePosition(db, query), ...entry });
  } catch (error) {
    return toResponse(error);
  }
}
