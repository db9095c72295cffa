'use client';
// One event in full: what happened, its sources and claims, and how abnormal the market's
// move was (impact table, daily AR/CAR chart, warnings), with the entry's ledger history.
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { useClaims, useEntry, useEventImpacts } from '@/components/data/use-queries';
import { ChartImageMenu } from '@/components/chart-image/chart-image-menu';
import { ExportMenu } from '@/components/export/export-menu';
import { useElementWidth } from '@/components/ui/use-element-width';
import type { ImpactResult } from '@/lib/contracts/read';
import { formatNumber, formatP, formatPct, stars } from '@/lib/charts/timeline';
import type { ClockKey } from '@/lib/query-keys';
import { AbnormalChart } from './abnormal-chart';
import { PeersSection } from './peers-section';

type Props = {
  id: string;
  tickers: string[];
  clock: ClockKey;
  variant: 'panel' | 'page';
  onClose?: () => void;
  pageHref?: string;
  /** Shown to signed-in editors only. */
  editHref?: string;
  /** Bumped by the dashboard when the user presses Enter: focus the heading once it is rendered. */
  focusRequest?: number;
  children?: React.ReactNode;
};

function figureText(f: { value: number | null; value_text?: string; unit: string }): string {
  const v = f.value !== null ? f.value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : (f.value_text ?? '');
  return `${v} ${f.unit}`;
}

