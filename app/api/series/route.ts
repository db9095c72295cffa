import { storeForRead } from '@/server/reads';
import { parseQuery } from '@/lib/contracts/query';
import type { SeriesColumns } from '@/lib/contracts/read';
import { seriesQuery } from '@/lib/contracts/read-queries';
import { jsonResponse, toResponse } from '@/server/http';
import { cachedJson } from '@/server/queries/cache';

/** Several tickers' daily bars in columns, cached by ledger position (lib/contracts/read SeriesResponse). */
export async function GET(request: Request) {
  try {
    const url = new URL(request.url);
    const query = parseQuery(seriesQuery, url.searchParams);
    const store = await storeForRead(request);
    const clock = { asOf: query.asOf, position: query.position };
    const json = await cachedJson(store, `series:${url.search}`, async () => {
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
    return jsonResponse(json);
  } catch (error) {
    return toResponse(error);
  }
}
