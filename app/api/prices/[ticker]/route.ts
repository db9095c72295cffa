import { storeForRead } from '@/server/reads';
import { parseQuery, q } from '@/lib/contracts/query';
import { pricesQuery } from '@/lib/contracts/read-queries';
import { AppError } from '@/lib/domain/errors';
import { json, toResponse } from '@/server/http';

export async function GET(request: Request, context: { params: Promise<{ ticker: string }> }) {
  try {
    const raw = decodeURIComponent((await context.params).ticker);
    const symbol = q.symbol.safeParse(raw);
    if (!symbol.success) throw new AppError('validation', `ticker: "${raw}" is not a ticker symbol`);
    const query = parseQuery(pricesQuery, new URL(request.url).searchParams);
    const { read } = await storeForRead(request);
    if (!(await read.tickerExists(symbol.data))) throw new AppError('not_found', `ticker "${symbol.data}" is not listed (GET /api/tickers lists them)`);
    return json({
      ticker: symbol.data,
      position: await read.effectivePosition(query),
      bars: await read.listBars(symbol.data, query, query),
    });
  } catch (error) {
    return toResponse(error);
  }
}
