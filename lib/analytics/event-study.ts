import { mapDay0 } from './day0';
import { MODELS } from './models';
import { abnormalReturn, expectedReturn, fitEstimation, newFit, requiredEstimationReturns, type Fit } from './estimation';
import { abnormalVolume, logVolumes, volumeBaseline } from './volume';
import { DATE_RE, prepareSeries, upperBound } from './returns';
import { twoSidedP } from './stats';
import type {
  DailyRow,
  EstimationSummary,
  EventStudyInput,
  EventStudyParams,
  EventStudyResult,
  PreparedSeries,
  VolumeStudy,
  WindowCut,
  WindowResult,
} from './types';

export { MODELS } from './models';

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

export { MIN_ESTIMATION_RETURNS, requiredEstimationReturns } from './estimation';

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

/** The volume mode: abnormal log volume over the days of the daily rows and over each window. */
function volumeStudy(
  series: PreparedSeries,
  fit: Fit,
  d0: number,
  lo: number,
  hi: number,
  windows: EventStudyParams['windows'],
  need: number,
): VolumeStudy {
  const { volume, calendar } = series;
  const lv = logVolumes(series);
  const base = volumeBaseline(lv, fit.estStart, fit.estEnd, need);
  if (typeof base === 'string') return { reason: base, estimation: null, daily: [], windows: [] };
  const daily: VolumeStudy['daily'] = [];
  let running = 0;
  for (let i = lo; i <= hi; i++) {
    const av = abnormalVolume(lv, i, base);
    if (av === av) running += av;
    const v = volume[i] as number;
    daily.push({ day: i - d0, date: calendar[i] as string, volume: v === v ? v : null, av: av === av ? av : null, cav: running });
  }
  const out: VolumeStudy['windows'] = windows.map(([t1, t2]) => {
    let n = 0;
    let cav = 0;
    for (let i = Math.max(lo, d0 + t1); i <= Math.min(hi, d0 + t2); i++) {
      const av = abnormalVolume(lv, i, base);
      if (av === av) {
        n++;
        cav += av;
      }
    }
    return n === 0 ? { from: t1, to: t2, cav: null, t: null, n } : { from: t1, to: t2, cav, t: cav / (base.sd * Math.sqrt(n)), n };
  });
  return { reason: null, estimation: { n: base.n, mean: base.mean, sd: base.sd }, daily, windows: out };
}

// One scratch fit for every call: runEventStudy is synchronous and copies what it returns.
const sharedFit = newFit();

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
  const { calendar, close } = series;
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

  // ---- estimation (the shared kernel)
  const fit = sharedFit;
  const { ret, mret: bret } = series;
  if (!fitEstimation(series, d0, model, estimation, gap, fit)) {
    if (fit.failure === 'too_few_returns')
      out.reason = `only ${fit.n} estimation returns before ${m0.date}; need at least ${requiredEstimationReturns(estimation)}`;
    else if (fit.failure === 'zero_benchmark_variance') out.reason = `benchmark returns have zero variance in the estimation window; beta is undefined`;
    else out.reason = `estimation residual variance is zero or undefined; t-statistics cannot be computed`;
    return out;
  }
  const L = fit.n;
  const df = fit.df;
  const sigma2 = fit.sigma2;
  const sigma = Math.sqrt(sigma2);
  if (L < estEnd - estStartDeclared + 1) {
    warnings.push({
      code: 'missing_returns',
      message: `${estEnd - estStartDeclared + 1 - L} of ${estimation} estimation returns missing or unavailable (excluded)`,
    });
  }
  const estimationSummary: EstimationSummary = {
    start: calendar[fit.estStart] as string,
    end: calendar[estEnd] as string,
    n: L,
    alpha: model === 'market' ? fit.alpha : null,
    beta: model === 'market' ? fit.beta : null,
    sigma,
    df,
    r2: fit.r2,
  };

  // ---- abnormal returns over the widest window (only days available: >= 0 and < end).
  // Daily rows are objects: built only when asked (summary reads and batches skip them).
  const lo = Math.max(0, evLo);
  const hi = Math.min(end - 1, evHi);
  const span = hi >= lo ? hi - lo + 1 : 0;
  const wantDaily = input.daily !== false;
  const daily: DailyRow[] = wantDaily ? new Array<DailyRow>(span) : [];
  let missingDates: string[] | null = null;
  let running = 0;
  for (let k = 0; k < span; k++) {
    const i = lo + k;
    const a = abnormalReturn(fit, ret, bret, i);
    if (a === a) running += a;
    else (missingDates ??= []).push(calendar[i] as string);
    if (wantDaily) {
      const r = ret[i] as number;
      const rm = bret[i] as number;
      const expected = expectedReturn(fit, rm);
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
  }
  if (missingDates !== null)
    warnings.push({
      code: 'missing_returns',
      message: `missing returns in event window (excluded): ${missingDates.join(', ')}`,
    });

  // ---- windows: CAR summed in calendar order over the days with an abnormal return
  const shares = input.sharesOutstanding ?? null;
  const sharesOk = shares !== null && Number.isFinite(shares) && shares > 0;
  const windowResults: WindowResult[] = [];
  for (const [t1, t2] of windows) {
    const a = Math.max(lo, d0 + t1);
    const b = Math.min(hi, d0 + t2);
    let n = 0;
    let car = 0;
    for (let i = a; i <= b; i++) {
      const v = abnormalReturn(fit, ret, bret, i);
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
  if (input.volume) out.result.volume = volumeStudy(series, fit, d0, lo, hi, windows, requiredEstimationReturns(estimation));
  return out;
}
