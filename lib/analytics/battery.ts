// The event-study test battery (issue 15): a sample of (event, ticker) pairs studied with one
// window, and the parametric and non-parametric tests over it. Definitions (README "Event study"):
// N pairs; pair i has M_i estimation returns, k parameters (2 market model, 1 otherwise), an event
// window [τ1, τ2] of L days, residual sd σ_i with M_i − k degrees of freedom.
//
// The sample is columnar (typed arrays, one row of abnormal returns per pair over the relative
// days of estimation ∪ window), so that thousands of pairs cost no object per day or pair.
// Pure: no I/O; the server feeds it prepared series and day-0 indices.
import type { TestBattery, TestResult } from './tests-info';
import { abnormalReturn, fitEstimation, modelParameters, newFit, requiredEstimationReturns, type Fit } from './estimation';
import { normalTwoSidedP, twoSidedP } from './stats';
import type { ModelName, PreparedSeries, ReturnsKind } from './types';
import { abnormalVolume, logVolumes, volumeBaseline } from './volume';

export type BatteryParams = {
  model: ModelName;
  estimation: number;
  gap: number;
  /** The event window [τ1, τ2], inclusive, in trading days relative to day 0. */
  window: [number, number];
};

export { TEST_INFO, TEST_NAMES, type TestBattery, type TestName, type TestResult } from './tests-info';

/** Minimum number of dates two pairs share for their residual correlation to count (Kolari–Pynnönen). */
export const MIN_SHARED_DATES = 30;

/**
 * The pairs of a battery, columnar. Row i of `ar` holds pair i's abnormal returns at relative days
 * relStart..relStart+width-1 (NaN where the day is absent or outside estimation ∪ window).
 */
export type Sample = {
  params: BatteryParams;
  returns: ReturnsKind;
  /** Model parameters k. */
  k: number;
  /** Window length L = τ2 − τ1 + 1. */
  L: number;
  relStart: number;
  width: number;
  /** Per column: 1 when the relative day is in the estimation window / the event window. */
  inEst: Uint8Array;
  inWin: Uint8Array;
  size: number;
  capacity: number;
  ar: Float64Array;
  d0: Int32Array;
  /** Estimation window on the calendar (first usable, last) and whether it has no missing day. */
  estStart: Int32Array;
  estEnd: Int32Array;
  estComplete: Uint8Array;
  M: Int32Array;
  df: Int32Array;
  sigma: Float64Array;
  car: Float64Array;
  t: Float64Array;
  p: Float64Array;
  scar: Float64Array;
  /** NaN when a benchmark return is missing in the window. */
  bhar: Float64Array;
  /** Share of positive abnormal returns in the estimation window. */
  posShare: Float64Array;
  /**
   * Mean and sum of squared deviations of the estimation abnormal returns, from the fit (OLS
   * residuals sum to zero; market-adjusted ARs average the fit's mean difference): Kolari–
   * Pynnönen needs them for every pair.
   */
  resMean: Float64Array;
  resSS: Float64Array;
  /** Abnormal volume; NaN when the pair has no usable volume (then `volumeReason` says why, by pair index). */
  cav: Float64Array;
  cavT: Float64Array;
  volumeReason: Map<number, string>;
};

/**
 * An empty sample for up to `capacity` pairs. `arBuffer`, when at least capacity × width long,
 * holds the abnormal returns instead of a new allocation (a caller that runs one battery after
 * another lends the same buffer; the sample is valid until the buffer is lent again).
 */
/** Relative days one pair occupies in a sample's abnormal-return rows (for sizing a lent buffer). */
export function sampleWidth(params: BatteryParams): number {
  const [t1, t2] = params.window;
  return Math.max(-params.gap - 1, t2) - Math.min(-params.gap - params.estimation, t1) + 1;
}

