import { getDb } from '@/db/client';
import { listTickers } from '@/db/queries/market';
import { toResponse } from '@/lib/http';

export async function GET() {
  try {
    return Response.json({ tickers: listTickers(getDb()) });
  } catch (error) {
    return toResponse(error);
  }
}
