import { storeForRead } from '@/server/reads';
import { json, toResponse } from '@/server/http';
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export async function GET(request?: Request) {
  try {
    const { read } = await storeForRead(request ?? null);
    return json({ tickers: await read.listTickers() });
  } catch (error) {
    return toResponse(error);
  }
}

/** List a new ticker: 201 {id, version, position}; 409 when it is already listed. */
export const POST = writeHandler(writeRoutes.listTicker);
