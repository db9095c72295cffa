import { describe, expect, it } from 'vitest';
import { mapDay0s } from './batch';
import {
  addPair,
  averageRanks,
  bmpTest,
  createSample,
  meanResidualCorrelation,
  oneSampleT,
  runBattery,
  BucketSorter,
  sortTandem,
  TEST_NAMES,
  wilcoxonTest,
  type BatteryParams,
  type Sample,
  type TestBattery,
} from './battery';
import { prepareBenchmark, prepareSeries } from './returns';
import { barsFromReturns, lcg, weekdays } from './test-helpers';
import type { Bar, ModelName, ReturnsKind } from './types';

// A synthetic market: one benchmark, 12 tickers with their own beta and noise, 300 weekdays, and
// two event days far enough apart that one's window is not in the other's estimation window.
const DAYS = 300;
const dates = weekdays('2023-01-02', DAYS);
const rnd = lcg(7);
const rm = dates.map(() => (rnd() - 0.5) * 0.03);
const tickers = Array.from({ length: 12 }, (_, k) => {
  const beta = 0.6 + k * 0.1;
  const noise = 0.005 + (k % 4) * 0.004;
  return rm.map((m) => 0.0003 + beta * m + (rnd() - 0.5) * noise);
});
const volumes = tickers.map(() => dates.map(() => Math.round(1e6 * (1 + rnd()))));
const EVENTS = [140, 280];
const params: BatteryParams = { model: 'market', estimation: 120, gap: 10, window: [-1, 1] };

/** Bars of ticker k with `shift` added to its returns on the window days of every event. */
function bars(k: number, shift = 0, window = params.window): Bar[] {
  const rets = tickers[k]!.map((r, i) => (EVENTS.some((e) => i >= e + window[0] && i <= e + window[1]) ? r + shift : r));
  return barsFromReturns(dates, rets, 50 + k).map((b, i) => ({ ...b, volume: volumes[k]![i]! }));
}

function sampleOf(opts: { shift?: number; order?: number[]; model?: ModelName; returns?: ReturnsKind; events?: number[]; volume?: boolean; holes?: number[] } = {}): Sample {
  const p = { ...params, model: opts.model ?? params.model };
  const returns = opts.returns ?? 'simple';
  const bench = prepareBenchmark(barsFromReturns(dates, rm, 400), returns);
  const events = (opts.events ?? EVENTS).map((i) => ({ date: dates[i]! }));
  const day0 = mapDay0s(bench.calendar, events, DAYS);
  const order = opts.order ?? tickers.map((_, k) => k);
  const pairs = events.flatMap((_, e) => order.map((k) => [e, k] as const));
  const sample = createSample(p, returns, pairs.length);
  for (const [e, k] of pairs) {
    const b = bars(k, opts.shift ?? 0)
      .map((x) => (opts.volume === false ? { ...x, volume: null } : x))
      .filter((_, day) => k !== 0 || !(opts.holes ?? []).includes(day));
    expect(addPair(sample, prepareSeries(b, bench), day0.index[e]!, DAYS)).toBeNull();
  }
  return sample;
}

const stat = (b: TestBattery, name: keyof TestBattery) => b[name].statistic!;

