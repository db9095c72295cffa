'use client';
// The timeline chart: price lines on top, one lane per narrative below on the same time
// axis, and a context strip with a brush. d3 computes scales and paths and drives the
// zoom and brush behaviours (islands created in effects); React renders every element.
import { area, brushX, line, scaleLinear, scaleLog, scaleUtc, select, zoom, zoomIdentity, type ZoomBehavior, type BrushBehavior } from 'd3';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { MarkerStat } from '@/lib/charts/events';
import type { EntryView, NarrativeView } from '@/lib/contracts/read';
import { fitLabel, laneLabelChars } from '@/lib/charts/labels';
import {
  carBarHeight,
  clusterMarkers,
  fromTime,
  markerPath,
  nearestPoint,
  toTime,
  visiblePoints,
  type BandPoint,
  type Point,
  type Series,
} from '@/lib/charts/timeline';

export const TICKER_COLORS = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#5f3dc4', '#e67700'];

type Props = {
  width: number;
  narrow: boolean;
  domain: [number, number];
  extent: [number, number];
  onDomainChange: (domain: [number, number], final: boolean) => void;
  series: Series[];
  valueFormat: (v: number) => string;
  yLabel: string;
  log: boolean;
  zeroLine: boolean;
  contextPoints: Point[];
  entries: EntryView[];
  narratives: NarrativeView[];
  markerStats: Map<string, MarkerStat>;
  selectedId: string | null;
  selectedDate: string | null;
  onSelect: (id: string | null) => void;
  band: BandPoint[] | null;
  emptyMessage: string | null;
  onReady?: () => void;
};

const PRICE_H = 300;
const PRICE_H_NARROW = 220;
const LANE_H = 30;
const AXIS_H = 22;
const CONTEXT_H = 44;
const GAP = 10;
const CLUSTER_GAP = 14;
const SHORT_NAMES: Record<string, string> = { 'cheap-ai': 'Cheap AI', 'true-cost': 'True cost', 'market-reaction': 'Market', 'capex-race': 'Capex', other: 'Other' };

