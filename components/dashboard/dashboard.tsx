'use client';
// The investor's dashboard at "/": controls, the timeline chart, the event panel and the
// tables behind the chart. This component only wires things together: the view state is in
// the URL (use-view-state), the data comes from react-query (components/data), and every
// number on the chart is a pure function of both (lib/charts).
import { useCallback, useMemo } from 'react';
import { useEventImpacts, useImpacts, useNarratives, usePrices, useTickers, useTimeline } from '@/components/data/use-queries';
import { ClockBanner } from '@/components/ui/clock-banner';
import { useElementWidth } from '@/components/ui/use-element-width';
import { dataExtent, lastPriceDate, urlDomain, type Domain } from '@/lib/charts/domain';
import { filterEntries, markerStats, sortEntries } from '@/lib/charts/events';
import { axisLabel, emptyMessage, eventBand, eventDay, modeSeries, rebaseAnchor, valueFormat } from '@/lib/charts/modes';
import { buildSeries, fromTime } from '@/lib/charts/timeline';
import { markerImpactParams } from '@/lib/dashboard-params';
import { serializeViewState } from '@/lib/view-state';
import { ChartActions } from './chart-actions';
import { Controls } from './controls';
import { DataTables } from './data-tables';
import { EventPanel } from './event-panel';
import { LedgerStamp } from './ledger-stamp';
import { Legend } from './legend';
import { TimelineChart } from './timeline-chart';
import { useChartDomain } from './use-chart-domain';
import { useEventKeys } from './use-event-keys';
import { useLiveUpdates } from './use-live-updates';
import { useViewState } from './use-view-state';

// Below this chart width the chart switches to its narrow layout (short lane names, fewer ticks).
const NARROW_PX = 640;

