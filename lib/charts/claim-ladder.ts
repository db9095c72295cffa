// The claim ladder (issue 5, /narratives): pure layout. d3 computes the scales, ticks and path
// strings; React (components/narratives) renders them. No DOM, no I/O: unit-tested.
//
// Rows share one time axis: one row per dollar metric (log dollars, the same pixels per decade in
// every row, each row spanning only the decades its claims need), a row for GPU counts on its own
// axis, then a price strip of the selected tickers. Salary and other (percent) claims are not
// comparable with either axis and are returned as `notComparable`.
//
// The time axis focuses on the claims (issue 16, item 5): when no range is asked for, a claim far
// from the others (GPT-4's 2023 figure next to the 2025 DeepSeek episode) gets its own narrow
// segment behind a break in the axis instead of squeezing everything else into a corner.
import { parseDay } from '@/lib/dates';
import { line, scaleLinear, scaleLog, scaleUtc } from 'd3';
import { textWidth } from './text';

export const USD_METRICS = ['training_run_cost', 'hardware_capex', 'operating_cost', 'total_investment'] as const;
export type UsdMetric = (typeof USD_METRICS)[number];

export const METRIC_LABELS: Record<string, string> = {
  training_run_cost: 'Training run cost',
  hardware_capex: 'Hardware capex',
  operating_cost: 'Operating cost',
  total_investment: 'Total investment',
  gpu_count: 'GPU count',
  salary: 'Salary',
  other: 'Other',
};

export const RELATION_DASH: Record<string, string> = {
  disputes: '6 4',
  revises: '2 3',
  corroborates: '',
  compares: '10 3 2 3',
};

/** What the ladder needs of a claim (a subset of ClaimView). */
export type LadderClaim = {
  id: string;
  asserted_on: string;
  metric: string;
  value: number;
  current_value: number;
  unit: string;
  claimant: string;
  subject: string;
  narrative: string;
  status: string;
  relation: { type: string; target: string } | null;
};

export type LadderBar = { date: string; close: number; adj_close: number | null };

export type Placement =
  | { axis: 'usd'; amount: number }
  | { axis: 'count'; amount: number }
  | { axis: 'none'; reason: string };

const USD_MULTIPLIER: Record<string, number> = { USD: 1, 'thousand USD': 1e3, 'million USD': 1e6, 'billion USD': 1e9 };
const COUNT_UNITS = new Set(['GPUs', 'chips']);

/** Where a claim goes, from its metric and unit. Values are in the unit given ('million USD' → ×1e6). */
export function placeClaim(c: Pick<LadderClaim, 'metric' | 'unit' | 'current_value'>): Placement {
  const v = c.current_value;
  if ((USD_METRICS as readonly string[]).includes(c.metric)) {
    const m = USD_MULTIPLIER[c.unit];
    if (m === undefined) return { axis: 'none', reason: `unit "${c.unit}" is not a dollar amount` };
    if (!(v > 0)) return { axis: 'none', reason: 'a log axis cannot show a value of zero or less' };
    return { axis: 'usd', amount: v * m };
  }
  if (c.metric === 'gpu_count') {
    if (!COUNT_UNITS.has(c.unit)) return { axis: 'none', reason: `unit "${c.unit}" is not a count of GPUs or chips` };
    return { axis: 'count', amount: v };
  }
  if (c.metric === 'salary') return { axis: 'none', reason: `a pay figure (${c.unit}), not the cost of building or running AI` };
  return { axis: 'none', reason: `in ${c.unit}, not comparable with dollar amounts or GPU counts` };
}

/** "$5.576M", "$1.6B", "$294K": up to four significant digits, never rounded past the data's own. */
export function formatUsd(amount: number): string {
  const abs = Math.abs(amount);
  const [div, suffix] = abs >= 1e12 ? [1e12, 'T'] : abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'K'] : [1, ''];
  const scaled = amount / div;
  const text = Number(scaled.toPrecision(4)).toString();
  return `$${text}${suffix}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** The value as asserted, in its own unit: "5.576 million USD", "50,000 GPUs". */
export function formatAsGiven(value: number, unit: string): string {
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${unit}`;
}

