import { mapDay0 } from './day0';
import { DATE_RE, prepareSeries, upperBound } from './returns';
import { twoSidedP } from './stats';
import type {
  DailyRow,
  EstimationSummary,
  EventStudyInput,
  EventStudyParams,
  EventStudyResult,
  ModelName,
  PreparedSeries,
  WindowCut,
  WindowResult,
} from './types';

export const MODELS: readonly ModelName[] = ['market', 'market-adjusted', 'constant-mean'];

export const DEFAULT_PARAMS: EventStudyParams = Object.freeze({
  model: 'market',
  estimation: 120,
  gap: 10,
  windows: [
    [0, 0],
    [-1, 1],
    [0, 1],
    [0, 5],
    [-5, 5],
  ],
}) as EventStudyParams;

/** Minimum number of present estimation returns (also at least half of `estimation`). */
export const MIN_ESTIMATION_RETURNS = 60;

export const DOLLAR_IMPACT_LABEL = 'estimate: CAR × market value at close of day t1-1' as const;

/** Problems with a parameter set (empty when valid). */
export function validateParams(params: EventStudyParams): string[] {
  const out: string[] = [];
  if (!MODELS.includes(params.model)) out.push(`unknown model "${String(params.model)}"`);
  if (!Number.isInteger(params.estimation) || params.estimation < 1) out.push('estimation must be a positive integer');
  if (!Number.isInteger(params.gap) || params.gap < 0) out.push('gap must be a non-negative integer');
  if (!Array.isArray(params.windows) || params.windows.length === 0) out.push('at least one window is required');
  else
    for (const w of params.windows) {
      const [a, b] = w;
      if (!Number.isInteger(a) || !Number.isInteger(b) || a > b) out.push(`invalid window [${String(a)}, ${String(b)}]`);
    }
  return out;
}

/** Number of estimation returns required for a given estimation length. */
export function requiredEstimationReturns(estimation: number): number {
  return Math.max(MIN_ESTIMATION_RETURNS, Math.ceil(estimation / 2));
}

/**
 * Event study of one (event, ticker) pair. Accepts raw bars or a series prepared once per
 * ticker with prepareSeries(). Pure and deterministic.
 */
