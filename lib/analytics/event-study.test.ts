import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, runEventStudy } from './event-study';
import { prepareSeries } from './returns';
import { barsFromReturns, lcg, weekdays } from './test-helpers';
import type { Bar, EventStudyParams } from './types';

// ---------------------------------------------------------------------------
// Hand-checked fixture (75 weekdays from 2024-01-01, index 0..74).
// Benchmark: Rm = +0.005 every day.
// Ticker, estimation days (index 1..60): odd index R = 0.015, even index R = -0.005,
//   so R - Rm alternates +0.01 / -0.01 (mean 0) and R alternates around mean 0.005.
// Day 0 = index 61: R = 0.055 (AR = 0.05); day 1 = index 62: R = -0.015 (AR = -0.02);
// later days R = 0.005 (AR = 0).
// With estimation = 60, gap = 0 the window is days -60..-1 (index 1..60), L = 60, df = 59.
// sigma² = 60·0.01² / 59 = 0.006/59 = 1.016949152542373e-4, sigma = 0.010084389...
// [0,0]:  CAR = 0.05,  t = 0.05/sqrt(σ²)            = 4.958158260214505, p = 6.3432406625e-6
// [0,1]:  CAR = 0.03,  t = 0.03/sqrt(2σ²)           = 2.1035683967962626, p = 0.039688983027708
// [-1,1]: AR(-1) = index 60 (even) = -0.01, CAR = 0.02, t = 0.02/sqrt(3σ²) = 1.1450376024878446,
//         p = 0.256817275260600
// (p values cross-checked by Simpson integration of the t(59) density.)
// ---------------------------------------------------------------------------
const dates = weekdays('2024-01-01', 75);
const mrets = dates.map(() => 0.005);
const rets = dates.map((_, i) => {
  if (i <= 60) return i % 2 === 1 ? 0.015 : -0.005;
  if (i === 61) return 0.055;
  if (i === 62) return -0.015;
  return 0.005;
});
const benchBars = barsFromReturns(dates, mrets, 400);
const tickerBars = barsFromReturns(dates, rets, 100, false); // adj_close null → close used
const day0Date = dates[61] as string;
const SIGMA2 = 0.006 / 59;
const handParams: EventStudyParams = {
  model: 'market-adjusted',
  estimation: 60,
  gap: 0,
  windows: [
    [0, 0],
    [0, 1],
    [-1, 1],
    [0, 5],
  ],
};

function base(over: Partial<Parameters<typeof runEventStudy>[0]> = {}) {
  return runEventStudy({
    event: { id: 'ev', date: day0Date },
    ticker: 'TCK',
    benchmark: 'BM',
    tickerBars,
    benchmarkBars: benchBars,
    params: handParams,
    ...over,
  } as Parameters<typeof runEventStudy>[0]);
}