export function TimelineChart(props: Props) {
  const {
    width, narrow, domain, extent, onDomainChange, series, valueFormat, yLabel, log, zeroLine, contextPoints, entries, narratives,
    markerStats, selectedId, selectedDate, onSelect, band, emptyMessage, onReady,
  } = props;
  const clipId = useId().replace(/:/g, '');
  const margin = { left: narrow ? 62 : 104, right: narrow ? 10 : 20, top: 10 };
  const innerW = Math.max(120, width - margin.left - margin.right);
  const priceH = narrow ? PRICE_H_NARROW : PRICE_H;
  const lanesTop = margin.top + priceH + AXIS_H + GAP;
  const lanesH = narratives.length * LANE_H;
  const contextTop = lanesTop + lanesH + AXIS_H + GAP;
  const height = contextTop + CONTEXT_H + AXIS_H;

  const x = useMemo(() => scaleUtc().domain(domain).range([0, innerW]), [domain, innerW]);
  const xFull = useMemo(() => scaleUtc().domain(extent).range([0, innerW]), [extent, innerW]);

  const visible = useMemo(() => series.map((s) => ({ ...s, points: visiblePoints(s.points, domain[0], domain[1]) })), [series, domain]);
  const y = useMemo(() => {
    const values: number[] = [];
    for (const s of visible) for (const p of s.points) if (p.t >= domain[0] && p.t <= domain[1]) values.push(p.value);
    if (band) for (const b of band) if (b.t >= domain[0] && b.t <= domain[1]) values.push(b.lo, b.hi);
    if (zeroLine) values.push(0);
    let lo = values.length ? Math.min(...values) : 0;
    let hi = values.length ? Math.max(...values) : 1;
    if (lo === hi) {
      lo -= 1;
      hi += 1;
    }
    if (log && lo > 0) return scaleLog().domain([lo * 0.97, hi * 1.03]).range([priceH, 0]).nice();
    const pad = (hi - lo) * 0.06;
    return scaleLinear().domain([lo - pad, hi + pad]).range([priceH, 0]).nice();
  }, [visible, band, domain, log, priceH, zeroLine]);

  const pathFor = useMemo(() => line<Point>().x((p) => x(p.t)).y((p) => y(p.value)), [x, y]);
  const contextY = useMemo(() => {
    const vals = contextPoints.map((p) => p.value);
    return scaleLinear().domain([Math.min(...vals, 0), Math.max(...vals, 1)]).range([CONTEXT_H - 2, 2]);
  }, [contextPoints]);
  const contextPath = useMemo(() => line<Point>().x((p) => xFull(p.t)).y((p) => contextY(p.value))(contextPoints) ?? '', [contextPoints, xFull, contextY]);

  const laneIndex = useMemo(() => new Map(narratives.map((n, i) => [n.id, i])), [narratives]);
  const colorOf = useMemo(() => new Map(narratives.map((n) => [n.id, n.color])), [narratives]);
  const entryById = useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries]);
  const clusters = useMemo(() => {
    const inView = entries.filter((e) => {
      const t = toTime(e.date);
      return t >= domain[0] && t <= domain[1];
    });
    return clusterMarkers(inView.map((e) => ({ id: e.id, x: x(toTime(e.date)), lane: e.narrative })), CLUSTER_GAP);
  }, [entries, domain, x]);

  const pxPerDay = x(domain[0] + 86_400_000) - x(domain[0]);

  // ---- zoom (wheel/pinch, drag pan) on the plot ----
  const plotRef = useRef<SVGGElement | null>(null);
  const zoomRef = useRef<ZoomBehavior<SVGGElement, unknown> | null>(null);
  const onDomainChangeRef = useRef(onDomainChange);
  useEffect(() => {
    onDomainChangeRef.current = onDomainChange;
  });
  useEffect(() => {
    if (!plotRef.current) return;
    const span = extent[1] - extent[0];
    const maxK = Math.max(1, span / (5 * 86_400_000));
    const behaviour = zoom<SVGGElement, unknown>()
      .scaleExtent([1, maxK])
      .extent([[0, 0], [innerW, lanesTop + lanesH]])
      .translateExtent([[0, 0], [innerW, lanesTop + lanesH]])
      .filter((event: Event) => {
        // Let clicks on markers through; wheel, touch and drags on the background zoom and pan.
        const target = event.target as Element | null;
        if (event.type === 'mousedown' && target?.closest('[data-marker]')) return false;
        return !(event as MouseEvent).button;
      })
      .on('zoom', (event) => {
        if (!event.sourceEvent) return; // programmatic sync from props
        const next = event.transform.rescaleX(scaleUtc().domain(extent).range([0, innerW])).domain();
        onDomainChangeRef.current([next[0]!.getTime(), next[1]!.getTime()], false);
      })
      .on('end', (event) => {
        if (!event.sourceEvent) return;
        const next = event.transform.rescaleX(scaleUtc().domain(extent).range([0, innerW])).domain();
        onDomainChangeRef.current([next[0]!.getTime(), next[1]!.getTime()], true);
      });
    const selection = select(plotRef.current);
    selection.call(behaviour).on('dblclick.zoom', null);
    zoomRef.current = behaviour;
    return () => {
      selection.on('.zoom', null);
    };
  }, [extent, innerW, lanesTop, lanesH]);

  // Keep the zoom transform in step with the domain when it changes elsewhere (presets, brush, URL).
  useEffect(() => {
    if (!plotRef.current || !zoomRef.current) return;
    const k = innerW / Math.max(1, xFull(domain[1]) - xFull(domain[0]));
    const transform = zoomIdentity.scale(k).translate(-xFull(domain[0]), 0);
    select(plotRef.current).call(zoomRef.current.transform, transform);
  }, [domain, innerW, xFull]);

  // ---- brush on the context strip ----
  const brushRef = useRef<SVGGElement | null>(null);
  const brushBehaviour = useRef<BrushBehavior<unknown> | null>(null);
  useEffect(() => {
    if (!brushRef.current) return;
    const behaviour = brushX<unknown>()
      .extent([[0, 0], [innerW, CONTEXT_H]])
      .on('brush end', (event) => {
        if (!event.sourceEvent || !event.selection) return;
        const [a, b] = event.selection as [number, number];
        if (b - a < 2) return;
        onDomainChangeRef.current([xFull.invert(a).getTime(), xFull.invert(b).getTime()], event.type === 'end');
      });
    const g = select(brushRef.current);
    g.call(behaviour);
    brushBehaviour.current = behaviour;
    return () => {
      g.on('.brush', null);
    };
  }, [innerW, xFull]);
  useEffect(() => {
    if (!brushRef.current || !brushBehaviour.current) return;
    const whole = domain[0] <= extent[0] + 86_400_000 && domain[1] >= extent[1] - 86_400_000;
    select(brushRef.current).call(brushBehaviour.current.move, whole ? null : [xFull(domain[0]), xFull(domain[1])]);
  }, [domain, xFull, extent]);

  // ---- axes (d3 computes ticks; rendered as React elements) ----
  const xTicks = x.ticks(narrow ? 4 : 8);
  const tickFormat = x.tickFormat(narrow ? 4 : 8);
  const yTicks = y.ticks(narrow ? 4 : 6);
  const contextTicks = xFull.ticks(narrow ? 3 : 6);
  const contextFormat = xFull.tickFormat(narrow ? 3 : 6);

  // ---- crosshair ----
  const [hoverT, setHoverT] = useState<number | null>(null);
  const primary = visible[0];
  const hoverIndex = hoverT !== null && primary ? nearestPoint(primary.points, hoverT) : -1;
  const hoverPoint = hoverIndex >= 0 && primary ? primary.points[hoverIndex] : null;

  const readyRef = useRef(false);
  useEffect(() => {
    if (readyRef.current || series.length === 0 || width === 0) return;
    readyRef.current = true;
    onReady?.();
  }, [series.length, width, onReady]);

  const selectedX = selectedDate ? x(toTime(selectedDate)) : null;
  const bandArea = band ? area<BandPoint>().x((b) => x(b.t)).y0((b) => y(b.lo)).y1((b) => y(b.hi))(band) : null;
  const bandLine = band ? line<BandPoint>().x((b) => x(b.t)).y((b) => y(b.expected))(band) : null;

  return (
    <div className="timeline-chart" style={{ position: 'relative' }}>
      <svg width={width} height={height} data-ready={series.length > 0 ? 'true' : 'false'}>
        <defs>
          <clipPath id={`clip-${clipId}`}>
            <rect x={0} y={-4} width={innerW} height={lanesTop + lanesH + 8} />
          </clipPath>
        </defs>
        <g transform={`translate(${margin.left},${margin.top})`}>
          {/* y axis and grid */}
          {yTicks.map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x1={0} x2={innerW} stroke="#eef0f3" />
              <text x={-6} dy="0.32em" textAnchor="end" className="axis-label">
                {valueFormat(v)}
              </text>
            </g>
          ))}
          <text x={-margin.left + 4} y={-2} className="axis-title" dominantBaseline="hanging" transform={`rotate(-90) translate(${-priceH / 2 - 40},${-margin.left + 10})`}>
            {yLabel}
          </text>
          {zeroLine ? <line x1={0} x2={innerW} y1={y(0)} y2={y(0)} stroke="#8a94a3" strokeDasharray="3 3" /> : null}
          {/* x axis under the price chart */}
          <TimeAxis y={priceH} width={innerW} ticks={xTicks} x={x} format={tickFormat} />

          <g ref={plotRef} className="plot">
            <rect x={0} y={0} width={innerW} height={lanesTop + lanesH - margin.top} fill="transparent"
              onPointerMove={(e) => {
                const box = (e.currentTarget as SVGRectElement).getBoundingClientRect();
                setHoverT(x.invert(e.clientX - box.left).getTime());
              }}
              onPointerLeave={() => setHoverT(null)}
              onClick={() => onSelect(null)}
            />
            <g clipPath={`url(#clip-${clipId})`}>
              {/* The drawing itself is one image with a text summary; the markers below are buttons beside it. */}
              <g role="img" aria-label={chartSummary(series, entries, domain, yLabel)} data-ready={series.length > 0 ? 'true' : 'false'}>
              {bandArea ? <path d={bandArea} className="band" fill="#1f5fbf" fillOpacity={0.12} stroke="none" /> : null}
              {bandLine ? <path d={bandLine} fill="none" stroke="#1f5fbf" strokeDasharray="5 4" strokeWidth={1.5} /> : null}
              {visible.map((s, i) => (
                <path key={s.ticker} d={pathFor(s.points) ?? ''} fill="none" stroke={TICKER_COLORS[i % TICKER_COLORS.length]} strokeWidth={i === 0 ? 2 : 1.4} pointerEvents="none" />
              ))}
              {selectedX !== null ? <line x1={selectedX} x2={selectedX} y1={0} y2={lanesTop + lanesH - margin.top} stroke="#111" strokeWidth={1} strokeDasharray="2 2" pointerEvents="none" /> : null}
              {hoverPoint ? <line x1={x(hoverPoint.t)} x2={x(hoverPoint.t)} y1={0} y2={priceH} stroke="#555" strokeWidth={0.8} pointerEvents="none" /> : null}
              {/* narrative lanes */}
              {narratives.map((n, i) => (
                <rect key={n.id} x={0} y={lanesTop - margin.top + i * LANE_H} width={innerW} height={LANE_H} fill={i % 2 ? '#fafbfc' : '#f3f5f8'} pointerEvents="none" />
              ))}
              </g>
              <g role="group" aria-label="Event markers">
              {clusters.flatMap((c) => {
                // Events on the same day never separate by zooming: once a day is wide enough, fan them out.
                if (c.ids.length > 1 && c.x1 - c.x0 < 1 && pxPerDay >= c.ids.length * CLUSTER_GAP)
                  return c.ids.map((id, i) => ({ ...c, ids: [id], x: c.x + (i - (c.ids.length - 1) / 2) * CLUSTER_GAP }));
                return [c];
              }).map((c) => {
                const lane = laneIndex.get(c.lane) ?? narratives.length - 1;
                const cy = lanesTop - margin.top + lane * LANE_H + LANE_H / 2;
                const color = colorOf.get(c.lane) ?? '#666';
                if (c.ids.length > 1) {
                  const titles = c.ids.map((id) => entryById.get(id)?.title ?? id);
                  const containsSelected = selectedId !== null && c.ids.includes(selectedId);
                  return (
                    <g key={`c-${c.lane}-${c.ids[0]}`} data-marker="cluster" transform={`translate(${c.x},${cy})`} className="marker-cluster"
                      role="button" tabIndex={-1}
                      onClick={(e) => {
                        e.stopPropagation();
                        const t0 = x.invert(c.x0 - 30).getTime();
                        const t1 = x.invert(c.x1 + 30).getTime();
                        onDomainChange([t0, Math.max(t1, t0 + 7 * 86_400_000)], true);
                      }}>
                      <title>{`${c.ids.length} events, click to zoom in: ${titles.join('; ')}`}</title>
                      <circle r={10} fill={color} fillOpacity={0.85} stroke={containsSelected ? '#111' : '#fff'} strokeWidth={containsSelected ? 2 : 1} />
                      <text textAnchor="middle" dy="0.35em" className="cluster-count">
                        {c.ids.length}
                      </text>
                    </g>
                  );
                }
                const entry = entryById.get(c.ids[0]!);
                if (!entry) return null;
                const stat = markerStats.get(entry.id);
                const selected = entry.id === selectedId;
                const significant = stat?.p !== null && stat?.p !== undefined && stat.p < 0.05;
                const barH = stat?.car !== null && stat?.car !== undefined ? carBarHeight(stat.car, LANE_H / 2 - 3) : 0;
                return (
                  <g key={entry.id} data-marker="event" data-event-id={entry.id} transform={`translate(${c.x},${cy})`} className="marker"
                    role="button" aria-pressed={selected} tabIndex={-1}
                    onClick={(e) => {
                      e.stopPropagation();
                      onSelect(entry.id);
                    }}>
                    <title>{`${entry.date}: ${entry.title}${stat?.car != null ? `\nCAR[-1,1] ${(stat.car * 100).toFixed(2)}%${significant ? ' (p < 0.05)' : ''}` : ''}`}</title>
                    {barH > 0 && stat?.car != null ? (
                      <rect x={7} width={4} y={stat.car >= 0 ? -barH : 0} height={barH} fill={stat.car >= 0 ? '#067647' : '#b42318'} />
                    ) : null}
                    {significant ? <circle r={9} fill="none" stroke="#111" strokeWidth={1.3} /> : null}
                    <path d={markerPath(entry.kind, selected ? 150 : 90)} fill={color} stroke={selected ? '#111' : '#fff'} strokeWidth={selected ? 2 : 1} opacity={entry.status === 'retracted' ? 0.35 : 1} />
                  </g>
                );
              })}
              </g>
            </g>
          </g>

          {/* lane labels */}
          {narratives.map((n, i) => (
            <text key={n.id} x={-8} y={lanesTop - margin.top + i * LANE_H + LANE_H / 2} dy="0.32em" textAnchor="end" className="lane-label">
              {/* Narrative names are ledger data: cut to the margin, the full name on hover. */}
              <title>{n.name}</title>
              {fitLabel(narrow ? SHORT_NAMES[n.id] ?? n.name : n.name, laneLabelChars(margin.left))}
            </text>
          ))}
          {/* x axis under the lanes */}
          <TimeAxis y={lanesTop - margin.top + lanesH} width={innerW} ticks={xTicks} x={x} format={tickFormat} />

          {/* context strip with brush */}
          <g transform={`translate(0,${contextTop - margin.top})`}>
            <rect width={innerW} height={CONTEXT_H} fill="#f6f7f9" />
            <path d={contextPath} fill="none" stroke="#7b8794" strokeWidth={1} />
            <g ref={brushRef} className="brush" data-extent-from={fromTime(extent[0])} data-extent-to={fromTime(extent[1])} />
            {contextTicks.map((t) => (
              <text key={`cx${t.getTime()}`} x={xFull(t)} y={CONTEXT_H + 14} textAnchor="middle" className="axis-label">
                {contextFormat(t)}
              </text>
            ))}
          </g>
        </g>
      </svg>
      {hoverPoint ? (
        <div className="crosshair-readout" style={{ left: Math.min(width - 200, margin.left + x(hoverPoint.t) + 12), top: margin.top + 4 }} aria-hidden="true">
          <div className="readout-date">{fromTime(hoverPoint.t)}</div>
          {visible.map((s, i) => {
            const p = s.points[nearestPoint(s.points, hoverPoint.t)];
            if (!p || p.date !== hoverPoint.date) return (
              <div key={s.ticker}><span style={{ color: TICKER_COLORS[i % TICKER_COLORS.length] }}>■</span> {s.ticker}: no bar</div>
            );
            return (
              <div key={s.ticker}>
                <span style={{ color: TICKER_COLORS[i % TICKER_COLORS.length] }}>■</span> {s.ticker}: {valueFormat(p.value)}
                {p.change !== null ? <span className={p.change < 0 ? 'neg' : 'pos'}> ({p.change >= 0 ? '+' : '−'}{Math.abs(p.change * 100).toFixed(2)}%)</span> : null}
              </div>
            );
          })}
        </div>
      ) : null}
      {emptyMessage ? <div className="chart-empty" role="status">{emptyMessage}</div> : null}
    </div>
  );
}