export function runEventStudy(input: EventStudyInput): EventStudyResult {
  const { params, event } = input;
  const out: EventStudyResult = {
    event_id: event.id,
    ticker: input.ticker,
    benchmark: input.benchmark,
    model: params.model,
    day0: null,
    result: null,
    reason: null,
    warnings: [],
  };
  const problems = validateParams(params);
  const asOf = input.asOf ?? null;
  if (asOf !== null && !DATE_RE.test(asOf)) problems.push(`invalid asOf "${asOf}" (expected YYYY-MM-DD)`);
  if (problems.length > 0) {
    out.reason = `invalid parameters: ${problems.join('; ')}`;
    return out;
  }

  const series: PreparedSeries = input.series ?? prepareSeries(input.tickerBars, input.benchmarkBars);
  const { calendar, ret, mret, close } = series;
  const total = calendar.length;
  let end = Math.min(series.end, total);
  if (asOf !== null) end = Math.min(end, upperBound(calendar, asOf));
  const truncated = end < total;
  const cutLabel: Exclude<WindowCut, null> = truncated ? 'asOf' : 'end_of_data';
  const effectiveAsOf = asOf !== null && series.asOf !== null ? (asOf < series.asOf ? asOf : series.asOf) : (asOf ?? series.asOf);

  // ---- day 0
  const m0 = mapDay0(calendar, event.date, event.time_utc, end);
  if (m0.index === null) {
    out.reason = truncated && effectiveAsOf !== null ? `${m0.reason} (asOf ${effectiveAsOf})` : m0.reason;
    return out;
  }
  const d0 = m0.index;
  out.day0 = { date: m0.date, reason: m0.reason };

  const { model, estimation, gap, windows } = params;
  let minT1 = Infinity;
  let maxT2 = -Infinity;
  for (const [a, b] of windows) {
    if (a < minT1) minT1 = a;
    if (b > maxT2) maxT2 = b;
  }
  const estEnd = d0 - gap - 1;
  const estStartDeclared = d0 - gap - estimation;
  const estStart = Math.max(0, estStartDeclared);
  const evLo = d0 + minT1;
  const evHi = d0 + maxT2;

  // ---- overlap warnings (computed even if the result turns out null)
  const warnings = out.warnings;
  for (const o of input.otherEvents ?? []) {
    if (o.id === event.id) continue;
    const index = o.day0 !== undefined ? o.day0 : mapDay0(calendar, o.date, o.time_utc, end).index;
    if (index === null) continue;
    if (index >= evLo && index <= evHi)
      warnings.push({
        code: 'overlap_event_window',
        message: `overlapping event in event window: ${o.id} (${o.date})`,
        event_id: o.id,
      });
    else if (index >= estStartDeclared && index <= estEnd)
      warnings.push({
        code: 'overlap_estimation_window',
        message: `overlapping event in estimation window: ${o.id} (${o.date})`,
        event_id: o.id,
      });
  }

  const useMarket = model !== 'constant-mean';
  const present = (i: number): boolean => {
    const r = ret[i] as number;
    return r === r && (!useMarket || (mret[i] as number) === (mret[i] as number));
  };

  // ---- estimation
  let L = 0;
  let sx = 0;
  let sy = 0;
  for (let i = estStart; i <= estEnd; i++) {
    if (!present(i)) continue;
    L++;
    sy += ret[i] as number;
    if (useMarket) sx += mret[i] as number;
  }
  const need = requiredEstimationReturns(estimation);
  if (L < need) {
    out.reason = `only ${L} estimation returns before ${m0.date}; need at least ${need}`;
    return out;
  }
  let alpha = 0;
  let beta = 0;
  let cmean = 0;
  let ssr = 0;
  let df: number;
  let r2: number | null = null;
  if (model === 'market') {
    const mx = sx / L;
    const my = sy / L;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (let i = estStart; i <= estEnd; i++) {
      if (!present(i)) continue;
      const dx = (mret[i] as number) - mx;
      const dy = (ret[i] as number) - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (!(sxx > 0)) {
      out.reason = `benchmark returns have zero variance in the estimation window; beta is undefined`;
      return out;
    }
    beta = sxy / sxx;
    alpha = my - beta * mx;
    for (let i = estStart; i <= estEnd; i++) {
      if (!present(i)) continue;
      const e = (ret[i] as number) - alpha - beta * (mret[i] as number);
      ssr += e * e;
    }
    df = L - 2;
    r2 = syy > 0 ? 1 - ssr / syy : null;
  } else if (model === 'market-adjusted') {
    const md = (sy - sx) / L;
    for (let i = estStart; i <= estEnd; i++) {
      if (!present(i)) continue;
      const e = (ret[i] as number) - (mret[i] as number) - md;
      ssr += e * e;
    }
    df = L - 1;
  } else {
    cmean = sy / L;
    for (let i = estStart; i <= estEnd; i++) {
      if (!present(i)) continue;
      const e = (ret[i] as number) - cmean;
      ssr += e * e;
    }
    df = L - 1;
  }
  const sigma2 = ssr / df;
  if (!(sigma2 > 0) || !Number.isFinite(sigma2)) {
    out.reason = `estimation residual variance is zero or undefined; t-statistics cannot be computed`;
    return out;
  }
  const sigma = Math.sqrt(sigma2);
  if (L < estEnd - estStartDeclared + 1) {
    warnings.push({
      code: 'missing_returns',
      message: `${estEnd - estStartDeclared + 1 - L} of ${estimation} estimation returns missing or unavailable (excluded)`,
    });
  }
  const estimationSummary: EstimationSummary = {
    start: calendar[estStart] as string,
    end: calendar[estEnd] as string,
    n: L,
    alpha: model === 'market' ? alpha : null,
    beta: model === 'market' ? beta : null,
    sigma,
    df,
    r2,
  };

  // ---- abnormal returns over the widest window (only days available: >= 0 and < end)
  const lo = Math.max(0, evLo);
  const hi = Math.min(end - 1, evHi);
  const span = hi >= lo ? hi - lo + 1 : 0;
  const ar = new Float64Array(span);
  const daily: DailyRow[] = new Array<DailyRow>(span);
  const missingDates: string[] = [];
  let running = 0;
  for (let k = 0; k < span; k++) {
    const i = lo + k;
    const r = ret[i] as number;
    const rm = mret[i] as number;
    let expected: number;
    if (model === 'market') expected = alpha + beta * rm;
    else if (model === 'market-adjusted') expected = rm;
    else expected = cmean;
    let a = NaN;
    if (present(i)) {
      a = r - expected;
      running += a;
    } else missingDates.push(calendar[i] as string);
    ar[k] = a;
    daily[k] = {
      day: i - d0,
      date: calendar[i] as string,
      return: r === r ? r : null,
      benchmark_return: rm === rm ? rm : null,
      expected: expected === expected ? expected : null,
      ar: a === a ? a : null,
      car: running,
    };
  }
  if (missingDates.length > 0)
    warnings.push({
      code: 'missing_returns',
      message: `missing returns in event window (excluded): ${missingDates.join(', ')}`,
    });

  // ---- windows
  const shares = input.sharesOutstanding ?? null;
  const sharesOk = shares !== null && Number.isFinite(shares) && shares > 0;
  const windowResults: WindowResult[] = [];
  for (const [t1, t2] of windows) {
    const a = Math.max(lo, d0 + t1);
    const b = Math.min(hi, d0 + t2);
    let n = 0;
    let car = 0;
    for (let i = a; i <= b; i++) {
      const v = ar[i - lo] as number;
      if (v === v) {
        n++;
        car += v;
      }
    }
    const cut: WindowCut = d0 + t2 >= end ? cutLabel : null;
    if (cut !== null) {
      const avail = Math.max(0, Math.min(end - 1, d0 + t2) - (d0 + t1) + 1);
      const by = cut === 'asOf' ? `asOf (${effectiveAsOf ?? calendar[end - 1]})` : `end of data (${calendar[end - 1]})`;
      warnings.push({
        code: 'window_cut',
        message: `window [${t1},${t2}] cut by ${by}: ${avail} of ${t2 - t1 + 1} trading days available, ${n} returns`,
      });
    }
    if (n === 0) {
      windowResults.push({ from: t1, to: t2, car: null, t: null, p: null, n, cut, dollar_impact: null });
      continue;
    }
    const t = car / Math.sqrt(n * sigma2);
    let dollar: WindowResult['dollar_impact'] = null;
    const mvIdx = d0 + t1 - 1;
    if (sharesOk && mvIdx >= 0 && mvIdx < end) {
      const c = close[mvIdx] as number;
      if (c === c) dollar = { usd: car * c * (shares as number), label: DOLLAR_IMPACT_LABEL };
    }
    windowResults.push({ from: t1, to: t2, car, t, p: twoSidedP(t, df), n, cut, dollar_impact: dollar });
  }

  out.result = { estimation: estimationSummary, daily, windows: windowResults };
  return out;
}
