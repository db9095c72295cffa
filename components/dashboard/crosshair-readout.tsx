'use client';
// The crosshair's readout box: the trading day, each line's value in the chart's mode with its
// daily change, the primary ticker's abnormal return that day with its t, and the day's events.
// The same text goes to a polite live region, so keyboard users hear what sighted users read.
import type { DayAbnormal, ReadoutLine } from '@/lib/charts/crosshair';
import { stars } from '@/lib/charts/timeline';
import type { EntryView } from '@/lib/contracts/read';

export type Readout = {
  day: string;
  lines: (ReadoutLine & { color: string })[];
  primary: string;
  abnormal: DayAbnormal | null;
  /** "AR" label: the event study's own AR in CAR mode, the day's market-model AR otherwise. */
  abnormalLabel: string;
  events: Pick<EntryView, 'id' | 'title' | 'kind'>[];
  valueFormat: (v: number) => string;
  mode: 'price' | 'rebased' | 'car';
};

const KIND_GLYPH: Record<string, string> = { release: '▲', claim: '●', market: '◆', report: '■', policy: '✚', corporate: '★' };
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });

function signedPct(v: number | null, digits = 2): string {
  if (v === null) return '—';
  return `${v < 0 ? '−' : '+'}${Math.abs(v * 100).toFixed(digits)}%`;
}

/** A t statistic with a true minus sign. */
function signedT(t: number): string {
  return t.toFixed(2).replace('-', '−');
}

export function readoutText(r: Readout): string {
  const parts = [`${weekday(r.day)} ${r.day}`];
  for (const l of r.lines)
    parts.push(l.value === null ? `${l.ticker}: no bar` : `${l.ticker} ${r.valueFormat(l.value)}${l.change !== null && r.mode !== 'car' ? ` (${signedPct(l.change)})` : ''}`);
  if (r.abnormal) parts.push(r.abnormal.ar === null ? `${r.primary} ${r.abnormalLabel}: ${r.abnormal.reason ?? 'none'}` : `${r.primary} ${r.abnormalLabel} ${signedPct(r.abnormal.ar)}${r.abnormal.t !== null ? `, t ${signedT(r.abnormal.t)}` : ''}`);
  if (r.events.length) parts.push(`events: ${r.events.map((e) => e.title).join('; ')}`);
  return parts.join('. ');
}

export function CrosshairReadout({ readout, left, top, align }: { readout: Readout; left: number; top: number; align: 'left' | 'right' }) {
  const r = readout;
  return (
    <div className="crosshair-readout" style={align === 'left' ? { left, top } : { right: left, top }} aria-hidden="true" data-readout-day={r.day}>
      <div className="readout-date">
        {weekday(r.day)} {r.day}
      </div>
      {r.lines.map((l) => (
        <div key={l.ticker} className="readout-line" data-ticker={l.ticker}>
          <span className="readout-swatch" style={{ background: l.color }} /> <span className="readout-ticker">{l.ticker}</span>{' '}
          {l.value === null ? (
            <span className="muted">no bar</span>
          ) : (
            <>
              {r.valueFormat(l.value)}
              {l.change !== null && r.mode !== 'car' ? <span className={l.change < 0 ? 'neg' : 'pos'}> {signedPct(l.change)}</span> : null}
            </>
          )}
        </div>
      ))}
      {r.abnormal ? (
        <div className="readout-ar" data-readout="ar">
          {r.primary} {r.abnormalLabel}{' '}
          {r.abnormal.ar === null ? (
            <span className="muted">{r.abnormal.reason ?? '—'}</span>
          ) : (
            <>
              <span className={r.abnormal.ar < 0 ? 'neg' : 'pos'}>
                {signedPct(r.abnormal.ar)}
                {stars(r.abnormal.p)}
              </span>
              {r.abnormal.t !== null ? <span className="muted"> t {signedT(r.abnormal.t)}</span> : null}
            </>
          )}
        </div>
      ) : null}
      {r.events.length > 0 ? (
        <ul className="readout-events">
          {r.events.slice(0, 4).map((e) => (
            <li key={e.id}>
              <span aria-hidden="true">{KIND_GLYPH[e.kind] ?? '●'}</span> {e.title}
            </li>
          ))}
          {r.events.length > 4 ? <li className="muted">and {r.events.length - 4} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

