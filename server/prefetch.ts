// Server-side prefetch for the dashboard: the same data the JSON routes return, put in a
// QueryClient under the same keys the client hooks use, then dehydrated into the page.
import 'server-only';
import { QueryClient } from '@tanstack/react-query';
import type { Store } from '@/db/store';
import { markerImpactParams } from '@/lib/dashboard-params';
import { queryKeys, type ClockKey } from '@/lib/query-keys';
import { cachedJson } from './queries/cache';
import { computeImpacts, summarizeImpacts } from './queries/impacts';

export async function prefetchDashboard(store: Store, tickers: string[], clock: ClockKey): Promise<QueryClient> {
  const { read } = store;
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
  const position = await read.effectivePosition(clock);
  client.setQueryData(queryKeys.tickers(), { tickers: await read.listTickers() });
  client.setQueryData(queryKeys.narrativeDefinitions(clock), {
    position: await read.effectivePosition({ position: clock.position }),
    narratives: await read.listNarratives({ position: clock.position }),
  });
  client.setQueryData(queryKeys.timeline(clock), { position, entries: await read.listEntries({}, clock) });
  for (const t of tickers)
    if (await read.tickerExists(t)) client.setQueryData(queryKeys.prices(t, clock), { ticker: t, position, bars: await read.listBars(t, {}, clock) });
  const primary = tickers[0];
  if (primary && (await read.tickerExists(primary))) {
    const params = markerImpactParams(primary, clock);
    try {
      const key = `dashboard-markers:${primary}:${clock.asOf}:${clock.position}`;
      const json = await cachedJson(store, key, async () =>
        summarizeImpacts(await computeImpacts(read, { tickers: [primary], windows: params.windows, asOf: clock.asOf, position: clock.position })),
      );
      client.setQueryData(queryKeys.impacts(params), JSON.parse(json));
    } catch {
      // The client will fetch and show the error itself.
    }
  }
  return client;
}
