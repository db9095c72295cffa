'use client';
// Daily abnormal values (bars) and their cumulative sum (line) over an event window: abnormal
// returns and CAR, with the ±1.96σ√L band in which the CAR stays with 95% probability when the
// event moved nothing, or (volume mode) abnormal log volume and CAV. A crosshair reads each day
// (mouse, touch, ←/→ on the focused chart): the date, the day's value (AR with its t), the
// cumulative value (CAR with its t), and the events that met the market that day.
import { area, line, scaleBand, scaleLinear } from 'd3';
import { useId, useState } from 'react';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import type { DailyRow, VolumeStudy } from '@/lib/analytics/types';
import { carBand } from '@/lib/charts/event-brief';
import { THEMES } from '@/lib/charts/palette';
import { formatNumber, formatPct } from '@/lib/charts/timeline';

export type ChartMode = 'returns' | 'volume';
export type ChartRow = { day: number; date: string; value: number | null; cumulative: number };

export const returnRows = (daily: DailyRow[]): ChartRow[] => daily.map((r) => ({ day: r.day, date: r.date, value: r.ar, cumulative: r.car }));
export const volumeRows = (daily: VolumeStudy['daily']): ChartRow[] => daily.map((r) => ({ day: r.day, date: r.date, value: r.av, cumulative: r.cav }));

type DayEvent = { id: string; title: string; date: string };

type Props = {
  rows: ChartRow[];
  ticker: string;
  width: number;
  mode?: ChartMode;
  /** The estimation's residual σ of returns (daily), for the band and each day's t (returns mode only). */
  sigma?: number | null;
  /** Events to name in the readout, by the trading day they met the market. */
  events?: DayEvent[];
  height?: number;
};

function signedPct(v: number | null): string {
  if (v === null) return '—';
  return `${v < 0 ? '−' : '+'}${Math.abs(v * 100).toFixed(2)}%`;
}

/** Abnormal log volume v: "+1.23 (3.4× usual)". */
const formatVolume = (v: number | null) => (v === null ? '—' : `${v < 0 ? '−' : '+'}${formatNumber(Math.abs(v))} (${Math.exp(v).toFixed(1)}× usual)`);

