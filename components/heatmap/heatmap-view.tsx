'use client';
// /heatmap: how each event moved each ticker. Events (rows, by date) × tickers (columns), CAR of
// one window per cell; filters, window, model, returns and the as-of date live in the URL.
import { useCallback, useMemo } from 'react';
import { usePathname } from 'next/navigation';
import { useUrlState } from '@/components/ui/use-url-state';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { matrixQuery } from '@/components/data/queries';
import { useNarratives, useTickers } from '@/components/data/use-queries';
import { ExportMenu } from '@/components/export/export-menu';
import { AsOfControl } from '@/components/narratives/as-of-control';
import { ClockBanner } from '@/components/ui/clock-banner';
import { MODELS, RETURNS_KINDS } from '@/lib/analytics/models';
import { heatDomain, legendStops } from '@/lib/charts/heatmap';
import { formatPct } from '@/lib/charts/timeline';
import { exportFilename } from '@/lib/csv/export-url';
import { KINDS } from '@/lib/domain/schemas';
import { HeatmapGrid } from './heatmap-grid';
import { downloadPng, drawHeatmap } from './heatmap-png';
import { clockOf, matrixParams, MAX_TICKERS, parseHeatmapState, toSearch, WINDOWS, type HeatmapState } from './state';
import styles from './heatmap.module.css';

export type HeatmapViewProps = {
  /** The as-of control's range: first and last dates of the ledger's entries and prices. */
  asOfExtent: [string, string];
  latestPosition: number;
};

const MODEL_LABELS: Record<string, string> = { market: 'Market model', 'market-adjusted': 'Market-adjusted', 'constant-mean': 'Constant mean' };
const windowLabel = (w: string) => {
  const [a, b] = w.split(':').map(Number);
  return `[${a}, ${b! > 0 ? '+' : ''}${b}]`;
};