describe('battery: properties', () => {
  const base = sampleOf();
  const tests = runBattery(base);

  it('every statistic is a finite number with its p-value', () => {
    for (const name of TEST_NAMES) {
      expect(Number.isFinite(tests[name].statistic), name).toBe(true);
      expect(tests[name].p_value!, name).toBeGreaterThan(0);
      expect(tests[name].p_value!, name).toBeLessThanOrEqual(1);
    }
    expect(tests.cross_sectional_t.df).toBe(23);
    expect(tests.kolari_pynnonen.r_bar!).toBeGreaterThan(-1);
    expect(tests.kolari_pynnonen.r_bar!).toBeLessThan(1);
  });

  it('shifting every window return by a constant moves each parametric statistic that way', () => {
    for (const c of [-0.02, -0.002, 0.002, 0.02]) {
      const shifted = sampleOf({ shift: c });
      const t = runBattery(shifted);
      const dir = Math.sign(c);
      // the fit is untouched: CARs move by L·c exactly (up to rounding), so the cross-sectional t by L·c·√N/sd
      for (let i = 0; i < base.size; i++) expect(shifted.car[i]! - base.car[i]!).toBeCloseTo(3 * c, 12);
      const { sd } = meanSd(base.car, base.size);
      expect(stat(t, 'cross_sectional_t') - stat(tests, 'cross_sectional_t')).toBeCloseTo((3 * c * Math.sqrt(base.size)) / sd, 8);
      for (const name of ['cross_sectional_t', 'patell', 'bmp', 'kolari_pynnonen', 'bhar_t'] as const)
        expect(Math.sign(stat(t, name) - stat(tests, name)), `${name} with shift ${c}`).toBe(dir);
      // SCARs move by c·Σ 1/(σ√(1 + 1/M + …))/√L > 0 per pair: Patell by their sum over √V
      let dPatell = 0;
      let v = 0;
      for (let i = 0; i < base.size; i++) {
        dPatell += shifted.scar[i]! - base.scar[i]!;
        v += (base.M[i]! - 2) / (base.M[i]! - 4);
      }
      expect(stat(t, 'patell') - stat(tests, 'patell')).toBeCloseTo(dPatell / Math.sqrt(v), 9);
      // volume is not a return: unchanged
      expect(t.volume_t.statistic).toBe(tests.volume_t.statistic);
    }
  });

  it('permuting the pairs changes nothing', () => {
    const order = [5, 11, 0, 3, 9, 1, 8, 2, 10, 4, 7, 6];
    const permuted = runBattery(sampleOf({ order, events: [...EVENTS].reverse() }));
    const overlapping = runBattery(sampleOf({ events: [200, 230] }));
    const overlappingPermuted = runBattery(sampleOf({ order, events: [230, 200] }));
    expect(overlappingPermuted.kolari_pynnonen.r_bar!).toBeCloseTo(overlapping.kolari_pynnonen.r_bar!, 13);
    for (const name of TEST_NAMES) {
      expect(permuted[name].n, name).toBe(tests[name].n);
      expect(permuted[name].statistic!, name).toBeCloseTo(tests[name].statistic!, 12);
      expect(permuted[name].p_value!, name).toBeCloseTo(tests[name].p_value!, 12);
    }
  });

  it('Corrado is unchanged by a monotone transform of the abnormal returns', () => {
    const transformed = sampleOf();
    for (let k = 0; k < transformed.ar.length; k++) {
      const a = transformed.ar[k]!;
      if (a === a) transformed.ar[k] = Math.sinh(40 * a) + a ** 3; // strictly increasing
    }
    expect(runBattery(transformed).corrado_rank).toEqual(tests.corrado_rank);
    // while a parametric test on the same transformed ARs would not be the same: the transform is real
    expect(meanResidualCorrelation(transformed)).not.toBeCloseTo(meanResidualCorrelation(base), 6);
  });

  it('pairs of one event share their estimation dates: r̄ equals the mean of the pairwise correlations', () => {
    const one = sampleOf({ events: [200] });
    const N = one.size;
    let sum = 0;
    let count = 0;
    for (let i = 0; i < N; i++)
      for (let j = i + 1; j < N; j++) {
        sum += pearson(estimationRow(one, i), estimationRow(one, j));
        count++;
      }
    expect(meanResidualCorrelation(one)).toBeCloseTo(sum / count, 13);
  });

  it('pairs of two overlapping events correlate over the dates they share (also with missing days)', () => {
    for (const holes of [[], [150, 190]]) {
      const two = sampleOf({ events: [200, 230, 295], holes });
      const N = two.size;
      let sum = 0;
      let count = 0;
      for (let i = 0; i < N; i++)
        for (let j = i + 1; j < N; j++) {
          const a = residualsByDay(two, i);
          const b = residualsByDay(two, j);
          const days = [...a.keys()].filter((d) => b.has(d));
          if (days.length < 30) continue;
          sum += pearson(days.map((d) => a.get(d)!), days.map((d) => b.get(d)!));
          count++;
        }
      expect(count).toBeLessThan((N * (N - 1)) / 2); // 200 and 295 share fewer than 30 dates
      expect(count).toBeGreaterThan((N * (N - 1)) / 3);
      expect(meanResidualCorrelation(two)).toBeCloseTo(sum / count, 13);
      if (holes.length) expect([...two.estComplete].filter((x) => x === 0).length).toBe(3); // ticker 0's pairs
    }
  });

  it('Corrado equals the textbook computation, also for a pair whose estimation window is clamped at the start of the data', () => {
    const sample = sampleOf({ events: [100, 140, 280] });
    const { width, inEst, inWin, ar, size, L } = sample;
    const byDay = new Map<number, number[]>();
    for (let i = 0; i < size; i++) {
      const vals: { c: number; a: number }[] = [];
      for (let c = 0; c < width; c++) if ((inEst[c] || inWin[c]) && !Number.isNaN(ar[i * width + c]!)) vals.push({ c, a: ar[i * width + c]! });
      for (const { c, a } of vals) {
        const less = vals.filter((x) => x.a < a).length;
        const eq = vals.filter((x) => x.a === a).length;
        const u = (less + (eq + 1) / 2) / (vals.length + 1);
        byDay.set(c, [...(byDay.get(c) ?? []), u]);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const dev = [...byDay.entries()].map(([c, us]) => ({ c, d: mean(us) - 0.5 }));
    const su = Math.sqrt(mean(dev.map((x) => x.d * x.d)));
    const winMean = mean(dev.filter((x) => inWin[x.c]).map((x) => x.d));
    expect(sample.estStart[0]).toBe(0); // the day-100 pairs are clamped
    expect(runBattery(sample).corrado_rank.statistic!).toBeCloseTo((Math.sqrt(L) * winMean) / su, 12);
  });

  it('log returns give the same sample shape, BHAR from the exponentiated sums', () => {
    const log = sampleOf({ returns: 'log' });
    expect(log.size).toBe(base.size);
    expect(runBattery(log).bhar_t.statistic).not.toBe(tests.bhar_t.statistic);
  });

  it('pairs without volume are left out of the volume test only, with a reason', () => {
    const noVolume = sampleOf({ volume: false });
    const t = runBattery(noVolume);
    expect(noVolume.volumeReason.get(0)).toBe('no volume in the estimation window');
    expect(t.volume_t).toEqual({ statistic: null, p_value: null, n: 0, distribution: 't', reason: 'no pair has usable volume' });
    expect(t.bmp).toEqual(tests.bmp);
  });
});

describe('battery: nulls with a reason, never NaN or Infinity', () => {
  it('fewer than 2 pairs', () => {
    const one = sampleOf({ order: [0], events: [200] });
    const t = runBattery(one);
    for (const name of TEST_NAMES) {
      expect(t[name].statistic, name).toBeNull();
      expect(t[name].p_value, name).toBeNull();
      expect(t[name].reason, name).toBeTruthy();
    }
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('zero variance', () => {
    expect(oneSampleT([0.01, 0.01, 0.01])).toMatchObject({ statistic: null, p_value: null, n: 3, reason: 'zero variance across pairs' });
    expect(bmpTest([2, 2])).toMatchObject({ statistic: null, reason: 'zero variance of the standardised CARs' });
    expect(wilcoxonTest([0, 0, 0.1])).toMatchObject({ statistic: null, n: 1, reason: 'fewer than 2 non-zero CARs' });
  });

  it('a window past the data or missing a return excludes the pair with the reason', () => {
    const bench = prepareBenchmark(barsFromReturns(dates, rm, 400));
    const sample = createSample(params, 'simple', 3);
    const series = prepareSeries(bars(0), bench);
    expect(addPair(sample, series, DAYS - 1, DAYS)).toMatch(/window \[-1,1\] incomplete: 2 of 3 trading days/);
    expect(addPair(sample, series, 200, 201)).toMatch(/as-of date/);
    const holes = prepareSeries(bars(0).filter((_, i) => i !== 200), bench);
    expect(addPair(sample, holes, 200, DAYS)).toBe(`missing returns in the window: ${dates[200]}, ${dates[201]}`);
    expect(addPair(sample, series, 50, DAYS)).toMatch(/^only 39 estimation returns/);
    expect(sample.size).toBe(0);
  });
});

describe('ranks', () => {
  it('average ranks for ties, 1-based', () => {
    const values = Float64Array.from([3, 1, 2, 2, -0, 0, 5]);
    const out = new Float64Array(7);
    averageRanks(values, 7, out, new Float64Array(7), new Int32Array(7));
    expect(Array.from(out)).toEqual([6, 3, 4.5, 4.5, 1.5, 1.5, 7]);
  });

  it('the tandem sort orders long inputs with many ties like the built-in sort', () => {
    const rnd = lcg(3);
    const n = 500;
    const v = Float64Array.from({ length: n }, () => Math.round(rnd() * 60) / 10 - 3);
    const tag = Int32Array.from({ length: n }, (_, i) => i);
    const original = Float64Array.from(v);
    sortTandem(v, tag, 0, n - 1);
    expect(Array.from(v)).toEqual(Array.from(Float64Array.from(original).sort()));
    for (let i = 0; i < n; i++) expect(original[tag[i]!]).toBe(v[i]);
  });

  it('the bucket sorter orders exactly whatever the scale it is given (and falls back when crowded)', () => {
    const rnd = lcg(11);
    const sorter = new BucketSorter(600);
    for (const [n, sigma] of [[131, 0.01], [300, 0.01], [131, 1e-9], [131, 1e6], [131, NaN], [20, 0.01]] as const) {
      // ties (every 17th value, and 0.01 twice per 40) and an outlier bucket
      const original = Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? 0.25 : i % 20 === 3 ? 0.01 : (rnd() - 0.5) * 0.06));
      // every other value through a NaN gap, as the rows of a sample have
      const src = new Float64Array(2 * n).fill(NaN);
      const columns = Int32Array.from({ length: 2 * n }, (_, i) => i);
      for (let i = 0; i < n; i++) src[2 * i] = original[i]!;
      expect(sorter.sortFrom(src, 0, columns, sigma)).toBe(n);
      const { values, tags } = sorter;
      expect(Array.from(values.subarray(0, n)), `n ${n} sigma ${sigma}`).toEqual(Array.from(Float64Array.from(original).sort()));
      for (let i = 0; i < n; i++) expect(src[tags[i]!]).toBe(values[i]);
    }
  });
});

// ---- helpers: the textbook definitions, pair by pair

function meanSd(xs: ArrayLike<number>, n: number) {
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i]! - m) ** 2;
  return { mean: m, sd: Math.sqrt(ss / (n - 1)) };
}