/** Decade bounds around the values: [10^floor(log10 min), 10^ceil(log10 max)], at least one decade. */
export function logDomain(values: readonly number[], fallback: [number, number] = [1e6, 1e9]): [number, number] {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return fallback;
  let lo = 10 ** Math.floor(Math.log10(Math.min(...pos)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(...pos)));
  if (hi <= lo) hi = lo * 10;
  // keep a dot sitting exactly on a decade away from the row's edge
  if (Math.min(...pos) === lo) lo /= 10;
  if (Math.max(...pos) === hi) hi *= 10;
  return [lo, hi];
}

/** Decade ticks, thinned so that labels are at least `minGap` pixels apart. */
export function decadeTicks(domain: [number, number], pixels: number, minGap = 14): number[] {
  const lo = Math.round(Math.log10(domain[0]));
  const hi = Math.round(Math.log10(domain[1]));
  const decades = hi - lo;
  if (decades <= 0) return [domain[0]];
  const step = Math.max(1, Math.ceil(minGap / (pixels / decades)));
  const out: number[] = [];
  for (let e = lo; e <= hi; e += step) out.push(10 ** e);
  return out;
}

// ---- label placement ----

export type Box = { x0: number; y0: number; x1: number; y1: number };
export type LabelRequest = { id: string; x: number; y: number; text: string };
export type PlacedLabel = { id: string; x: number; y: number; anchor: 'start' | 'end'; text: string; box: Box };

const FONT = 11;
const LABEL_H = 14;

export function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * Greedy label placement: right of the point, then left, then above-right, below-right; a label
 * that fits nowhere (inside `bounds`, clear of `obstacles` and earlier labels) is left out
 * (its text stays available in the tooltip and the table).
 */
export function placeLabels(requests: readonly LabelRequest[], bounds: Box, obstacles: readonly Box[] = []): PlacedLabel[] {
  const taken: Box[] = [...obstacles];
  const out: PlacedLabel[] = [];
  for (const r of requests) {
    const w = textWidth(r.text, FONT);
    const h = LABEL_H / 2;
    // The text's baseline sits 4 px below the middle of its box.
    const candidates: { x: number; y: number; anchor: 'start' | 'end'; box: Box }[] = [
      // 11 px clears the dispute ring (r 8.5) drawn around a dot
      { x: r.x + 11, y: r.y + 4, anchor: 'start', box: { x0: r.x + 10, y0: r.y - h, x1: r.x + 11 + w, y1: r.y + h } },
      { x: r.x - 11, y: r.y + 4, anchor: 'end', box: { x0: r.x - 11 - w, y0: r.y - h, x1: r.x - 10, y1: r.y + h } },
      { x: r.x + 6, y: r.y - 12, anchor: 'start', box: { x0: r.x + 5, y0: r.y - 16 - h, x1: r.x + 6 + w, y1: r.y - 16 + h } },
      { x: r.x + 6, y: r.y + 20, anchor: 'start', box: { x0: r.x + 5, y0: r.y + 16 - h, x1: r.x + 6 + w, y1: r.y + 16 + h } },
      { x: r.x - 6, y: r.y - 12, anchor: 'end', box: { x0: r.x - 6 - w, y0: r.y - 16 - h, x1: r.x - 5, y1: r.y - 16 + h } },
      { x: r.x - 6, y: r.y + 20, anchor: 'end', box: { x0: r.x - 6 - w, y0: r.y + 16 - h, x1: r.x - 5, y1: r.y + 16 + h } },
    ];
    const ok = candidates.find(
      (c) => c.box.x0 >= bounds.x0 && c.box.x1 <= bounds.x1 && c.box.y0 >= bounds.y0 && c.box.y1 <= bounds.y1 && !taken.some((t) => overlaps(t, c.box)),
    );
    if (!ok) continue;
    taken.push(ok.box);
    out.push({ id: r.id, x: ok.x, y: ok.y, anchor: ok.anchor, text: r.text, box: ok.box });
  }
  return out;
}

// ---- the time axis: one segment, or several behind breaks ----

export type TimeSegment = { from: string; to: string; x0: number; x1: number };

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => parseDay(iso).getTime();
const isoOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Groups of dates the axis should show without the empty time between them: a gap splits a group
 * when it is longer than `minGapDays` and than `share` of the group's whole span, and the halves
 * are split again the same way. Each group is padded by `padDays` (and 8% of its span) each side.
 */
