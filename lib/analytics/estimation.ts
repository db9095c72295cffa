// The estimation-window fit of one (event, ticker) pair, the kernel every event-study read shares
// (runEventStudy for /api/impacts, buildSample for the test battery, the matrix and the
// narratives). It works on the aligned typed arrays of a PreparedSeries and writes into a scratch
// object the caller reuses, so that thousands of pairs allocate nothing per pair.
//
// The arithmetic (order of the sums, the passes) is the engine's definition: changing it changes
// the published numbers in the last bits, and /api/impacts must return the same bytes for the same
// request. Change it only with the golden comparison in the tests.
import type { ModelName, PreparedSeries } from './types';

/** Minimum number of present estimation returns (also at least half of `estimation`). */
export const MIN_ESTIMATION_RETURNS = 60;

/** Number of estimation returns required for a given estimation length. */
export function requiredEstimationReturns(estimation: number): number {
  return Math.max(MIN_ESTIMATION_RETURNS, Math.ceil(estimation / 2));
}

export type FitFailure = 'too_few_returns' | 'zero_benchmark_variance' | 'zero_residual_variance';

/** A pair's estimation fit. Reused across pairs: read it before the next fitEstimation call. */
export type Fit = {
  model: ModelName;
  /** Calendar indices: first usable and last estimation day, and the declared first (may be < 0). */
  estStart: number;
  estEnd: number;
  estStartDeclared: number;
  /** Present estimation returns (M). */
  n: number;
  alpha: number;
  beta: number;
  /** Constant-mean expected return. */
  cmean: number;
  /** Market-adjusted: mean of R − Rm over the estimation days (the mean of its abnormal returns). */
  md: number;
  /** Mean benchmark return over the estimation days used (market and market-adjusted models). */
  mx: number;
  /** Σ (Rm − R̄m)² over the estimation days (market model), for the forecast-error correction. */
  sxx: number;
  ssr: number;
  df: number;
  sigma2: number;
  r2: number | null;
  /** Every estimation day has its returns (the fast loops ran). */
  complete: boolean;
  /** The market model's residuals were written to the caller's array (and `positive` counts those > 0). */
  kept: boolean;
  positive: number;
  failure: FitFailure | null;
};

export function newFit(): Fit {
  return {
    model: 'market',
    estStart: 0,
    estEnd: -1,
    estStartDeclared: 0,
    n: 0,
    alpha: 0,
    beta: 0,
    cmean: 0,
    md: 0,
    mx: NaN,
    sxx: NaN,
    ssr: 0,
    df: 0,
    sigma2: NaN,
    r2: null,
    complete: false,
    kept: false,
    positive: 0,
    failure: null,
  };
}

/** Number of parameters the model estimates (k): 2 for the market model, 1 otherwise. */
export function modelParameters(model: ModelName): number {
  return model === 'market' ? 2 : 1;
}

/** Days in [a, b] counted by a prefix count `gaps` (gaps[i] = count over 0..i). */
function countIn(gaps: Int32Array, a: number, b: number): number {
  return (gaps[b] as number) - (a > 0 ? (gaps[a - 1] as number) : 0);
}

/**
 * Fit the model on the estimation window of day 0 `d0`: the `estimation` trading days ending
 * `gap` days before day 0 (clamped at the start of the calendar), days without a return (or,
 * for models that use the benchmark, without a benchmark return) left out. Returns false and
 * sets `fit.failure` when the fit is unusable.
 *
 * When the window has no missing day (the series' gap counts tell in O(1)) the loops skip the
 * per-day checks; they add the same terms in the same order, so the result is identical.
 * `residuals`: for a complete market-model window, residuals[at + i] receives each day's
 * residual (fit.kept says so), saving the battery a pass.
 */
