// GET /api/sources?tickers&asOf&position: where each ticker's prices came from (the distinct
// sources of its price imports and corrections up to the position), for the stamp of a chart image.
import { storeForRead } from '@/server/reads';
import { DEFAULT_SUBJECT } from '@/lib/config';
import { parseQuery } from '@/lib/contracts/query';
import { sourcesQuery } from '@/lib/contracts/read-queries';
import { AppError } from '@/lib/domain/errors';
import { json, toResponse } from '@/server/http';

export async function GET(request: Request) {
  try {
    const query = parseQuery(sourcesQuery, new URL(request.url).searchParams);
    const { read } = await storeForRead(request);
    const tickers = [...new Set(query.tickers?.length ? query.tickers : [DEFAULT_SUBJECT])];
    for (const t of tickers)
      if (!(await read.tickerExists(t))) throw new AppError('not_found', `tickers: ticker "${t}" is not listed (GET /api/tickers lists them)`, { parameter: 'tickers', ticker: t });
    const position = await read.effectivePosition(query);
    const sources = [];
    for (const ticker of tickers) sources.push({ ticker, sources: await read.tickerPriceSources(ticker, position) });
    return json({ position, sources });
  } catch (error) {
    return toResponse(error);
  }
}
