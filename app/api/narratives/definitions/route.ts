// GET /api/narratives/definitions?position: the narratives the ledger defines, in lane order
// (a position replays their definitions and amendments up to it).
import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { narrativeDefinitionsQuery } from '@/lib/contracts/read-queries';
import { json, toResponse } from '@/server/http';

export async function GET(request: Request) {
  try {
    const query = parseQuery(narrativeDefinitionsQuery, new URL(request.url).searchParams);
    const { read } = await storeForRead(request);
    const clock = { position: query.position ?? null };
    return json({ position: await read.effectivePosition(clock), narratives: await read.listNarratives(clock) });
  } catch (error) {
    return toResponse(error);
  }
}
