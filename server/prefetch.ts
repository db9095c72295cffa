// Server-side prefetch for the dashboard: the same data the JSON routes return, put in a
// QueryClient under the same keys the client hooks use, then dehydrated into the page.
//
// Only what keeps the page small goes in: the ticker list always, the timeline and the markers'
// event study when the ledger is small (the bundled dataset: the server draws the markers). The
// chart's prices are never inlined: the page preloads GET /api/series (compact columns) so the
// browser fetches them while it loads the scripts, and a large ledger streams in the same way.
import 'server-only';
import { QueryClient } from '@tanstack/react-query';
import type { Store } from '@/db/store';
import type { EntryView, TickerView } from '@/lib/contracts/read';
import { markerImpactParams } from '@/lib/dashboard-params';
import { queryKeys, type ClockKey } from '@/lib/query-keys';
import { cachedJson } from './queries/cache';
import { computeImpacts, summarizeImpacts } from './queries/impacts';

/** Timelines larger than this (as JSON) are fetched by the browser instead of inlined into the page. */
const INLINE_TIMELINE_BYTES = 400_000;

/** The prefetched client, and what the page's poster needs: the ticker list and (when inlined) the entries. */
export type DashboardPrefetch = { client: QueryClient; listed: TickerView[]; entries: EntryView[] | null };

export async function prefetchDashboard(store: Store, tickers: string[], clock: ClockKey): Promise<DashboardPrefetch> {
  const { read } = store;
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
  // The ticker list aggregates every bar (first and last date, count): cached by ledger position.
  const listed = JSON.parse(await cachedJson(store, 'tickers', () => read.listTickers())) as TickerView[];
  client.setQueryData(queryKeys.tickers(), { tickers: listed });
  // The narratives (lanes, legend, colours, order) as of the clock's position: a handful of rows.
  client.setQueryData(queryKeys.narrativeDefinitions(clock), {
    position: await read.effectivePosition({ position: clock.position }),
    narratives: await read.listNarratives({ position: clock.position }),
  });
  const query = new URLSearchParams();
  if (clock.asOf) query.set('asOf', clock.asOf);
  if (clock.position !== null) query.set('position', String(clock.position));
  const search = query.toString() ? `?${query}` : '';
  // The same cache entry as GET /api/timeline with these parameters.
  const timeline = await cachedJson(store, `timeline:${search}`, async () => ({ position: await read.effectivePosition(clock), entries: await read.listEntries({}, clock) }));
  if (timeline.length > INLINE_TIMELINE_BYTES) return { client, listed, entries: null };
  const parsed = JSON.parse(timeline) as { position: number; entries: EntryView[] };
  client.setQueryData(queryKeys.timeline(clock), parsed);
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
  return { client, listed, entries: parsed.entries };
}
