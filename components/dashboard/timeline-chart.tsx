'use client';
// The timeline chart: one container holding its layers. Back SVG (grid, band, lanes), a canvas
// with the dense price lines and volume bars, and a front SVG with the axes, event rules, headline
// labels, markers, the crosshair and the context strip's brush. d3 computes scales, ticks and
// paths and drives zoom and brush (islands created in effects); React renders the SVG.
//
// While a zoom or brush gesture runs, the domain lives here and changes once per animation frame;
// the dashboard hears only the settled domain (no page re-render per wheel step).
import { area, brushX, line, scaleLinear, scaleUtc, select, zoom, zoomIdentity, type BrushBehavior, type ZoomBehavior } from 'd3';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import { eventsOnDay, readLines, snapDay, tradingDays, type DayAbnormal } from '@/lib/charts/crosshair';
import { decimateIndices, lineColumns } from '@/lib/charts/decimate';
import type { Domain } from '@/lib/charts/domain';
import type { MarkerStat } from '@/lib/charts/events';
import { groupHeadlines, headlineReason, placeHeadlines, type HeadlineItem } from '@/lib/charts/headlines';
import { markColor, THEMES, tickerColor } from '@/lib/charts/palette';
import { valueScale } from '@/lib/charts/scales';
import { fitText, textWidth } from '@/lib/charts/text';
import { flowLegend, timelineLayout, type LegendItem } from '@/lib/charts/timeline-layout';
import { clusterMarkers, fromTime, markerPath, nearestPoint, toTime, type BandPoint, type Point, type Series } from '@/lib/charts/timeline';
import type { EntryView, NarrativeView } from '@/lib/contracts/read';
import { drawScene, type VolumeBar } from './chart-canvas';
import { CrosshairReadout, readoutText, type Readout } from './crosshair-readout';
import { EventMarks } from './event-marks';
import { HeadlineLabels } from './headline-labels';

export type { VolumeBar };

type Props = {
  /** False until the container has been measured (and on the server): only the frame is drawn. */
  measured: boolean;
  width: number;
  narrow: boolean;
  /** The settled domain (the URL's, or the last gesture's). */
  domain: Domain;
  extent: Domain;
  onDomainChange: (domain: Domain, final: boolean, immediate?: boolean) => void;
  mode: 'price' | 'rebased' | 'car';
  series: Series[];
  valueFormat: (v: number) => string;
  yLabel: string;
  log: boolean;
  zeroLine: boolean;
  contextPoints: Point[];
  /** The primary ticker's volume; null when the volume panel is off. */
  volume: VolumeBar[] | null;
  entries: EntryView[];
  narratives: NarrativeView[];
  markerStats: Map<string, MarkerStat>;
  primary: string;
  benchmark: string;
  selectedId: string | null;
  selectedDate: string | null;
  onSelect: (id: string | null) => void;
  band: BandPoint[] | null;
  emptyMessage: ReactNode | null;
  loading: boolean;
  /** The crosshair day chosen with the keyboard (the dashboard's Shift+arrows, or the selected event). */
  keyDay: string | null;
  /** The primary ticker's abnormal return on a day, for the readout (null while it cannot be computed). */
  abnormalOn: (day: string) => DayAbnormal | null;
  abnormalLabel: string;
  /** Called the first time the crosshair shows, so the benchmark's prices load only when needed. */
  onCrosshair?: () => void;
  onReady?: () => void;
};

const KIND_LABEL: Record<string, string> = { release: 'release', claim: 'claim', market: 'market move', report: 'report', policy: 'policy', corporate: 'corporate' };
const SHORT_NAMES: Record<string, string> = { 'cheap-ai': 'Cheap AI', 'true-cost': 'True cost', 'market-reaction': 'Market', 'capex-race': 'Capex', other: 'Other' };
const DAY = 86_400_000;

function siCount(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${Number((v / 1e9).toPrecision(3))}B`;
  if (abs >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((v / 1e3).toPrecision(3))}K`;
  return String(Math.round(v));
}