export function focusGroups(dates: readonly string[], opts: { minGapDays?: number; share?: number; padDays?: number } = {}): [string, string][] {
  const minGap = (opts.minGapDays ?? 90) * DAY_MS;
  const share = opts.share ?? 0.4;
  const pad = (opts.padDays ?? 12) * DAY_MS;
  const ts = [...new Set(dates)].map(dayOf).sort((a, b) => a - b);
  if (ts.length === 0) return [];
  const split = (g: number[]): number[][] => {
    if (g.length < 2) return [g];
    const span = g[g.length - 1]! - g[0]!;
    let at = -1;
    let widest = 0;
    for (let i = 1; i < g.length; i++)
      if (g[i]! - g[i - 1]! > widest) {
        widest = g[i]! - g[i - 1]!;
        at = i;
      }
    if (widest <= minGap || widest <= share * span) return [g];
    return [...split(g.slice(0, at)), ...split(g.slice(at))];
  };
  return split(ts).map((g) => {
    const span = g[g.length - 1]! - g[0]!;
    const p = Math.max(pad, span * 0.08);
    return [isoOf(g[0]! - p), isoOf(g[g.length - 1]! + p)];
  });
}

/**
 * Segments side by side in [x0, x1], `breakPx` apart: each as wide as its share of the time
 * shown, but never narrower than `minPx` (a lone claim still needs room for its label).
 */
export function placeSegments(groups: readonly [string, string][], x0: number, x1: number, opts: { breakPx?: number; minPx?: number } = {}): TimeSegment[] {
  if (groups.length === 0) return [];
  const gap = opts.breakPx ?? 18;
  const width = x1 - x0 - gap * (groups.length - 1);
  const spans = groups.map(([a, b]) => Math.max(DAY_MS, dayOf(b) - dayOf(a)));
  const minPx = Math.min(opts.minPx ?? 96, width / groups.length);
  // Give the small segments their minimum, share the rest by span.
  const small = new Set<number>();
  for (;;) {
    const rest = width - small.size * minPx;
    const total = spans.reduce((s, v, i) => (small.has(i) ? s : s + v), 0);
    const next = spans.findIndex((v, i) => !small.has(i) && (v / total) * rest < minPx);
    if (next < 0) break;
    small.add(next);
  }
  const rest = width - small.size * minPx;
  const total = spans.reduce((s, v, i) => (small.has(i) ? s : s + v), 0);
  let x = x0;
  return groups.map(([from, to], i) => {
    const w = small.has(i) ? minPx : (spans[i]! / total) * rest;
    const seg = { from, to, x0: x, x1: x + w };
    x += w + gap;
    return seg;
  });
}

/** The x of a date on the segmented axis, or null when it falls in no segment. */
export function segmentX(segments: readonly TimeSegment[], iso: string): number | null {
  const t = dayOf(iso);
  for (const s of segments) {
    const a = dayOf(s.from);
    const b = dayOf(s.to);
    if (t >= a && t <= b) return s.x0 + ((t - a) / Math.max(1, b - a)) * (s.x1 - s.x0);
  }
  return null;
}

// ---- layout ----

export type LadderRow = {
  key: string;
  label: string;
  axis: 'usd' | 'count';
  top: number;
  height: number;
  /** The row's own value range (log dollars: whole decades around its claims). */
  domain: [number, number];
  ticks: { y: number; label: string }[];
  empty: boolean;
};

export type LadderDot = {
  id: string;
  x: number;
  y: number;
  row: string;
  amount: number;
  display: string;
  disputed: boolean;
  claim: LadderClaim;
};

export type LadderLink = { id: string; from: string; to: string; type: string; d: string };

export type PriceLine = { ticker: string; d: string; first: { date: string; value: number } | null; last: { date: string; value: number } | null };

export type LadderLayout = {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
  domain: [string, string];
  /** The time axis: one segment, or several with a break mark between each pair. */
  segments: TimeSegment[];
  breaks: number[];
  xTicks: { x: number; label: string }[];
  rows: LadderRow[];
  dots: LadderDot[];
  labels: PlacedLabel[];
  links: LadderLink[];
  price: {
    top: number;
    height: number;
    mode: 'rebased' | 'price';
    ticks: { y: number; label: string }[];
    lines: PriceLine[];
    baselineY: number | null;
    base: string | null;
  } | null;
  asOfX: number | null;
  /** Claims on an axis but asserted outside the time domain. */
  outside: LadderClaim[];
  notComparable: { claim: LadderClaim; reason: string }[];
};

