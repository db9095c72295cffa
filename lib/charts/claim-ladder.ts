// The claim ladder (issue 5, /narratives): pure layout. d3 computes the scales, ticks and path
// strings; React (components/narratives) renders them. No DOM, no I/O: unit-tested.
//
// Rows share one time axis: one row per dollar metric (all on the same log-dollar axis), a row for
// GPU counts on its own axis, then a price strip of the selected tickers. Salary and other
// (percent) claims are not comparable with either axis and are returned as `notComparable`.
import { parseDay } from '@/lib/dates';
import { line, scaleLinear, scaleLog, scaleUtc } from 'd3';

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

const CHAR_W = 6.4; // px per character at 11px, generous so that estimates over- rather than under-size
const LABEL_H = 12;

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
    const w = r.text.length * CHAR_W;
    const candidates: { x: number; y: number; anchor: 'start' | 'end'; box: Box }[] = [
      // 11 px clears the dispute ring (r 8.5) drawn around a dot
      { x: r.x + 11, y: r.y + 4, anchor: 'start', box: { x0: r.x + 10, y0: r.y - LABEL_H / 2, x1: r.x + 11 + w, y1: r.y + LABEL_H / 2 } },
      { x: r.x - 11, y: r.y + 4, anchor: 'end', box: { x0: r.x - 11 - w, y0: r.y - LABEL_H / 2, x1: r.x - 10, y1: r.y + LABEL_H / 2 } },
      { x: r.x + 6, y: r.y - 11, anchor: 'start', box: { x0: r.x + 5, y0: r.y - 11 - LABEL_H + 2, x1: r.x + 6 + w, y1: r.y - 9 } },
      { x: r.x + 6, y: r.y + 20, anchor: 'start', box: { x0: r.x + 5, y0: r.y + 10, x1: r.x + 6 + w, y1: r.y + 22 } },
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

// ---- layout ----

export type LadderRow = {
  key: string;
  label: string;
  axis: 'usd' | 'count';
  top: number;
  height: number;
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
  xTicks: { x: number; label: string }[];
  rows: LadderRow[];
  usdDomain: [number, number];
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
  };
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
};

const priceOf = (b: LadderBar, mode: 'rebased' | 'price'): number => (mode === 'rebased' ? (b.adj_close ?? b.close) : b.close);