export function Dashboard({ editor = false }: { editor?: boolean }) {
  const { view, setView, pathname } = useViewState();
  const clock = useMemo(() => ({ asOf: view.asOf, position: view.position }), [view.asOf, view.position]);
  const replay = view.asOf !== null || view.position !== null;
  const primary = view.tickers[0]!;

  const narratives = useNarratives(clock);
  const tickers = useTickers();
  const timeline = useTimeline(clock);
  const prices = usePrices(view.tickers, clock);
  const markerImpacts = useImpacts(markerImpactParams(primary, clock));
  const eventImpacts = useEventImpacts(view.event, view.tickers, clock);
  const latestPosition = useLiveUpdates(timeline.data?.position ?? null, replay);

  const entries = useMemo(() => timeline.data?.entries ?? [], [timeline.data]);
  const visibleEntries = useMemo(() => filterEntries(entries, view.narratives, view.kinds), [entries, view.narratives, view.kinds]);
  const sortedVisible = useMemo(() => sortEntries(visibleEntries), [visibleEntries]);
  const selected = view.event ? (entries.find((e) => e.id === view.event) ?? null) : null;

  // ---- time axis ----
  const barsByTicker = useMemo(() => new Map(view.tickers.map((t, i) => [t, prices.bars[i] ?? []])), [prices.bars, view.tickers]);
  const primaryBars = useMemo(() => barsByTicker.get(primary) ?? [], [barsByTicker, primary]);
  const extent = useMemo(() => dataExtent(barsByTicker.values(), entries), [barsByTicker, entries]);
  const lastPrice = lastPriceDate(primaryBars, extent);
  const requested = useMemo(() => urlDomain({ from: view.from, to: view.to, asOf: view.asOf }, lastPrice, extent), [view.from, view.to, view.asOf, lastPrice, extent]);
  const commitDomain = useCallback((d: Domain) => setView({ from: fromTime(d[0]), to: fromTime(d[1]) }), [setView]);
  const [domain, onDomainChange] = useChartDomain(requested, extent, commitDomain);

  // ---- what the chart draws ----
  // Memoised rather than inline because the memos below depend on them: the React Compiler
  // lint (preserve-manual-memoization) refuses dependencies it cannot prove stable.
  const primaryImpact = useMemo(() => eventImpacts.data?.results.find((r) => r.ticker === primary) ?? null, [eventImpacts.data, primary]);
  const eventDate = useMemo(() => eventDay(primaryImpact, selected), [primaryImpact, selected]);
  const anchor = useMemo(() => rebaseAnchor(view.mode, eventDate, domain[0]), [view.mode, eventDate, domain]);
  const series = useMemo(
    () => modeSeries(view.mode, view.tickers, barsByTicker, anchor, eventImpacts.data?.results ?? []),
    [view.mode, view.tickers, barsByTicker, anchor, eventImpacts.data],
  );
  const band = useMemo(() => eventBand(view.mode, primaryImpact, primaryBars, anchor), [view.mode, primaryImpact, primaryBars, anchor]);
  const stats = useMemo(() => markerStats(markerImpacts.data?.results ?? []), [markerImpacts.data]);
  const contextPoints = useMemo(() => buildSeries(primaryBars, primary, 'price', null).points, [primaryBars, primary]);
  const loading = timeline.isPending || prices.isPending;
  const errors = [timeline.error, ...prices.errors].filter(Boolean) as Error[];

  const select = useCallback((id: string | null) => setView({ event: id }, 'push'), [setView]);
  const { onKeyDown, focusRequest } = useEventKeys({
    sorted: sortedVisible,
    domain,
    selectedId: view.event,
    onStep: (id) => setView({ event: id }),
    onClose: () => select(null),
  });
  const [chartBox, chartWidth] = useElementWidth<HTMLDivElement>(960);
  const onReady = useCallback(() => {
    performance.mark('impactline:chart-ready');
  }, []);

  return (
    <div className="dashboard">
      <ClockBanner asOf={view.asOf} position={view.position} latest={latestPosition} nowHref={`${pathname}${serializeViewState({ ...view, asOf: null, position: null })}`} />
      <Controls view={view} setView={setView} tickers={tickers.data?.tickers ?? []} narratives={narratives} extent={extent} lastPriceDate={lastPrice} onDomainChange={onDomainChange} />
      {errors.length > 0 ? (
        <p role="alert" className="error">
          Could not load data: {errors.map((e) => e.message).join('; ')}
        </p>
      ) : null}
      <div className={`dashboard-body${view.event ? ' with-panel' : ''}`}>
        <div className="chart-column">
          <Legend tickers={view.mode !== 'car' ? view.tickers : []} series={series} primary={primary} hasBand={Boolean(band)} />
          <div ref={chartBox} className="chart-box" tabIndex={0} onKeyDown={onKeyDown} aria-label="Timeline chart. Arrow keys move between events, Enter opens the selected event, Escape closes it." aria-busy={loading}>
            {loading && !timeline.data ? <p className="muted chart-loading">Loading timeline…</p> : null}
            <TimelineChart
              width={chartWidth}
              narrow={chartWidth < NARROW_PX}
              domain={domain}
              extent={extent}
              onDomainChange={onDomainChange}
              series={series}
              valueFormat={valueFormat(view.mode)}
              yLabel={axisLabel(view.mode, selected?.title ?? null, anchor)}
              log={view.log && view.mode !== 'car'}
              zeroLine={view.mode === 'car'}
              contextPoints={contextPoints}
              entries={visibleEntries}
              narratives={narratives}
              markerStats={stats}
              selectedId={view.event}
              selectedDate={eventDate}
              onSelect={select}
              band={band}
              emptyMessage={emptyMessage(view.mode, Boolean(view.event), loading, series, eventImpacts.data?.results[0]?.reason)}
              onReady={onReady}
            />
          </div>
          <ChartActions
            view={view}
            setView={setView}
            domain={domain}
            image={{ target: chartBox, yLabel: axisLabel(view.mode, selected?.title ?? null, anchor), position: timeline.data?.position ?? null, paramsHash: markerImpacts.data?.params_hash ?? null, narratives }}
          />
          {view.table ? <DataTables entries={sortedVisible} domain={domain} series={series} markerStats={stats} onSelect={select} /> : null}
          <LedgerStamp position={timeline.data?.position} replay={replay} primary={primary} markers={markerImpacts.data} />
        </div>
        {view.event ? (
          <EventPanel
            id={view.event}
            tickers={view.tickers}
            clock={clock}
            known={selected !== null || timeline.isPending}
            replay={replay}
            focusRequest={focusRequest}
            onClose={() => select(null)}
            editHref={editor ? `/entries/${encodeURIComponent(view.event)}/edit` : undefined}
            pageHref={`/events/${encodeURIComponent(view.event)}${serializeViewState({ ...view, event: null, from: null, to: null })}`}
          />
        ) : null}
      </div>
    </div>
  );
}
