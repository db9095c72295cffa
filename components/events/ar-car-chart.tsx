'use client';
// Daily abnormal returns (bars) and their cumulative sum (line) over an event window.
import { line, scaleBand, scaleLinear } from 'd3';
import type { DailyRow } from '@/lib/analytics/types';
import { formatPct } from '@/lib/charts/timeline';

export function ArCarChart({ daily, ticker, width }: { daily: DailyRow[]; ticker: string; width: number }) {
  const rows = daily.filter((r) => r.ar !== null);
  if (rows.length === 0) return <p className="muted">No abnormal returns in this window.</p>;
  const height = 170;
  const m = { left: 48, right: 8, top: 10, bottom: 26 };
  const innerW = Math.max(100, width - m.left - m.right);
  const innerH = height - m.top - m.bottom;
  const x = scaleBand<number>().domain(daily.map((r) => r.day)).range([0, innerW]).padding(0.25);
  const values = rows.flatMap((r) => [r.ar ?? 0, r.car ?? 0, 0]);
  const y = scaleLinear().domain([Math.min(...values), Math.max(...values)]).nice().range([innerH, 0]);
  const carLine = line<DailyRow>()
    .defined((r) => r.car !== null)
    .x((r) => (x(r.day) ?? 0) + x.bandwidth() / 2)
    .y((r) => y(r.car ?? 0))(daily);
  const summary = `Daily abnormal returns of ${ticker} from day ${daily[0]!.day} to day ${daily[daily.length - 1]!.day}; cumulative ${formatPct(rows[rows.length - 1]!.car)}.`;
  return (
    <figure className="ar-car-chart">
      <svg width={width} height={height} role="img" aria-label={summary}>
        <g transform={`translate(${m.left},${m.top})`}>
          {y.ticks(4).map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line x1={0} x2={innerW} stroke={v === 0 ? '#8a94a3' : '#eef0f3'} />
              <text x={-6} dy="0.32em" textAnchor="end" className="axis-label">
                {(v * 100).toFixed(0)}%
              </text>
            </g>
          ))}
          {rows.map((r) => (
            <rect key={r.day} x={x(r.day)} width={x.bandwidth()} y={y(Math.max(0, r.ar ?? 0))} height={Math.abs(y(r.ar ?? 0) - y(0))} fill={(r.ar ?? 0) < 0 ? '#e8a19b' : '#9bd3b5'}>
              <title>{`day ${r.day} (${r.date}): AR ${formatPct(r.ar)}, CAR ${formatPct(r.car)}`}</title>
            </rect>
          ))}
          <path d={carLine ?? ''} fill="none" stroke="#1b1f24" strokeWidth={1.6} />
          {daily.map((r) => (
            <text key={`d${r.day}`} x={(x(r.day) ?? 0) + x.bandwidth() / 2} y={innerH + 16} textAnchor="middle" className="axis-label">
              {r.day}
            </text>
          ))}
        </g>
      </svg>
      <figcaption className="muted">Bars: daily abnormal return of {ticker}; line: cumulative (CAR). Day 0 is the event&apos;s trading day.</figcaption>
    </figure>
  );
}
