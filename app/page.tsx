import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { Suspense } from 'react';
import { seriesUrl } from '@/components/data/api-client';
import { ChartPoster } from '@/components/dashboard/chart-poster';
import { Dashboard } from '@/components/dashboard/dashboard';
import { listedExtent, listedLastPrice, urlDomain } from '@/lib/charts/domain';
import { modeSeries, rebaseAnchor } from '@/lib/charts/modes';
import { posterPaths } from '@/lib/charts/scales';
import { timelineLayout } from '@/lib/charts/timeline-layout';
import { parseViewState } from '@/lib/view-state';
import { cachedJson } from '@/server/queries/cache';
import { storeForPage } from '@/server/reads';
import { prefetchDashboard } from '@/server/prefetch';
import { isEditor } from '@/server/session';
import './dashboard.css';

// Reads the ledger on every request (never prerendered at build time).
export const dynamic = 'force-dynamic';

const POSTER_W = 1000;

export default async function TimelinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]])));
  // The shell (and the script tags) stream at once; the data-bound part follows when ready.
  return (
    <section>
      <h1>Timeline</h1>
      <p className="muted intro">What happened, what each side claimed it cost, and how the market moved. Click an event for its sources and event-study statistics.</p>
      <Suspense fallback={<DashboardSkeleton />}>
        <DashboardSection params={params.toString()} />
      </Suspense>
    </section>
  );
}

function DashboardSkeleton() {
  return (
    <div className="dashboard-skeleton" aria-busy="true" aria-label="Loading the dashboard">
      <div className="skeleton skeleton-line" style={{ width: '60%' }} />
      <div className="skeleton" style={{ height: 300, marginTop: 12 }} />
    </div>
  );
}

async function DashboardSection({ params: query }: { params: string }) {
  const params = new URLSearchParams(query);
  const view = parseViewState(params);
  const clock = { asOf: view.asOf, position: view.position };
  const store = await storeForPage();
  const { client, listed, entries } = await prefetchDashboard(store, view.tickers, clock);
  // The lanes the chart draws: the narratives at the clock's position (prefetched for the client too).
  const narratives = await store.read.listNarratives({ position: clock.position });

  // The server's first frame of the lines (price and rebased modes, no event selected): the same
  // domain and scales the chart computes (lib/charts/domain, modes, scales).
  let poster: React.ReactNode = null;
  if (view.mode !== 'car' && !view.event) {
    const layout = timelineLayout({ width: 1440, narrow: false, lanes: narratives.length, volume: view.volume });
    const extent = listedExtent(listed, view.tickers, entries ?? []);
    const known = new Set(listed.map((t) => t.symbol));
    const json = await cachedJson(store, `poster:${query}`, async () => {
      const bars = new Map<string, Awaited<ReturnType<typeof store.read.listBars>>>();
      for (const t of view.tickers) bars.set(t, known.has(t) ? await store.read.listBars(t, {}, clock) : []);
      const domain = urlDomain({ from: view.from, to: view.to, asOf: view.asOf }, listedLastPrice(listed, view.tickers[0]!, bars.get(view.tickers[0]!) ?? [], extent), extent);
      const series = modeSeries(view.mode, view.tickers, bars, rebaseAnchor(view.mode, null, domain[0]), []);
      return posterPaths(series, domain, layout.price.height, { log: view.log, width: POSTER_W, reserveTop: layout.price.labelBand });
    });
    poster = <ChartPoster paths={JSON.parse(json) as string[]} width={POSTER_W} height={layout.price.height} margin={layout.margin} />;
  }

  return (
    <>
      <HydrationBoundary state={dehydrate(client)}>
        <Dashboard editor={await isEditor()} poster={poster} />
      </HydrationBoundary>
      {/* The chart's prices load while the browser loads the scripts (the client's fetch finds
          them); asked for after the poster, so the server sends the first frame first. */}
      <link rel="preload" as="fetch" crossOrigin="anonymous" href={seriesUrl(view.tickers, clock)} />
    </>
  );
}
