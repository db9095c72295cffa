// Event-study results as CSV records: one row per (event, ticker, window), and one per
// (narrative, ticker) aggregate. The JSON shapes come from lib/analytics and lib/contracts.
import type { NarrativeAggregate } from '@/lib/analytics/narratives';
import type { EventWindow } from '@/lib/analytics/params';
import type { ImpactResult } from '@/lib/contracts/read';
import type { ExportRecord } from '@/lib/csv/cells';

/** "code: message" per warning; a result-less study leads with "no_result: <reason>". */
export function impactWarnings(r: ImpactResult): string[] {
  const out = r.result === null && r.reason ? [`no_result: ${r.reason}`] : [];
  return out.concat(r.warnings.map((w) => `${w.code}: ${w.message}`));
}

/** One row per (event, ticker, window); a study without a result still gives one row per window. */
export function impactRecords(r: ImpactResult, windows: readonly EventWindow[]): ExportRecord[] {
  const warnings = impactWarnings(r);
  const est = r.result?.estimation ?? null;
  const base = {
    event_id: r.event_id,
    event_date: r.event_date,
    day0: r.day0?.date ?? null,
    day0_reason: r.day0?.reason ?? null,
    ticker: r.ticker,
    benchmark: r.benchmark,
    model: r.model,
  };
  const stats = {
    alpha: est?.alpha ?? null,
    beta: est?.beta ?? null,
    sigma: est?.sigma ?? null,
    estimation_n: est?.n ?? null,
    warnings,
  };
  if (r.result === null) {
    return windows.map(([from, to]) => ({ ...base, window_from: from, window_to: to, car: null, t_stat: null, p_value: null, n: null, ...stats }));
  }
  return r.result.windows.map((w) => ({ ...base, window_from: w.from, window_to: w.to, car: w.car, t_stat: w.t, p_value: w.p, n: w.n, ...stats }));
}

/** `events` lists the ids of the events with a CAR, in date order. */
export function narrativeRecord(a: NarrativeAggregate): ExportRecord {
  return {
    narrative: a.narrative,
    ticker: a.ticker,
    events: a.events.map((e) => e.event_id),
    mean_car: a.mean_car,
    t_stat: a.t_stat,
    p_value: a.p_value,
    cumulative_car: a.cumulative_car,
    share_negative: a.share_negative,
  };
}