export function ArCarChart({ rows: daily, ticker, width, mode = 'returns', sigma = null, events = [], height = 190 }: Props) {
  const scheme = useColorScheme();
  const theme = THEMES[scheme];
  const [active, setActive] = useState<number | null>(null);
  const readoutId = useId();
  const volume = mode === 'volume';
  const names = volume ? { bar: 'abnormal log volume', value: 'AV', line: 'CAV' } : { bar: 'abnormal return', value: 'AR', line: 'CAR' };
  const fmt = volume ? formatVolume : signedPct;
  // The band and per-day t exist for returns with a usable σ only.
  const s = !volume && sigma !== null && sigma > 0 ? sigma : null;
  const rows = daily.filter((r) => r.value !== null);
  if (rows.length === 0) return <p className="muted">No {names.bar}s in this window.</p>;
  const m = { left: 48, right: 10, top: 10, bottom: 26 };
  const innerW = Math.max(100, width - m.left - m.right);
  const innerH = height - m.top - m.bottom;
  const x = scaleBand<number>().domain(daily.map((r) => r.day)).range([0, innerW]).padding(0.25);
  const cx = (day: number) => (x(day) ?? 0) + x.bandwidth() / 2;
  const n = (i: number) => i + 1; // days of the window up to and including row i
  const band = s === null ? [] : daily.map((r, i) => ({ day: r.day, half: carBand(s, n(i)) }));
  const values = [...rows.flatMap((r) => [r.value ?? 0, r.cumulative, 0]), ...band.flatMap((b) => [b.half, -b.half])];
  const y = scaleLinear().domain([Math.min(...values), Math.max(...values)]).nice().range([innerH, 0]);
  const cumLine = line<ChartRow>()
    .x((r) => cx(r.day))
    .y((r) => y(r.cumulative))(daily);
  const bandArea = band.length
    ? area<{ day: number; half: number }>()
        .x((b) => cx(b.day))
        .y0((b) => y(-b.half))
        .y1((b) => y(b.half))(band)
    : null;
  // Day labels thinned on narrow charts so they never touch.
  const every = x.step() < 22 ? 2 : 1;
  const last = rows[rows.length - 1]!;
  const summary = `Daily ${names.bar} of ${ticker} from day ${daily[0]!.day} to day ${daily[daily.length - 1]!.day}; cumulative ${fmt(last.cumulative)}${s !== null ? '; the shaded band is ±1.96σ√L, where the CAR stays with 95% probability if the event moved nothing' : ''}.`;

  const i = active === null ? null : Math.max(0, Math.min(daily.length - 1, active));
  const row = i === null ? null : daily[i]!;
  const dayEvents = row ? events.filter((e) => e.date <= row.date && (i === 0 || e.date > daily[i! - 1]!.date)) : [];
  const readout = row
    ? {
        title: `day ${row.day} (${row.date})`,
        value: row.value,
        valueT: row.value !== null && s !== null ? row.value / s : null,
        cumulative: row.cumulative,
        cumulativeT: s !== null ? row.cumulative / (s * Math.sqrt(n(i!))) : null,
      }
    : null;
  const tText = (t: number | null) => (t !== null ? `, t ${t.toFixed(2)}` : '');
  const readoutText = readout
    ? `${ticker} ${readout.title}: ${names.value} ${fmt(readout.value)}${tText(readout.valueT)}; ${names.line} ${fmt(readout.cumulative)}${tText(readout.cumulativeT)}${dayEvents.length ? `; events: ${dayEvents.map((e) => e.title).join('; ')}` : ''}`
    : '';
  const pick = (clientX: number, el: Element) => {
    const px = clientX - el.getBoundingClientRect().left - m.left;
    const k = Math.round((px - x.bandwidth() / 2 - (x(daily[0]!.day) ?? 0)) / x.step());
    setActive(Math.max(0, Math.min(daily.length - 1, k)));
  };
  const posColor = volume ? theme.band : theme.pos;

  return (
    <figure className="ar-car-chart">
      <div
        className="ar-car-box"
        tabIndex={0}
        role="group"
        aria-label={`${summary} Use the left and right arrow keys to read each day.`}
        aria-describedby={readout ? readoutId : undefined}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            e.preventDefault();
            setActive((a) => (a === null ? (e.key === 'ArrowRight' ? 0 : daily.length - 1) : Math.max(0, Math.min(daily.length - 1, a + (e.key === 'ArrowRight' ? 1 : -1)))));
          } else if (e.key === 'Escape') setActive(null);
        }}
        onBlur={() => setActive(null)}
        style={{ width, height }}
      >
        <svg width={width} height={height} role="img" aria-label={summary} onPointerMove={(e) => pick(e.clientX, e.currentTarget)} onPointerDown={(e) => pick(e.clientX, e.currentTarget)} onPointerLeave={(e) => e.pointerType !== 'touch' && setActive(null)}>
          <g transform={`translate(${m.left},${m.top})`}>
            {bandArea ? <path d={bandArea} fill={theme.band} fillOpacity={0.13} stroke="none" className="car-band" /> : null}
            {y.ticks(4).map((v) => (
              <g key={v} transform={`translate(0,${y(v)})`}>
                <line x1={0} x2={innerW} stroke={v === 0 ? theme.axis : theme.grid} />
                <text x={-6} dy="0.32em" textAnchor="end" className="axis-label">
                  {volume ? v.toFixed(1) : `${(v * 100).toFixed(0)}%`}
                </text>
              </g>
            ))}
            {rows.map((r) => (
              <rect key={r.day} x={x(r.day)} width={x.bandwidth()} y={y(Math.max(0, r.value ?? 0))} height={Math.abs(y(r.value ?? 0) - y(0))} fill={(r.value ?? 0) < 0 ? theme.neg : posColor} fillOpacity={0.55}>
                <title>{`day ${r.day} (${r.date}): ${names.bar} ${fmt(r.value)}, ${names.line} ${fmt(r.cumulative)}`}</title>
              </rect>
            ))}
            <path d={cumLine ?? ''} fill="none" stroke={theme.fg} strokeWidth={1.8} />
            {row ? (
              <g pointerEvents="none">
                <line x1={cx(row.day)} x2={cx(row.day)} y1={0} y2={innerH} stroke={theme.muted} />
                <circle cx={cx(row.day)} cy={y(row.cumulative)} r={3.5} fill={theme.fg} stroke={theme.bg} strokeWidth={1.5} />
              </g>
            ) : null}
            {daily.map((r, k) =>
              k % every === 0 || r.day === 0 ? (
                <text key={`d${r.day}`} x={cx(r.day)} y={innerH + 16} textAnchor="middle" className="axis-label">
                  {r.day}
                </text>
              ) : null,
            )}
          </g>
        </svg>
        {readout ? (
          <div className="crosshair-readout ar-readout" style={cx(row!.day) + m.left > width / 2 ? { right: width - (cx(row!.day) + m.left) + 10, top: 4 } : { left: cx(row!.day) + m.left + 10, top: 4 }} aria-hidden="true">
            <div className="readout-date">{readout.title}</div>
            <div>
              {names.value} <span className={(readout.value ?? 0) < 0 ? 'neg' : 'pos'}>{fmt(readout.value)}</span>
              {readout.valueT !== null ? <span className="muted"> t {readout.valueT.toFixed(2).replace('-', '−')}</span> : null}
            </div>
            <div>
              {names.line} <span className={readout.cumulative < 0 ? 'neg' : 'pos'}>{fmt(readout.cumulative)}</span>
              {readout.cumulativeT !== null ? <span className="muted"> t {readout.cumulativeT.toFixed(2).replace('-', '−')}</span> : null}
            </div>
            {dayEvents.length ? (
              <ul className="readout-events">
                {dayEvents.slice(0, 3).map((e) => (
                  <li key={e.id}>{e.title}</li>
                ))}
                {dayEvents.length > 3 ? <li className="muted">and {dayEvents.length - 3} more</li> : null}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      <p id={readoutId} className="sr-only" aria-live="polite">
        {readoutText}
      </p>
      <figcaption className="muted">
        {volume ? (
          <>Bars: abnormal log volume of {ticker}, ln(1 + volume) against its estimation-window mean (+0.69 ≈ twice the usual volume); line: cumulative (CAV).</>
        ) : s !== null ? (
          <>
            Bars: daily abnormal return (AR) of {ticker}; line: cumulative (CAR); shaded: ±1.96σ√L, where the CAR stays with 95% probability if the event moved nothing (σ{' '}
            {formatPct(s)} a day, L days so far).
          </>
        ) : (
          <>Bars: daily abnormal return (AR) of {ticker}; line: cumulative (CAR).</>
        )}{' '}
        Day 0 is the event&apos;s trading day.
      </figcaption>
    </figure>
  );
}