export function createSample(params: BatteryParams, returns: ReturnsKind, capacity: number, arBuffer?: Float64Array): Sample {
  const [t1, t2] = params.window;
  const estFrom = -params.gap - params.estimation;
  const estTo = -params.gap - 1;
  const relStart = Math.min(estFrom, t1);
  const relEnd = Math.max(estTo, t2);
  const width = relEnd - relStart + 1;
  const inEst = new Uint8Array(width);
  const inWin = new Uint8Array(width);
  for (let c = 0; c < width; c++) {
    const d = relStart + c;
    if (d >= estFrom && d <= estTo) inEst[c] = 1;
    if (d >= t1 && d <= t2) inWin[c] = 1;
  }
  const cap = Math.max(1, capacity);
  const f = () => new Float64Array(cap).fill(NaN);
  return {
    params,
    returns,
    k: modelParameters(params.model),
    L: t2 - t1 + 1,
    relStart,
    width,
    inEst,
    inWin,
    size: 0,
    capacity: cap,
    ar: (arBuffer && arBuffer.length >= cap * width ? arBuffer : new Float64Array(cap * width)).fill(NaN, 0, cap * width),
    d0: new Int32Array(cap),
    estStart: new Int32Array(cap),
    estEnd: new Int32Array(cap),
    estComplete: new Uint8Array(cap),
    M: new Int32Array(cap),
    df: new Int32Array(cap),
    sigma: f(),
    car: f(),
    t: f(),
    p: f(),
    scar: f(),
    bhar: f(),
    posShare: f(),
    resMean: f(),
    resSS: f(),
    cav: f(),
    cavT: f(),
    volumeReason: new Map(),
  };
}

const fitScratch: Fit = newFit();

function cutReason(series: PreparedSeries, end: number, d0: number, t1: number, t2: number): string {
  const last = Math.min(end, series.end, series.ret.length) - 1;
  const by = end < series.calendar.length ? 'the as-of date' : 'the end of the data';
  return `window [${t1},${t2}] incomplete: ${Math.max(0, Math.min(last, d0 + t2) - Math.max(0, d0 + t1) + 1)} of ${t2 - t1 + 1} trading days before ${by} (${series.calendar[last] ?? 'none'})`;
}

/**
 * Study one pair and append it to the sample: day 0 at calendar index `d0` of the series, the
 * calendar cut at `end` (asOf). Returns null when added, else the reason the pair is excluded
 * (no fit, or a window that is cut or misses a return: the tests assume complete windows).
 */
export function addPair(sample: Sample, series: PreparedSeries, d0: number, end: number): string | null {
  if (sample.size >= sample.capacity) throw new RangeError('addPair: the sample is full');
  const { params, L, relStart, width } = sample;
  const [t1, t2] = params.window;
  const { ret, mret, calendar } = series;
  const last = Math.min(end, series.end, ret.length) - 1;
  if (d0 < 0 || d0 > last) return 'day 0 is not on the calendar at this clock';
  const fit = fitScratch;
  const i0 = sample.size;
  const row = i0 * width;
  const at = row - d0 - relStart;
  if (!fitEstimation(series, d0, params.model, params.estimation, params.gap, fit, sample.ar, at)) {
    sample.ar.fill(NaN, row, row + width);
    if (fit.failure === 'too_few_returns')
      return `only ${fit.n} estimation returns before ${calendar[d0]}; need at least ${requiredEstimationReturns(params.estimation)}`;
    if (fit.failure === 'zero_benchmark_variance') return 'benchmark returns have zero variance in the estimation window';
    return 'estimation residual variance is zero or undefined';
  }
  if (d0 + t1 < 0 || d0 + t2 > last) {
    sample.ar.fill(NaN, row, row + width);
    return cutReason(series, end, d0, t1, t2);
  }
  // The window's abnormal returns, CAR (summed in calendar order, as runEventStudy), SAR, BHAR.
  const sigma = Math.sqrt(fit.sigma2);
  const M = fit.n;
  const market = params.model === 'market';
  const base = 1 + 1 / M;
  let car = 0;
  let sarSum = 0;
  let logR = 0;
  let logM = 0;
  let grossR = 1;
  let grossM = 1;
  let complete = true;
  for (let i = d0 + t1; i <= d0 + t2; i++) {
    const a = abnormalReturn(fit, ret, mret, i);
    if (a !== a) {
      complete = false;
      continue;
    }
    car += a;
    const rm = mret[i] as number;
    const correction = market ? base + ((rm - fit.mx) * (rm - fit.mx)) / fit.sxx : base;
    sarSum += a / (sigma * Math.sqrt(correction));
    const r = ret[i] as number;
    if (sample.returns === 'log') {
      logR += r;
      logM += rm;
    } else {
      grossR *= 1 + r;
      grossM *= 1 + rm;
    }
    sample.ar[row + (i - d0 - relStart)] = a;
  }
  if (!complete) {
    sample.ar.fill(NaN, row, row + width);
    const missing: string[] = [];
    for (let i = d0 + t1; i <= d0 + t2; i++) if (abnormalReturn(fit, ret, mret, i) !== abnormalReturn(fit, ret, mret, i)) missing.push(calendar[i] as string);
    return `missing returns in the window: ${missing.join(', ')}`;
  }
  // Estimation abnormal returns (Corrado's ranks, the sign test's share, Kolari–Pynnönen's residuals).
  let positive = 0;
  let present = 0;
  if (fit.kept) {
    // the fit kept its residuals: r − α − β·Rm, the same abnormal return to the last bit or two
    positive = fit.positive;
    present = fit.estEnd - fit.estStart + 1;
  } else
    for (let i = fit.estStart; i <= fit.estEnd; i++) {
      const a = abnormalReturn(fit, ret, mret, i);
      if (a !== a) continue;
      present++;
      if (a > 0) positive++;
      sample.ar[at + i] = a;
    }
  const t = car / Math.sqrt(L * fit.sigma2);
  sample.d0[i0] = d0;
  sample.estStart[i0] = fit.estStart;
  sample.estEnd[i0] = fit.estEnd;
  sample.estComplete[i0] = present === fit.estEnd - fit.estStart + 1 ? 1 : 0;
  sample.M[i0] = M;
  sample.df[i0] = fit.df;
  sample.sigma[i0] = sigma;
  sample.car[i0] = car;
  sample.t[i0] = t;
  sample.p[i0] = twoSidedP(t, fit.df) ?? NaN;
  sample.scar[i0] = sarSum / Math.sqrt(L);
  sample.bhar[i0] = sample.returns === 'log' ? Math.exp(logR) - Math.exp(logM) : grossR - grossM;
  sample.posShare[i0] = positive / present;
  sample.resMean[i0] = params.model === 'market-adjusted' ? fit.md : 0;
  sample.resSS[i0] = fit.ssr;
  volumeOf(sample, i0, series, fit, d0);
  sample.size++;
  return null;
}