export type LadderInput = {
  claims: readonly LadderClaim[];
  series: readonly { ticker: string; bars: readonly LadderBar[] }[];
  width: number;
  domain: [string, string];
  priceMode: 'rebased' | 'price';
  asOf?: string | null;
  /** Fit the time axis to the claims (breaking it around far-off ones) instead of showing `domain` whole. */
  focus?: boolean;
  /** Leave out the price strip (the event page's snippet). */
  prices?: boolean;
};

const priceOf = (b: LadderBar, mode: 'rebased' | 'price'): number => (mode === 'rebased' ? (b.adj_close ?? b.close) : b.close);

export function layoutClaimLadder(input: LadderInput): LadderLayout {
  const width = Math.max(280, Math.floor(input.width));
  const compact = width < 640;
  const margin = { left: compact ? 50 : 60, right: compact ? 10 : 16, top: 6, bottom: 26 };
  const pxPerDecade = compact ? 20 : 24;
  const emptyH = 26;
  const countH = compact ? 62 : 70;
  const gap = 8;
  const priceH = compact ? 110 : 130;
  const pad = 8;
  const titleH = 15;
  const x0 = margin.left;
  const x1 = width - margin.right;

  const placed = input.claims.map((claim) => ({ claim, place: placeClaim(claim) }));
  const notComparable = placed.filter((p) => p.place.axis === 'none').map((p) => ({ claim: p.claim, reason: (p.place as { reason: string }).reason }));
  const onAxis = placed.filter((p) => p.place.axis !== 'none') as { claim: LadderClaim; place: { axis: 'usd' | 'count'; amount: number } }[];

  // ---- time axis ----
  const [d0, d1] = input.domain;
  const groups = input.focus && onAxis.length > 0 ? focusGroups(onAxis.map((p) => p.claim.asserted_on)) : [[d0, d1] as [string, string]];
  const segments = placeSegments(groups, x0, x1, { minPx: compact ? 80 : 96 });
  const inDomain = (iso: string) => segmentX(segments, iso) !== null;
  const xOf = (iso: string) => segmentX(segments, iso)!;
  const breaks = segments.slice(1).map((s, i) => (segments[i]!.x1 + s.x0) / 2);
  const domain: [string, string] = [segments[0]!.from, segments[segments.length - 1]!.to];

  const outside = onAxis.filter((p) => !inDomain(p.claim.asserted_on)).map((p) => p.claim);
  const visible = onAxis.filter((p) => inDomain(p.claim.asserted_on));

  // ---- rows: dollar rows as tall as the decades they hold, then GPU counts ----
  const rows: LadderRow[] = [];
  const yOf = new Map<string, (v: number) => number>();
  let top = margin.top;
  for (const metric of USD_METRICS) {
    const amounts = visible.filter((p) => p.claim.metric === metric && p.place.axis === 'usd').map((p) => p.place.amount);
    if (amounts.length === 0) {
      rows.push({ key: metric, label: `${METRIC_LABELS[metric]} (USD)`, axis: 'usd', top, height: emptyH, domain: [1, 1], ticks: [], empty: true });
      top += emptyH + gap;
      continue;
    }
    const dom = logDomain(amounts);
    const decades = Math.round(Math.log10(dom[1] / dom[0]));
    const height = titleH + pad + decades * pxPerDecade + pad;
    const y = scaleLog().domain(dom).range([top + height - pad, top + titleH + pad]);
    yOf.set(metric, (v) => y(v));
    const ticks = decadeTicks(dom, decades * pxPerDecade).map((v) => ({ y: y(v), label: formatUsd(v) }));
    rows.push({ key: metric, label: `${METRIC_LABELS[metric]} (USD, log)`, axis: 'usd', top, height, domain: dom, ticks, empty: false });
    top += height + gap;
  }
  {
    const counts = visible.filter((p) => p.place.axis === 'count').map((p) => p.place.amount);
    if (counts.length === 0) {
      rows.push({ key: 'gpu_count', label: 'GPU count', axis: 'count', top, height: emptyH, domain: [0, 1], ticks: [], empty: true });
      top += emptyH + gap;
    } else {
      const y = scaleLinear()
        .domain([0, Math.max(...counts) * 1.15])
        .nice(3)
        .range([top + countH - pad, top + titleH + 2]);
      yOf.set('gpu_count', (v) => y(v));
      rows.push({
        key: 'gpu_count',
        label: 'GPU count (GPUs or chips, linear)',
        axis: 'count',
        top,
        height: countH,
        domain: y.domain() as [number, number],
        ticks: thinTicks(y.ticks(3).map((v) => ({ y: y(v), label: v >= 1000 ? `${v / 1000}k` : String(v) }))),
        empty: false,
      });
      top += countH + gap;
    }
  }

  const dots: LadderDot[] = visible.map(({ claim, place }) => {
    const rowKey = place.axis === 'usd' ? claim.metric : 'gpu_count';
    return {
      id: claim.id,
      x: xOf(claim.asserted_on),
      y: yOf.get(rowKey)!(place.amount),
      row: rowKey,
      amount: place.amount,
      display: place.axis === 'usd' ? formatUsd(place.amount) : `${formatCount(place.amount)} ${claim.unit}`,
      disputed: claim.status === 'disputed',
      claim,
    };
  });
  const dotById = new Map(dots.map((d) => [d.id, d] as const));

  const links: LadderLink[] = [];
  for (const d of dots) {
    const rel = d.claim.relation;
    if (!rel) continue;
    const target = dotById.get(rel.target);
    if (!target) continue;
    const mx = (d.x + target.x) / 2;
    const dist = Math.hypot(d.x - target.x, d.y - target.y);
    const my = (d.y + target.y) / 2 - Math.min(24, dist * 0.18);
    links.push({ id: `${d.id}->${target.id}`, from: d.id, to: target.id, type: rel.type, d: `M${r2(d.x)},${r2(d.y)}Q${r2(mx)},${r2(my)} ${r2(target.x)},${r2(target.y)}` });
  }

  // Labels: the value next to each dot when there is room. Row titles, empty-row notes and dots are obstacles.
  const obstacles: Box[] = [
    ...rows.map((r) => ({ x0: x0, y0: r.top, x1: x0 + 6 + textWidth(r.label, 11, 'bold'), y1: r.top + titleH })),
    ...dots.map((d) => ({ x0: d.x - 9, y0: d.y - 9, x1: d.x + 9, y1: d.y + 9 })),
  ];
  const labels: PlacedLabel[] = [];
  for (const r of rows) {
    const got = placeLabels(
      dots
        .filter((d) => d.row === r.key)
        .sort((a, b) => a.x - b.x)
        .map((d) => ({ id: d.id, x: d.x, y: d.y, text: d.display })),
      { x0, y0: r.top, x1: width - 2, y1: r.top + r.height },
      [...obstacles, ...labels.map((l) => l.box)],
    );
    labels.push(...got);
  }

  // ---- price strip on the same time axis, one path per segment ----
  let price: LadderLayout['price'] = null;
  if (input.prices !== false) {
    const priceTop = top;
    const series = input.series.map((s) => ({ ticker: s.ticker, bars: s.bars.filter((b) => inDomain(b.date) && Number.isFinite(priceOf(b, input.priceMode))) }));
    let base: string | null = null;
    const valued = series.map((s) => {
      const first = s.bars[0];
      const baseValue = first ? priceOf(first, input.priceMode) : null;
      if (input.priceMode === 'rebased' && first && (base === null || first.date < base)) base = first.date;
      const points = s.bars.map((b) => ({
        date: b.date,
        value: input.priceMode === 'rebased' && baseValue ? (priceOf(b, 'rebased') / baseValue) * 100 : priceOf(b, 'price'),
      }));
      return { ticker: s.ticker, points };
    });
    const all = valued.flatMap((v) => v.points.map((p) => p.value));
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    const py = scaleLinear()
      .domain(lo === hi ? [lo * 0.9, hi * 1.1 || 1] : [lo, hi])
      .nice(4)
      .range([priceTop + priceH - 4, priceTop + titleH + 4]);
    const gen = line<{ date: string; value: number }>()
      .x((p) => xOf(p.date))
      .y((p) => py(p.value));
    const lines: PriceLine[] = valued.map((v) => {
      const parts = segments.map((seg) => v.points.filter((p) => p.date >= seg.from && p.date <= seg.to)).filter((pts) => pts.length > 1);
      return { ticker: v.ticker, d: parts.map((pts) => gen(pts) ?? '').join(''), first: v.points[0] ?? null, last: v.points[v.points.length - 1] ?? null };
    });
    const priceTicks = thinTicks(py.ticks(compact ? 3 : 4).map((v) => ({ y: py(v), label: input.priceMode === 'rebased' ? String(v) : `$${v}` })));
    price = { top: priceTop, height: priceH, mode: input.priceMode, ticks: priceTicks, lines, baselineY: input.priceMode === 'rebased' && all.length ? py(100) : null, base };
    top = priceTop + priceH;
  } else {
    top -= gap;
  }
  const height = top + margin.bottom;

  // ---- time ticks per segment, thinned so that no two labels touch ----
  const candidates: { x: number; label: string }[] = [];
  for (const seg of segments) {
    const x = scaleUtc().domain([parseDay(seg.from), parseDay(seg.to)]).range([seg.x0, seg.x1]);
    const count = Math.max(1, Math.floor((seg.x1 - seg.x0) / (compact ? 70 : 90)));
    const ticks = x.ticks(count);
    // A narrow segment names its year too ("Apr 2023"): there is a break before or after it.
    const fmt = segments.length > 1 && count <= 1 ? (d: Date) => d.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }) : x.tickFormat(count);
    // A narrow segment gets one label, in its middle, so that it stays inside the segment.
    const pick = count <= 1 || ticks.length === 0 ? [new Date((parseDay(seg.from).getTime() + parseDay(seg.to).getTime()) / 2)] : ticks;
    for (const d of pick) candidates.push({ x: x(d), label: fmt(d) });
  }
  const xTicks: { x: number; label: string }[] = [];
  for (const t of candidates) {
    const w = textWidth(t.label, 10) / 2 + 4;
    const prev = xTicks[xTicks.length - 1];
    if (t.x - w < x0 - margin.left + 2 || t.x + w > width) continue;
    if (prev && prev.x + textWidth(prev.label, 10) / 2 + 4 > t.x - w) continue;
    xTicks.push(t);
  }

  const asOf = input.asOf ?? null;
  const asOfX = asOf && inDomain(asOf) ? xOf(asOf) : null;

  return { width, height, margin, domain, segments, breaks, xTicks, rows, dots, labels, links, price, asOfX, outside, notComparable };
}

