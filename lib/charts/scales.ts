// The price panel's value scale and the server-drawn first frame of its lines. Shared by the
// chart (components/dashboard/timeline-chart) and the page's poster (app/page.tsx), so that the
// lines the server sends and the ones the canvas draws after hydration fall on the same pixels.
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { visiblePoints, type BandPoint, type Series } from './timeline';

export type ValueScaleOptions = {
  band?: readonly BandPoint[] | null;
  log?: boolean;
  zeroLine?: boolean;
  /** Pixels kept free of lines at the top of the panel: room for the headline labels. */
  reserveTop?: number;
};

/** The y scale of the lines (and band) in view: 6% headroom, nice ticks; log when asked and possible. */
export function valueScale(series: readonly Series[], domain: readonly [number, number], height: number, opts: ValueScaleOptions = {}): ScaleContinuousNumeric<number, number> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const p of visiblePoints(s.points, domain[0], domain[1])) {
      if (p.t < domain[0] || p.t > domain[1]) continue;
      if (p.value < lo) lo = p.value;
      if (p.value > hi) hi = p.value;
    }
  if (opts.band)
    for (const b of opts.band)
      if (b.t >= domain[0] && b.t <= domain[1]) {
        lo = Math.min(lo, b.lo);
        hi = Math.max(hi, b.hi);
      }
  if (opts.zeroLine) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const top = Math.min(height / 3, opts.reserveTop ?? 0);
  if (opts.log && lo > 0) return scaleLog().domain([lo * 0.97, hi * 1.03]).range([height, top]).nice();
  const pad = (hi - lo) * 0.06;
  return scaleLinear().domain([lo - pad, hi + pad]).range([height, top]).nice();
}

/**
 * The lines as SVG paths in a `width` × `height` box, in whole units: per column the lowest and
 * highest point in time order, then relative steps ("l3,-2"). The first frame the server sends,
 * stretched to the chart's width by the browser: a few kilobytes per line whatever its length.
 */
export function posterPaths(series: readonly Series[], domain: readonly [number, number], height: number, opts: ValueScaleOptions & { width?: number } = {}): string[] {
  const width = opts.width ?? 1000;
  const y = valueScale(series, domain, height, opts);
  const x = (t: number) => ((t - domain[0]) / Math.max(1, domain[1] - domain[0])) * width;
  return series.map((s) => {
    const pts = visiblePoints(s.points, domain[0], domain[1]);
    // per pixel column: the lowest and highest y, and which of them came first
    const cols: { c: number; lo: number; hi: number; loAt: number; hiAt: number }[] = [];
    pts.forEach((p, i) => {
      const c = Math.round(x(p.t));
      const v = Math.round(y(p.value));
      const last = cols[cols.length - 1];
      if (!last || last.c !== c) cols.push({ c, lo: v, hi: v, loAt: i, hiAt: i });
      else if (v < last.lo) {
        last.lo = v;
        last.loAt = i;
      } else if (v > last.hi) {
        last.hi = v;
        last.hiAt = i;
      }
    });
    let d = '';
    let px = 0;
    let py = 0;
    for (const col of cols)
      for (const v of col.lo === col.hi ? [col.lo] : col.loAt < col.hiAt ? [col.lo, col.hi] : [col.hi, col.lo]) {
        d += d ? `l${col.c - px},${v - py}` : `M${col.c},${v}`;
        px = col.c;
        py = v;
      }
    return d;
  });
}
