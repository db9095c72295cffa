import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import { clockQuery } from '@/lib/contracts/read-queries';
import { json, toResponse } from '@/server/http';
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export async function GET(request: Request) {
  try {
    const query = parseQuery(clockQuery, new URL(request.url).searchParams);
    const { read } = await storeForRead(request);
    return json({ position: await read.effectivePosition(query), claims: await read.listClaims(query) });
  } catch (error) {
    return toResponse(error);
  }
}

/** Assert a new cost claim (201 {id, version, position}). */
export const POST = writeHandler(writeRoutes.assertClaim);