export function EventDetail({ id, tickers, clock, variant, onClose, pageHref, editHref, focusRequest = 0, children }: Props) {
  const entry = useEntry(id, clock);
  const impacts = useEventImpacts(id, tickers, clock);
  const claims = useClaims(clock);
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  const [chartRef, chartWidth] = useElementWidth<HTMLDivElement>(360);
  // The request may arrive before the entry has loaded; honour each request once, when the heading exists.
  const handledFocus = useRef(0);
  const loaded = entry.data?.id === id;
  useEffect(() => {
    if (focusRequest > handledFocus.current && loaded && headingRef.current) {
      handledFocus.current = focusRequest;
      headingRef.current.focus();
    }
  }, [focusRequest, loaded]);

  if (entry.isPending) return <div className="event-detail" aria-busy="true"><p className="muted">Loading event…</p></div>;
  if (entry.isError)
    return (
      <div className="event-detail" role="alert">
        <p className="error">Could not load this event: {entry.error.message}</p>
        {onClose ? <button type="button" onClick={onClose}>Close</button> : null}
      </div>
    );
  const e = entry.data;
  const results = impacts.data?.results ?? [];
  const first = results[0];
  const linkedClaims = (claims.data?.claims ?? []).filter((c) => c.entry_id === e.id);
  const primary = results.find((r) => r.result !== null);

  return (
    <article className={`event-detail ${variant}`} aria-labelledby={`event-title-${e.id}`}>
      <header className="event-head">
        <h2 id={`event-title-${e.id}`} ref={headingRef} tabIndex={-1} className={e.status === 'retracted' ? 'retracted' : undefined}>
          {e.title}
        </h2>
        {onClose ? (
          <button type="button" className="close" onClick={onClose} aria-label="Close event panel (Escape)">
            ×
          </button>
        ) : null}
      </header>
      <dl className="facts">
        <dt>Date</dt>
        <dd>
          {e.date}
          {e.time_utc ? ` ${e.time_utc} UTC` : ''}
        </dd>
        <dt>Trading day 0</dt>
        <dd>{first?.day0 ? `${first.day0.date} (${first.day0.reason})` : first ? `not mapped: ${first.reason ?? 'no trading day'}` : impacts.isPending ? '…' : '—'}</dd>
        <dt>Kind</dt>
        <dd>{e.kind}</dd>
        <dt>Narrative</dt>
        <dd>{e.narrative}</dd>
        {e.confidence ? (
          <>
            <dt>Confidence</dt>
            <dd>{e.confidence}</dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>{e.status} · version {e.version}</dd>
      </dl>
      {children}
      {editHref ? (
        <p>
          <Link href={editHref}>Edit this entry</Link> <span className="muted small">(amend, add a source, retract, change its claims)</span>
        </p>
      ) : null}
      <p className="summary">{e.summary}</p>

      {e.figures.length > 0 ? (
        <section>
          <h3>Figures</h3>
          <ul className="figures">
            {e.figures.map((f, i) => (
              <li key={i}>
                <strong>{figureText(f)}</strong>
                {f.label ? <span className="muted"> — {f.label}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section>
        <h3>Market impact</h3>
        {impacts.isPending ? <p className="muted">Computing event study…</p> : null}
        {impacts.isError ? <p className="error" role="alert">{impacts.error.message}</p> : null}
        {results.map((r) => (
          <ImpactTable key={r.ticker} result={r} />
        ))}
        {primary?.result ? (
          <div ref={chartRef}>
            <AbnormalChart
              eventId={id}
              result={primary}
              clock={clock}
              width={Math.min(chartWidth, 640)}
              menu={(mode, volume) => {
                const answer = mode === 'volume' ? volume : impacts.data;
                const daily = primary.result?.daily ?? [];
                if (!answer) return null;
                const from = daily[0]?.date ?? null;
                const to = daily.at(-1)?.date ?? null;
                const what = mode === 'volume' ? 'abnormal volume' : 'abnormal returns';
                return (
                  <ChartImageMenu
                    target={chartRef}
                    chart={mode === 'volume' ? 'abnormal-volume-chart' : 'ar-car-chart'}
                    label={mode === 'volume' ? 'abnormal volume chart' : 'abnormal return chart'}
                    stamp={{
                      title: `Daily ${what} of ${primary.ticker} around “${e.title}” (${primary.model} model vs ${primary.benchmark})`,
                      from,
                      to,
                      asOf: clock.asOf,
                      position: answer.position,
                      replay: clock.position !== null,
                      paramsHash: answer.params_hash,
                      legend:
                        mode === 'volume'
                          ? [
                              { label: 'abnormal log volume ≥ 0', color: '#9bb7d3' },
                              { label: 'abnormal log volume < 0', color: '#e8a19b' },
                              { label: 'cumulative (CAV)', color: '#1b1f24' },
                            ]
                          : [
                              { label: 'abnormal return ≥ 0', color: '#9bd3b5' },
                              { label: 'abnormal return < 0', color: '#e8a19b' },
                              { label: 'cumulative (CAR)', color: '#1b1f24' },
                            ],
                    }}
                    priceSourcesOf={[primary.ticker, primary.benchmark]}
                    filename={{ from, to, asOf: clock.asOf, position: clock.position }}
                  />
                );
              }}
            />
          </div>
        ) : null}
        <ExportMenu dataset="impacts" label="Export impacts CSV" params={{ event: id, tickers, asOf: clock.asOf, position: clock.position }} />
        {impacts.data ? (
          <p className="stamp muted">
            Model {impacts.data.params.model} vs {impacts.data.params.benchmark}, estimation {impacts.data.params.estimation} returns ending at day −{impacts.data.params.gap + 1}; ledger position {impacts.data.position}; params {impacts.data.params_hash.slice(0, 12)}.
          </p>
        ) : null}
      </section>

      <PeersSection eventId={id} clock={clock} />

      {linkedClaims.length > 0 ? (
        <section>
          <h3>Cost claims in this entry</h3>
          <ul className="claims">
            {linkedClaims.map((c) => (
              <li key={c.id}>
                <strong>
                  {c.current_value.toLocaleString('en-US')} {c.unit}
                </strong>{' '}
                {c.metric.replace(/_/g, ' ')} — {c.claimant} ({c.qualifier ?? 'no qualifier'}), {c.status}
                {c.current_value !== c.value ? <span className="muted"> (first asserted as {c.value})</span> : null}
                <div className="muted">{c.scope}</div>
                {c.relations.length > 0 ? (
                  <div className="muted">
                    {c.relations.map((r) => (r.direction === 'outgoing' ? `${r.type} ${r.claim}` : `${r.type === 'disputes' ? 'disputed' : r.type} by ${r.claim}`)).join('; ')}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section>
        <h3>Sources</h3>
        {e.sources.length === 0 ? (
          <p className="muted">No sources recorded.</p>
        ) : (
          <ul className="sources">
            {e.sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">
                  {s.title}
                </a>
                <span className="muted">
                  {' '}
                  {[s.publisher, s.published].filter(Boolean).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h3>History</h3>
        <ol className="history">
          {e.history.map((h) => (
            <li key={h.position}>
              <span className="muted">#{h.position}</span> {h.type} · {h.recorded_at.slice(0, 19).replace('T', ' ')} UTC
              {h.actor ? ` · ${h.actor}` : ''}
              {h.reason ? ` · “${h.reason}”` : ''}
            </li>
          ))}
        </ol>
      </section>
      {pageHref ? (
        <p>
          <Link href={pageHref}>Open the full page for this event</Link>
        </p>
      ) : null}
    </article>
  );
}

function ImpactTable({ result }: { result: ImpactResult }) {
  const r = result.result;
  return (
    <div className="impact">
      <h4>
        {result.ticker} <span className="muted">vs {result.benchmark}</span>
      </h4>
      {result.ticker === result.benchmark ? (
        <p className="muted">{result.ticker} is the benchmark: its abnormal return is zero by construction.</p>
      ) : !r ? (
        <p className="muted">No estimate: {result.reason}</p>
      ) : (
        <>
          <table className="impact-table">
            <caption className="sr-only">Cumulative abnormal returns of {result.ticker} by window</caption>
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">CAR</th>
                <th scope="col">t</th>
                <th scope="col">p</th>
                <th scope="col">n</th>
              </tr>
            </thead>
            <tbody>
              {r.windows.map((w) => (
                <tr key={`${w.from}:${w.to}`} className={w.cut ? 'cut' : undefined}>
                  <th scope="row">
                    [{w.from},{w.to}]{w.cut ? <span title={`window cut by ${w.cut}`}> ✂</span> : null}
                  </th>
                  <td className={w.car !== null && w.car < 0 ? 'neg' : 'pos'}>
                    {formatPct(w.car)}
                    <span className="stars">{stars(w.p)}</span>
                  </td>
                  <td>{formatNumber(w.t)}</td>
                  <td>{formatP(w.p)}</td>
                  <td>{w.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            α {formatNumber(r.estimation.alpha, 5)}, β {formatNumber(r.estimation.beta, 3)}, σ {formatPct(r.estimation.sigma)}, n {r.estimation.n} ({r.estimation.start} → {r.estimation.end}). Stars: * p&lt;0.1, ** p&lt;0.05, *** p&lt;0.01. Dollar impact: {r.windows.some((w) => w.dollar_impact) ? 'estimate shown per window' : 'not available (shares outstanding unknown)'}.
          </p>
        </>
      )}
      {result.ticker !== result.benchmark && result.warnings.length > 0 ? (
        <details className="warnings">
          <summary>{result.warnings.length} warning{result.warnings.length > 1 ? 's' : ''}</summary>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
