// Headline events on the price chart (issue 16, item 1): which events carry a direct label, the
// label's text, and where it goes: near its day on the primary line, joined to it by a leader
// line, clear of the lines, the axes and every other label. Everything else in view is a faint rule.
//
// A headline is either
// - market-moving: |t| ≥ 2 on CAR[−1,1] of the primary ticker (the marker study), or
// - a model release (kind "release"): the dataset has no explicit headline flag, and the releases
//   are the causes the episode is about (V3, R1 and their updates).
import type { Box } from './claim-ladder';
import { boxHitsLines } from './decimate';
import { fitText, textWidth } from './text';

export const HEADLINE_T = 2;

export type HeadlineStat = { car: number | null; t: number | null; p: number | null };
export type HeadlineEntry = { id: string; date: string; kind: string; title: string; tickers: readonly string[]; sources: readonly unknown[]; status?: string };
export type HeadlineReason = 'market-moving' | 'release';

/** Why an entry is a headline, or null. Retracted entries never are. */
export function headlineReason(entry: HeadlineEntry, stat: HeadlineStat | undefined): HeadlineReason | null {
  if (entry.status === 'retracted') return null;
  if (stat?.t !== null && stat?.t !== undefined && Math.abs(stat.t) >= HEADLINE_T) return 'market-moving';
  if (entry.kind === 'release') return 'release';
  return null;
}

/**
 * A short title: the title up to its first ", " or " (" or ": " when that leaves a readable
 * phrase (≥ 12 characters), then cut at a word to `maxPx`.
 */