/** Abnormal log volume v_t = ln(1 + volume_t) against its estimation-window mean. */
function volumeOf(sample: Sample, i0: number, series: PreparedSeries, fit: Fit, d0: number): void {
  const lv = logVolumes(series);
  const [t1, t2] = sample.params.window;
  const base = volumeBaseline(lv, fit.estStart, fit.estEnd, requiredEstimationReturns(sample.params.estimation));
  if (typeof base === 'string') {
    sample.volumeReason.set(i0, base);
    return;
  }
  let cav = 0;
  for (let i = d0 + t1; i <= d0 + t2; i++) {
    const av = abnormalVolume(lv, i, base);
    if (av !== av) {
      sample.volumeReason.set(i0, `no volume on ${series.calendar[i]}`);
      return;
    }
    cav += av;
  }
  sample.cav[i0] = cav;
  sample.cavT[i0] = cav / (base.sd * Math.sqrt(sample.L));
}

// ---------------------------------------------------------------- the tests

const FEWER_THAN_TWO = 'fewer than 2 pairs';

function nullTest(n: number, distribution: 'normal' | 't', reason: string): TestResult {
  return { statistic: null, p_value: null, n, distribution, reason };
}

function normalTest(z: number, n: number): TestResult {
  if (!Number.isFinite(z)) return nullTest(n, 'normal', 'the statistic is undefined (zero variance)');
  return { statistic: z, p_value: normalTwoSidedP(z), n, distribution: 'normal' };
}

function meanAndSd(xs: ArrayLike<number>, n: number): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i] as number;
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] as number) - mean;
    ss += d * d;
  }
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** One-sample t of the mean against 0: mean / (sd/√n), Student t with n − 1 df. */
export function oneSampleT(xs: ArrayLike<number>, n = xs.length): TestResult {
  if (n < 2) return nullTest(n, 't', FEWER_THAN_TWO);
  const { mean, sd } = meanAndSd(xs, n);
  if (!(sd > 0)) return { ...nullTest(n, 't', 'zero variance across pairs'), df: n - 1 };
  const t = mean / (sd / Math.sqrt(n));
  return { statistic: t, p_value: twoSidedP(t, n - 1), n, distribution: 't', df: n - 1 };
}