describe('hand-checked fixture', () => {
  it('market-adjusted: AR, CAR, t, p', () => {
    const r = base();
    expect(r.reason).toBeNull();
    expect(r.day0).toEqual({ date: day0Date, reason: 'same day' });
    const res = r.result!;
    expect(res.estimation.n).toBe(60);
    expect(res.estimation.df).toBe(59);
    expect(res.estimation.start).toBe(dates[1]);
    expect(res.estimation.end).toBe(dates[60]);
    expect(res.estimation.alpha).toBeNull();
    expect(res.estimation.beta).toBeNull();
    expect(res.estimation.r2).toBeNull();
    expect(res.estimation.sigma).toBeCloseTo(Math.sqrt(SIGMA2), 12);
    const [w00, w01, wm11, w05] = res.windows;
    expect(w00!.car).toBeCloseTo(0.05, 12);
    expect(w00!.t).toBeCloseTo(4.958158260214505, 8);
    expect(w00!.p).toBeCloseTo(6.3432406625e-6, 12);
    expect(w00!.n).toBe(1);
    expect(w01!.car).toBeCloseTo(0.03, 12);
    expect(w01!.t).toBeCloseTo(2.1035683967962626, 8);
    expect(w01!.p).toBeCloseTo(0.039688983027708, 9);
    expect(wm11!.car).toBeCloseTo(0.02, 12);
    expect(wm11!.t).toBeCloseTo(1.1450376024878446, 8);
    expect(wm11!.p).toBeCloseTo(0.2568172752606, 9);
    expect(w05!.car).toBeCloseTo(0.03, 12);
    expect(w05!.n).toBe(6);
    expect(w05!.cut).toBeNull();
    expect(w05!.dollar_impact).toBeNull(); // shares unknown
    // daily rows span the widest window [-1, 5]
    expect(res.daily.map((d) => d.day)).toEqual([-1, 0, 1, 2, 3, 4, 5]);
    const d0 = res.daily[1]!;
    expect(d0.date).toBe(day0Date);
    expect(d0.return).toBeCloseTo(0.055, 12);
    expect(d0.benchmark_return).toBeCloseTo(0.005, 12);
    expect(d0.expected).toBeCloseTo(0.005, 12);
    expect(d0.ar).toBeCloseTo(0.05, 12);
    expect(d0.car).toBeCloseTo(0.04, 12); // -0.01 + 0.05, cumulative from day -1
    expect(res.daily[6]!.car).toBeCloseTo(0.02, 12);
    expect(r.warnings).toEqual([]);
  });

  it('constant-mean gives the same numbers here (mean R = 0.005, same dispersion)', () => {
    const r = base({ params: { ...handParams, model: 'constant-mean' } });
    const w = r.result!.windows;
    expect(r.result!.daily[1]!.expected).toBeCloseTo(0.005, 12);
    expect(w[0]!.car).toBeCloseTo(0.05, 12);
    expect(w[0]!.t).toBeCloseTo(4.958158260214505, 8);
    expect(w[2]!.t).toBeCloseTo(1.1450376024878446, 8);
  });

  it('market model with a constant benchmark → null with reason (beta undefined)', () => {
    const r = base({ params: { ...handParams, model: 'market' } });
    expect(r.result).toBeNull();
    expect(r.reason).toMatch(/zero variance/);
  });

  it('dollar impact = CAR × close(t1-1) × shares', () => {
    const r = base({ sharesOutstanding: 1e6 });
    const close60 = tickerBars[60]!.close;
    const close59 = tickerBars[59]!.close;
    expect(close60).toBeCloseTo(100 * (1.015 * 0.995) ** 30, 9);
    const [w00, , wm11] = r.result!.windows;
    expect(w00!.dollar_impact!.usd).toBeCloseTo(0.05 * close60 * 1e6, 3);
    expect(w00!.dollar_impact!.label).toBe('estimate: CAR × market value at close of day t1-1');
    expect(wm11!.dollar_impact!.usd).toBeCloseTo(0.02 * close59 * 1e6, 3);
  });

  it('asOf cuts windows and flags them; an empty window has null stats', () => {
    const r = base({
      asOf: dates[62],
      params: { ...handParams, windows: [[0, 0], [0, 5], [2, 5]] },
    });
    const [w00, w05, w25] = r.result!.windows;
    expect(w00!.cut).toBeNull();
    expect(w05!.cut).toBe('asOf');
    expect(w05!.n).toBe(2);
    expect(w05!.car).toBeCloseTo(0.03, 12);
    expect(w05!.t).toBeCloseTo(2.1035683967962626, 8);
    expect(w25).toEqual({ from: 2, to: 5, car: null, t: null, p: null, n: 0, cut: 'asOf', dollar_impact: null });
    expect(r.result!.daily.map((d) => d.day)).toEqual([0, 1]);
    expect(r.warnings.filter((w) => w.code === 'window_cut')).toHaveLength(2);
    expect(r.warnings[0]!.message).toContain(`asOf (${dates[62]})`);
  });

  it('end of data cuts windows', () => {
    const r = runEventStudy({
      event: { id: 'ev', date: day0Date },
      ticker: 'TCK',
      benchmark: 'BM',
      tickerBars: tickerBars.slice(0, 64),
      benchmarkBars: benchBars.slice(0, 64),
      params: handParams,
    });
    const w05 = r.result!.windows[3]!;
    expect(w05.cut).toBe('end_of_data');
    expect(w05.n).toBe(3);
    expect(w05.car).toBeCloseTo(0.03, 12);
    expect(r.warnings.map((w) => w.code)).toEqual(['window_cut']);
  });

  it('a missing ticker bar removes that day and the next return, flagged', () => {
    const gappy: Bar[] = tickerBars.filter((_, i) => i !== 63);
    const r = base({ tickerBars: gappy });
    const w05 = r.result!.windows[3]!;
    expect(w05.n).toBe(4);
    expect(w05.cut).toBeNull();
    expect(w05.car).toBeCloseTo(0.03, 12);
    expect(w05.t).toBeCloseTo(0.03 / Math.sqrt(4 * SIGMA2), 10);
    const row = r.result!.daily.find((d) => d.day === 2)!;
    expect(row.return).toBeNull();
    expect(row.ar).toBeNull();
    expect(row.car).toBeCloseTo(0.02, 12); // carried: -0.01 + 0.05 - 0.02
    expect(r.warnings).toEqual([
      { code: 'missing_returns', message: `missing returns in event window (excluded): ${dates[63]}, ${dates[64]}` },
    ]);
  });

  it('too few estimation returns → null with reason', () => {
    const r = base({ params: { ...handParams, estimation: 130 } });
    expect(r.result).toBeNull();
    expect(r.day0).toEqual({ date: day0Date, reason: 'same day' });
    expect(r.reason).toBe(`only 60 estimation returns before ${day0Date}; need at least 65`);
  });

  it('overlap warnings name the overlapping events', () => {
    const r = base({
      params: { ...handParams, windows: [[0, 0], [-5, 5]] },
      otherEvents: [
        { id: 'a', date: dates[64] as string }, // day 3
        { id: 'b', title: 'B', date: dates[30] as string }, // estimation window
        { id: 'c', date: dates[70] as string }, // day 9: outside
        { id: 'd', date: day0Date, time_utc: '21:30' }, // EDT: after close → day 1
        { id: 'ev', date: day0Date }, // the event itself is ignored
      ],
    });
    expect(r.warnings).toEqual([
      { code: 'overlap_event_window', message: `overlapping event in event window: a (${dates[64]})`, event_id: 'a' },
      { code: 'overlap_estimation_window', message: `overlapping event in estimation window: b (${dates[30]})`, event_id: 'b' },
      { code: 'overlap_event_window', message: `overlapping event in event window: d (${day0Date})`, event_id: 'd' },
    ]);
  });

  it('event beyond the data → day0 null with reason', () => {
    const r = base({ event: { id: 'late', date: '2030-01-01' } });
    expect(r.day0).toBeNull();
    expect(r.result).toBeNull();
    expect(r.reason).toMatch(/after the last trading day available/);
    const r2 = base({ asOf: dates[60] });
    expect(r2.day0).toBeNull();
    expect(r2.reason).toContain(`(asOf ${dates[60]})`);
  });

  it('invalid parameters → null with reason', () => {
    const r = base({ params: { ...handParams, windows: [[3, 1]] } });
    expect(r.result).toBeNull();
    expect(r.reason).toBe('invalid parameters: invalid window [3, 1]');
  });
});