export function fitEstimation(
  series: Pick<PreparedSeries, 'ret' | 'mret' | 'gaps' | 'retGaps'>,
  d0: number,
  model: ModelName,
  estimation: number,
  gap: number,
  fit: Fit,
  residuals?: Float64Array,
  at = 0,
): boolean {
  const { ret, mret } = series;
  const estEnd = d0 - gap - 1;
  const estStartDeclared = d0 - gap - estimation;
  const estStart = Math.max(0, estStartDeclared);
  const useMarket = model !== 'constant-mean';
  fit.model = model;
  fit.estStart = estStart;
  fit.estEnd = estEnd;
  fit.estStartDeclared = estStartDeclared;
  fit.alpha = 0;
  fit.beta = 0;
  fit.cmean = 0;
  fit.md = 0;
  fit.mx = NaN;
  fit.sxx = NaN;
  fit.ssr = 0;
  fit.r2 = null;
  fit.failure = null;
  fit.kept = false;
  fit.positive = 0;
  const complete = estEnd >= estStart && countIn(useMarket ? series.gaps : series.retGaps, estStart, estEnd) === 0;
  fit.complete = complete;

  let L = 0;
  let sx = 0;
  let sy = 0;
  if (complete) {
    L = estEnd - estStart + 1;
    if (useMarket)
      for (let i = estStart; i <= estEnd; i++) {
        sy += ret[i] as number;
        sx += mret[i] as number;
      }
    else for (let i = estStart; i <= estEnd; i++) sy += ret[i] as number;
  } else {
    for (let i = estStart; i <= estEnd; i++) {
      const r = ret[i] as number;
      const rm = mret[i] as number;
      if (r !== r || (useMarket && rm !== rm)) continue;
      L++;
      sy += r;
      if (useMarket) sx += rm;
    }
  }
  fit.n = L;
  if (L < requiredEstimationReturns(estimation)) {
    fit.failure = 'too_few_returns';
    return false;
  }
  let ssr = 0;
  if (model === 'market') {
    const mx = sx / L;
    const my = sy / L;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    if (complete)
      for (let i = estStart; i <= estEnd; i++) {
        const dx = (mret[i] as number) - mx;
        const dy = (ret[i] as number) - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
      }
    else
      for (let i = estStart; i <= estEnd; i++) {
        const r = ret[i] as number;
        const rm = mret[i] as number;
        if (r !== r || rm !== rm) continue;
        const dx = rm - mx;
        const dy = r - my;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
      }
    fit.mx = mx;
    fit.sxx = sxx;
    if (!(sxx > 0)) {
      fit.failure = 'zero_benchmark_variance';
      return false;
    }
    const beta = sxy / sxx;
    const alpha = my - beta * mx;
    if (complete && residuals) {
      // the same sums, keeping each residual (the battery's estimation abnormal returns)
      let positive = 0;
      for (let i = estStart; i <= estEnd; i++) {
        const e = (ret[i] as number) - alpha - beta * (mret[i] as number);
        ssr += e * e;
        residuals[at + i] = e;
        if (e > 0) positive++;
      }
      fit.kept = true;
      fit.positive = positive;
    } else if (complete)
      for (let i = estStart; i <= estEnd; i++) {
        const e = (ret[i] as number) - alpha - beta * (mret[i] as number);
        ssr += e * e;
      }
    else
      for (let i = estStart; i <= estEnd; i++) {
        const r = ret[i] as number;
        const rm = mret[i] as number;
        if (r !== r || rm !== rm) continue;
        const e = r - alpha - beta * rm;
        ssr += e * e;
      }
    fit.alpha = alpha;
    fit.beta = beta;
    fit.df = L - 2;
    fit.r2 = syy > 0 ? 1 - ssr / syy : null;
  } else if (model === 'market-adjusted') {
    const md = (sy - sx) / L;
    for (let i = estStart; i <= estEnd; i++) {
      const r = ret[i] as number;
      const rm = mret[i] as number;
      if (r !== r || rm !== rm) continue;
      const e = r - rm - md;
      ssr += e * e;
    }
    fit.mx = sx / L;
    fit.md = md;
    fit.df = L - 1;
  } else {
    const cmean = sy / L;
    for (let i = estStart; i <= estEnd; i++) {
      const r = ret[i] as number;
      if (r !== r) continue;
      const e = r - cmean;
      ssr += e * e;
    }
    fit.cmean = cmean;
    fit.df = L - 1;
  }
  fit.ssr = ssr;
  const sigma2 = ssr / fit.df;
  fit.sigma2 = sigma2;
  if (!(sigma2 > 0) || !Number.isFinite(sigma2)) {
    fit.failure = 'zero_residual_variance';
    return false;
  }
  return true;
}

/** The model's expected return on a day with benchmark return `rm` (NaN when it needs rm and rm is missing). */
export function expectedReturn(fit: Fit, rm: number): number {
  if (fit.model === 'market') return fit.alpha + fit.beta * rm;
  if (fit.model === 'market-adjusted') return rm;
  return fit.cmean;
}

/**
 * Abnormal return on calendar day i: R − expected, NaN when the day has no return (or no
 * benchmark return for a model that needs it).
 */
export function abnormalReturn(fit: Fit, ret: Float64Array, mret: Float64Array, i: number): number {
  const r = ret[i] as number;
  const rm = mret[i] as number;
  if (r !== r || (fit.model !== 'constant-mean' && rm !== rm)) return NaN;
  return r - expectedReturn(fit, rm);
}