export function layoutClaimLadder(input: LadderInput): LadderLayout {
  const width = Math.max(280, Math.floor(input.width));
  const compact = width < 640;
  const margin = { left: compact ? 46 : 58, right: compact ? 10 : 16, top: 6, bottom: 26 };
  const rowH = compact ? 78 : 96;
  const countH = compact ? 62 : 70;
  const gap = 10;
  const priceH = compact ? 110 : 130;
  const x0 = margin.left;
  const x1 = width - margin.right;

  const [d0, d1] = input.domain;
  const x = scaleUtc().domain([parseDay(d0), parseDay(d1)]).range([x0, x1]);
  const inDomain = (iso: string) => iso >= d0 && iso <= d1;

  const placed = input.claims.map((claim) => ({ claim, place: placeClaim(claim) }));
  const notComparable = placed.filter((p) => p.place.axis === 'none').map((p) => ({ claim: p.claim, reason: (p.place as { reason: string }).reason }));
  const onAxis = placed.filter((p) => p.place.axis !== 'none') as { claim: LadderClaim; place: { axis: 'usd' | 'count'; amount: number } }[];
  const outside = onAxis.filter((p) => !inDomain(p.claim.asserted_on)).map((p) => p.claim);
  const visible = onAxis.filter((p) => inDomain(p.claim.asserted_on));

  const usdDomain = logDomain(visible.filter((p) => p.place.axis === 'usd').map((p) => p.place.amount));
  const counts = visible.filter((p) => p.place.axis === 'count').map((p) => p.place.amount);
  const countMax = counts.length > 0 ? Math.max(...counts) : 1;

  const rows: LadderRow[] = [];
  const yOf = new Map<string, (v: number) => number>();
  let top = margin.top;
  const pad = 8;
  const titleH = 14;
  for (const metric of USD_METRICS) {
    const y = scaleLog()
      .domain(usdDomain)
      .range([top + rowH - pad, top + titleH + 2]);
    yOf.set(metric, (v) => y(v));
    const ticks = decadeTicks(usdDomain, rowH - pad - titleH - 2).map((v) => ({ y: y(v), label: formatUsd(v) }));
    rows.push({
      key: metric,
      label: `${METRIC_LABELS[metric]} (USD, log)`,
      axis: 'usd',
      top,
      height: rowH,
      ticks,
      empty: !visible.some((p) => p.claim.metric === metric && p.place.axis === 'usd'),
    });
    top += rowH + gap;
  }
  {
    const y = scaleLinear()
      .domain([0, countMax * 1.15])
      .nice(3)
      .range([top + countH - pad, top + titleH + 2]);
    yOf.set('gpu_count', (v) => y(v));
    rows.push({
      key: 'gpu_count',
      label: 'GPU count (GPUs or chips, linear)',
      axis: 'count',
      top,
      height: countH,
      ticks: thinTicks(y.ticks(3).map((v) => ({ y: y(v), label: v >= 1000 ? `${v / 1000}k` : String(v) }))),
      empty: counts.length === 0,
    });
    top += countH + gap;
  }

  const dots: LadderDot[] = visible.map(({ claim, place }) => {
    const rowKey = place.axis === 'usd' ? claim.metric : 'gpu_count';
    return {
      id: claim.id,
      x: x(parseDay(claim.asserted_on)),
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

  // Labels: the value next to each dot when there is room. Row titles and dots are obstacles.
  const obstacles: Box[] = [
    ...rows.map((r) => ({ x0: x0, y0: r.top, x1: x0 + 4 + r.label.length * CHAR_W, y1: r.top + titleH })),
    ...dots.map((d) => ({ x0: d.x - 9, y0: d.y - 9, x1: d.x + 9, y1: d.y + 9 })),
  ];
  const labels = rows.flatMap((r) =>
    placeLabels(
      dots
        .filter((d) => d.row === r.key)
        .sort((a, b) => a.x - b.x)
        .map((d) => ({ id: d.id, x: d.x, y: d.y, text: d.display })),
      { x0, y0: r.top, x1: width - 2, y1: r.top + r.height },
      obstacles,
    ),
  );

  // Price strip on the same x scale.
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
    .x((p) => x(parseDay(p.date)))
    .y((p) => py(p.value));
  const lines: PriceLine[] = valued.map((v) => ({
    ticker: v.ticker,
    d: v.points.length > 1 ? (gen(v.points) ?? '') : '',
    first: v.points[0] ?? null,
    last: v.points[v.points.length - 1] ?? null,
  }));
  const priceTicks = thinTicks(py.ticks(compact ? 3 : 4).map((v) => ({ y: py(v), label: input.priceMode === 'rebased' ? String(v) : `$${v}` })));
  const height = priceTop + priceH + margin.bottom;

  const tickCount = Math.max(2, Math.floor((x1 - x0) / (compact ? 70 : 90)));
  const fmt = x.tickFormat(tickCount);
  const xTicks = x.ticks(tickCount).map((d) => ({ x: x(d), label: fmt(d) }));

  const asOf = input.asOf ?? null;
  const asOfX = asOf && inDomain(asOf) ? x(parseDay(asOf)) : null;

  return {
    width,
    height,
    margin,
    domain: [d0, d1],
    xTicks,
    rows,
    usdDomain,
    dots,
    labels,
    links,
    price: {
      top: priceTop,
      height: priceH,
      mode: input.priceMode,
      ticks: priceTicks,
      lines,
      baselineY: input.priceMode === 'rebased' && all.length ? py(100) : null,
      base,
    },
    asOfX,
    outside,
    notComparable,
  };
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
  if (tickers.length) parts.push(`over ${layout.price.mode === 'rebased' ? 'rebased prices' : 'prices'} of ${tickers.join(', ')}`);
  return `${parts.join('; ')}.`;
}
