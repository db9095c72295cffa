'use client';
// Daily abnormal values (bars) and their cumulative sum (line) over an event window: abnormal
// returns and CAR, or (volume mode) abnormal log volume and CAV.
import { line, scaleBand, scaleLinear } from 'd3';
import type { DailyRow, VolumeStudy } from '@/lib/analytics/types';
import { formatNumber, formatPct } from '@/lib/charts/timeline';

export type ChartMode = 'returns' | 'volume';
export type ChartRow = { day: number; date: string; value: number | null; cumulative: number };

export const returnRows = (daily: DailyRow[]): ChartRow[] => daily.map((r) => ({ day: r.day, date: r.date, value: r.ar, cumulative: r.car }));
export const volumeRows = (daily: VolumeStudy['daily']): ChartRow[] => daily.map((r) => ({ day: r.day, date: r.date, value: r.av, cumulative: r.cav }));

/** Abnormal log volume v: "+1.23 (3.4× usual)". */
const formatVolume = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} (${Math.exp(v).toFixed(1)}× usual)`);

export function ArCarChart({ rows: all, ticker, width, mode = 'returns' }: { rows: ChartRow[]; ticker: string; width: number; mode?: ChartMode }) {
  const rows = all.filter((r) => r.value !== null);
  if (rows.length === 0) return <p className="muted">No abnormal {mode === 'volume' ? 'volume' : 'returns'} in this window.</p>;
  const fmt = mode === 'volume' ? formatVolume : (v: number | null) => formatPct(v);
  const names = mode === 'volume' ? { bar: 'abnormal log volume', line: 'CAV' } : { bar: 'abnormal return', line: 'CAR' };
  const height = 170;
  const m = { left: 48, right: 8, top: 10, bottom: 26 };
  const innerW = Math.max(100, width - m.left - m.right);
  const innerH = height - m.top - m.bottom;
  const x = scaleBand<number>().domain(all.map((r) => r.day)).range([0, innerW]).padding(0.25);
  const values = rows.flatMap((r) => [r.value ?? 0, r.cumulative, 0]);
  const y = scaleLinear().domain([Math.min(...values), Math.max(...values)]).nice().range([innerH, 0]);
  const cumLine = line<ChartRow>()
    .x((r) => (x(r.day) ?? 0) + x.bandwidth() / 2)
    .y((r) => y(r.cumulative))(all);
  const summary = `Daily ${names.bar} of ${ticker} from day ${all[0]!.day} to day ${all[all.length - 1]!.day}; cumulative ${fmt(rows[rows.length - 1]!.cumulative)}.`;
  return (
    <figure className="ar-car-chart">
      <svg width={width} height={height} role="img" aria-label={summary}>
        <g transform={`translate(${m.left},${m.top})`}>
          {y.ticks(4).map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line x1={0} x2={innerW} stroke={v === 0 ? '#8a94a3' : '#eef0f3'} />
              <text x={-6} dy="0.32em" textAnchor="end" className="axis-label">
                {mode === 'volume' ? v.toFixed(1) : `${(v * 100).toFixed(0)}%`}
              </text>
            </g>
          ))}
          {rows.map((r) => (
            <rect
              key={r.day}
              x={x(r.day)}
              width={x.bandwidth()}
              y={y(Math.max(0, r.value ?? 0))}
              height={Math.abs(y(r.value ?? 0) - y(0))}
              fill={(r.value ?? 0) < 0 ? '#e8a19b' : mode === 'volume' ? '#9bb7d3' : '#9bd3b5'}
            >
              <title>{`day ${r.day} (${r.date}): ${names.bar} ${fmt(r.value)}, ${names.line} ${fmt(r.cumulative)}`}</title>
            </rect>
          ))}
          <path d={cumLine ?? ''} fill="none" stroke="#1b1f24" strokeWidth={1.6} />
          {all.map((r) => (
            <text key={`d${r.day}`} x={(x(r.day) ?? 0) + x.bandwidth() / 2} y={innerH + 16} textAnchor="middle" className="axis-label">
              {r.day}
            </text>
          ))}
        </g>
      </svg>
      <figcaption className="muted">
        {mode === 'volume' ? (
          <>
            Bars: abnormal log volume of {ticker}, ln(1 + volume) against its estimation-window mean (+0.69 ≈ twice the usual volume); line: cumulative (CAV).
          </>
        ) : (
          <>Bars: daily abnormal return of {ticker}; line: cumulative (CAR).</>
        )}{' '}
        Day 0 is the event&apos;s trading day.
      </figcaption>
    </figure>
  );
}
