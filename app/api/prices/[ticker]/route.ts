import { z } from 'zod';
import { getDb } from '@/db/client';
import { effectivePosition } from '@/db/queries/ledger';
import { listBars, tickerExists } from '@/db/queries/market';
import { AppError } from '@/lib/domain/errors';
import { parseQuery, q, toResponse } from '@/lib/http';

const pricesQuery = z.object({ from: q.date, to: q.date, asOf: q.date, position: q.position });

export async function GET(request: Request, context: { params: Promise<{ ticker: string }> }) {
  try {
    const raw = decodeURIComponent((await context.params).ticker);
    const symbol = q.symbol.safeParse(raw);
    if (!symbol.success) throw new AppError('validation', `ticker: "${raw}" is not a ticker symbol`);
    const query = parseQuery(pricesQuery, new URL(request.url).searchParams);
    const db = getDb();
    if (!tickerExists(db, symbol.data)) throw new AppError('not_found', `ticker "${symbol.data}" is not listed (GET /api/tickers lists them)`);
    return Response.json({
      ticker: symbol.data,
      position: effectivePosition(db, query),
      bars: listBars(db, symbol.data, query, query),
    });
  } catch (error) {
    return toResponse(error);
  }
}
