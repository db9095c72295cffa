'use client';
// The dashboard's controls: range presets, chart mode, log scale, volume bars, the ticker picker,
// the narrative and kind filters, and the as-of date.
import { useState } from 'react';
import { presetDomain, type Domain } from '@/lib/charts/domain';
import { fromTime, toTime } from '@/lib/charts/timeline';
import type { NarrativeView, TickerView } from '@/lib/contracts/read';
import { KINDS } from '@/lib/domain/schemas';
import { MAX_TICKERS, PRESETS, type Mode, type ViewState } from '@/lib/view-state';
import type { SetView } from './use-view-state';

const MODE_LABELS: Record<Mode, string> = { price: 'Price', rebased: 'Rebased to 100', car: 'Cumulative abnormal return' };
const KIND_LABEL: Record<string, string> = { release: '▲ release', claim: '● claim', market: '◆ market', report: '■ report', policy: '✚ policy', corporate: '★ corporate' };
const ROLES: TickerView['role'][] = ['subject', 'peer', 'benchmark'];
const DAY_MS = 86_400_000;

const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

type Props = {
  view: ViewState;
  setView: SetView;
  tickers: TickerView[];
  narratives: NarrativeView[];
  extent: Domain;
  lastPriceDate: string;
  onDomainChange: (d: Domain, final: boolean, immediate?: boolean) => void;
};

export function Controls({ view, setView, tickers, narratives, extent, lastPriceDate, onDomainChange }: Props) {
  const minDate = fromTime(extent[0]);
  const maxDate = fromTime(extent[1]);
  const dayCount = Math.round((extent[1] - extent[0]) / DAY_MS);
  // A draft while the slider moves; it follows the URL whenever the URL's as-of changes.
  const [draft, setDraft] = useState({ url: view.asOf, value: view.asOf ?? '' });
  const asOfMoved = draft.url !== view.asOf;
  if (asOfMoved) setDraft({ url: view.asOf, value: view.asOf ?? '' });
  const asOfDraft = asOfMoved ? (view.asOf ?? '') : draft.value;
  const setAsOfDraft = (value: string) => setDraft((d) => ({ ...d, value }));
  const sliderValue = asOfDraft ? Math.round((toTime(asOfDraft) - extent[0]) / DAY_MS) : dayCount;
  // The slider's right end is "now": releasing it there leaves replay.
  const commitSlider = () => setView({ asOf: asOfDraft && asOfDraft < maxDate ? asOfDraft : null });
  return (
    <div className="controls" role="group" aria-label="Dashboard controls">
      <div className="control presets" role="group" aria-label="Range">
        {PRESETS.map((p) => (
          <button key={p} type="button" className="chip" onClick={() => onDomainChange(presetDomain(p, view.asOf, lastPriceDate, extent), true, true)}>
            {p}
          </button>
        ))}
      </div>
      <label className="control">
        Mode{' '}
        <select value={view.mode} onChange={(e) => setView({ mode: e.target.value as Mode })}>
          {(Object.keys(MODE_LABELS) as Mode[]).map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <label className="control">
        <input type="checkbox" checked={view.log} disabled={view.mode === 'car'} onChange={(e) => setView({ log: e.target.checked })} /> Log scale
      </label>
      <label className="control">
        <input type="checkbox" checked={view.volume} disabled={view.mode === 'car'} onChange={(e) => setView({ volume: e.target.checked })} /> Volume
      </label>
      <details className="control picker">
        <summary>Tickers: {view.tickers.join(', ')}</summary>
        <div className="picker-body">
          {ROLES.map((role) => (
            <fieldset key={role}>
              <legend>{role === 'subject' ? 'Subject' : role === 'peer' ? 'Peers' : 'Benchmarks'}</legend>
              {tickers.filter((t) => t.role === role).map((t) => (
                <label key={t.symbol} title={t.name}>
                  <input
                    type="checkbox"
                    checked={view.tickers.includes(t.symbol)}
                    disabled={view.tickers.length === 1 && view.tickers[0] === t.symbol}
                    onChange={() => {
                      const next = toggle(view.tickers, t.symbol);
                      if (next.length > 0) setView({ tickers: next.slice(0, MAX_TICKERS) });
                    }}
                  />{' '}
                  {t.symbol}
                </label>
              ))}
            </fieldset>
          ))}
          <p className="muted small">The first ticker is the primary one: markers show its CAR and the panel charts its abnormal returns.</p>
        </div>
      </details>
      <details className="control picker">
        <summary>Filters{view.narratives.length + view.kinds.length > 0 ? ` (${view.narratives.length + view.kinds.length})` : ''}</summary>
        <div className="picker-body">
          <fieldset>
            <legend>Narratives</legend>
            {narratives.map((n) => (
              <label key={n.id} title={n.thesis}>
                <input type="checkbox" checked={view.narratives.length === 0 || view.narratives.includes(n.id)}
                  onChange={() => {
                    // An empty filter means "all"; ticking the last one back in returns to it.
                    const all = narratives.map((x) => x.id);
                    const current = view.narratives.length === 0 ? all : view.narratives;
                    const next = toggle(current, n.id);
                    setView({ narratives: next.length === all.length ? [] : next });
                  }} />{' '}
                <span className="swatch" style={{ background: n.color }} /> {n.name}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Kinds</legend>
            {KINDS.map((k) => (
              <label key={k}>
                <input type="checkbox" checked={view.kinds.length === 0 || view.kinds.includes(k)}
                  onChange={() => {
                    const current = view.kinds.length === 0 ? [...KINDS] : view.kinds;
                    const next = toggle(current, k);
                    setView({ kinds: next.length === KINDS.length ? [] : next });
                  }} />{' '}
                {KIND_LABEL[k] ?? k}
              </label>
            ))}
          </fieldset>
        </div>
      </details>
      <div className="control asof" role="group" aria-label="As-of date">
        <label htmlFor="asof-date">As of</label>
        <input id="asof-date" type="date" min={minDate} max={maxDate} value={asOfDraft} onChange={(e) => {
          setAsOfDraft(e.target.value);
          if (!e.target.value || /^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) setView({ asOf: e.target.value || null });
        }} />
        <input type="range" aria-label="As-of date slider" min={0} max={dayCount} value={sliderValue}
          onChange={(e) => setAsOfDraft(fromTime(extent[0] + Number(e.target.value) * DAY_MS))}
          onPointerUp={commitSlider}
          onKeyUp={commitSlider} />
        {view.asOf ? <button type="button" className="chip" onClick={() => setView({ asOf: null })}>Now</button> : null}
      </div>
    </div>
  );
}
