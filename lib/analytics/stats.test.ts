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
