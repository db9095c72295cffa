'use client';
// The investor's dashboard at "/": controls, the timeline chart, the event panel and the
// tables behind the chart. All view state is in the URL (lib/view-state.ts).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { healthQuery } from '@/components/data/queries';
import { useEventImpacts, useImpacts, usePrices, useTickers, useTimeline } from '@/components/data/use-queries';
import { EventDetail } from '@/components/events/event-detail';
import { ExportMenu } from '@/components/export/export-menu';
import { ClockBanner } from '@/components/ui/clock-banner';
import { useElementWidth } from '@/components/ui/use-element-width';
import { buildSeries, expectedBand, formatPct, formatP, fromTime, stars, toTime, type Series } from '@/lib/charts/timeline';
import type { NarrativeView, TickerView } from '@/lib/contracts/read';
import { MARKER_WINDOW, markerImpactParams } from '@/lib/dashboard-params';
import { KINDS } from '@/lib/domain/schemas';
import { queryKeys } from '@/lib/query-keys';
import { parseViewState, presetRange, PRESETS, serializeViewState, type Mode, type ViewState } from '@/lib/view-state';
import { TICKER_COLORS, TimelineChart, type MarkerStat } from './timeline-chart';

const MODE_LABELS: Record<Mode, string> = { price: 'Price', rebased: 'Rebased to 100', car: 'Cumulative abnormal return' };
const KIND_LABEL: Record<string, string> = { release: '▲ release', claim: '● claim', market: '◆ market', report: '■ report', policy: '✚ policy', corporate: '★ corporate' };