/** A bottom time axis: d3 chose the ticks and their format; React draws them. */
function TimeAxis({ y, width, ticks, x, format }: { y: number; width: number; ticks: Date[]; x: (d: Date) => number; format: (d: Date) => string }) {
  return (
    <g transform={`translate(0,${y})`}>
      <line x1={0} x2={width} stroke="#9aa3af" />
      {ticks.map((t) => (
        <g key={t.getTime()} transform={`translate(${x(t)},0)`}>
          <line y2={4} stroke="#9aa3af" />
          <text y={15} textAnchor="middle" className="axis-label">
            {format(t)}
          </text>
        </g>
      ))}
    </g>
  );
}

function chartSummary(series: Series[], entries: EntryView[], domain: [number, number], yLabel: string): string {
  const from = fromTime(domain[0]);
  const to = fromTime(domain[1]);
  const parts = series.map((s) => {
    const pts = s.points.filter((p) => p.t >= domain[0] && p.t <= domain[1]);
    if (pts.length === 0) return `${s.ticker}: no data in range`;
    const first = pts[0]!.value;
    const last = pts[pts.length - 1]!.value;
    return `${s.ticker} ${first.toFixed(2)} to ${last.toFixed(2)}`;
  });
  const count = entries.filter((e) => {
    const t = toTime(e.date);
    return t >= domain[0] && t <= domain[1];
  }).length;
  return `Timeline chart of ${yLabel} from ${from} to ${to}: ${parts.join('; ')}. ${count} events in narrative lanes. Use the arrow keys to move between events and Enter to open one.`;
}
