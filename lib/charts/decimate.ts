// Dense lines reduced to what a screen can show: per pixel column, the first, lowest, highest and
// last point (the "M4" reduction). The drawn polyline is pixel-identical to the full one, and a
// 10-year series on a 1,300 px chart costs at most ~4 points per column to draw, whatever its length.
import { bisector } from 'd3';

export type TimedValue = { t: number; value: number };

const byT = bisector((p: TimedValue) => p.t);

/**
 * Indices of `points` (sorted by t) to draw between `from` and `to` (plus one point beyond each
 * end, so the line runs to the edges), keeping per pixel column the first, min, max and last.
 * `xOf` maps a time to pixels. When there are fewer points than ~2 per column, all are kept.
 */
export function decimateIndices(points: readonly TimedValue[], from: number, to: number, xOf: (t: number) => number): number[] {
  const lo = Math.max(0, byT.left(points, from) - 1);
  const hi = Math.min(points.length, byT.right(points, to) + 1);
  const out: number[] = [];
  if (hi <= lo) return out;
  const x0 = xOf(points[lo]!.t);
  const x1 = xOf(points[hi - 1]!.t);
  if (hi - lo <= 2 * Math.max(1, Math.abs(x1 - x0))) {
    for (let i = lo; i < hi; i++) out.push(i);
    return out;
  }
  let col = Math.floor(xOf(points[lo]!.t));
  let first = lo;
  let minI = lo;
  let maxI = lo;
  let last = lo;
  const flush = () => {
    // In index order, without repeats: the column's shape as the eye sees it.
    const picks = [first, minI, maxI, last].sort((a, b) => a - b);
    for (let k = 0; k < picks.length; k++) if (k === 0 || picks[k] !== picks[k - 1]) out.push(picks[k]!);
  };
  for (let i = lo + 1; i < hi; i++) {
    const p = points[i]!;
    const c = Math.floor(xOf(p.t));
    if (c !== col) {
      flush();
      col = c;
      first = minI = maxI = last = i;
      continue;
    }
    if (p.value < points[minI]!.value) minI = i;
    if (p.value > points[maxI]!.value) maxI = i;
    last = i;
  }
  flush();
  return out;
}

/**
 * For hit-testing labels against lines: per pixel column of [0, width), the lowest and highest
 * pixel y any of the polylines reaches there (NaN where none passes). Segments between points
 * fill the columns they cross, so a steep drop blocks its whole height.
 */
export function lineColumns(polylines: readonly { xs: readonly number[]; ys: readonly number[] }[], width: number): { top: Float32Array; bottom: Float32Array } {
  const n = Math.max(0, Math.ceil(width));
  const top = new Float32Array(n).fill(Infinity);
  const bottom = new Float32Array(n).fill(-Infinity);
  for (const { xs, ys } of polylines) {
    let xp = NaN;
    let yp = NaN;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (!(x === x && y === y && x !== Infinity && x !== -Infinity)) {
        xp = NaN;
        continue;
      }
      if (xp !== xp) {
        // a first point: its own column only
        const c = Math.floor(x);
        if (c >= 0 && c < n) {
          if (y < top[c]!) top[c] = y;
          if (y > bottom[c]!) bottom[c] = y;
        }
      } else {
        // each column the segment crosses gets the y range of the segment inside it
        const c0 = Math.max(0, Math.floor(Math.min(xp, x)));
        const c1 = Math.min(n - 1, Math.floor(Math.max(xp, x)));
        const dx = x - xp;
        for (let c = c0; c <= c1; c++) {
          let ya = yp;
          let yb = y;
          if (dx !== 0) {
            const ta = Math.max(0, Math.min(1, (c - xp) / dx));
            const tb = Math.max(0, Math.min(1, (c + 1 - xp) / dx));
            ya = yp + (y - yp) * ta;
            yb = yp + (y - yp) * tb;
          }
          const lo = ya < yb ? ya : yb;
          const hi = ya < yb ? yb : ya;
          if (lo < top[c]!) top[c] = lo;
          if (hi > bottom[c]!) bottom[c] = hi;
        }
      }
      xp = x;
      yp = y;
    }
  }
  // columns no line crosses read as NaN
  for (let c = 0; c < n; c++)
    if (top[c] === Infinity) {
      top[c] = NaN;
      bottom[c] = NaN;
    }
  return { top, bottom };
}

/** Whether a box (pixels) touches any line, with `pad` pixels of clearance. */
export function boxHitsLines(columns: { top: Float32Array; bottom: Float32Array }, box: { x0: number; y0: number; x1: number; y1: number }, pad = 2): boolean {
  const c0 = Math.max(0, Math.floor(box.x0 - pad));
  const c1 = Math.min(columns.top.length - 1, Math.ceil(box.x1 + pad));
  for (let c = c0; c <= c1; c++) {
    const t = columns.top[c]!;
    if (t !== t) continue; // NaN: no line in this column
    if (t - pad < box.y1 && columns.bottom[c]! + pad > box.y0) return true;
  }
  return false;
}