/** Boehmer–Musumeci–Poulsen: mean(SCAR) / (sd(SCAR)/√N), standard normal. */
export function bmpTest(scar: ArrayLike<number>, n = scar.length): TestResult {
  if (n < 2) return nullTest(n, 'normal', FEWER_THAN_TWO);
  const { mean, sd } = meanAndSd(scar, n);
  if (!(sd > 0)) return nullTest(n, 'normal', 'zero variance of the standardised CARs');
  return normalTest(mean / (sd / Math.sqrt(n)), n);
}

/**
 * Sort values[lo..hi] ascending in place, moving tags[] along (quicksort, insertion sort for
 * short runs). No NaN allowed.
 */
export function sortTandem(v: Float64Array, tag: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot
    if ((v[mid] as number) < (v[lo] as number)) swap(v, tag, mid, lo);
    if ((v[hi] as number) < (v[lo] as number)) swap(v, tag, hi, lo);
    if ((v[hi] as number) < (v[mid] as number)) swap(v, tag, hi, mid);
    const pivot = v[mid] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((v[i] as number) < pivot) i++;
      while ((v[j] as number) > pivot) j--;
      if (i <= j) {
        swap(v, tag, i, j);
        i++;
        j--;
      }
    }
    // recurse into the smaller part, loop on the larger
    if (j - lo < hi - i) {
      sortTandem(v, tag, lo, j);
      lo = i;
    } else {
      sortTandem(v, tag, i, hi);
      hi = j;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = v[i] as number;
    const t = tag[i] as number;
    let j = i - 1;
    while (j >= lo && (v[j] as number) > x) {
      v[j + 1] = v[j] as number;
      tag[j + 1] = tag[j] as number;
      j--;
    }
    v[j + 1] = x;
    tag[j + 1] = t;
  }
}

function swap(v: Float64Array, tag: Int32Array, a: number, b: number): void {
  const x = v[a] as number;
  v[a] = v[b] as number;
  v[b] = x;
  const t = tag[a] as number;
  tag[a] = tag[b] as number;
  tag[b] = t;
}

/**
 * Sorts a pair's abnormal returns with their columns in expected linear time: a counting pass
 * into buckets spanning ±3σ, a scatter in bucket order, then an insertion sort that only moves
 * values within their bucket. The order is exact whatever σ; when values crowd into few buckets
 * it falls back to sortTandem.
 */
export class BucketSorter {
  /** After sortFrom: the values in ascending order, and the column each came from. */
  readonly values: Float64Array;
  readonly tags: Int32Array;
  private buckets: number;
  private counts: Int32Array;
  private key: Int32Array;

  constructor(capacity: number) {
    this.buckets = 1 << Math.max(4, Math.ceil(Math.log2(Math.max(2, capacity))));
    this.counts = new Int32Array(this.buckets + 1);
    this.key = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
    this.tags = new Int32Array(capacity);
  }

  /**
   * Sort the values src[offset + columns[j]] (NaN skipped) into `values`, with their columns in
   * `tags`. Returns how many there are.
   */
  sortFrom(src: Float64Array, offset: number, columns: Int32Array, sigma: number): number {
    const B = this.buckets;
    const scale = B / (6 * sigma);
    const { counts, key, values: v, tags: tag } = this;
    const m = columns.length;
    const usable = scale > 0 && scale < Infinity;
    counts.fill(0);
    const half = B / 2;
    let n = 0;
    let crowded = 0;
    for (let j = 0; j < m; j++) {
      const a = src[offset + (columns[j] as number)] as number;
      if (a !== a) {
        key[j] = -1;
        continue;
      }
      n++;
      if (!usable) continue;
      const x = a * scale + half;
      // (truncation equals floor once negatives are clamped to 0)
      const b = x <= 0 ? 0 : x >= B ? B - 1 : x | 0;
      key[j] = b;
      const c = (counts[b + 1] as number) + 1;
      counts[b + 1] = c;
      if (c > crowded) crowded = c;
    }
    if (!usable || crowded > 32) {
      let k = 0;
      for (let j = 0; j < m; j++) {
        const a = src[offset + (columns[j] as number)] as number;
        if (a !== a) continue;
        v[k] = a;
        tag[k] = columns[j] as number;
        k++;
      }
      sortTandem(v, tag, 0, n - 1);
      return n;
    }
    for (let b = 0; b < B; b++) counts[b + 1] = (counts[b + 1] as number) + (counts[b] as number);
    for (let j = 0; j < m; j++) {
      const b = key[j] as number;
      if (b < 0) continue;
      const p = counts[b] as number;
      counts[b] = p + 1;
      const c = columns[j] as number;
      v[p] = src[offset + c] as number;
      tag[p] = c;
    }
    // insertion sort of the bucketed order, in place: values move only within their bucket
    for (let a = 1; a < n; a++) {
      const x = v[a] as number;
      if ((v[a - 1] as number) <= x) continue;
      const t = tag[a] as number;
      let b = a - 1;
      while (b >= 0 && (v[b] as number) > x) {
        v[b + 1] = v[b] as number;
        tag[b + 1] = tag[b] as number;
        b--;
      }
      v[b + 1] = x;
      tag[b + 1] = t;
    }
    return n;
  }
}