export function TimelineChart(props: Props) {
  const {
    measured, width, narrow, domain, extent, onDomainChange, mode, series, valueFormat, yLabel, log, zeroLine, contextPoints, volume, entries, narratives,
    markerStats, primary, benchmark, selectedId, selectedDate, onSelect, band, emptyMessage, loading, keyDay, abnormalOn, abnormalLabel, onCrosshair, onReady,
  } = props;
  const scheme = useColorScheme();
  const theme = THEMES[scheme];
  const clipId = useId().replace(/:/g, '');

  // ---- the live domain of a running gesture (one update per animation frame) ----
  const [live, setLive] = useState<{ base: Domain; value: Domain } | null>(null);
  const shown: Domain = live && live.base === domain ? live.value : domain;
  const domainRef = useRef(domain);
  const pending = useRef<Domain | null>(null);
  const frame = useRef(0);
  const origin = useRef<'zoom' | 'brush' | null>(null);
  const onDomainChangeRef = useRef(onDomainChange);
  useEffect(() => {
    domainRef.current = domain;
    onDomainChangeRef.current = onDomainChange;
  });
  const gesture = useCallback((d: Domain, final: boolean, from: 'zoom' | 'brush') => {
    origin.current = from;
    if (final) {
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
      pending.current = null;
      setLive({ base: domainRef.current, value: d });
      onDomainChangeRef.current(d, true);
      return;
    }
    pending.current = d;
    if (!frame.current)
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        const next = pending.current;
        if (next) setLive({ base: domainRef.current, value: next });
      });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // ---- layout ----
  const colorOf = useMemo(() => new Map(narratives.map((n) => [n.id, markColor(n.color, scheme)])), [narratives, scheme]);
  const kindsInData = useMemo(() => [...new Set(entries.map((e) => e.kind))].sort(), [entries]);
  const legendItems: LegendItem[] = useMemo(
    () => [
      ...kindsInData.map((k) => ({ key: `kind-${k}`, text: KIND_LABEL[k] ?? k, glyphW: 14 })),
      { key: 'car', text: `CAR[−1,1] of ${primary}: bar = 10%`, glyphW: 8 },
      { key: 'ring', text: 'p < 0.05', glyphW: 22 },
      { key: 'rule', text: 'other event', glyphW: 8 },
      ...(band ? [{ key: 'band', text: 'market-model expected price ±2σ', glyphW: 18 }] : []),
    ],
    [kindsInData, primary, band],
  );
  const layout = useMemo(() => {
    const first = timelineLayout({ width, narrow, lanes: narratives.length, volume: volume !== null });
    const flowed = flowLegend(legendItems, first.innerW, (s) => textWidth(s, 10.5));
    return { ...timelineLayout({ width, narrow, lanes: narratives.length, volume: volume !== null, legendRows: Math.max(1, flowed.rows) }), legendItems: flowed.items };
  }, [width, narrow, narratives.length, volume, legendItems]);
  const { innerW, margin, price } = layout;

  const x = useMemo(() => scaleUtc().domain(shown).range([0, innerW]), [shown, innerW]);
  const xFull = useMemo(() => scaleUtc().domain(extent).range([0, innerW]), [extent, innerW]);

  // CAR mode has no headline labels: no band kept free for them.
  const reserveTop = mode === 'car' ? 0 : price.labelBand;
  const y = useMemo(() => valueScale(series, shown, price.height, { band, log, zeroLine, reserveTop }), [series, band, shown, log, price.height, zeroLine, reserveTop]);

  // ---- the dense layer: lines reduced to pixel columns, shared by the canvas and the label layout ----
  const drawn = useMemo(
    () =>
      series.map((s, i) => {
        const indices = decimateIndices(s.points, shown[0], shown[1], (t) => x(t));
        return { ticker: s.ticker, points: s.points, indices, color: tickerColor(i, scheme), width: i === 0 ? 2.25 : 1.5 };
      }),
    [series, shown, x, scheme],
  );

  const volumeScene = useMemo(() => {
    if (!volume || !layout.volume) return null;
    const inView = volume.filter((b) => b.t >= shown[0] - DAY && b.t <= shown[1] + DAY);
    const max = inView.reduce((m, b) => Math.max(m, b.volume), 0);
    const pxPerDay = innerW / Math.max(1, (shown[1] - shown[0]) / DAY);
    return { bars: inView, top: layout.volume.top, height: layout.volume.height, max, barW: Math.max(1, Math.min(12, pxPerDay * 0.62)), up: theme.volumeUp, down: theme.neg };
  }, [volume, layout.volume, shown, innerW, theme]);

  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const frontRef = useRef<SVGSVGElement | null>(null);
  const readyMarked = useRef(false);
  const canvasH = layout.volume ? layout.volume.top + layout.volume.height : price.height;
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    drawScene(canvas, { width: innerW, height: canvasH, x: (t) => x(t), y: (v) => y(v), lines: drawn, priceH: price.height, volume: volumeScene });
    // "Ready" once the lines are on the canvas: data-ready is set here, after drawing, never by
    // the server's markup (which has no lines).
    const hasLines = drawn.some((d) => d.indices.length > 0);
    for (const el of frontRef.current ? [frontRef.current, ...frontRef.current.querySelectorAll('[data-ready]')] : []) el.setAttribute('data-ready', hasLines ? 'true' : 'false');
    if (!readyMarked.current && hasLines) {
      readyMarked.current = true;
      // The server's poster may have put the lines on screen first (chart-poster.tsx).
      if (performance.getEntriesByName('impactline:chart-ready').length === 0) performance.mark('impactline:chart-ready');
      performance.mark('impactline:chart-interactive');
      onReady?.();
    }
  }, [drawn, volumeScene, innerW, canvasH, x, y, price.height, onReady, measured]);

  // ---- events ----
  const laneIndex = useMemo(() => new Map(narratives.map((n, i) => [n.id, i])), [narratives]);
  const entryById = useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries]);
  // Each entry's time once per timeline, not once per frame.
  const timed = useMemo(() => entries.map((e) => ({ e, t: toTime(e.date) })), [entries]);
  const inViewTimed = useMemo(() => timed.filter(({ t }) => t >= shown[0] && t <= shown[1]), [timed, shown]);
  // Markers are laid out for the settled domain; while a gesture runs they only slide (see the
  // layout effect below) and are clustered again when it pauses.
  const xSettled = useMemo(() => scaleUtc().domain(domain).range([0, innerW]), [domain, innerW]);
  const clusters = useMemo(() => {
    const gap = layout.marker.gap;
    const span = domain[1] - domain[0];
    const near = timed.filter(({ t }) => t >= domain[0] - span / 10 && t <= domain[1] + span / 10);
    const cs = clusterMarkers(near.map(({ e, t }) => ({ id: e.id, x: xSettled(t), lane: e.narrative })), gap);
    const pxPerDay = xSettled(domain[0] + DAY) - xSettled(domain[0]);
    // Events on the same day never separate by zooming: once a day is wide enough, fan them out.
    return cs
      .flatMap((c) =>
        c.ids.length > 1 && c.x1 - c.x0 < 1 && pxPerDay >= c.ids.length * gap ? c.ids.map((id, i) => ({ ...c, ids: [id], x: c.x + (i - (c.ids.length - 1) / 2) * gap })) : [c],
      )
      .map((c) => ({ ...c, t: xSettled.invert(c.x).getTime() }))
      // Settled, only what is in view is drawn (what a gesture reveals appears when it pauses).
      .filter((c) => c.x >= -6 && c.x <= innerW + 6);
  }, [timed, domain, xSettled, layout.marker.gap, innerW]);
  const marksRef = useRef<SVGGElement | null>(null);
  useLayoutEffect(() => {
    const g = marksRef.current;
    if (!measured) return;
    if (!g) return;
    for (const el of g.querySelectorAll<SVGGElement>('[data-t]')) el.setAttribute('transform', `translate(${x(Number(el.dataset.t))},${el.dataset.cy})`);
  }, [x, measured]);

  // ---- headline labels: computed for the settled view (not on every frame of a gesture) ----
  const gestureRunning = live !== null && live.base === domain && (live.value[0] !== domain[0] || live.value[1] !== domain[1]);
  const primaryPoints = series[0]?.points;
  const labels = useMemo(() => {
    if (gestureRunning || !primaryPoints || primaryPoints.length === 0 || mode === 'car') return [];
    const items: HeadlineItem[] = [];
    for (const { e, t } of inViewTimed) {
      const stat = markerStats.get(e.id);
      const reason = headlineReason(e, stat);
      if (!reason) continue;
      const p = primaryPoints[nearestPoint(primaryPoints, t)];
      if (!p) continue;
      items.push({ entry: e, stat, reason, x: x(t), y: y(p.value) });
    }
    if (items.length === 0) return [];
    const maxLabels = Math.max(1, Math.floor(innerW / (narrow ? 150 : 120)));
    // Only the heaviest groups are tried: more could never find room on one chart.
    const groups = groupHeadlines(items, primary, { mergePx: narrow ? 6 : 14, titlePx: narrow ? 150 : 230, limit: maxLabels * 3 });
    return placeHeadlines(groups, { bounds: { x0: 0, y0: 2, x1: innerW, y1: price.height - 2 }, lines: lineColumns(drawn.map((d) => ({ xs: d.indices.map((k) => x(d.points[k]!.t)), ys: d.indices.map((k) => y(d.points[k]!.value)) })), innerW), maxLabels, maxLeader: price.height });
  }, [gestureRunning, primaryPoints, mode, inViewTimed, markerStats, x, y, primary, narrow, innerW, price.height, drawn]);
  const labelled = useMemo(() => new Set(labels.flatMap((l) => l.ids)), [labels]);
  const rules = useMemo(
    () => (inViewTimed.length <= innerW / 5 ? inViewTimed.filter(({ e }) => !labelled.has(e.id) && e.id !== selectedId) : []),
    [inViewTimed, innerW, labelled, selectedId],
  );

  // ---- zoom (wheel/pinch, drag pan) on the plot ----
  const plotRef = useRef<SVGGElement | null>(null);
  const zoomRef = useRef<ZoomBehavior<SVGGElement, unknown> | null>(null);
  const plotBottom = layout.lanes.top + layout.lanes.height;
  useEffect(() => {
    if (!plotRef.current) return;
    const span = extent[1] - extent[0];
    const maxK = Math.max(1, span / (5 * DAY));
    const full = scaleUtc().domain(extent).range([0, innerW]);
    const toDomain = (event: { transform: { rescaleX: (s: typeof full) => typeof full } }): Domain => {
      const next = event.transform.rescaleX(full).domain();
      return [next[0]!.getTime(), next[1]!.getTime()];
    };
    const behaviour = zoom<SVGGElement, unknown>()
      .scaleExtent([1, maxK])
      .extent([[0, 0], [innerW, plotBottom]])
      .translateExtent([[0, 0], [innerW, plotBottom]])
      .filter((event: Event) => {
        // Clicks on markers and labels go to them; wheel, touch and drags on the background zoom and pan.
        const target = event.target as Element | null;
        if (event.type === 'mousedown' && target?.closest('[data-marker], [data-figure], .headline-label')) return false;
        return !(event as MouseEvent).button;
      })
      .on('zoom', (event) => {
        if (event.sourceEvent) gesture(toDomain(event), false, 'zoom');
      })
      .on('end', (event) => {
        if (event.sourceEvent) gesture(toDomain(event), true, 'zoom');
      });
    const selection = select(plotRef.current);
    selection.call(behaviour).on('dblclick.zoom', null);
    zoomRef.current = behaviour;
    return () => {
      selection.on('.zoom', null);
    };
  }, [extent, innerW, plotBottom, gesture, measured]);

  // Keep the zoom transform in step when the domain moves elsewhere (presets, brush, URL).
  useEffect(() => {
    if (!plotRef.current || !zoomRef.current) return;
    if (origin.current === 'zoom') {
      origin.current = null;
      return;
    }
    const k = innerW / Math.max(1, xFull(shown[1]) - xFull(shown[0]));
    select(plotRef.current).call(zoomRef.current.transform, zoomIdentity.scale(k).translate(-xFull(shown[0]), 0));
  }, [shown, innerW, xFull, measured]);

  // ---- brush on the context strip ----
  const brushRef = useRef<SVGGElement | null>(null);
  const brushBehaviour = useRef<BrushBehavior<unknown> | null>(null);
  // A brush gesture in progress, and where the brush was last put (by the user or by a domain).
  const brushing = useRef(false);
  const brushedTo = useRef<string>('');
  const ctxH = layout.context.height;
  useEffect(() => {
    if (!brushRef.current) return;
    const behaviour = brushX<unknown>()
      .extent([[0, 0], [innerW, ctxH]])
      .on('start', (event) => {
        if (event.sourceEvent) brushing.current = true;
      })
      .on('brush end', (event) => {
        if (event.type === 'end') brushing.current = false;
        if (!event.sourceEvent) return;
        if (!event.selection) {
          brushedTo.current = ''; // cleared by a click: the next domain puts it back
          return;
        }
        const [a, b] = event.selection as [number, number];
        brushedTo.current = `${Math.round(a)}:${Math.round(b)}`;
        if (b - a < 2) return;
        gesture([xFull.invert(a).getTime(), xFull.invert(b).getTime()], event.type === 'end', 'brush');
      });
    const g = select(brushRef.current);
    g.call(behaviour);
    brushBehaviour.current = behaviour;
    return () => {
      g.on('.brush', null);
    };
  }, [innerW, xFull, ctxH, gesture, measured]);
  useEffect(() => {
    if (!brushRef.current || !brushBehaviour.current) return;
    if (origin.current === 'brush') {
      origin.current = null; // the brush is where the user put it
      return;
    }
    // Never move the brush under the user's pointer, nor to where it already is.
    const whole = shown[0] <= extent[0] + DAY && shown[1] >= extent[1] - DAY;
    const key = whole ? 'whole' : `${Math.round(xFull(shown[0]))}:${Math.round(xFull(shown[1]))}`;
    if (brushing.current || key === brushedTo.current) return;
    brushedTo.current = key;
    select(brushRef.current).call(brushBehaviour.current.move, whole ? null : [xFull(shown[0]), xFull(shown[1])]);
  }, [shown, xFull, extent, measured]);

  // ---- crosshair ----
  const [hover, setHover] = useState<{ day: string; sticky: boolean } | null>(null);
  const [crosshairUsed, setCrosshairUsed] = useState(false);
  // The trading days are collected once the crosshair is first used, not on every load.
  const days = useMemo(() => (crosshairUsed || keyDay ? tradingDays(series) : []), [crosshairUsed, keyDay, series]);
  const crossDay = hover?.day ?? keyDay;
  const announced = useRef(false);
  useEffect(() => {
    if (crossDay && !announced.current) {
      announced.current = true;
      onCrosshair?.();
    }
  }, [crossDay, onCrosshair]);
  const dayAt = (clientX: number, el: Element) => {
    if (!crosshairUsed) setCrosshairUsed(true);
    return snapDay(days.length ? days : tradingDays(series), fromTime(x.invert(clientX - el.getBoundingClientRect().left).getTime()));
  };
  const readout: Readout | null = useMemo(() => {
    if (!crossDay) return null;
    const visibleSeries = series;
    return {
      day: crossDay,
      lines: readLines(visibleSeries, crossDay).map((l, i) => ({ ...l, color: tickerColor(i, scheme) })),
      primary,
      abnormal: abnormalOn(crossDay),
      abnormalLabel,
      events: orderDayEvents(eventsOnDay(entries, days, crossDay), primary),
      valueFormat,
      mode,
    };
  }, [crossDay, series, scheme, primary, abnormalOn, abnormalLabel, entries, days, valueFormat, mode]);
  const crossX = crossDay ? x(toTime(crossDay)) : null;

  // ---- axes (d3 computes ticks; React draws them) ----
  const xTicks = x.ticks(narrow ? 4 : 8);
  const tickFormat = x.tickFormat(narrow ? 4 : 8);
  const yTicks = y.ticks(narrow ? 4 : 6);
  const contextTicks = xFull.ticks(narrow ? 3 : 6);
  const contextFormat = xFull.tickFormat(narrow ? 3 : 6);
  const contextY = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of contextPoints) {
      lo = Math.min(lo, p.value);
      hi = Math.max(hi, p.value);
    }
    if (!Number.isFinite(lo)) {
      lo = 0;
      hi = 1;
    }
    return scaleLinear().domain([Math.min(lo, 0), Math.max(hi, 1)]).range([ctxH - 2, 2]);
  }, [contextPoints, ctxH]);
  const contextPath = useMemo(() => {
    const idx = decimateIndices(contextPoints, extent[0], extent[1], (t) => xFull(t));
    return line<number>().x((i) => xFull(contextPoints[i]!.t)).y((i) => contextY(contextPoints[i]!.value))(idx) ?? '';
  }, [contextPoints, extent, xFull, contextY]);

  const selectedX = selectedDate ? x(toTime(selectedDate)) : null;
  const bandArea = band ? area<BandPoint>().x((b) => x(b.t)).y0((b) => y(b.lo)).y1((b) => y(b.hi))(band) : null;
  const bandLine = band ? line<BandPoint>().x((b) => x(b.t)).y((b) => y(b.expected))(band) : null;
  const onZoomTo = useCallback((x0: number, x1: number) => {
    const t0 = x.invert(x0 - 30).getTime();
    const t1 = x.invert(x1 + 30).getTime();
    onDomainChange([t0, Math.max(t1, t0 + 7 * DAY)], true, true);
  }, [x, onDomainChange]);
  const selectEvent = useCallback((id: string) => onSelect(id), [onSelect]);
  // The text summary follows the settled view (not every frame of a gesture).
  const settledCount = useMemo(() => timed.filter(({ t }) => t >= domain[0] && t <= domain[1]).length, [timed, domain]);
  const summary = useMemo(() => chartSummary(series, settledCount, domain, yLabel, labels.map((l) => l.title)), [series, settledCount, domain, yLabel, labels]);
  const hasLines = drawn.some((d) => d.indices.length > 0);
  const plotH = plotBottom;

  if (!measured)
    // Before the width is known (and on the server) only the frame: axes laid out for a guessed
    // width would jump; the server's poster shows the lines meanwhile.
    return (
      <div className="timeline-chart" style={{ height: layout.height }} data-theme={scheme}>
        <div className="chart-skeleton" style={{ left: margin.left, top: margin.top, right: margin.right, height: price.height }} aria-hidden="true" />
      </div>
    );

  return (
    <div className="timeline-chart" style={{ height: layout.height }} data-theme={scheme}>
      <svg className="tc-back" width={width} height={layout.height} aria-hidden="true" focusable="false">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {yTicks.map((v) => (
            <line key={`g${v}`} x1={0} x2={innerW} y1={y(v)} y2={y(v)} stroke={theme.grid} />
          ))}
          {zeroLine ? <line x1={0} x2={innerW} y1={y(0)} y2={y(0)} stroke={theme.axis} strokeDasharray="3 3" /> : null}
          <g clipPath={`url(#clip-${clipId})`}>
            {bandArea ? <path d={bandArea} fill={theme.band} fillOpacity={0.14} stroke="none" /> : null}
            {bandLine ? <path d={bandLine} fill="none" stroke={theme.band} strokeDasharray="5 4" strokeWidth={1.5} /> : null}
          </g>
          {layout.volume ? <rect x={0} y={layout.volume.top} width={innerW} height={layout.volume.height} fill={theme.panel} /> : null}
          {narratives.map((n, i) => (
            <rect key={n.id} x={0} y={layout.lanes.top + i * layout.lanes.laneH} width={innerW} height={layout.lanes.laneH} fill={theme.lane[i % 2]} />
          ))}
        </g>
        <defs>
          <clipPath id={`clip-${clipId}`}>
            <rect x={0} y={-4} width={innerW} height={plotH + 8} />
          </clipPath>
          <clipPath id={`clip-marks-${clipId}`}>
            <rect x={-2} y={layout.lanes.top} width={innerW + 4} height={layout.lanes.height} />
          </clipPath>
        </defs>
      </svg>
      <canvas
        ref={canvasRef}
        className="tc-lines"
        aria-hidden="true"
        style={{ left: margin.left, top: margin.top, width: innerW, height: canvasH }}
        data-lines={drawn.map((d) => d.indices.length).join(',')}
      />
      <svg ref={frontRef} className="tc-front" width={width} height={layout.height} data-ready="false">
        <g transform={`translate(${margin.left},${margin.top})`}>
          {/* The drawing is one image with a text summary; markers and labels are controls beside it. */}
          <g role="img" aria-label={summary} data-ready="false">
            {yTicks.map((v) => (
              <text key={`y${v}`} x={-6} y={y(v)} dy="0.32em" textAnchor="end" className="axis-label">
                {valueFormat(v)}
              </text>
            ))}
            <text className="axis-title" textAnchor="middle" transform={`translate(${-margin.left + 12},${price.height / 2}) rotate(-90)`}>
              {fitAxisTitle(yLabel, price.height - 10)}
            </text>
            {layout.volume && volumeScene ? (
              <text x={4} y={layout.volume.top + 11} className="axis-label volume-label">
                {volumeScene.max > 0 ? `Volume ${primary} (max ${siCount(volumeScene.max)})` : `No volume data for ${primary}`}
              </text>
            ) : null}
            <TimeAxis y={layout.axisY} width={innerW} ticks={xTicks} x={x} format={tickFormat} color={theme.axis} />
            {narratives.map((n, i) => {
              // Narrative names are ledger data: cut to the margin (beside the dot), the full name on hover.
              const label = fitText(narrow ? (SHORT_NAMES[n.id] ?? n.name) : n.name, margin.left - 14, 11, 'bold');
              return (
                <g key={n.id} transform={`translate(-14,${layout.lanes.top + i * layout.lanes.laneH + layout.lanes.laneH / 2})`}>
                  <circle cx={-textWidth(label, 11, 'bold') - 7} r={4} fill={colorOf.get(n.id)} />
                  <text dy="0.32em" textAnchor="end" className="lane-label">
                    <title>{n.name}</title>
                    {label}
                  </text>
                </g>
              );
            })}
            <TimeAxis y={layout.lanesAxisY} width={innerW} ticks={xTicks} x={x} format={tickFormat} color={theme.axis} />
          </g>

          <g ref={plotRef} className="plot">
            <rect
              x={0}
              y={0}
              width={innerW}
              height={plotH}
              fill="transparent"
              onPointerMove={(e) => {
                if (e.pointerType === 'touch') return;
                const d = dayAt(e.clientX, e.currentTarget);
                if (d && d !== hover?.day) setHover({ day: d, sticky: false });
              }}
              onPointerDown={(e) => {
                if (e.pointerType !== 'touch') return;
                const d = dayAt(e.clientX, e.currentTarget);
                if (d) setHover({ day: d, sticky: true });
              }}
              onPointerLeave={(e) => {
                if (e.pointerType !== 'touch') setHover(null);
              }}
              onClick={() => onSelect(null)}
            />
            <g clipPath={`url(#clip-${clipId})`} pointerEvents="none">
              {rules.map(({ e, t }) => {
                const rx = x(t);
                return <line key={`r-${e.id}`} className="event-rule" data-rule={e.id} x1={rx} x2={rx} y1={0} y2={plotH} stroke={theme.rule} strokeWidth={1} strokeDasharray="2 3" />;
              })}
              {selectedX !== null ? <line x1={selectedX} x2={selectedX} y1={0} y2={plotH} stroke={theme.strong} strokeWidth={1.25} strokeDasharray="3 2" /> : null}
              {crossX !== null ? (
                <g className="crosshair">
                  <line x1={crossX} x2={crossX} y1={0} y2={plotH} stroke={theme.muted} strokeWidth={1} />
                  {readout?.lines.map((l) => (l.value !== null ? <circle key={l.ticker} cx={crossX} cy={y(l.value)} r={3.5} fill={l.color} stroke={theme.bg} strokeWidth={1.5} /> : null))}
                </g>
              ) : null}
            </g>
            <HeadlineLabels labels={labels} entryById={entryById} markerStats={markerStats} primary={primary} benchmark={benchmark} theme={theme} onSelect={selectEvent} />
            <g ref={marksRef} clipPath={`url(#clip-marks-${clipId})`}>
            <EventMarks
              clusters={clusters}
              layout={layout}
              laneIndex={laneIndex}
              colorOf={colorOf}
              entryById={entryById}
              markerStats={markerStats}
              primary={primary}
              selectedId={selectedId}
              theme={theme}
              onSelect={selectEvent}
              onZoomTo={onZoomTo}
            />
            </g>
          </g>

          <ChartLegend layout={layout} items={layout.legendItems} theme={theme} />

          {/* context strip with brush */}
          <g transform={`translate(0,${layout.context.top})`}>
            <rect width={innerW} height={ctxH} fill={theme.panel} />
            <path d={contextPath} fill="none" stroke={theme.axis} strokeWidth={1} />
            <g ref={brushRef} className="brush" data-extent-from={fromTime(extent[0])} data-extent-to={fromTime(extent[1])} />
            {contextTicks.map((t) => (
              <text key={`cx${t.getTime()}`} x={xFull(t)} y={ctxH + 14} textAnchor="middle" className="axis-label">
                {contextFormat(t)}
              </text>
            ))}
          </g>
        </g>
      </svg>
      {readout && crossX !== null ? (
        <CrosshairReadout
          readout={readout}
          left={crossX > innerW - 230 ? width - margin.left - crossX + 12 : margin.left + crossX + 12}
          top={margin.top + 4}
          align={crossX > innerW - 230 ? 'right' : 'left'}
        />
      ) : null}
      <div className="sr-only" aria-live="polite">
        {readout && keyDay && !hover ? readoutText(readout) : ''}
      </div>
      {loading && !hasLines ? <div className="chart-skeleton" style={{ left: margin.left, top: margin.top, width: innerW, height: price.height }} aria-hidden="true" /> : null}
      {emptyMessage ? (
        <div className="chart-empty" role="status" style={{ top: margin.top + price.height / 2 - 30 }}>
          {emptyMessage}
        </div>
      ) : null}
    </div>
  );
}

