import { describe, expect, it } from 'vitest';
import { mean, ols, sampleVariance, twoSidedP } from './stats';

describe('stats helpers', () => {
  it('OLS recovers an exact line and reports SSR/SST', () => {
    const x = [1, 2, 3, 4];
    const y = x.map((v) => 0.5 + 2 * v);
    const f = ols(x, y);
    expect(f.alpha).toBeCloseTo(0.5, 12);
    expect(f.beta).toBeCloseTo(2, 12);
    expect(f.ssr).toBeCloseTo(0, 20);
    expect(f.sst).toBeCloseTo(20, 12); // y = 2.5, 4.5, 6.5, 8.5; mean 5.5 → 9+1+1+9
  });

  it('mean and sample variance', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(sampleVariance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 14); // 4+1+0+9 over 3
    expect(Number.isNaN(sampleVariance([1]))).toBe(true);
  });

  it('two-sided p from the t distribution', () => {
    // df = 2 closed form: p = 1 - |t|/sqrt(2 + t²); t = 2 → 1 - 2/sqrt(6)
    expect(twoSidedP(2, 2)).toBeCloseTo(1 - 2 / Math.sqrt(6), 12);
    expect(twoSidedP(-2, 2)).toBeCloseTo(1 - 2 / Math.sqrt(6), 12);
    // df = 1 (Cauchy): p = 1 - (2/π)·atan|t|
    expect(twoSidedP(1, 1)).toBeCloseTo(0.5, 12);
    expect(twoSidedP(0, 10)).toBe(1);
    expect(twoSidedP(Number.NaN, 10)).toBeNull();
    expect(twoSidedP(1, 0)).toBeNull();
  });
});

describe('simpleRegression', () => {
  it('slope, intercept, t and R² of a small hand-checked sample', async () => {
    const { simpleRegression } = await import('./stats');
    // x = 1..5 (x̄ 3, Sxx 10), y = 2.1, 3.9, 6, 8.1, 9.9 (ȳ 6, SST 39.24): Sxy 19.8 → slope 1.98,
    // intercept 0.06; residuals 0.06, −0.12, 0, 0.12, −0.06 → SSR 0.036, s² = 0.012
    const r = simpleRegression([1, 2, 3, 4, 5], [2.1, 3.9, 6, 8.1, 9.9]);
    if (typeof r === 'string') throw new Error(r);
    expect(r.slope).toBeCloseTo(1.98, 12);
    expect(r.intercept).toBeCloseTo(0.06, 12);
    expect(r.slopeSe).toBeCloseTo(Math.sqrt(0.0012), 12);
    expect(r.slopeT).toBeCloseTo(1.98 / Math.sqrt(0.0012), 9);
    expect(r.df).toBe(3);
    expect(r.r2).toBeCloseTo(1 - 0.036 / 39.24, 12);
  });
  it('refuses what it cannot estimate', async () => {
    const { simpleRegression } = await import('./stats');
    expect(simpleRegression([1, 2], [1, 2])).toMatch(/at least 3/);
    expect(simpleRegression([1, 1, 1], [1, 2, 3])).toMatch(/same value/);
    expect(simpleRegression([1, 2, 3], [2, 4, 6])).toMatch(/on a line/);
  });
});
