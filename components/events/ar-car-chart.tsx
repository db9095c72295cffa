'use client';
// Daily abnormal returns (bars) and their cumulative sum (line) over an event window, with the
// ±1.96σ√L band in which the CAR stays with 95% probability when the event moved nothing. A
// crosshair reads each day (mouse, touch, ←/→ on the focused chart): the date, AR with its t,
// CAR with its t, and the events that met the market that day.
import { area, line, scaleBand, scaleLinear } from 'd3';
import { useId, useState } from 'react';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import type { DailyRow } from '@/lib/analytics/types';
import { carBand } from '@/lib/charts/event-brief';
import { THEMES } from '@/lib/charts/palette';
import { formatPct } from '@/lib/charts/timeline';

type DayEvent = { id: string; title: string; date: string };

type Props = {
  daily: DailyRow[];
  ticker: string;
  width: number;
  /** The estimation's residual σ (daily), for the band and the t of each day. */
  sigma: number;
  /** Events to name in the readout, by the trading day they met the market. */
  events?: DayEvent[];
  height?: number;
};

function signedPct(v: number | null): string {
  if (v === null) return '—';
  return `${v < 0 ? '−' : '+'}${Math.abs(v * 100).toFixed(2)}%`;
}

export function ArCarChart({ daily, ticker, width, sigma, events = [], height = 190 }: Props) {
  const scheme = useColorScheme();
  const theme = THEMES[scheme];
  const [active, setActive] = useState<number | null>(null);
  const readoutId = useId();
  const rows = daily.filter((r) => r.ar !== null);
  if (rows.length === 0) return <p className="muted">No abnormal returns in this window.</p>;
  const m = { left: 48, right: 10, top: 10, bottom: 26 };
  const innerW = Math.max(100, width - m.left - m.right);
  const innerH = height - m.top - m.bottom;
  const x = scaleBand<number>().domain(daily.map((r) => r.day)).range([0, innerW]).padding(0.25);
  const cx = (day: number) => (x(day) ?? 0) + x.bandwidth() / 2;
  const n = (i: number) => i + 1; // days of the window up to and including row i
  const band = daily.map((r, i) => ({ day: r.day, half: carBand(sigma, n(i)) }));
  const values = [...rows.flatMap((r) => [r.ar ?? 0, r.car ?? 0, 0]), ...band.flatMap((b) => [b.half, -b.half])];
  const y = scaleLinear().domain([Math.min(...values), Math.max(...values)]).nice().range([innerH, 0]);
  const carLine = line<DailyRow>()
    .defined((r) => r.car !== null)
    .x((r) => cx(r.day))
    .y((r) => y(r.car ?? 0))(daily);
  const bandArea = area<{ day: number; half: number }>()
    .x((b) => cx(b.day))
    .y0((b) => y(-b.half))
    .y1((b) => y(b.half))(band);
  // Day labels thinned on narrow charts so they never touch.
  const every = x.step() < 22 ? 2 : 1;
  const last = rows[rows.length - 1]!;
  const summary = `Daily abnormal returns of ${ticker} from day ${daily[0]!.day} to day ${daily[daily.length - 1]!.day}; cumulative ${formatPct(last.car)}; the shaded band is ±1.96σ√L, where the CAR stays with 95% probability if the event moved nothing.`;

  const i = active === null ? null : Math.max(0, Math.min(daily.length - 1, active));
  const row = i === null ? null : daily[i]!;
  const dayEvents = row ? events.filter((e) => e.date <= row.date && (i === 0 || e.date > daily[i! - 1]!.date)) : [];
  const readout = row
    ? {
        title: `day ${row.day} (${row.date})`,
        ar: row.ar,
        arT: row.ar !== null && sigma > 0 ? row.ar / sigma : null,
        car: row.car,
        carT: sigma > 0 ? row.car / (sigma * Math.sqrt(n(i!))) : null,
      }
    : null;
  const readoutText = readout
    ? `${ticker} ${readout.title}: AR ${signedPct(readout.ar)}${readout.arT !== null ? `, t ${readout.arT.toFixed(2)}` : ''}; CAR ${signedPct(readout.car)}${readout.carT !== null ? `, t ${readout.carT.toFixed(2)}` : ''}${dayEvents.length ? `; events: ${dayEvents.map((e) => e.title).join('; ')}` : ''}`
    : '';
  const pick = (clientX: number, el: Element) => {
    const px = clientX - el.getBoundingClientRect().left - m.left;
    const k = Math.round((px - x.bandwidth() / 2 - (x(daily[0]!.day) ?? 0)) / x.step());
    setActive(Math.max(0, Math.min(daily.length - 1, k)));
  };

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
                  {(v * 100).toFixed(0)}%
                </text>
              </g>
            ))}
            {rows.map((r) => (
              <rect key={r.day} x={x(r.day)} width={x.bandwidth()} y={y(Math.max(0, r.ar ?? 0))} height={Math.abs(y(r.ar ?? 0) - y(0))} fill={(r.ar ?? 0) < 0 ? theme.neg : theme.pos} fillOpacity={0.55}>
                <title>{`day ${r.day} (${r.date}): AR ${formatPct(r.ar)}, CAR ${formatPct(r.car)}`}</title>
              </rect>
            ))}
            <path d={carLine ?? ''} fill="none" stroke={theme.fg} strokeWidth={1.8} />
            {row ? (
              <g pointerEvents="none">
                <line x1={cx(row.day)} x2={cx(row.day)} y1={0} y2={innerH} stroke={theme.muted} />
                <circle cx={cx(row.day)} cy={y(row.car)} r={3.5} fill={theme.fg} stroke={theme.bg} strokeWidth={1.5} />
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
              AR <span className={(readout.ar ?? 0) < 0 ? 'neg' : 'pos'}>{signedPct(readout.ar)}</span>
              {readout.arT !== null ? <span className="muted"> t {readout.arT.toFixed(2).replace('-', '−')}</span> : null}
            </div>
            <div>
              CAR <span className={readout.car < 0 ? 'neg' : 'pos'}>{signedPct(readout.car)}</span>
              {readout.carT !== null ? <span className="muted"> t {readout.carT.toFixed(2).replace('-', '−')}</span> : null}
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
        Bars: daily abnormal return (AR) of {ticker}; line: cumulative (CAR); shaded: ±1.96σ√L, where the CAR stays with 95% probability if the event moved
        nothing (σ {formatPct(sigma)} a day, L days so far). Day 0 is the event&apos;s trading day.
      </figcaption>
    </figure>
  );
}
