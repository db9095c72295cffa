import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { clockQuery } from '@/lib/contracts/read-queries';
import { AppError } from '@/lib/domain/errors';
import { json, toResponse } from '@/server/http';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await context.params;
    const query = parseQuery(clockQuery, new URL(request.url).searchParams);
    const { read } = await storeForRead(request);
    const entry = await read.getEntry(id, query);
    if (!entry) throw new AppError('not_found', `no timeline entry "${id}"${query.asOf || query.position != null ? ' at this as-of date or position' : ''}`);
    return json({ position: await read.effectivePosition(query), ...entry });
  } catch (error) {
    return toResponse(error);
  }
}