export function Dashboard({ narratives, editor = false }: { narratives: NarrativeView[]; editor?: boolean }) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const queryClient = useQueryClient();

  // View state lives in React state and is mirrored to the URL with the History API (no server
  // round trip). The URL is adopted again when it changes from outside: back/forward, or a link.
  const [view, setViewState] = useState(() => parseViewState(searchParams));
  const viewRef = useRef(view);
  const [written, setWritten] = useState<string[]>([]);
  const urlKey = serializeViewState(parseViewState(searchParams));
  const [seenUrl, setSeenUrl] = useState(urlKey);
  if (urlKey !== seenUrl) {
    setSeenUrl(urlKey);
    if (!written.includes(urlKey) && urlKey !== serializeViewState(view)) setViewState(parseViewState(searchParams));
  }
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  useEffect(() => {
    const onPop = () => {
      setWritten([]);
      setViewState(parseViewState(new URLSearchParams(window.location.search)));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const setView = useCallback(
    (patch: Partial<ViewState>, mode: 'replace' | 'push' = 'replace') => {
      const next = { ...viewRef.current, ...patch };
      viewRef.current = next;
      setViewState(next);
      const query = serializeViewState(next);
      setWritten((w) => [...w.slice(-19), query]);
      if (mode === 'push') window.history.pushState(null, '', `${pathname}${query}`);
      else window.history.replaceState(null, '', `${pathname}${query}`);
    },
    [pathname],
  );
  const clock = useMemo(() => ({ asOf: view.asOf, position: view.position }), [view.asOf, view.position]);

  const tickersQuery = useTickers();
  const timeline = useTimeline(clock);
  const prices = usePrices(view.tickers, clock);
  const primary = view.tickers[0]!;
  const markerImpacts = useImpacts(markerImpactParams(primary, clock));
  const selectedImpacts = useEventImpacts(view.event, view.tickers, clock);

  const entries = useMemo(() => timeline.data?.entries ?? [], [timeline.data]);
  const visibleEntries = useMemo(
    () =>
      entries.filter(
        (e) => (view.narratives.length === 0 || view.narratives.includes(e.narrative)) && (view.kinds.length === 0 || view.kinds.includes(e.kind)),
      ),
    [entries, view.narratives, view.kinds],
  );
  const selected = view.event ? entries.find((e) => e.id === view.event) ?? null : null;

  // ---- extent and visible domain ----
  const barsByTicker = useMemo(() => new Map(view.tickers.map((t, i) => [t, prices.bars[i] ?? []])), [prices.bars, view.tickers]);
  const primaryBars = useMemo(() => barsByTicker.get(primary) ?? [], [barsByTicker, primary]);
  const extent = useMemo((): [number, number] => {
    const dates: string[] = [];
    for (const bars of barsByTicker.values()) if (bars.length) dates.push(bars[0]!.date, bars[bars.length - 1]!.date);
    if (entries.length) dates.push(entries[0]!.date, entries[entries.length - 1]!.date);
    if (dates.length === 0) return [toTime('2024-01-01'), toTime('2025-12-31')];
    dates.sort();
    return [toTime(dates[0]!), toTime(dates[dates.length - 1]!)];
  }, [barsByTicker, entries]);
  const lastPriceDate = primaryBars.length ? primaryBars[primaryBars.length - 1]!.date : fromTime(extent[1]);
  const urlDomain = useMemo((): [number, number] => {
    if (view.from && view.to && view.from < view.to) return [toTime(view.from), toTime(view.to)];
    const [from, to] = presetRange('6M', view.asOf && view.asOf < lastPriceDate ? view.asOf : lastPriceDate, [fromTime(extent[0]), fromTime(extent[1])]);
    return [toTime(from), toTime(to)];
  }, [view.from, view.to, view.asOf, lastPriceDate, extent]);
  // The live domain follows the URL, and moves ahead of it while the user zooms or brushes.
  const [domainState, setDomainState] = useState({ url: urlDomain, value: urlDomain });
  const urlMoved = domainState.url[0] !== urlDomain[0] || domainState.url[1] !== urlDomain[1];
  if (urlMoved) setDomainState({ url: urlDomain, value: urlDomain });
  const domain = urlMoved ? urlDomain : domainState.value;
  const setDomain = useCallback((value: [number, number]) => setDomainState((s) => ({ ...s, value })), []);
  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onDomainChange = useCallback(
    (d: [number, number], final: boolean) => {
      const clamped: [number, number] = [Math.max(extent[0], d[0]), Math.min(extent[1], d[1])];
      setDomain(clamped);
      if (final) {
        if (commitTimer.current) clearTimeout(commitTimer.current);
        commitTimer.current = setTimeout(() => setView({ from: fromTime(clamped[0]), to: fromTime(clamped[1]) }), 150);
      }
    },
    [extent, setView, setDomain],
  );

  // ---- series per mode ----
  const selectedPrimary = selectedImpacts.data?.results.find((r) => r.ticker === primary) ?? null;
  const anchor = view.mode === 'rebased' ? (selectedPrimary?.day0?.date ?? selected?.date ?? fromTime(domain[0])) : null;
  const series: Series[] = useMemo(() => {
    if (view.mode === 'car') {
      return (selectedImpacts.data?.results ?? []).map((r) => ({
        ticker: r.ticker,
        note: r.result ? null : r.reason,
        points: (r.result?.daily ?? []).map((d) => ({ date: d.date, t: toTime(d.date), value: d.car * 100, change: d.ar })),
      }));
    }
    return view.tickers.map((t) => buildSeries(barsByTicker.get(t) ?? [], t, view.mode === 'rebased' ? 'rebased' : 'price', anchor));
  }, [view.mode, view.tickers, barsByTicker, anchor, selectedImpacts.data]);

  const band = useMemo(() => {
    if (view.mode === 'car' || !selectedPrimary?.result) return null;
    const daily = selectedPrimary.result.daily;
    if (daily.length === 0) return null;
    const idx = primaryBars.findIndex((b) => b.date === daily[0]!.date);
    const dayBefore = idx > 0 ? primaryBars[idx - 1]!.date : null;
    const closes = new Map(primaryBars.map((b) => [b.date, b.close]));
    const base = view.mode === 'rebased' ? series[0]?.points.find((p) => p.date >= (anchor ?? ''))?.value : undefined;
    const baseClose = view.mode === 'rebased' && anchor ? primaryBars.find((b) => b.date >= anchor)?.close : undefined;
    const scale = view.mode === 'rebased' && base && baseClose ? (p: number) => (p / baseClose) * 100 : (p: number) => p;
    return expectedBand(daily, closes, dayBefore, selectedPrimary.result.estimation.sigma, scale);
  }, [view.mode, selectedPrimary, primaryBars, series, anchor]);

  const markerStats = useMemo(() => {
    const map = new Map<string, MarkerStat>();
    for (const r of markerImpacts.data?.results ?? []) {
      const w = r.result?.windows[0];
      map.set(r.event_id, { car: w?.car ?? null, p: w?.p ?? null });
    }
    return map;
  }, [markerImpacts.data]);

  // ---- live: pick up new ledger events without a reload ----
  const knownPosition = timeline.data?.position ?? null;
  const replay = view.asOf !== null || view.position !== null;
  const health = useQuery({
    ...healthQuery(),
    refetchInterval: replay ? false : 4000,
    staleTime: 0,
  });
  useEffect(() => {
    if (!replay && health.data && knownPosition !== null && health.data.position > knownPosition)
      void queryClient.invalidateQueries({ queryKey: queryKeys.all, predicate: (q) => q.queryKey[1] !== 'health' && q.queryKey[1] !== 'tickers' });
  }, [health.data, knownPosition, replay, queryClient]);

  // ---- keyboard: arrows move between events, Enter opens, Escape closes ----
  const sortedVisible = useMemo(() => [...visibleEntries].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id)), [visibleEntries]);
  const select = useCallback((id: string | null) => setView({ event: id }, 'push'), [setView]);
  const [focusRequest, setFocusRequest] = useState(0);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      if (sortedVisible.length === 0) return;
      const inView = sortedVisible.filter((x) => toTime(x.date) >= domain[0] && toTime(x.date) <= domain[1]);
      const list = inView.length ? inView : sortedVisible;
      const current = list.findIndex((x) => x.id === view.event);
      const next = current < 0 ? (e.key === 'ArrowRight' ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, current + (e.key === 'ArrowRight' ? 1 : -1)));
      setView({ event: list[next]!.id });
    } else if (e.key === 'Enter' && view.event) {
      e.preventDefault();
      setFocusRequest((n) => n + 1);
    } else if (e.key === 'Escape' && view.event) {
      e.preventDefault();
      select(null);
    }
  };

  const [chartBox, chartWidth] = useElementWidth<HTMLDivElement>(960);
  const narrow = chartWidth < 640;
  const tickers = tickersQuery.data?.tickers ?? [];
  const loading = timeline.isPending || prices.isPending;
  const errors = [timeline.error, ...prices.errors].filter(Boolean) as Error[];
  const emptyMessage =
    view.mode === 'car' && !view.event
      ? 'Select an event to chart the cumulative abnormal return around it.'
      : !loading && series.every((s) => s.points.length === 0)
        ? view.mode === 'car'
          ? `No abnormal returns for this event: ${selectedImpacts.data?.results[0]?.reason ?? 'no data'}`
          : 'No prices in this range for the selected tickers.'
        : null;
  const valueFormat = view.mode === 'car' ? (v: number) => `${v.toFixed(1)}%` : view.mode === 'rebased' ? (v: number) => v.toFixed(0) : (v: number) => (v >= 1000 ? v.toFixed(0) : v.toFixed(v >= 100 ? 0 : 2));
  const yLabel = view.mode === 'car' ? `CAR % around ${selected?.title ?? 'event'}` : view.mode === 'rebased' ? `Rebased to 100 on ${anchor}` : 'Close (USD / index points)';

  const onReady = useCallback(() => {
    performance.mark('impactline:chart-ready');
  }, []);

  const markerParams = markerImpacts.data?.params;
  return (
    <div className="dashboard">
      <ClockBanner asOf={view.asOf} position={view.position} latest={health.data?.position} nowHref={`${pathname}${serializeViewState({ ...view, asOf: null, position: null })}`} />
      <Controls view={view} setView={setView} tickers={tickers} narratives={narratives} extent={extent} lastPriceDate={lastPriceDate} domain={domain} onDomainChange={onDomainChange} />
      {errors.length > 0 ? (
        <p role="alert" className="error">
          Could not load data: {errors.map((e) => e.message).join('; ')}
        </p>
      ) : null}
      <div className={`dashboard-body${view.event ? ' with-panel' : ''}`}>
        <div className="chart-column">
          <div className="legend" aria-label="Legend">
            {view.mode !== 'car'
              ? view.tickers.map((t, i) => (
                  <span key={t} className="legend-item">
                    <span className="swatch" style={{ background: TICKER_COLORS[i % TICKER_COLORS.length] }} /> {t}
                  </span>
                ))
              : null}
            {series.filter((s) => s.note).map((s) => (
              <span key={`n-${s.ticker}`} className="muted">{s.ticker}: {s.note}</span>
            ))}
            <span className="legend-item muted">Markers: shape = kind, colour = narrative; bar = CAR[−1,1] of {primary} (green up, red down); ring = p &lt; 0.05.</span>
            {band ? <span className="legend-item muted">Dashed line and band: market-model expected price ±2σ.</span> : null}
          </div>
          <div ref={chartBox} className="chart-box" tabIndex={0} onKeyDown={onKeyDown} aria-label="Timeline chart. Arrow keys move between events, Enter opens the selected event, Escape closes it." aria-busy={loading}>
            {loading && !timeline.data ? <p className="muted chart-loading">Loading timeline…</p> : null}
            <TimelineChart
              width={chartWidth}
              narrow={narrow}
              domain={domain}
              extent={extent}
              onDomainChange={onDomainChange}
              series={series}
              valueFormat={valueFormat}
              yLabel={yLabel}
              log={view.log && view.mode !== 'car'}
              zeroLine={view.mode === 'car'}
              contextPoints={buildSeries(primaryBars, primary, 'price', null).points}
              entries={visibleEntries}
              narratives={narratives}
              markerStats={markerStats}
              selectedId={view.event}
              selectedDate={selectedPrimary?.day0?.date ?? selected?.date ?? null}
              onSelect={select}
              band={band}
              emptyMessage={emptyMessage}
              onReady={onReady}
            />
          </div>
          <div className="below-chart">
            <label className="toggle">
              <input type="checkbox" checked={view.table} onChange={(e) => setView({ table: e.target.checked })} /> Show as table
            </label>
            <ExportMenu
              dataset="timeline"
              label="Export events CSV"
              params={{ from: fromTime(domain[0]), to: fromTime(domain[1]), narrative: view.narratives, kind: view.kinds, asOf: view.asOf, position: view.position }}
            />
            <ExportMenu
              dataset="prices"
              label="Export prices CSV"
              params={{ tickers: view.tickers, from: fromTime(domain[0]), to: fromTime(domain[1]), asOf: view.asOf, position: view.position }}
            />
          </div>
          {view.table ? <DataTables entries={sortedVisible} domain={domain} series={series} markerStats={markerStats} onSelect={select} /> : null}
          <footer className="stamp muted">
            Ledger position {timeline.data?.position ?? '…'}
            {replay ? ' (replay)' : ''} · markers: CAR{MARKER_WINDOW.replace(':', ',').replace(/^/, '[').replace(/$/, ']')} of {primary}, {markerParams ? `${markerParams.model} model vs ${markerParams.benchmark}, ${markerParams.estimation}-return estimation, gap ${markerParams.gap}` : 'market model vs SPY'} · params {markerImpacts.data?.params_hash.slice(0, 12) ?? '…'}
          </footer>
        </div>
        {view.event ? (
          <aside className="event-panel" aria-label="Selected event">
            {selected || timeline.isPending ? (
              <EventDetail id={view.event} tickers={view.tickers} clock={clock} variant="panel" focusRequest={focusRequest} onClose={() => select(null)} editHref={editor ? `/entries/${encodeURIComponent(view.event)}/edit` : undefined} pageHref={`/events/${encodeURIComponent(view.event)}${serializeViewState({ ...view, event: null, from: null, to: null })}`} />
            ) : (
              <div role="status">
                <p>
                  The event <code>{view.event}</code> is not visible {replay ? 'at this as-of date or position' : 'in the timeline'}.
                </p>
                <button type="button" onClick={() => select(null)}>Close</button>
              </div>
            )}
          </aside>
        ) : null}
      </div>
    </div>
  );
}