/**
 * Average ranks (1-based; ties share the mean of their positions) of `values[0..n)` into `out`.
 * `v` and `tag` are scratch of length ≥ n.
 */
export function averageRanks(values: Float64Array, n: number, out: Float64Array, v: Float64Array, tag: Int32Array): void {
  for (let i = 0; i < n; i++) {
    v[i] = values[i] as number;
    tag[i] = i;
  }
  sortTandem(v, tag, 0, n - 1);
  for (let j = 0; j < n; ) {
    let k = j + 1;
    while (k < n && (v[k] as number) === (v[j] as number)) k++;
    const rank = (j + 1 + k) / 2;
    for (let m = j; m < k; m++) out[tag[m] as number] = rank;
    j = k;
  }
}

/** Wilcoxon signed-rank on `xs`: zeros dropped, average ranks of |x| for ties, normal approximation. */
export function wilcoxonTest(xs: ArrayLike<number>, n = xs.length): TestResult {
  // |x| of the non-zero values, sorted (the built-in numeric sort); each positive value's
  // average rank is the middle of its run of equal |x| in that order.
  const abs = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    if (x !== 0 && x === x) abs[m++] = Math.abs(x);
  }
  if (m < 2) return nullTest(m, 'normal', m === n ? FEWER_THAN_TWO : 'fewer than 2 non-zero CARs');
  const sorted = abs.subarray(0, m).sort();
  let wPlus = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    if (!(x > 0)) continue;
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    let end = lo + 1;
    while (end < m && (sorted[end] as number) === x) end++;
    wPlus += (lo + 1 + end) / 2;
  }
  const z = (wPlus - (m * (m + 1)) / 4) / Math.sqrt((m * (m + 1) * (2 * m + 1)) / 24);
  return normalTest(z, m);
}

/** The whole battery over a sample. */
export function runBattery(sample: Sample): TestBattery {
  const N = sample.size;
  const car = sample.car.subarray(0, N);
  const scar = sample.scar.subarray(0, N);
  const bmp = bmpTest(scar, N);
  return {
    cross_sectional_t: oneSampleT(car, N),
    patell: patellTest(sample),
    bmp,
    kolari_pynnonen: kolariPynnonenTest(sample, bmp),
    corrado_rank: corradoTest(sample),
    generalized_sign: generalizedSignTest(sample),
    wilcoxon: wilcoxonTest(car, N),
    bhar_t: finiteT(sample.bhar, N, 'no pair has a buy-and-hold return (benchmark returns missing)'),
    volume_t: finiteT(sample.cav, N, 'no pair has usable volume'),
  };
}

/** One-sample t over the finite values among the first n (NaN = pair left out of this test). */
function finiteT(xs: Float64Array, n: number, none: string): TestResult {
  const kept = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number;
    if (x === x) kept[m++] = x;
  }
  if (m === 0 && n > 0) return nullTest(0, 't', none);
  return oneSampleT(kept, m);
}

/** Patell (1976): Σ SCAR_i / √(Σ (M_i − k)/(M_i − k − 2)). */
function patellTest(sample: Sample): TestResult {
  const N = sample.size;
  if (N < 2) return nullTest(N, 'normal', FEWER_THAN_TWO);
  let sum = 0;
  let v = 0;
  for (let i = 0; i < N; i++) {
    sum += sample.scar[i] as number;
    const dof = (sample.M[i] as number) - sample.k;
    v += dof / (dof - 2);
  }
  return normalTest(sum / Math.sqrt(v), N);
}

