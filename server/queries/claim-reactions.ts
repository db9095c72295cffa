// "Claim size vs reaction" (issue 15, /narratives): each cost claim in dollars against the
// ticker's CAR around the day it was asserted, and the OLS slope of CAR on log10(dollars).
import { mapDay0 } from '@/lib/analytics';
import { addPair, createSample } from '@/lib/analytics/battery';
import { normaliseClaimReactionParams, paramsHash, returnsOf, type ClaimReactionParamsInput } from '@/lib/analytics/params';
import { simpleRegression } from '@/lib/analytics/stats';
import { placeClaim } from '@/lib/charts/claim-ladder';
import type { ClaimReactionPoint, ClaimReactionsResponse } from '@/lib/contracts/read';
import type { ReadModel } from '@/db/store';
import { prepareContext } from './impacts';

/** Below this many claims the scatter says "too few to conclude". */
export const MIN_CLAIMS_TO_CONCLUDE = 8;

export async function computeClaimReactions(read: ReadModel, input: ClaimReactionParamsInput = {}): Promise<ClaimReactionsResponse> {
  const params = normaliseClaimReactionParams(input);
  const returns = returnsOf(params);
  const ctx = await prepareContext(read, { tickers: [params.ticker], benchmark: params.benchmark, returns, asOf: params.asOf, position: params.position });
  const series = ctx.series.get(params.ticker)!;
  const claims = (await read.listClaims(ctx.clock)).sort((a, b) => (a.asserted_on < b.asserted_on ? -1 : a.asserted_on > b.asserted_on ? 1 : a.id < b.id ? -1 : 1));
  const sample = createSample({ model: params.model, estimation: params.estimation, gap: params.gap, window: params.window }, returns, claims.length);
  const points: ClaimReactionPoint[] = [];
  const excluded: ClaimReactionsResponse['excluded'] = [];
  for (const c of claims) {
    const place = placeClaim(c);
    if (place.axis !== 'usd') {
      excluded.push({ claim: c.id, asserted_on: c.asserted_on, reason: place.axis === 'none' ? `not a dollar amount: ${place.reason}` : `a count (${c.unit}), not a dollar amount` });
      continue;
    }
    if (params.ticker === params.benchmark) {
      excluded.push({ claim: c.id, asserted_on: c.asserted_on, reason: `${params.ticker} is the benchmark: its abnormal return is zero by construction` });
      continue;
    }
    const m = mapDay0(series.calendar, c.asserted_on, null, series.end);
    if (m.index === null) {
      excluded.push({ claim: c.id, asserted_on: c.asserted_on, reason: m.reason });
      continue;
    }
    const i = sample.size;
    const reason = addPair(sample, series, m.index, series.end);
    if (reason !== null) {
      excluded.push({ claim: c.id, asserted_on: c.asserted_on, reason });
      continue;
    }
    const p = sample.p[i]!;
    points.push({
      claim: c.id,
      subject: c.subject,
      metric: c.metric,
      claimant: c.claimant,
      narrative: c.narrative,
      asserted_on: c.asserted_on,
      value_usd: place.amount,
      log10_usd: Math.log10(place.amount),
      day0: m.date,
      car: sample.car[i]!,
      t: sample.t[i]!,
      p: Number.isFinite(p) ? p : null,
    });
  }
  const reg = simpleRegression(
    points.map((p) => p.log10_usd),
    points.map((p) => p.car),
  );
  const base = { n: points.length, min_n: MIN_CLAIMS_TO_CONCLUDE, conclusive: points.length >= MIN_CLAIMS_TO_CONCLUDE };
  const fit: ClaimReactionsResponse['fit'] =
    typeof reg === 'string'
      ? { ...base, slope: null, intercept: null, slope_t: null, slope_p: null, df: null, r2: null, reason: reg }
      : { ...base, slope: reg.slope, intercept: reg.intercept, slope_t: reg.slopeT, slope_p: reg.slopeP, df: reg.df, r2: reg.r2, reason: null };
  return {
    position: ctx.position,
    params,
    params_hash: paramsHash(params),
    ticker: params.ticker,
    window: { from: params.window[0], to: params.window[1] },
    points,
    excluded,
    fit,
  };
}
