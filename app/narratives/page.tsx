import type { Metadata } from 'next';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { storeForPage } from '@/server/reads';
import { computeNarratives } from '@/server/queries/impacts';
import { queryKeys } from '@/lib/query-keys';
import { NarrativesView } from '@/components/narratives/narratives-view';
import { clockOf, narrativesParams, parseNarrativesState } from '@/components/narratives/state';
import './narratives.css';

export const metadata: Metadata = { title: 'Narratives' };
// Reads the ledger on every request (never prerendered at build time).
export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const minMax = (dates: (string | null | undefined)[]): [string, string] | null => {
  const d = dates.filter((x): x is string => Boolean(x)).map((x) => x.slice(0, 10)).sort();
  return d.length ? [d[0]!, d[d.length - 1]!] : null;
};

export default async function NarrativesPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const state = parseNarrativesState((k) => {
    const v = sp[k];
    return Array.isArray(v) ? v.at(-1) : v;
  });
  const clock = clockOf(state);
  const { read } = await storeForPage();
  const qc = new QueryClient();

  // Live (not replayed) extents, so that the time axis and the slider stay put while replaying.
  const tickers = await read.listTickers();
  const liveClaims = await read.listClaims({});
  const priceExtent = minMax(tickers.flatMap((t) => [t.first_date, t.last_date]));
  const claimExtent = minMax(liveClaims.map((c) => c.asserted_on));
  const ladderExtent = minMax([...(claimExtent ?? []), ...(priceExtent ?? [])]) ?? ['2024-01-01', '2025-12-31'];
  const asOfExtent = minMax([...ladderExtent, ...(await read.listEntries({}, {})).map((e) => e.date)]) ?? ladderExtent;

  const known = new Set(tickers.map((t) => t.symbol));
  qc.setQueryData(queryKeys.tickers(), { tickers });
  qc.setQueryData(queryKeys.narrativeDefinitions(clock), {
    position: await read.effectivePosition({ position: clock.position }),
    narratives: await read.listNarratives({ position: clock.position }),
  });
  qc.setQueryData(queryKeys.claims(clock), {
    position: await read.effectivePosition(clock),
    claims: clock.asOf || clock.position !== null ? await read.listClaims(clock) : liveClaims,
  });
  for (const t of state.tickers) {
    if (!known.has(t)) continue; // the client's request reports the error
    qc.setQueryData(queryKeys.prices(t, clock), { ticker: t, position: await read.effectivePosition(clock), bars: await read.listBars(t, {}, clock) });
  }
  const params = narrativesParams(state);
  try {
    qc.setQueryData(queryKeys.narratives(params), await computeNarratives(read, { tickers: state.tickers, window: state.window, asOf: state.asOf, position: state.position }));
  } catch {
    // invalid parameters: left to the client's request, which shows the API's message
  }

  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <NarrativesView
        ladderExtent={ladderExtent}
        asOfExtent={asOfExtent}
        priceExtent={priceExtent}
        latestPosition={await read.latestPosition()}
      />
    </HydrationBoundary>
  );
}
