'use client';
// The matrix as an ARIA grid: rows are events (by date), columns tickers, each cell CAR[window]
// on a diverging colour scale with stars from the per-event t; a last column and a last row hold
// the CAAR with the BMP test of the row or column. Arrow keys, Home/End and PageUp/PageDown move
// between cells (one tab stop for the whole grid); Enter or a click opens that event for that
// ticker on the dashboard.
import Link from 'next/link';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { MatrixResponse, MatrixSummary, NarrativeView } from '@/lib/contracts/read';
import { gridMove, heatColor, heatStars, textOn } from '@/lib/charts/heatmap';
import { formatNumber, formatP, formatPct } from '@/lib/charts/timeline';
import type { ClockKey } from '@/lib/query-keys';
import { dashboardHref } from './state';
import styles from './heatmap.module.css';

type Props = {
  data: MatrixResponse;
  narratives: NarrativeView[];
  /** Colour domain [−m, m]. */
  m: number;
  clock: ClockKey;
};

const pct1 = (v: number) => formatPct(v, 1);

function summaryText(s: MatrixSummary): string {
  if (s.caar === null) return '—';
  return `${pct1(s.caar)}${heatStars(s.bmp.p_value)}`;
}

function summaryLabel(s: MatrixSummary, what: string): string {
  if (s.caar === null) return `${what}: no pair with a complete window`;
  const bmp = s.bmp.statistic === null ? `BMP not computed (${s.bmp.reason})` : `BMP z ${formatNumber(s.bmp.statistic)}, p ${formatP(s.bmp.p_value)}`;
  return `${what}: CAAR ${pct1(s.caar)} over ${s.n} pairs, ${bmp}`;
}

export function HeatmapGrid({ data, narratives, m, clock }: Props) {
  const rows = data.events.length;
  const cols = data.tickers.length;
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const table = useRef<HTMLTableElement | null>(null);
  const colors = new Map(narratives.map((n) => [n.id, n] as const));
  const window = `[${data.window.from},${data.window.to}]`;
  const benchmark = data.params.benchmark;
  const [fr, fc] = [Math.min(focus[0], rows - 1), Math.min(focus[1], cols - 1)];

  function moveTo(r: number, c: number) {
    setFocus([r, c]);
    table.current?.querySelector<HTMLElement>(`[data-cell="${r}:${c}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-cell]');
    if (!target) return;
    const [r, c] = target.dataset.cell!.split(':').map(Number) as [number, number];
    const next = gridMove(event.key, r, c, rows, cols, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    moveTo(next[0], next[1]);
  }

  return (
    <div className={styles.scroll} role="region" aria-label={`Heatmap of CAR${window}`} tabIndex={-1}>
      <table ref={table} role="grid" className={styles.grid} aria-rowcount={rows + 2} aria-colcount={cols + 2} onKeyDown={onKeyDown}>
        <caption className={styles.srOnly}>
          CAR{window} of each event (rows, by date) for each ticker (columns) against {benchmark}; * p &lt; 0.05, ** p &lt; 0.01 (per-event t). Arrow keys move between
          cells; Enter opens the event on the dashboard.
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.corner}>
              Event
            </th>
            {data.tickers.map((t) => (
              <th scope="col" key={t} className={styles.colHead}>
                {t}
              </th>
            ))}
            <th scope="col" className={styles.sumHead} title="Mean CAR of the row's tickers, with the BMP test">
              CAAR
            </th>
          </tr>
        </thead>
        <tbody>
          {data.events.map((e, r) => {
            const n = colors.get(e.narrative);
            return (
              <tr key={e.id}>
                <th scope="row" className={styles.rowHead}>
                  <div className={styles.rowLabel}>
                    <span className={styles.swatch} style={{ background: n?.color ?? '#6b7280' }} title={n?.name ?? e.narrative} aria-hidden="true" />
                    <time dateTime={e.date}>{e.date}</time>
                    <span className={styles.title} title={e.title}>
                      {e.title}
                    </span>
                    <span className={styles.srOnly}>
                      {' '}
                      ({e.kind}, {n?.name ?? e.narrative})
                    </span>
                  </div>
                </th>
                {data.tickers.map((ticker, c) => {
                  const cell = data.cells[r]![c];
                  const tabIndex = r === fr && c === fc ? 0 : -1;
                  if (!cell) {
                    const reason = data.reasons[r]![c] ?? 'no estimate';
                    return (
                      <td
                        key={ticker}
                        role="gridcell"
                        className={styles.empty}
                        data-cell={`${r}:${c}`}
                        tabIndex={tabIndex}
                        aria-label={`${ticker}, ${e.date} ${e.title}: no CAR (${reason})`}
                        title={reason}
                        onFocus={() => setFocus([r, c])}
                      >
                        ·
                      </td>
                    );
                  }
                  const bg = heatColor(cell.car, m);
                  return (
                    <td key={ticker} role="gridcell" className={styles.cell} style={{ background: bg, color: textOn(bg) }}>
                      <Link
                        href={dashboardHref(e.id, ticker, benchmark, clock)}
                        data-cell={`${r}:${c}`}
                        tabIndex={tabIndex}
                        onFocus={() => setFocus([r, c])}
                        aria-label={`${ticker}, ${e.date} ${e.title}: CAR ${formatPct(cell.car)}, t ${formatNumber(cell.t)}, p ${formatP(cell.p)}. Open on the dashboard`}
                        title={`${ticker} · ${e.title}\nCAR${window} ${formatPct(cell.car)}, t ${formatNumber(cell.t)}, p ${formatP(cell.p)}`}
                      >
                        {pct1(cell.car)}
                        <span className={styles.stars}>{heatStars(cell.p)}</span>
                      </Link>
                    </td>
                  );
                })}
                <td className={styles.sum} title={summaryLabel(data.rows[r]!, 'Row')}>
                  {summaryText(data.rows[r]!)}
                  <span className={styles.srOnly}> ({summaryLabel(data.rows[r]!, 'row')})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className={styles.foot}>
          <tr>
            <th scope="row" className={styles.rowHead}>
              CAAR per ticker
            </th>
            {data.columns.map((s, c) => (
              <td key={data.tickers[c]} className={styles.sum} title={summaryLabel(s, data.tickers[c]!)}>
                {summaryText(s)}
                <span className={styles.srOnly}> ({summaryLabel(s, data.tickers[c]!)})</span>
              </td>
            ))}
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