/** A bottom time axis: d3 chose the ticks and their format; React draws them. */
function TimeAxis({ y, width, ticks, x, format, color }: { y: number; width: number; ticks: Date[]; x: (d: Date) => number; format: (d: Date) => string; color: string }) {
  return (
    <g transform={`translate(0,${y})`}>
      <line x1={0} x2={width} stroke={color} />
      {ticks.map((t) => (
        <g key={t.getTime()} transform={`translate(${x(t)},0)`}>
          <line y2={4} stroke={color} />
          <text y={15} textAnchor="middle" className="axis-label">
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The on-chart legend: shape = kind (colour = the lane's narrative), the CAR bar's scale, the ring, the faint rule. */
const ChartLegend = memo(function ChartLegend({
  layout,
  items,
  theme,
}: {
  layout: ReturnType<typeof timelineLayout> & { legendItems: ReturnType<typeof flowLegend>['items'] };
  items: ReturnType<typeof flowLegend>['items'];
  theme: (typeof THEMES)['light'];
}) {
  return (
    <g className="chart-legend" transform={`translate(0,${layout.legend.top})`} aria-label="Legend" role="group">
      {items.map((it) => {
        const cy = it.row * 18 + 9;
        let glyph: ReactNode = null;
        if (it.key.startsWith('kind-')) glyph = <path transform={`translate(${it.x + 7},${cy})`} d={markerPath(it.key.slice(5), 90)} fill={theme.muted} />;
        else if (it.key === 'car')
          glyph = (
            <g transform={`translate(${it.x + 2},${cy + layout.carBar.refPx / 2})`}>
              <rect x={0} y={-layout.carBar.refPx} width={4} height={layout.carBar.refPx} fill={theme.neg} />
            </g>
          );
        else if (it.key === 'ring')
          glyph = (
            <g transform={`translate(${it.x + 11},${cy})`}>
              <circle r={layout.marker.ringR - 2} fill="none" stroke={theme.strong} strokeWidth={2} />
              <path d={markerPath('claim', 40)} fill={theme.muted} />
            </g>
          );
        else if (it.key === 'rule') glyph = <line x1={it.x + 4} x2={it.x + 4} y1={cy - 8} y2={cy + 8} stroke={theme.rule} strokeDasharray="2 3" strokeWidth={1.5} />;
        else if (it.key === 'band') glyph = <rect x={it.x} y={cy - 5} width={18} height={10} fill={theme.band} fillOpacity={0.2} stroke={theme.band} strokeDasharray="3 2" />;
        return (
          <g key={it.key} data-legend={it.key}>
            {glyph}
            <text x={it.x + it.glyphW + 4} y={cy} dy="0.32em" className="legend-text">
              {it.text}
            </text>
          </g>
        );
      })}
    </g>
  );
});

const KIND_ORDER = ['market', 'release', 'report', 'claim', 'corporate', 'policy'];

/** A day's events as the readout lists them: the primary's own market move first, then by kind. */
function orderDayEvents(events: EntryView[], primary: string): EntryView[] {
  const rank = (e: EntryView) => (e.kind === 'market' && e.tickers.includes(primary) ? -1 : KIND_ORDER.indexOf(e.kind));
  return [...events].sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
}

function fitAxisTitle(text: string, maxPx: number): string {
  if (textWidth(text, 10.5) <= maxPx) return text;
  let out = text;
  while (out.length > 4 && textWidth(`${out}…`, 10.5) > maxPx) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}

function chartSummary(series: Series[], count: number, domain: Domain, yLabel: string, headlines: string[]): string {
  const from = fromTime(domain[0]);
  const to = fromTime(domain[1]);
  const parts = series.map((s) => {
    const pts = s.points.filter((p) => p.t >= domain[0] && p.t <= domain[1]);
    if (pts.length === 0) return `${s.ticker}: no data in range`;
    return `${s.ticker} ${pts[0]!.value.toFixed(2)} to ${pts[pts.length - 1]!.value.toFixed(2)}`;
  });
  const heads = headlines.length ? ` Labelled: ${headlines.join('; ')}.` : '';
  return `Timeline chart of ${yLabel} from ${from} to ${to}: ${parts.join('; ')}. ${count} events in narrative lanes.${heads} Use the arrow keys to move between events, Shift with the arrow keys to move the crosshair by a trading day, and Enter to open an event.`;
}