/** Drop ticks closer than `minGap` px to the previous kept one (labels are ~10 px tall). */
export function thinTicks<T extends { y: number }>(ticks: readonly T[], minGap = 13): T[] {
  const out: T[] = [];
  for (const t of [...ticks].sort((a, b) => b.y - a.y)) {
    const prev = out[out.length - 1];
    if (!prev || Math.abs(prev.y - t.y) >= minGap) out.push(t);
  }
  return out;
}

function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One-sentence summary for the chart's aria-label. */
export function describeLadder(layout: LadderLayout, tickers: readonly string[]): string {
  const usd = layout.dots.filter((d) => d.row !== 'gpu_count');
  const gpu = layout.dots.filter((d) => d.row === 'gpu_count');
  const parts = [`Claim ladder from ${layout.domain[0]} to ${layout.domain[1]}: ${usd.length} dollar claims on a log axis`];
  if (usd.length > 0) {
    const min = usd.reduce((a, b) => (b.amount < a.amount ? b : a));
    const max = usd.reduce((a, b) => (b.amount > a.amount ? b : a));
    parts.push(`from ${min.display} (${min.claim.claimant}, ${min.claim.asserted_on}) to ${max.display} (${max.claim.claimant}, ${max.claim.asserted_on})`);
  }
  parts.push(`${gpu.length} GPU-count claims`);
  const disputed = layout.dots.filter((d) => d.disputed).length;
  if (disputed) parts.push(`${disputed} disputed`);
  parts.push(`${layout.links.length} lineage links`);
  if (tickers.length && layout.price) parts.push(`over ${layout.price.mode === 'rebased' ? 'rebased prices' : 'prices'} of ${tickers.join(', ')}`);
  if (layout.segments.length > 1) parts.push(`the time axis is broken between ${layout.segments.map((s) => `${s.from} to ${s.to}`).join(', then ')}`);
  return `${parts.join('; ')}.`;
}
