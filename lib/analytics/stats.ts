import erfc from '@stdlib/math-base-special-erfc';
import tcdf from '@stdlib/stats-base-dists-t-cdf';

/**
 * Two-sided p-value of a Student-t statistic: 2·(1 − F(|t|; df)).
 * Computed as 2·F(−|t|; df) (identical by symmetry, without cancellation in the tail).
 * Null when t or df is not usable.
 */
export function twoSidedP(t: number, df: number): number | null {
  if (!Number.isFinite(t) || !Number.isFinite(df) || df <= 0) return null;
  const p = 2 * tcdf(-Math.abs(t), df);
  return p > 1 ? 1 : p;
}

/**
 * Two-sided p-value of a standard normal statistic: 2·(1 − Φ(|z|)) = erfc(|z|/√2), without
 * cancellation in the tail. Null when z is not finite.
 */
export function normalTwoSidedP(z: number): number | null {
  if (!Number.isFinite(z)) return null;
  const p = erfc(Math.abs(z) / Math.SQRT2);
  return p > 1 ? 1 : p;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

/** Sample variance (denominator n-1); NaN when n < 2. Two-pass for accuracy. */
export function sampleVariance(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (xs[i] as number) - m;
    ss += d * d;
  }
  return ss / (n - 1);
}

export type OlsFit = { alpha: number; beta: number; ssr: number; sst: number; n: number };

/** Ordinary least squares y = alpha + beta·x (two-pass, centred sums). */
export function ols(x: ArrayLike<number>, y: ArrayLike<number>): OlsFit {
  const n = Math.min(x.length, y.length);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i] as number;
    sy += y[i] as number;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    const e = (y[i] as number) - alpha - beta * (x[i] as number);
    ssr += e * e;
  }
  return { alpha, beta, ssr, sst: syy, n };
}

export type SimpleRegression = {
  n: number;
  slope: number;
  intercept: number;
  /** Standard error of the slope: √(s²/Σ(x − x̄)²), s² = SSR/(n − 2). */
  slopeSe: number;
  slopeT: number;
  slopeP: number | null;
  df: number;
  r2: number;
};

/**
 * OLS y = intercept + slope·x with the slope's t (Student, n − 2 df) and R². A reason instead
 * when it cannot be estimated: fewer than 3 points, no spread in x, or a perfect fit.
 */
export function simpleRegression(x: ArrayLike<number>, y: ArrayLike<number>): SimpleRegression | string {
  const n = Math.min(x.length, y.length);
  if (n < 3) return `${n} point${n === 1 ? '' : 's'}: a slope and its t need at least 3`;
  const fit = ols(x, y);
  let mx = 0;
  for (let i = 0; i < n; i++) mx += x[i] as number;
  mx /= n;
  let sxx = 0;
  for (let i = 0; i < n; i++) sxx += ((x[i] as number) - mx) ** 2;
  if (!(sxx > 0)) return 'every point has the same value: no slope';
  const df = n - 2;
  const s2 = fit.ssr / df;
  if (!(s2 > 0)) return 'the points lie on a line: the slope has no error to test against';
  const slopeSe = Math.sqrt(s2 / sxx);
  const slopeT = fit.beta / slopeSe;
  return {
    n,
    slope: fit.beta,
    intercept: fit.alpha,
    slopeSe,
    slopeT,
    slopeP: twoSidedP(slopeT, df),
    df,
    r2: fit.sst > 0 ? 1 - fit.ssr / fit.sst : 0,
  };
}
