'use client';

// /narratives: the claim ladder over a price strip, and the narrative aggregates beside it.
// All view state lives in the URL (state.ts); data comes from TanStack Query (hydrated by the page).
import { useCallback, useMemo, useRef } from 'react';
import { usePathname } from 'next/navigation';
import { useUrlState } from '@/components/ui/use-url-state';
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { narrativesQuery, pricesQuery } from '@/components/data/queries';
import { useClaims, useNarratives, useTickers } from '@/components/data/use-queries';
import type { NarrativeView, PricesResponse } from '@/lib/contracts/read';
import { formatAsGiven, placeClaim, RELATION_DASH, type LadderBar } from '@/lib/charts/claim-ladder';
import { addDays } from '@/lib/dates';
import { ClockBanner } from '@/components/ui/clock-banner';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import { markColor } from '@/lib/charts/palette';
import { AggregatesTable } from './aggregates-table';
import { AsOfControl } from './as-of-control';
import { ClaimLadderChart, tickerColor } from './claim-ladder-chart';
import { ClaimsTable } from './claims-table';
import { clockOf, narrativesParams, parseNarrativesState, toSearch, WINDOWS } from './state';
import { TickerPicker } from './ticker-picker';
import { NarrativesExport } from './narratives-export';
import { ClaimReactionScatter } from './claim-reaction-scatter';
import { ChartImageMenu } from '@/components/chart-image/chart-image-menu';
import { paramsHash } from '@/lib/analytics/params';

export type NarrativesViewProps = {
  /** Dates covered by claims and prices in the live ledger: the chart's "All" range. */
  ladderExtent: [string, string];
  /** The as-of slider's range (claims, prices and timeline entries). */
  asOfExtent: [string, string];
  /** First and last price date over all tickers, for the "Price data" range. */
  priceExtent: [string, string] | null;
  latestPosition: number;
};

// Stable (module-level) so that TanStack Query keeps the combined result while the data is unchanged.
function combinePrices(results: UseQueryResult<PricesResponse>[]) {
  return {
    bars: results.map((r) => r.data?.bars ?? null),
    errors: results.map((r) => (r.error ? r.error.message : null)),
    pending: results.some((r) => r.isPending),
  };
}

const windowLabel = (w: string) => {
  const [a, b] = w.split(':').map(Number);
  return `[${a}, ${b! > 0 ? '+' : ''}${b}] trading days`;
};