describe('synthetic market model', () => {
  const n = 300;
  const rnd = lcg(12345);
  const sdates = weekdays('2023-01-02', n);
  const rm: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < n; i++) {
    const m = (rnd() - 0.5) * 0.04; // ±2%
    const noise = (rnd() - 0.5) * 0.002; // ±0.1%
    rm.push(m);
    r.push(0.001 + 1.5 * m + noise + (i === 250 ? 0.08 : 0));
  }
  const sb = barsFromReturns(sdates, rm, 400);
  const st = barsFromReturns(sdates, r, 50);
  const input = {
    event: { id: 'syn', date: sdates[250] as string },
    ticker: 'SYN',
    benchmark: 'MKT',
    params: DEFAULT_PARAMS,
  };

  it('recovers alpha and beta, and the planted day-0 shock', () => {
    const out = runEventStudy({ ...input, tickerBars: st, benchmarkBars: sb });
    const est = out.result!.estimation;
    expect(est.n).toBe(120);
    expect(est.df).toBe(118);
    expect(est.start).toBe(sdates[120]);
    expect(est.end).toBe(sdates[239]);
    expect(est.alpha!).toBeGreaterThan(0.001 - 2e-4);
    expect(est.alpha!).toBeLessThan(0.001 + 2e-4);
    expect(est.beta!).toBeGreaterThan(1.48);
    expect(est.beta!).toBeLessThan(1.52);
    expect(est.r2!).toBeGreaterThan(0.99);
    // uniform noise ±0.001 has sd 0.001/sqrt(3)
    expect(est.sigma).toBeGreaterThan(0.0004);
    expect(est.sigma).toBeLessThan(0.0008);
    const w00 = out.result!.windows[0]!;
    expect(w00.car!).toBeGreaterThan(0.078);
    expect(w00.car!).toBeLessThan(0.082);
    expect(w00.t!).toBeGreaterThan(50);
    expect(w00.p!).toBeLessThan(1e-12);
    const row = out.result!.daily.find((d) => d.day === 0)!;
    expect(row.ar!).toBeCloseTo(row.return! - (est.alpha! + est.beta! * row.benchmark_return!), 14);
    // default windows in order
    expect(out.result!.windows.map((w) => [w.from, w.to])).toEqual([[0, 0], [-1, 1], [0, 1], [0, 5], [-5, 5]]);
  });

  it('market-adjusted uses expected = Rm', () => {
    const out = runEventStudy({ ...input, tickerBars: st, benchmarkBars: sb, params: { ...DEFAULT_PARAMS, model: 'market-adjusted' } });
    const row = out.result!.daily.find((d) => d.day === 0)!;
    expect(row.expected).toBe(row.benchmark_return);
    expect(out.result!.estimation.df).toBe(119);
  });

  it('prepared series and raw bars give identical, deterministic output', () => {
    const a = runEventStudy({ ...input, tickerBars: st, benchmarkBars: sb });
    const series = prepareSeries(st, sb);
    const b = runEventStudy({ ...input, series });
    const c = runEventStudy({ ...input, series });
    expect(b).toEqual(a);
    expect(JSON.stringify(c)).toBe(JSON.stringify(a));
    // asOf on the prepared series behaves like asOf on the call
    const d = runEventStudy({ ...input, series: prepareSeries(st, sb, sdates[252]) });
    const e = runEventStudy({ ...input, series, asOf: sdates[252] });
    expect(d).toEqual(e);
    expect(d.result!.windows[3]!.cut).toBe('asOf');
    expect(d.result!.windows[3]!.n).toBe(3);
  });
});
