import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Dashboard } from '@/components/dashboard/dashboard';
import { storeForPage } from '@/server/reads';
import { prefetchDashboard } from '@/server/prefetch';
import { isEditor } from '@/server/session';
import { parseViewState } from '@/lib/view-state';
import './dashboard.css';

// Reads the ledger on every request (never prerendered at build time).
export const dynamic = 'force-dynamic';

export default async function TimelinePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]])));
  const view = parseViewState(params);
  const store = await storeForPage();
  const client = await prefetchDashboard(store, view.tickers, { asOf: view.asOf, position: view.position });
  return (
    <section>
      <h1>Timeline</h1>
      <p className="muted intro">What happened, what each side claimed it cost, and how the market moved. Click an event for its sources and event-study statistics.</p>
      <HydrationBoundary state={dehydrate(client)}>
        <Suspense fallback={<p className="muted">Loading dashboard…</p>}>
          <Dashboard editor={await isEditor()} />
        </Suspense>
      </HydrationBoundary>
    </section>
  );
}