export function NarrativesView({ ladderExtent, asOfExtent, priceExtent, latestPosition }: NarrativesViewProps) {
  const pathname = usePathname();
  const [state, update] = useUrlState(parseNarrativesState, toSearch);
  const onAsOf = useCallback((asOf: string | null) => update({ asOf }), [update]);
  const clock = clockOf(state);

  const narratives = useNarratives(clock);
  const claimsQ = useClaims(clock);
  const ladderRef = useRef<HTMLDivElement | null>(null);
  // The image's legend in the colours the ladder draws in.
  const scheme = useColorScheme();
  const tickersQ = useTickers();
  // No placeholder data here (unlike the dashboard): while another clock's prices load, the
  // strip says "Loading prices…".
  const pricesQ = useQueries({ queries: state.tickers.map((t) => pricesQuery(t, clock)), combine: combinePrices });
  const narrParams = narrativesParams(state);
  const narrQ = useQuery(narrativesQuery(narrParams));

  const domain: [string, string] = useMemo(() => {
    let from = state.from ?? addDays(ladderExtent[0], -20);
    let to = state.to ?? addDays(ladderExtent[1], 20);
    if (from > to) [from, to] = [to, from];
    return [from, to];
  }, [state.from, state.to, ladderExtent]);

  const series = useMemo(
    () => state.tickers.map((t, i) => ({ ticker: t, bars: (pricesQ.bars[i] ?? []) as LadderBar[] })),
    [state.tickers, pricesQ.bars],
  );
  const priceErrors = pricesQ.errors.map((e, i) => (e ? `${state.tickers[i]}: ${e}` : null)).filter(Boolean);
  const pricesLoading = pricesQ.pending;
  const barsInView = series.reduce((n, s) => n + s.bars.filter((b) => b.date >= domain[0] && b.date <= domain[1]).length, 0);
  const pricesNote = pricesLoading
    ? 'Loading prices…'
    : priceErrors.length
      ? 'Prices could not be loaded'
      : barsInView === 0
        ? state.asOf
          ? `No prices known on ${state.asOf} in this range`
          : 'No price data in this range'
        : null;

  const claims = useMemo(() => claimsQ.data?.claims ?? [], [claimsQ.data]);
  const notComparable = claims.filter((c) => placeClaim(c).axis === 'none');
  const outside = claims.filter((c) => placeClaim(c).axis !== 'none' && (c.asserted_on < domain[0] || c.asserted_on > domain[1]));
  const narrativesUsed = narratives.filter((n) => claims.some((c) => c.narrative === n.id));
  const relationsUsed = [...new Set(claims.flatMap((c) => (c.relation && claims.some((o) => o.id === c.relation!.target) ? [c.relation.type] : [])))];
  const nowHref = `${pathname}${toSearch({ ...state, asOf: null, position: null })}`;

  return (
    <div className="narratives-page">
      <h1>Narratives</h1>
      <p className="muted intro">
        What each side said it cost, when they said it, and how prices moved in between. Each dot is a cost claim at the date it was asserted; lines show which claim
        disputes, revises, corroborates or compares with which.
      </p>
      <ClockBanner asOf={state.asOf} position={state.position} latest={latestPosition} nowHref={nowHref} />

      <div className="controls" role="group" aria-label="View controls">
        {tickersQ.data ? (
          <TickerPicker tickers={tickersQ.data.tickers} selected={state.tickers} onChange={(tickers) => update({ tickers })} />
        ) : (
          <span className="muted">{tickersQ.isError ? `Tickers could not be loaded: ${tickersQ.error.message}` : 'Loading tickers…'}</span>
        )}
        <fieldset className="segmented">
          <legend>Prices</legend>
          {(['rebased', 'price'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="price-mode" value={m} checked={state.mode === m} onChange={() => update({ mode: m })} />
              {m === 'rebased' ? 'Rebased' : 'Price'}
            </label>
          ))}
        </fieldset>
        <fieldset className="range">
          <legend>Time range</legend>
          <label>
            From <input type="date" value={state.from ?? ''} onChange={(e) => update({ from: e.target.value || null })} />
          </label>
          <label>
            To <input type="date" value={state.to ?? ''} onChange={(e) => update({ to: e.target.value || null })} />
          </label>
          <button type="button" className="secondary" onClick={() => update({ from: null, to: null })} aria-pressed={!state.from && !state.to}>
            All
          </button>
          {priceExtent ? (
            <button
              type="button"
              className="secondary"
              onClick={() => update({ from: priceExtent[0], to: priceExtent[1] })}
              aria-pressed={state.from === priceExtent[0] && state.to === priceExtent[1]}
            >
              Price data
            </button>
          ) : null}
        </fieldset>
        <AsOfControl key={state.asOf ?? 'now'} value={state.asOf} extent={asOfExtent} onChange={onAsOf} />
      </div>

      <div className="narratives-grid">
        <section aria-labelledby="ladder-heading" className="ladder-section">
          <div className="section-head">
            <h2 id="ladder-heading">Claim ladder</h2>
            <button type="button" className="secondary" aria-pressed={state.table} onClick={() => update({ table: !state.table })}>
              {state.table ? 'Show as chart' : 'Show as table'}
            </button>
          </div>
          {claimsQ.isPending ? (
            <p role="status">Loading claims…</p>
          ) : claimsQ.isError ? (
            <div role="alert" className="error">
              Claims could not be loaded: {claimsQ.error.message}{' '}
              <button type="button" onClick={() => claimsQ.refetch()}>
                Retry
              </button>
            </div>
          ) : claims.length === 0 ? (
            <p>{state.asOf || state.position !== null ? 'No cost claim was known at this point in time.' : 'The ledger has no cost claims yet.'}</p>
          ) : state.table ? (
            <ClaimsTable
              claims={claims}
              caption={`${claims.length} cost claims${state.asOf ? ` known on ${state.asOf}` : ''}, by date asserted`}
            />
          ) : (
            <>
              <Legend narratives={narrativesUsed} relations={relationsUsed} tickers={state.tickers} hasDisputed={claims.some((c) => c.status === 'disputed')} />
              <div ref={ladderRef}>
                <ClaimLadderChart
                  claims={claims}
                  series={series}
                  domain={domain}
                  focus={!state.from && !state.to}
                  mode={state.mode}
                  asOf={state.asOf}
                  narratives={narratives}
                  pricesNote={pricesNote}
                />
              </div>
              <ChartImageMenu
                target={ladderRef}
                chart="claim-ladder"
                label="claim ladder"
                stamp={{
                  title: `Claim ladder: cost claims by the date asserted, over ${state.tickers.join(', ')} ${state.mode === 'rebased' ? 'rebased to 100' : 'closing prices'}`,
                  from: domain[0],
                  to: domain[1],
                  asOf: state.asOf,
                  position: claimsQ.data?.position ?? null,
                  replay: state.position !== null,
                  paramsHash: paramsHash({ chart: 'claim-ladder', tickers: state.tickers, from: domain[0], to: domain[1], mode: state.mode, asOf: state.asOf, position: state.position }),
                  sources: ['claims: Impactline ledger (each claim keeps its own sources)'],
                  legend: [...narrativesUsed.map((n) => ({ label: n.name, color: markColor(n.color, scheme) })), ...state.tickers.map((t, i) => ({ label: t, color: tickerColor(i, scheme) }))],
                }}
                priceSourcesOf={state.tickers}
                filename={{ from: domain[0], to: domain[1], asOf: state.asOf, position: state.position }}
              />
              <p className="muted small">
                Dollar rows are log scales with the same height per decade, each spanning only the decades its claims need (values in million USD are drawn
                ×1,000,000); GPU counts have their own axis. {!state.from && !state.to ? 'The time axis is fitted to the claims: a break (//) leaves out the empty months between far-apart claims. ' : ''}Hover or focus a dot (Tab) for the
                claimant, value, qualifier, scope and sources; click or press Enter to keep them open and reach the source links.
                {state.asOf ? ` Claims asserted after ${state.asOf} are not shown; the dashed vertical line marks the as-of date.` : ''}
              </p>
            </>
          )}
          {priceErrors.length ? (
            <p role="alert" className="error">
              Prices could not be loaded: {priceErrors.join('; ')}
            </p>
          ) : null}
          {outside.length ? (
            <p className="muted small">
              Outside the time range ({domain[0]} to {domain[1]}): {outside.map((c) => `${c.claimant} ${c.asserted_on}`).join('; ')}.
            </p>
          ) : null}
          {notComparable.length ? (
            <div className="not-comparable">
              <h3>Not on either axis</h3>
              <p className="muted small">These figures are not comparable with the dollar amounts or GPU counts above, so they are listed instead of drawn.</p>
              <ul>
                {notComparable.map((c) => {
                  const p = placeClaim(c);
                  return (
                    <li key={c.id}>
                      <strong>{formatAsGiven(c.current_value, c.unit)}</strong> {c.qualifier ? `(${c.qualifier}) ` : ''}— {c.subject}, {c.claimant}, {c.asserted_on}.{' '}
                      <span className="muted">{p.axis === 'none' ? `Not plotted: ${p.reason}.` : ''}</span> <span className="muted small">{c.scope}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
        </section>

        <section aria-labelledby="agg-heading" className="agg-section">
          <div className="section-head">
            <h2 id="agg-heading">Narrative aggregates</h2>
            <label className="inline">
              Event window{' '}
              <select value={state.window} onChange={(e) => update({ window: e.target.value })}>
                {(WINDOWS as readonly string[]).concat(WINDOWS.includes(state.window as (typeof WINDOWS)[number]) ? [] : [state.window]).map((w) => (
                  <option key={w} value={w}>
                    {windowLabel(w)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {narrQ.isPending ? (
            <p role="status">Computing abnormal returns…</p>
          ) : narrQ.isError ? (
            <div role="alert" className="error">
              Aggregates could not be computed: {narrQ.error.message}{' '}
              <button type="button" onClick={() => narrQ.refetch()}>
                Retry
              </button>
            </div>
          ) : (
            <AggregatesTable data={narrQ.data} narratives={narratives} />
          )}
          <NarrativesExport clock={clock} narrativesParams={narrParams} />
        </section>
      </div>
      <ClaimReactionScatter ticker={state.tickers[0]!} window={state.window} clock={clock} narratives={narratives} />
    </div>
  );
}

function Legend({ narratives, relations, tickers, hasDisputed }: { narratives: NarrativeView[]; relations: string[]; tickers: string[]; hasDisputed: boolean }) {
  const scheme = useColorScheme();
  return (
    <ul className="legend" aria-label="Legend">
      {narratives.map((n) => (
        <li key={n.id}>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="5" fill={markColor(n.color, scheme)} />
          </svg>
          {n.name}
        </li>
      ))}
      {hasDisputed ? (
        <li>
          <svg width="20" height="20" aria-hidden="true">
            <circle cx="10" cy="10" r="8" className="ladder-disputed-ring" />
            <circle cx="10" cy="10" r="4.5" className="ladder-legend-dot" />
          </svg>
          disputed
        </li>
      ) : null}
      {relations.map((r) => (
        <li key={r}>
          <svg width="30" height="10" aria-hidden="true">
            <line x1="1" x2="29" y1="5" y2="5" className="ladder-link" strokeDasharray={RELATION_DASH[r] || undefined} />
          </svg>
          {r}
        </li>
      ))}
      {tickers.map((t, i) => (
        <li key={t}>
          <svg width="20" height="10" aria-hidden="true">
            <line x1="1" x2="19" y1="5" y2="5" stroke={tickerColor(i, scheme)} strokeWidth="2" />
          </svg>
          {t}
        </li>
      ))}
    </ul>
  );
}
