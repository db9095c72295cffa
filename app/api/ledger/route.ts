import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { ledgerQuery } from '@/lib/contracts/read-queries';
import { json, toResponse } from '@/server/http';

export async function GET(request: Request) {
  try {
    const query = parseQuery(ledgerQuery, new URL(request.url).searchParams);
    const { read } = await storeForRead(request);
    const events = await read.listLedger({ after: query.after, limit: query.limit ?? 100, stream: query.stream, type: query.type });
    return json({ position: await read.latestPosition(), events });
  } catch (error) {
    return toResponse(error);
  }
}