/** Cowan (1992): (w − N p̂) / √(N p̂ (1 − p̂)), p̂ the mean share of positive estimation ARs. */
function generalizedSignTest(sample: Sample): TestResult {
  const N = sample.size;
  if (N < 2) return nullTest(N, 'normal', FEWER_THAN_TWO);
  let share = 0;
  let w = 0;
  for (let i = 0; i < N; i++) {
    share += sample.posShare[i] as number;
    if ((sample.car[i] as number) > 0) w++;
  }
  const pHat = share / N;
  if (!(pHat > 0 && pHat < 1)) return { ...nullTest(N, 'normal', 'every estimation abnormal return has the same sign'), p_hat: pHat, positive: w };
  const z = (w - N * pHat) / Math.sqrt(N * pHat * (1 - pHat));
  return { ...normalTest(z, N), p_hat: pHat, positive: w };
}

/**
 * Corrado (1989) rank test over the window (Campbell–Wasley 1993): per pair, ranks of the ARs of
 * estimation ∪ window, U = rank/(1 + n_i); Ū_d the mean over pairs at relative day d;
 * S_U = √(mean over days of (Ū_d − ½)²); Z = √L (mean over window days of Ū_d − ½) / S_U.
 */
function corradoTest(sample: Sample): TestResult {
  const N = sample.size;
  if (N < 2) return nullTest(N, 'normal', FEWER_THAN_TWO);
  const { width, inEst, inWin, ar } = sample;
  const union: number[] = [];
  for (let c = 0; c < width; c++) if (inEst[c] || inWin[c]) union.push(c);
  const columns = Int32Array.from(union);
  const U = columns.length;
  const sumU = new Float64Array(width);
  const cntU = new Int32Array(width);
  const sorter = new BucketSorter(U);
  const { values: v, tags: cols } = sorter;
  for (let i = 0; i < N; i++) {
    // the pair's ARs sorted with their columns, then runs of ties: U = average rank / (1 + n)
    const n = sorter.sortFrom(ar, i * width, columns, sample.sigma[i] as number);
    const scale = 1 / (1 + n);
    for (let j = 0; j < n; ) {
      let k = j + 1;
      while (k < n && (v[k] as number) === (v[j] as number)) k++;
      const u = (j + 1 + k) * 0.5 * scale;
      for (let m = j; m < k; m++) {
        const c = cols[m] as number;
        sumU[c] = (sumU[c] as number) + u;
        cntU[c] = (cntU[c] as number) + 1;
      }
      j = k;
    }
  }
  let ss = 0;
  let days = 0;
  let win = 0;
  let winDays = 0;
  for (let c = 0; c < width; c++) {
    if (cntU[c] === 0) continue;
    const u = (sumU[c] as number) / (cntU[c] as number) - 0.5;
    ss += u * u;
    days++;
    if (inWin[c]) {
      win += u;
      winDays++;
    }
  }
  const su = Math.sqrt(ss / days);
  if (!(su > 0) || winDays === 0) return nullTest(N, 'normal', 'the mean ranks do not vary');
  return normalTest((Math.sqrt(sample.L) * (win / winDays)) / su, N);
}

/**
 * Kolari & Pynnönen (2010): Z_BMP × √((1 − r̄)/(1 + (N − 1) r̄)), r̄ the mean Pearson correlation
 * of the estimation residuals of every two pairs over the dates they share (pairs sharing fewer
 * than MIN_SHARED_DATES dates left out; r̄ = 0 when none remain).
 */
function kolariPynnonenTest(sample: Sample, bmp: TestResult): TestResult {
  const N = sample.size;
  if (bmp.statistic === null) return { ...bmp };
  const rBar = meanResidualCorrelation(sample);
  const q = (1 + (N - 1) * rBar) > 0 ? (1 - rBar) / (1 + (N - 1) * rBar) : NaN;
  if (!(q >= 0)) return { ...nullTest(N, 'normal', 'the residual correlation makes the adjustment undefined'), r_bar: rBar };
  return { ...normalTest(bmp.statistic * Math.sqrt(q), N), r_bar: rBar };
}

