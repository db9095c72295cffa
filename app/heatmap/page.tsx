import type { Metadata } from 'next';
import { Suspense } from 'react';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { HeatmapView } from '@/components/heatmap/heatmap-view';
import { clockOf, matrixParams, parseHeatmapState } from '@/components/heatmap/state';
import { queryKeys } from '@/lib/query-keys';
import { storeForPage } from '@/server/reads';
import { computeMatrix } from '@/server/queries/tests';

export const metadata: Metadata = { title: 'Heatmap' };
// Reads the ledger on every request (never prerendered at build time).
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const minMax = (dates: (string | null | undefined)[]): [string, string] | null => {
  const d = dates.filter((x): x is string => Boolean(x)).sort();
  return d.length ? [d[0]!, d[d.length - 1]!] : null;
};

export default async function HeatmapPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const state = parseHeatmapState((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v.at(-1) : v;
  });
  const { read } = await storeForPage();
  const qc = new QueryClient();
  const tickers = await read.listTickers();
  qc.setQueryData(queryKeys.tickers(), { tickers });
  const params = matrixParams(state);
  const clock = clockOf(state);
  // The narratives the ledger defines at the clock's position (the filter and the row swatches).
  qc.setQueryData(queryKeys.narrativeDefinitions(clock), {
    position: await read.effectivePosition({ position: clock.position }),
    narratives: await read.listNarratives({ position: clock.position }),
  });
  try {
    qc.setQueryData(
      queryKeys.matrix(params),
      await computeMatrix(read, {
        narrative: state.narrative,
        kinds: state.kinds,
        from: state.from,
        to: state.to,
        window: state.window,
        model: state.model,
        returns: state.returns,
        asOf: clock.asOf,
        position: clock.position,
        tickers: state.tickers,
      }),
    );
  } catch {
    // a bad parameter or an unknown narrative: the client's request shows the API's message
  }
  const extent = minMax([...tickers.flatMap((t) => [t.first_date, t.last_date]), ...(await read.listEntries({}, {})).map((e) => e.date)]) ?? ['2024-01-01', '2025-12-31'];
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <Suspense fallback={<p role="status">Loading the heatmap…</p>}>
        <HeatmapView asOfExtent={extent} latestPosition={await read.latestPosition()} />
      </Suspense>
    </HydrationBoundary>
  );
}