export function shortTitle(title: string, maxPx: number, fontPx = 11): string {
  let t = title.trim();
  const cut = /, | \(|: /.exec(t);
  if (cut && cut.index >= 12) t = t.slice(0, cut.index);
  return fitText(t, maxPx, fontPx, 'bold');
}

/** Significance stars as in the impact tables: * p<0.1, ** p<0.05, *** p<0.01. */
function starsOf(p: number | null | undefined): string {
  if (p === null || p === undefined) return '';
  return p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '';
}

/** "−8.95%**": the CAR in percent with a true minus sign, and its stars. */
export function carText(stat: HeadlineStat | undefined): string {
  if (!stat || stat.car === null) return '';
  const pct = Math.abs(stat.car * 100).toFixed(2);
  return `${stat.car < 0 ? '−' : '+'}${pct}%${starsOf(stat.p)}`;
}

/**
 * Order of importance within a group of same-place headlines: the primary ticker's own market
 * move first (the label shows the primary's CAR), then releases, then the earliest, then by |t|,
 * sources, id.
 */
export function headlinePriority(entry: HeadlineEntry, stat: HeadlineStat | undefined, primary: string): number[] {
  const own = entry.kind === 'market' && entry.tickers.includes(primary) ? 0 : 1;
  const release = entry.kind === 'release' ? 0 : 1;
  // The first move of a run starts the story (the fall before the rebound).
  return [own, release, Date.parse(entry.date), -Math.abs(stat?.t ?? 0), -entry.sources.length];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

export type HeadlineItem = { entry: HeadlineEntry; stat: HeadlineStat | undefined; reason: HeadlineReason; x: number; y: number };

export type HeadlineGroup = {
  /** The entry the label is titled after. */
  id: string;
  /** Every headline the label stands for, in priority order. */
  ids: string[];
  ax: number;
  ay: number;
  text: string;
  title: string;
  car: string;
  more: number;
  /** Higher is placed first. */
  weight: number;
  /** Sources behind the group's entries: between equal weights, the better-covered event goes first. */
  coverage: number;
};

/**
 * Headlines closer than `mergePx` to their neighbour on the x axis share one label ("… +3"): on a 6-month view the
 * days around 2025-01-27 are a few pixels apart. Groups are titled after their most important
 * entry and weighted by their largest |t| (releases count as |t| = 2).
 */
export function groupHeadlines(items: readonly HeadlineItem[], primary: string, opts: { mergePx: number; titlePx: number; fontPx?: number; limit?: number }): HeadlineGroup[] {
  const fontPx = opts.fontPx ?? 11;
  const sorted = [...items].sort((a, b) => a.x - b.x || a.entry.id.localeCompare(b.entry.id));
  // Single linkage: a headline joins the run when it is within mergePx of the previous one.
  const runs: HeadlineItem[][] = [];
  for (const it of sorted) {
    const run = runs[runs.length - 1];
    if (run && it.x - run[run.length - 1]!.x < opts.mergePx) run.push(it);
    else runs.push([it]);
  }
  const weighed = runs.map((run) => ({
    run,
    weight: Math.max(...run.map((r) => (r.reason === 'market-moving' ? Math.abs(r.stat?.t ?? 0) : HEADLINE_T))),
    coverage: run.reduce((n, r) => n + r.entry.sources.length, 0),
  }));
  // With a limit, only the heaviest groups get a title (shortening titles is the costly part).
  const kept = opts.limit === undefined ? weighed : [...weighed].sort((a, b) => b.weight - a.weight || b.coverage - a.coverage).slice(0, opts.limit);
  return kept.map(({ run, weight, coverage }) => {
    const ordered = [...run].sort((a, b) => compareKeys(headlinePriority(a.entry, a.stat, primary), headlinePriority(b.entry, b.stat, primary)) || a.entry.id.localeCompare(b.entry.id));
    const top = ordered[0]!;
    const title = shortTitle(top.entry.title, opts.titlePx, fontPx);
    const car = carText(top.stat);
    const more = ordered.length - 1;
    const text = [title, car, more > 0 ? `+${more}` : ''].filter(Boolean).join(' ');
    return { id: top.entry.id, ids: ordered.map((o) => o.entry.id), ax: top.x, ay: top.y, text, title, car, more, weight, coverage };
  });
}

export type PlacedHeadline = HeadlineGroup & {
  box: Box;
  /** Text baseline origin (start-anchored). */
  textX: number;
  textY: number;
  /** From the anchor on the line to the label's edge. */
  leader: { x1: number; y1: number; x2: number; y2: number };
};

type Columns = { top: Float32Array; bottom: Float32Array };

export type PlaceOptions = {
  /** The plot area the labels must stay inside (pixels, plot coordinates). */
  bounds: Box;
  /** The lines' per-column extents (lib/charts/decimate lineColumns). */
  lines: Columns;
  /** Boxes labels must not cover (the on-chart legend, the selected event's readout…). */
  obstacles?: readonly Box[];
  maxLabels: number;
  /** The longest leader, in pixels (a label further from its day is no help). */
  maxLeader?: number;
  fontPx?: number;
};

const PAD_X = 4;
const GAP = 2;

function intersects(a: Box, b: Box, pad = 0): boolean {
  return a.x0 < b.x1 + pad && b.x0 < a.x1 + pad && a.y0 < b.y1 + pad && b.y0 < a.y1 + pad;
}

/** Whether the segment (x1,y1)–(x2,y2) passes through the inside of the box (Liang–Barsky clipping). */
export function segmentHitsBox(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const edges: [number, number][] = [
    [-dx, x1 - b.x0],
    [dx, b.x1 - x1],
    [-dy, y1 - b.y0],
    [dy, b.y1 - y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 >= t1) return false;
  }
  return t1 - t0 > 1e-9;
}

/**
 * Greedy placement, heaviest group first. Candidate boxes lie above or below the anchor at growing
 * distances, centred on it, flush on either side or beside it; they are tried nearest first (by the
 * length of the leader, a slanted leader costing a little more). A box is taken when it stays inside
 * `bounds`, touches no line, no obstacle, no anchor and no placed label, its leader crosses no placed
 * label and no placed leader crosses it. Groups that fit nowhere (or beyond `maxLabels`) get no
 * label: their rules and the crosshair still name them.
 */
export function placeHeadlines(groups: readonly HeadlineGroup[], opts: PlaceOptions): PlacedHeadline[] {
  const fontPx = opts.fontPx ?? 11;
  const h = Math.ceil(fontPx * 1.45);
  const { bounds } = opts;
  const maxLeader = opts.maxLeader ?? 160;
  const placed: PlacedHeadline[] = [];
  const anchors = groups.map((g) => ({ x0: g.ax - 3, y0: g.ay - 3, x1: g.ax + 3, y1: g.ay + 3 }));
  const order = [...groups].sort((a, b) => b.weight - a.weight || b.coverage - a.coverage || a.ax - b.ax);
  for (const g of order) {
    if (placed.length >= opts.maxLabels) break;
    const w = textWidth(g.text, fontPx, 'bold') + 2 * PAD_X;
    if (w > bounds.x1 - bounds.x0) continue;
    const candidates: { box: Box; lx: number; ly: number; cost: number; side: -1 | 1 }[] = [];
    for (let dist = 8; dist <= maxLeader; dist += 8)
      for (const side of [-1, 1] as const) {
        const y0 = side < 0 ? g.ay - dist - h : g.ay + dist;
        if (y0 < bounds.y0 || y0 + h > bounds.y1) continue;
        for (const l of [g.ax - w / 2, g.ax - 10, g.ax - w + 10, g.ax + 14, g.ax - w - 14, g.ax + 56, g.ax - w - 56]) {
          const x0 = Math.max(bounds.x0, Math.min(bounds.x1 - w, l));
          const box = { x0, y0, x1: x0 + w, y1: y0 + h };
          const lx = Math.max(box.x0 + 2, Math.min(box.x1 - 2, g.ax));
          const ly = side < 0 ? box.y1 : box.y0;
          const len = Math.hypot(lx - g.ax, ly - g.ay);
          if (len > maxLeader) continue;
          candidates.push({ box, lx, ly, side, cost: len + (lx !== g.ax ? 12 : 0) });
        }
      }
    candidates.sort((a, b) => a.cost - b.cost);
    let found: PlacedHeadline | null = null;
    for (const c of candidates) {
      const { box } = c;
      if (boxHitsLines(opts.lines, box, 3)) continue;
      if (placed.some((p) => intersects(p.box, box, GAP))) continue;
      if ((opts.obstacles ?? []).some((o) => intersects(o, box, GAP))) continue;
      if (anchors.some((a) => intersects(a, box))) continue;
      const y1 = g.ay + c.side * 3;
      if (placed.some((p) => segmentHitsBox(g.ax, y1, c.lx, c.ly, p.box))) continue;
      if (placed.some((p) => segmentHitsBox(p.leader.x1, p.leader.y1, p.leader.x2, p.leader.y2, box))) continue;
      found = { ...g, box, textX: box.x0 + PAD_X, textY: box.y0 + Math.round(h * 0.72), leader: { x1: g.ax, y1, x2: c.lx, y2: c.ly } };
      break;
    }
    if (found) placed.push(found);
  }
  return placed;
}