/**
 * Mean pairwise correlation of estimation residuals over shared dates. Pairs whose estimation
 * windows are complete and end on the same day share all their dates: grouped, the sum of their
 * pairwise correlations is (‖Σ z_i‖² − Σ ‖z_i‖²)/2 with z_i the residuals centred and scaled on
 * those dates, and two groups contribute (Σ_g z_i)·(Σ_h z_j) with z taken over the dates they
 * share. Pairs with a missing day form groups of one. Same value as the pairwise definition,
 * in O(N·M) for the usual sample instead of O(N²·M).
 */
export function meanResidualCorrelation(sample: Sample): number {
  const N = sample.size;
  const { ar, width, relStart, d0, estStart, estEnd, estComplete } = sample;
  // ---- groups: complete estimation windows by their calendar start and end; others alone
  const keyOf = new Map<number, number>();
  const members: number[][] = [];
  const gStart: number[] = [];
  const gEnd: number[] = [];
  const gComplete: boolean[] = [];
  for (let i = 0; i < N; i++) {
    const complete = estComplete[i] === 1;
    // estEnd fixes estStart (same day 0); incomplete pairs get keys of their own
    const key = complete ? (estEnd[i] as number) : -1 - i;
    let g = keyOf.get(key);
    if (g === undefined) {
      g = members.length;
      keyOf.set(key, g);
      members.push([]);
      gStart.push(estStart[i] as number);
      gEnd.push(estEnd[i] as number);
      gComplete.push(complete);
    }
    members[g]!.push(i);
  }
  const G = members.length;
  // residual of pair i on calendar day `day` = ar[off[i] + day]
  const off = new Float64Array(N);
  for (let i = 0; i < N; i++) off[i] = i * width - (d0[i] as number) - relStart;
  let maxLen = 0;
  for (let g = 0; g < G; g++) maxLen = Math.max(maxLen, gEnd[g]! - gStart[g]! + 1);
  const mask = new Uint8Array(maxLen);
  const zA = new Float64Array(maxLen);
  const zB = new Float64Array(maxLen);

  /**
   * Σ over the members of g of their residuals on the masked days of [from, from+len), centred
   * and scaled to unit norm over those days, into `into`. Returns the members with a non-zero
   * variance there.
   */
  function sumZ(g: number, from: number, len: number, into: Float64Array): number {
    into.fill(0, 0, len);
    const list = members[g]!;
    let used = 0;
    for (let j = 0; j < list.length; j++) {
      const o = (off[list[j]!] as number) + from;
      let n = 0;
      let sum = 0;
      for (let k = 0; k < len; k++)
        if (mask[k]) {
          sum += ar[o + k] as number;
          n++;
        }
      const m = sum / n;
      let ss = 0;
      for (let k = 0; k < len; k++)
        if (mask[k]) {
          const d = (ar[o + k] as number) - m;
          ss += d * d;
        }
      if (!(ss > 0)) continue;
      const inv = 1 / Math.sqrt(ss);
      for (let k = 0; k < len; k++) if (mask[k]) into[k] = (into[k] as number) + ((ar[o + k] as number) - m) * inv;
      used++;
    }
    return used;
  }

  /** Mask the days of [from, from+len) where the (single) member of an incomplete group has a residual. */
  function present(g: number, from: number, len: number): void {
    if (gComplete[g]) return;
    const o = (off[members[g]![0]!] as number) + from;
    for (let k = 0; k < len; k++) if ((ar[o + k] as number) !== (ar[o + k] as number)) mask[k] = 0;
  }

  let total = 0;
  let count = 0;

  // ---- complete groups. Overlaps between two of them, each with the sum vector of either side.
  const ovG: number[] = [];
  const ovFrom: number[] = [];
  const ovLen: number[] = [];
  const ovZ: [Float64Array, Float64Array][] = [];
  const ovUsed: Int32Array[] = [];
  const overlapsOf: number[][] = members.map(() => []);
  for (let g = 0; g < G; g++) {
    if (!gComplete[g]) continue;
    for (let h = g + 1; h < G; h++) {
      if (!gComplete[h]) continue;
      const from = Math.max(gStart[g]!, gStart[h]!);
      const l = Math.min(gEnd[g]!, gEnd[h]!) - from + 1;
      if (l < MIN_SHARED_DATES) continue;
      const q = ovG.length;
      ovG.push(g);
      ovFrom.push(from);
      ovLen.push(l);
      ovZ.push([new Float64Array(l), new Float64Array(l)]);
      ovUsed.push(new Int32Array(2));
      overlapsOf[g]!.push(q);
      overlapsOf[h]!.push(q);
    }
  }
  // One pass per member: its scaled residuals into its group's sum (mean and spread over the
  // whole window are its fit's), and its prefix sums, from which its mean and spread over each
  // overlap follow before a pass over that overlap alone.
  const p1 = new Float64Array(maxLen + 1);
  const p2 = new Float64Array(maxLen + 1);
  for (let g = 0; g < G; g++) {
    if (!gComplete[g]) continue;
    const a = gStart[g]!;
    const len = gEnd[g]! - a + 1;
    const list = members[g]!;
    const qs = overlapsOf[g]!;
    const within = list.length > 1 && len >= MIN_SHARED_DATES;
    if (within) zA.fill(0, 0, len);
    let used = 0;
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      const o = (off[i] as number) + a;
      const ssFull = sample.resSS[i] as number;
      const inv = within && ssFull > 0 ? 1 / Math.sqrt(ssFull) : 0;
      const shift = (sample.resMean[i] as number) * inv;
      if (inv > 0) used++;
      if (qs.length > 0) {
        let c1 = 0;
        let c2 = 0;
        for (let k = 0; k < len; k++) {
          const v = ar[o + k] as number;
          if (inv > 0) zA[k] = (zA[k] as number) + v * inv - shift;
          c1 += v;
          c2 += v * v;
          p1[k + 1] = c1;
          p2[k + 1] = c2;
        }
      } else if (inv > 0) for (let k = 0; k < len; k++) zA[k] = (zA[k] as number) + (ar[o + k] as number) * inv - shift;
      for (let t = 0; t < qs.length; t++) {
        const q = qs[t]!;
        const s0 = ovFrom[q]! - a;
        const l = ovLen[q]!;
        const sum = (p1[s0 + l] as number) - (p1[s0] as number);
        const m = sum / l;
        const ss = (p2[s0 + l] as number) - (p2[s0] as number) - m * sum;
        if (!(ss > 0)) continue;
        const iv = 1 / Math.sqrt(ss);
        const sh = m * iv;
        const side = ovG[q] === g ? 0 : 1;
        const z = ovZ[q]![side];
        const base = o + s0;
        for (let k = 0; k < l; k++) z[k] = (z[k] as number) + (ar[base + k] as number) * iv - sh;
        ovUsed[q]![side] = (ovUsed[q]![side] as number) + 1;
      }
    }
    if (within) {
      let norm2 = 0;
      for (let k = 0; k < len; k++) norm2 += (zA[k] as number) * (zA[k] as number);
      // Σ_i<j z_i·z_j = (‖Σ z‖² − Σ ‖z_i‖²)/2, with ‖z_i‖² = 1 for each member used
      total += (norm2 - used) / 2;
      count += (used * (used - 1)) / 2;
    }
  }
  for (let q = 0; q < ovG.length; q++) {
    const [zg, zh] = ovZ[q]!;
    let dot = 0;
    for (let k = 0; k < zg.length; k++) dot += (zg[k] as number) * (zh[k] as number);
    total += dot;
    count += (ovUsed[q]![0] as number) * (ovUsed[q]![1] as number);
  }

  // ---- pairs with a missing estimation day (groups of one), with any other group: over the days both have
  for (let g = 0; g < G; g++) {
    const a = gStart[g]!;
    for (let h = g + 1; h < G; h++) {
      if (gComplete[g] && gComplete[h]) continue;
      const from = Math.max(a, gStart[h]!);
      const l = Math.min(gEnd[g]!, gEnd[h]!) - from + 1;
      if (l < MIN_SHARED_DATES) continue;
      mask.fill(1, 0, l);
      present(g, from, l);
      present(h, from, l);
      let shared = 0;
      for (let k = 0; k < l; k++) shared += mask[k] as number;
      if (shared < MIN_SHARED_DATES) continue;
      const ug = sumZ(g, from, l, zA);
      const uh = sumZ(h, from, l, zB);
      let dot = 0;
      for (let k = 0; k < l; k++) if (mask[k]) dot += (zA[k] as number) * (zB[k] as number);
      total += dot;
      count += ug * uh;
    }
  }
  return count > 0 ? total / count : 0;
}
