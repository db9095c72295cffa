import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import type { SeriesColumns } from '@/lib/contracts/read';
import { seriesQuery } from '@/lib/contracts/read-queries';
import { cacheKeyOf, cachedJsonResponse, toResponse } from '@/server/http';

/** Several tickers' daily bars in columns, cached by ledger position with an ETag (lib/contracts/read SeriesResponse). */
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(seriesQuery, url.searchParams);
    const store = await storeForRead(request);
    const clock = { asOf: query.asOf, position: query.position };
    return await cachedJsonResponse(request, store, `series:${cacheKeyOf(url)}`, async () => {
      const series: SeriesColumns[] = [];
      for (const ticker of [...new Set(query.tickers)]) {
        const listed = await store.read.tickerExists(ticker);
        const bars = listed ? await store.read.listBars(ticker, { from: query.from, to: query.to }, clock) : [];
        series.push({
          ticker,
          listed,
          dates: bars.map((b) => b.date),
          close: bars.map((b) => b.close),
          adj_close: bars.map((b) => b.adj_close),
          volume: bars.map((b) => b.volume),
        });
      }
      return { position: await store.read.effectivePosition(clock), series };
    });
  } catch (error) {
    return toResponse(error);
  }
}
