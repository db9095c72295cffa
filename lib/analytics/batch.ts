// Many (event, ticker) pairs at once: the engine's path for reads that need only window
// statistics (the narratives, the heatmap matrix, the test battery, the benchmark). One pass per
// ticker over its aligned typed arrays; results go into typed arrays, no object per day or pair.
// Day 0 depends only on the calendar (every ticker of a request shares the benchmark's), so it is
// mapped once per event, and pairs of one ticker with the same day 0 reuse one estimation fit.
// The numbers are runEventStudy's to the last bit: the same kernel (./estimation), the same sums
// in the same order.
import { mapDay0 } from './day0';
import { abnormalReturn, fitEstimation, newFit, type Fit } from './estimation';
import { twoSidedP } from './stats';
import type { EventStudyParams, PreparedSeries } from './types';

/** Day 0 of each event on a calendar cut at `end`: index, or -1 with the reason in `reasons`. */
export type Day0Table = { index: Int32Array; dates: (string | null)[]; reasons: (string | null)[] };

export function mapDay0s(calendar: readonly string[], events: readonly { date: string; time_utc?: string | null }[], end: number): Day0Table {
  const index = new Int32Array(events.length);
  const dates: (string | null)[] = new Array<string | null>(events.length);
  const reasons: (string | null)[] = new Array<string | null>(events.length);
  for (let e = 0; e < events.length; e++) {
    const ev = events[e]!;
    const m = mapDay0(calendar, ev.date, ev.time_utc, end);
    index[e] = m.index ?? -1;
    dates[e] = m.date;
    reasons[e] = m.reason;
  }
  return { index, dates, reasons };
}

/**
 * Window statistics of many pairs, row-major: row r = one (event, ticker) pair, column w = one
 * window. `n` = abnormal returns in the window (0 → car, t, p NaN); `fitN` = estimation returns
 * of the row (0 when the pair has no fit: day 0 unmapped or the estimation unusable).
 */
export type WindowTable = {
  windows: number;
  car: Float64Array;
  t: Float64Array;
  p: Float64Array;
  n: Int32Array;
  fitN: Int32Array;
};

export function newWindowTable(rows: number, windows: number): WindowTable {
  return {
    windows,
    car: new Float64Array(rows * windows).fill(NaN),
    t: new Float64Array(rows * windows).fill(NaN),
    p: new Float64Array(rows * windows).fill(NaN),
    n: new Int32Array(rows * windows),
    fitN: new Int32Array(rows),
  };
}

const scratch = newFit();
let arScratch = new Float64Array(64);

/**
 * CAR, t and p of every window for one ticker's series and the given days 0 (index on the
 * series' calendar, -1 = unmapped), written at rows `row0 + k`. `end` cuts the calendar (asOf):
 * days at or after it are not used. Returns the number of pairs with a fit.
 */
export function studyWindows(
  series: PreparedSeries,
  day0: Int32Array,
  params: EventStudyParams,
  end: number,
  out: WindowTable,
  row0 = 0,
): number {
  const { ret, mret } = series;
  const { model, estimation, gap, windows } = params;
  const nw = windows.length;
  const last = Math.min(end, series.end, ret.length) - 1;
  let minT1 = Infinity;
  let maxT2 = -Infinity;
  for (const [a, b] of windows) {
    if (a < minT1) minT1 = a;
    if (b > maxT2) maxT2 = b;
  }
  if (arScratch.length < maxT2 - minT1 + 1) arScratch = new Float64Array(maxT2 - minT1 + 1);
  const ars = arScratch;
  const fit: Fit = scratch;
  let fitted = -2; // day 0 the scratch fit belongs to (-2: none)
  let ok = 0;
  for (let k = 0; k < day0.length; k++) {
    const d0 = day0[k] as number;
    const row = row0 + k;
    if (d0 < 0 || d0 > last) continue;
    if (d0 !== fitted) {
      fitted = fitEstimation(series, d0, model, estimation, gap, fit) ? d0 : -2;
    }
    if (fitted !== d0) continue;
    ok++;
    out.fitN[row] = fit.n;
    const sigma2 = fit.sigma2;
    const df = fit.df;
    // Each day's abnormal return once over the span of all windows (lo..hi on the calendar).
    const lo = Math.max(0, d0 + minT1);
    const hi = Math.min(last, d0 + maxT2);
    for (let i = lo; i <= hi; i++) ars[i - lo] = abnormalReturn(fit, ret, mret, i);
    for (let w = 0; w < nw; w++) {
      const win = windows[w]!;
      const a = Math.max(lo, d0 + win[0]);
      const b = Math.min(hi, d0 + win[1]);
      let n = 0;
      let car = 0;
      for (let i = a; i <= b; i++) {
        const v = ars[i - lo] as number;
        if (v === v) {
          n++;
          car += v;
        }
      }
      const o = row * nw + w;
      out.n[o] = n;
      if (n === 0) continue;
      const t = car / Math.sqrt(n * sigma2);
      out.car[o] = car;
      out.t[o] = t;
      out.p[o] = twoSidedP(t, df) ?? NaN;
    }
  }
  return ok;
}
