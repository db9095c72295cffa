// Pure chart computations for the timeline dashboard: series in each mode, marker
// clustering, the expected-price band, symbols and ticks. d3 computes; React renders.
import { bisector, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, type SymbolType } from 'd3';
import type { BarView } from '@/lib/contracts/read';

export type Point = { date: string; t: number; value: number; change: number | null };
export type Series = { ticker: string; points: Point[]; note: string | null };

/** UTC midnight of a YYYY-MM-DD date, in ms (Date.UTC on the parts: no string parsing). */
export const toTime = (date: string): number => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
export const fromTime = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The price level used for charts: the close as traded (adj_close is for returns). */
function level(b: BarView): number {
  return b.close;
}

/**
 * One series per ticker. `price` plots closes; `rebased` divides by the close on the anchor
 * day (first bar on or after it) ×100. Daily change is always the close-to-close change.
 */
export function buildSeries(bars: readonly BarView[], ticker: string, mode: 'price' | 'rebased', anchor: string | null): Series {
  let base: number | null = null;
  let note: string | null = null;
  if (mode === 'rebased') {
    const anchorBar = anchor ? bars.find((b) => b.date >= anchor) : bars[0];
    base = anchorBar ? level(anchorBar) : null;
    if (base === null) note = `no ${ticker} price on or after ${anchor ?? 'the first visible day'} to rebase to`;
  }
  const points: Point[] = [];
  let prev: number | null = null;
  for (const b of bars) {
    const v = level(b);
    const value = mode === 'rebased' ? (base ? (v / base) * 100 : NaN) : v;
    points.push({ date: b.date, t: toTime(b.date), value, change: prev ? v / prev - 1 : null });
    prev = v;
  }
  return { ticker, points: points.filter((p) => Number.isFinite(p.value)), note };
}

const byTime = bisector((p: Point) => p.t);

/** Index of the point nearest to time t (or -1 for an empty series). */
export function nearestPoint(points: readonly Point[], t: number): number {
  if (points.length === 0) return -1;
  const i = byTime.center(points, t);
  return Math.max(0, Math.min(points.length - 1, i));
}

/** Points inside [from, to] plus one on each side, so lines run to the chart edges. */
export function visiblePoints(points: readonly Point[], from: number, to: number): Point[] {
  const lo = Math.max(0, byTime.left(points, from) - 1);
  const hi = Math.min(points.length, byTime.right(points, to) + 1);
  return points.slice(lo, hi);
}

export type Marker = { id: string; x: number; lane: string };
export type Cluster = { lane: string; x: number; ids: string[]; x0: number; x1: number };

/** Greedy clustering per lane: markers closer than `minGap` px to the previous one join its cluster. */
export function clusterMarkers(markers: readonly Marker[], minGap: number): Cluster[] {
  const byLane = new Map<string, Marker[]>();
  for (const m of markers) {
    const lane = byLane.get(m.lane);
    if (lane) lane.push(m);
    else byLane.set(m.lane, [m]);
  }
  const clusters: Cluster[] = [];
  for (const [lane, items] of byLane) {
    const sorted = [...items].sort((a, b) => a.x - b.x || a.id.localeCompare(b.id));
    let current: Marker[] = [];
    const flush = () => {
      if (current.length === 0) return;
      const xs = current.map((m) => m.x);
      clusters.push({ lane, x: xs.reduce((s, x) => s + x, 0) / xs.length, ids: current.map((m) => m.id), x0: xs[0]!, x1: xs[xs.length - 1]! });
      current = [];
    };
    for (const m of sorted) {
      if (current.length > 0 && m.x - current[current.length - 1]!.x >= minGap) flush();
      current.push(m);
    }
    flush();
  }
  return clusters;
}

export const KIND_SYMBOLS: Record<string, SymbolType> = {
  release: symbolTriangle,
  claim: symbolCircle,
  market: symbolDiamond,
  report: symbolSquare,
  policy: symbolCross,
  corporate: symbolStar,
};

export function markerPath(kind: string, size = 90): string {
  return symbol(KIND_SYMBOLS[kind] ?? symbolCircle, size)() ?? '';
}

export type BandPoint = { date: string; t: number; expected: number; lo: number; hi: number; actual: number | null };

/**
 * The market-model expected price path over an event window: start from the actual close on
 * the day before the window, compound the model's expected returns, and widen by ±2σ√k.
 */
export function expectedBand(
  daily: readonly { day: number; date: string; return: number | null; expected: number | null }[],
  closes: ReadonlyMap<string, number>,
  dayBefore: string | null,
  sigma: number,
  scale: (price: number) => number = (p) => p,
): BandPoint[] {
  if (!dayBefore) return [];
  const start = closes.get(dayBefore);
  if (start === undefined) return [];
  const out: BandPoint[] = [{ date: dayBefore, t: toTime(dayBefore), expected: scale(start), lo: scale(start), hi: scale(start), actual: scale(start) }];
  let expected = start;
  let k = 0;
  for (const row of daily) {
    if (row.expected === null) break;
    expected *= 1 + row.expected;
    k++;
    const width = 2 * sigma * Math.sqrt(k);
    const actual = closes.get(row.date);
    out.push({
      date: row.date,
      t: toTime(row.date),
      expected: scale(expected),
      lo: scale(expected * (1 - width)),
      hi: scale(expected * (1 + width)),
      actual: actual === undefined ? null : scale(actual),
    });
  }
  return out;
}

export function stars(p: number | null | undefined): string {
  if (p === null || p === undefined) return '';
  return p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '';
}

export function formatPct(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(digits)}%`;
}

export function formatNumber(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return x < 0 ? `−${Math.abs(x).toFixed(digits)}` : x.toFixed(digits);
}

export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}
