'use client';
// "Claim size vs reaction" (issue 15): each dollar cost claim (log scale) against the ticker's
// CAR around the day it was asserted, with the OLS slope, its t and R². With fewer than 8 claims
// it says so instead of drawing a conclusion.
import { useQuery } from '@tanstack/react-query';
import { claimReactionsQuery } from '@/components/data/queries';
import { useElementWidth } from '@/components/ui/use-element-width';
import { formatUsd } from '@/lib/charts/claim-ladder';
import { scatterLayout } from '@/lib/charts/scatter';
import { formatNumber, formatP, formatPct } from '@/lib/charts/timeline';
import type { ClaimReactionsResponse, NarrativeView } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';
import styles from './claim-reaction-scatter.module.css';

type Props = { ticker: string; window: string; clock: ClockKey; narratives: NarrativeView[] };

const windowLabel = (w: { from: number; to: number }) => `[${w.from}, ${w.to > 0 ? '+' : ''}${w.to}]`;

function fitText(data: ClaimReactionsResponse): string {
  const f = data.fit;
  if (f.slope === null) return `No slope: ${f.reason}.`;
  return `OLS slope ${formatNumber(f.slope * 100)} percentage points of CAR per tenfold claim (t ${formatNumber(f.slope_t)}, p ${formatP(f.slope_p)}, ${f.df} df), R² ${formatNumber(f.r2, 3)}.`;
}

export function ClaimReactionScatter({ ticker, window, clock, narratives }: Props) {
  const q = useQuery(claimReactionsQuery({ ticker, window, asOf: clock.asOf, position: clock.position }));
  const [ref, measured] = useElementWidth<HTMLDivElement>(560);
  const width = Math.max(280, Math.min(720, measured));
  const colors = new Map(narratives.map((n) => [n.id, n] as const));
  const data = q.data;

  return (
    <section className={styles.section} aria-labelledby="claim-reaction-heading">
      <h2 id="claim-reaction-heading">Claim size vs reaction</h2>
      <p className="muted small">
        Each cost claim in dollars (log scale) against {ticker}&apos;s cumulative abnormal return around the day it was asserted. Does a bigger (or smaller) claimed cost go with a
        bigger market move?
      </p>
      <div ref={ref}>
        {q.isPending ? (
          <p role="status">Computing the reactions…</p>
        ) : q.isError ? (
          <div role="alert" className="error">
            The reactions could not be computed: {q.error.message}{' '}
            <button type="button" onClick={() => q.refetch()}>
              Retry
            </button>
          </div>
        ) : data!.points.length === 0 ? (
          <p>No dollar cost claim has a complete event window{clock.asOf ? ` as known on ${clock.asOf}` : ''}.</p>
        ) : (
          <Chart data={data!} width={width} colors={colors} />
        )}
      </div>
      {data ? (
        <>
          <p className={styles.verdict} aria-live="polite">
            <strong>
              n = {data.fit.n}
              {data.fit.conclusive ? '' : ', too few to conclude'}.
            </strong>{' '}
            {fitText(data)}
          </p>
          <details className={styles.points}>
            <summary>
              The {data.points.length} claims plotted{data.excluded.length ? ` and the ${data.excluded.length} left out` : ''}
            </summary>
            <div className={styles.scroll} role="region" aria-label="Claims and reactions" tabIndex={0}>
              <table className={styles.table}>
                <caption className={styles.srOnly}>Dollar cost claims and {ticker}&apos;s CAR{windowLabel(data.window)} at the date asserted</caption>
                <thead>
                  <tr>
                    <th scope="col">Asserted</th>
                    <th scope="col">Claim</th>
                    <th scope="col">Value</th>
                    <th scope="col">Day 0</th>
                    <th scope="col">CAR</th>
                    <th scope="col">t</th>
                  </tr>
                </thead>
                <tbody>
                  {data.points.map((p) => (
                    <tr key={p.claim}>
                      <td>{p.asserted_on}</td>
                      <th scope="row">
                        {p.claimant}: {p.subject} <span className="muted small">({p.metric.replace(/_/g, ' ')})</span>
                      </th>
                      <td>{formatUsd(p.value_usd)}</td>
                      <td>{p.day0}</td>
                      <td>{formatPct(p.car)}</td>
                      <td>{formatNumber(p.t)}</td>
                    </tr>
                  ))}
                  {data.excluded.map((e) => (
                    <tr key={e.claim} className={styles.excluded}>
                      <td>{e.asserted_on}</td>
                      <th scope="row">{e.claim}</th>
                      <td colSpan={4}>Left out: {e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      ) : null}
    </section>
  );
}

function Chart({ data, width, colors }: { data: ClaimReactionsResponse; width: number; colors: Map<string, NarrativeView> }) {
  const height = 250;
  const points = data.points.map((p) => ({ id: p.claim, x: p.log10_usd, y: p.car }));
  const fit = data.fit.slope !== null && data.fit.intercept !== null ? { intercept: data.fit.intercept, slope: data.fit.slope } : null;
  const l = scatterLayout(points, fit, width, height);
  const win = windowLabel(data.window);
  const label = `Scatter of ${data.points.length} dollar cost claims: claimed cost on a log scale against ${data.ticker}'s CAR${win} at the date asserted. ${fitText(data)}`;
  return (
    <svg width={width} height={height} role="img" aria-label={label} className={styles.chart}>
      {l.yTicks.map((t) => (
        <g key={t.label}>
          <line x1={l.margin.left} x2={width - l.margin.right} y1={t.y} y2={t.y} stroke={Math.abs(t.y - l.zeroY) < 0.5 ? '#8a94a3' : '#eef0f3'} />
          <text x={l.margin.left - 6} y={t.y} dy="0.32em" textAnchor="end" className={styles.axis}>
            {t.label}
          </text>
        </g>
      ))}
      {l.xTicks.map((t) => (
        <text key={t.label} x={t.x} y={height - l.margin.bottom + 16} textAnchor="middle" className={styles.axis}>
          {t.label}
        </text>
      ))}
      <text x={width - l.margin.right} y={height - 4} textAnchor="end" className={styles.axis}>
        claimed cost (log scale)
      </text>
      <text x={4} y={10} className={styles.axis}>
        {data.ticker} CAR{win}
      </text>
      {l.fit ? <line x1={l.fit.x1} y1={l.fit.y1} x2={l.fit.x2} y2={l.fit.y2} className={styles.fit} /> : null}
      {data.points.map((p, i) => {
        const at = l.points[i]!;
        return (
          <circle key={p.claim} cx={at.cx} cy={at.cy} r={5.5} fill={colors.get(p.narrative)?.color ?? '#6b7280'} stroke="#fff" strokeWidth={1.5}>
            <title>{`${p.claimant}: ${p.subject}, ${formatUsd(p.value_usd)} (${p.metric.replace(/_/g, ' ')}), asserted ${p.asserted_on}; ${data.ticker} CAR${win} ${formatPct(p.car)} (t ${formatNumber(p.t)})`}</title>
          </circle>
        );
      })}
    </svg>
  );
}