export function HeatmapView({ asOfExtent, latestPosition }: HeatmapViewProps) {
  const pathname = usePathname();
  const [state, update] = useUrlState(parseHeatmapState, toSearch);
  const onAsOf = useCallback((asOf: string | null) => update({ asOf }), [update]);
  const clock = clockOf(state);
  // Narratives are ledger data: the ones defined at the clock's position.
  const narratives = useNarratives(clock);
  const params = matrixParams(state);
  const matrix = useQuery({ ...matrixQuery(params), placeholderData: keepPreviousData });
  const tickersQ = useTickers();
  const data = matrix.data;
  const m = useMemo(() => heatDomain(data ? data.cells.flat().map((c) => c?.car ?? null) : []), [data]);
  const shownTickers = data?.tickers ?? state.tickers ?? [];
  const nowHref = `${pathname}${toSearch({ ...state, asOf: null, position: null })}`;
  const exportParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === null ? null : String(v)]));

  function png() {
    if (!data) return;
    const what = `CAR${windowLabel(state.window)} by event and ticker vs ${data.params.benchmark}, ${MODEL_LABELS[state.model]}, ${state.returns} returns${state.asOf ? `, as of ${state.asOf}` : ''}`;
    downloadPng(drawHeatmap(data, m, what), exportFilename('heatmap', { from: state.from, to: state.to, asOf: state.asOf, position: state.position }).replace(/\.csv$/, '.png'));
  }

  return (
    <div>
      <h1>Heatmap</h1>
      <p className={`muted ${styles.intro}`}>
        How each event moved each ticker: the cumulative abnormal return over the event window, red for a fall and blue for a rise against the benchmark. Stars mark p &lt; 0.05 (*)
        and p &lt; 0.01 (**) from the event&apos;s own t-test; the last column and row give the mean (CAAR) with the BMP test across the row or column.
      </p>
      <ClockBanner asOf={state.asOf} position={state.position} latest={latestPosition} nowHref={nowHref} />

      <div className={styles.controls} role="group" aria-label="Heatmap controls">
        <label className={styles.field}>
          <span>Narrative</span>
          <select value={state.narrative ?? ''} onChange={(e) => update({ narrative: e.target.value || null })}>
            <option value="">All narratives</option>
            {narratives.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Kinds</legend>
          {KINDS.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={state.kinds.includes(k)}
                onChange={() => update({ kinds: state.kinds.includes(k) ? state.kinds.filter((x) => x !== k) : [...state.kinds, k] })}
              />
              {k}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Event dates</legend>
          <label>
            From <input type="date" value={state.from ?? ''} onChange={(e) => update({ from: e.target.value || null })} />
          </label>
          <label>
            To <input type="date" value={state.to ?? ''} onChange={(e) => update({ to: e.target.value || null })} />
          </label>
        </fieldset>
        <label className={styles.field}>
          <span>Window</span>
          <select value={state.window} onChange={(e) => update({ window: e.target.value })}>
            {(WINDOWS as readonly string[]).concat(WINDOWS.includes(state.window as (typeof WINDOWS)[number]) ? [] : [state.window]).map((w) => (
              <option key={w} value={w}>
                {windowLabel(w)} trading days
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Model</span>
          <select value={state.model} onChange={(e) => update({ model: e.target.value as HeatmapState['model'] })}>
            {MODELS.map((x) => (
              <option key={x} value={x}>
                {MODEL_LABELS[x]}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Returns</legend>
          {RETURNS_KINDS.map((r) => (
            <label key={r}>
              <input type="radio" name="heatmap-returns" value={r} checked={state.returns === r} onChange={() => update({ returns: r })} />
              {r}
            </label>
          ))}
        </fieldset>
        <AsOfControl key={state.asOf ?? 'now'} value={state.asOf} extent={asOfExtent} onChange={onAsOf} />
        <details className={styles.picker}>
          <summary>Tickers: {state.tickers ? `${state.tickers.length} chosen` : 'subject and peers'}</summary>
          <div className={styles.pickerBody}>
            {tickersQ.data ? (
              <fieldset>
                <legend>Columns (up to {MAX_TICKERS})</legend>
                {tickersQ.data.tickers.map((t) => {
                  const on = shownTickers.includes(t.symbol);
                  return (
                    <label key={t.symbol}>
                      <input
                        type="checkbox"
                        checked={on}
                        disabled={!on && shownTickers.length >= MAX_TICKERS}
                        onChange={() => {
                          const next = on ? shownTickers.filter((s) => s !== t.symbol) : [...shownTickers, t.symbol];
                          if (next.length > 0) update({ tickers: next });
                        }}
                      />
                      {t.symbol}
                    </label>
                  );
                })}
              </fieldset>
            ) : (
              <p className="muted">Loading tickers…</p>
            )}
            <button type="button" className={styles.secondary} onClick={() => update({ tickers: null })} disabled={state.tickers === null}>
              Subject and peers
            </button>
          </div>
        </details>
      </div>

      <div className={styles.toolbar}>
        <div className={styles.legend} aria-label="Colour legend">
          <span className={styles.ramp}>
            {formatPct(-m, 1)}
            <span className={styles.rampBar} aria-hidden="true">
              {legendStops(m, 21).map((s) => (
                <span key={s.value} style={{ background: s.color }} />
              ))}
            </span>
            {formatPct(m, 1)}
          </span>
          <span>* p &lt; 0.05 · ** p &lt; 0.01</span>
          <span className="muted">· grey: no estimate (hover for why)</span>
        </div>
        <ExportMenu dataset="heatmap" label="Export heatmap CSV" params={exportParams} />
        <button type="button" className={styles.secondary} onClick={png} disabled={!data || data.events.length === 0}>
          Download PNG
        </button>
      </div>

      {matrix.isPending ? (
        <p role="status" className={styles.status}>
          Computing the event studies…
        </p>
      ) : matrix.isError ? (
        <div role="alert" className={`error ${styles.status}`}>
          The heatmap could not be computed: {matrix.error.message}{' '}
          <button type="button" onClick={() => matrix.refetch()}>
            Retry
          </button>
        </div>
      ) : !data || data.events.length === 0 ? (
        <p role="status" className={styles.status}>
          No event matches these filters{state.asOf ? ` as known on ${state.asOf}` : ''}.
        </p>
      ) : (
        <>
          <p className={styles.stamp} aria-live="polite">
            {data.events.length} events × {data.tickers.length} tickers, CAR{windowLabel(state.window)} against {data.params.benchmark} ({MODEL_LABELS[state.model]}, {state.returns}{' '}
            returns, estimation {data.params.estimation} days ending at day −{data.params.gap + 1}); ledger position {data.position}; params {data.params_hash.slice(0, 12)}.
            {matrix.isFetching ? ' Updating…' : ''}
          </p>
          <HeatmapGrid data={data} narratives={narratives} m={m} clock={clock} />
        </>
      )}
    </div>
  );
}