function Controls(props: {
  view: ViewState;
  setView: (patch: Partial<ViewState>, mode?: 'replace' | 'push') => void;
  tickers: TickerView[];
  narratives: NarrativeView[];
  extent: [number, number];
  lastPriceDate: string;
  domain: [number, number];
  onDomainChange: (d: [number, number], final: boolean) => void;
}) {
  const { view, setView, tickers, narratives, extent, lastPriceDate, onDomainChange } = props;
  const minDate = fromTime(extent[0]);
  const maxDate = fromTime(extent[1]);
  const dayCount = Math.round((extent[1] - extent[0]) / 86_400_000);
  // A draft while the slider moves; it follows the URL whenever the URL's as-of changes.
  const [draft, setDraft] = useState({ url: view.asOf, value: view.asOf ?? '' });
  const asOfMoved = draft.url !== view.asOf;
  if (asOfMoved) setDraft({ url: view.asOf, value: view.asOf ?? '' });
  const asOfDraft = asOfMoved ? (view.asOf ?? '') : draft.value;
  const setAsOfDraft = (value: string) => setDraft((d) => ({ ...d, value }));
  const sliderValue = asOfDraft ? Math.round((toTime(asOfDraft) - extent[0]) / 86_400_000) : dayCount;
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const roles: TickerView['role'][] = ['subject', 'peer', 'benchmark'];
  return (
    <div className="controls" role="group" aria-label="Dashboard controls">
      <div className="control presets" role="group" aria-label="Range">
        {PRESETS.map((p) => (
          <button key={p} type="button" className="chip" onClick={() => {
            const end = view.asOf && view.asOf < lastPriceDate ? view.asOf : lastPriceDate;
            const [from, to] = presetRange(p, end, [minDate, maxDate]);
            onDomainChange([toTime(from), toTime(to)], true);
          }}>
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
      <details className="control picker">
        <summary>Tickers: {view.tickers.join(', ')}</summary>
        <div className="picker-body">
          {roles.map((role) => (
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
                      if (next.length > 0) setView({ tickers: next.slice(0, 8) });
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
          onChange={(e) => setAsOfDraft(fromTime(extent[0] + Number(e.target.value) * 86_400_000))}
          onPointerUp={() => setView({ asOf: asOfDraft && asOfDraft < maxDate ? asOfDraft : null })}
          onKeyUp={() => setView({ asOf: asOfDraft && asOfDraft < maxDate ? asOfDraft : null })} />
        {view.asOf ? <button type="button" className="chip" onClick={() => setView({ asOf: null })}>Now</button> : null}
      </div>
    </div>
  );
}

function DataTables({ entries, domain, series, markerStats, onSelect }: { entries: { id: string; date: string; title: string; narrative: string; kind: string }[]; domain: [number, number]; series: Series[]; markerStats: Map<string, MarkerStat>; onSelect: (id: string) => void }) {
  const inView = entries.filter((e) => toTime(e.date) >= domain[0] && toTime(e.date) <= domain[1]);
  const dates = [...new Set(series.flatMap((s) => s.points.filter((p) => p.t >= domain[0] && p.t <= domain[1]).map((p) => p.date)))].sort();
  const byTicker = series.map((s) => new Map(s.points.map((p) => [p.date, p.value])));
  return (
    <div className="data-tables">
      <table>
        <caption>Events in view ({inView.length})</caption>
        <thead>
          <tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Narrative</th><th scope="col">Kind</th><th scope="col">CAR[−1,1]</th><th scope="col">p</th></tr>
        </thead>
        <tbody>
          {inView.map((e) => {
            const s = markerStats.get(e.id);
            return (
              <tr key={e.id}>
                <td>{e.date}</td>
                <td><button type="button" className="link" onClick={() => onSelect(e.id)}>{e.title}</button></td>
                <td>{e.narrative}</td>
                <td>{e.kind}</td>
                <td>{formatPct(s?.car)}{stars(s?.p)}</td>
                <td>{formatP(s?.p)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table>
        <caption>Chart values in view</caption>
        <thead>
          <tr><th scope="col">Date</th>{series.map((s) => <th key={s.ticker} scope="col">{s.ticker}</th>)}</tr>
        </thead>
        <tbody>
          {dates.map((d) => (
            <tr key={d}><td>{d}</td>{byTicker.map((m, i) => <td key={i}>{m.get(d)?.toFixed(2) ?? '—'}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
