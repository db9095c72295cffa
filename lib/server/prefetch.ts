// Server-side prefetch for the dashboard: the same data the JSON routes return, put in a
// QueryClient under the same keys the client hooks use, then dehydrated into the page.
import { QueryClient } from '@tanstack/react-query';
import type { Db } from '@/db/client';
import { cachedJson } from '@/db/queries/cache';
import { computeImpacts, summarizeImpacts } from '@/db/queries/impacts';
import { effectivePosition } from '@/db/queries/ledger';
import { listBars, listTickers, tickerExists } from '@/db/queries/market';
import { listEntries } from '@/db/queries/timeline';
import { markerImpactParams } from '@/lib/dashboard-params';
import { queryKeys, type ClockKey } from '@/lib/query-keys';

export function prefetchDashboard(db: Db, tickers: string[], clock: ClockKey): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
  const position = effectivePosition(db, clock);
  client.setQueryData(queryKeys.tickers(), { tickers: listTickers(db) });
  client.setQueryData(queryKeys.timeline(clock), { position, entries: listEntries(db, {}, clock) });
  for (const t of tickers)
    if (tickerExists(db, t)) client.setQueryData(queryKeys.prices(t, clock), { ticker: t, position, bars: listBars(db, t, {}, clock) });
  const primary = tickers[0];
  if (primary && tickerExists(db, primary)) {
    const params = markerImpactParams(primary, clock);
    try {
      const key = `dashboard-markers:${primary}:${clock.asOf}:${clock.position}`;
      const json = cachedJson(db, key, () =>
        summarizeImpacts(computeImpacts(db, { tickers: [primary], windows: params.windows, asOf: clock.asOf, position: clock.position })),
      );
      client.setQueryData(queryKeys.impacts(params), JSON.parse(json));
    } catch {
      // The client will fetch and show the error itself.
    }
  }
  return client;
}