function pearson(a: number[], b: number[]): number {
  const ma = a.reduce((x, y) => x + y, 0) / a.length;
  const mb = b.reduce((x, y) => x + y, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < a.length; k++) {
    sab += (a[k]! - ma) * (b[k]! - mb);
    saa += (a[k]! - ma) ** 2;
    sbb += (b[k]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function estimationRow(s: Sample, i: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < s.width; c++) if (s.inEst[c] && !Number.isNaN(s.ar[i * s.width + c]!)) out.push(s.ar[i * s.width + c]!);
  return out;
}

function residualsByDay(s: Sample, i: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let c = 0; c < s.width; c++) {
    const a = s.ar[i * s.width + c]!;
    if (s.inEst[c] && !Number.isNaN(a)) out.set(s.d0[i]! + s.relStart + c, a);
  }
  return out;
}

describe('Wilcoxon signed-rank', () => {
  it('matches the textbook sum of the ranks of |x| over the positive values, ties averaged, zeros dropped', () => {
    const xs = [0.03, -0.01, 0.02, -0.02, 0, 0.05, -0.03, 0.01];
    // |x| without the zero: .03 .01 .02 .02 .05 .03 .01 → ranks .01→1.5 .02→3.5 .03→5.5 .05→7
    // W+ = rank(.03) + rank(.02) + rank(.05) + rank(.01) = 5.5 + 3.5 + 7 + 1.5 = 17.5, n = 7
    const z = (17.5 - (7 * 8) / 4) / Math.sqrt((7 * 8 * 15) / 24);
    const t = wilcoxonTest(xs);
    expect(t.n).toBe(7);
    expect(t.statistic!).toBeCloseTo(z, 14);
  });
});
