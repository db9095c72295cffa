// The crosshair readout (issue 16, item 2): snapped to a trading day, it reads every line in the
// chart's current mode, the primary ticker's abnormal return that day with its t, and the events
// of that day. The abnormal return is the same event study the markers use (market model,
// estimation window ending 11 trading days before), run with that day as day 0 and window [0,0].
import { bisector } from 'd3';
import { prepareSeries, runEventStudy, type Bar, type EventStudyParams, type PreparedSeries } from '@/lib/analytics';
import type { Series } from './timeline';

const byDate = bisector((d: string) => d);

/** Trading days of the lines, ascending and unique (a line's dates are its trading days). */
export function tradingDays(series: readonly Series[]): string[] {
  if (series.length === 0) return [];
  // Usually every line has the same days: start from the longest and sort only if others add any.
  const longest = series.reduce((a, b) => (b.points.length > a.points.length ? b : a));
  const set = new Set(longest.points.map((p) => p.date));
  let added = false;
  for (const s of series)
    if (s !== longest)
      for (const p of s.points)
        if (!set.has(p.date)) {
          set.add(p.date);
          added = true;
        }
  const days = [...set];
  return added ? days.sort() : days;
}

/** The trading day nearest to `date` (YYYY-MM-DD), or null when there are none. */
export function snapDay(days: readonly string[], date: string): string | null {
  if (days.length === 0) return null;
  const i = byDate.left(days, date);
  if (i <= 0) return days[0]!;
  if (i >= days.length) return days[days.length - 1]!;
  const before = days[i - 1]!;
  const after = days[i]!;
  return Date.parse(after) - Date.parse(date) <= Date.parse(date) - Date.parse(before) ? after : before;
}

/** The trading day `steps` away from `day` (clamped to the ends). */
export function stepDay(days: readonly string[], day: string | null, steps: number): string | null {
  if (days.length === 0) return null;
  if (day === null) return steps >= 0 ? days[0]! : days[days.length - 1]!;
  const i = byDate.left(days, day);
  return days[Math.max(0, Math.min(days.length - 1, i + steps))]!;
}

export type ReadoutLine = { ticker: string; value: number | null; change: number | null };

/** Each line's value and daily change on `day` (null where the line has no point that day). */
export function readLines(series: readonly Series[], day: string): ReadoutLine[] {
  return series.map((s) => {
    const i = bisector((p: { date: string }) => p.date).left(s.points, day);
    const p = s.points[i];
    return p && p.date === day ? { ticker: s.ticker, value: p.value, change: p.change } : { ticker: s.ticker, value: null, change: null };
  });
}

/**
 * Events whose trading day is `day`: dated on it, or on the non-trading days since the previous
 * trading day (a Sunday announcement meets the market on Monday).
 */
export function eventsOnDay<E extends { date: string }>(entries: readonly E[], days: readonly string[], day: string): E[] {
  const i = byDate.left(days, day);
  const prev = i > 0 ? days[i - 1]! : '';
  return entries.filter((e) => e.date > prev && e.date <= day);
}

export type DayAbnormal = { ar: number | null; t: number | null; p: number | null; reason: string | null };

/** Prepare once per (primary, benchmark, as-of); then `abnormalOn` is cheap per day. */
export function prepareAbnormal(primary: readonly Bar[], benchmark: readonly Bar[], asOf: string | null): PreparedSeries {
  return prepareSeries(primary, benchmark, asOf);
}

/** The primary ticker's abnormal return on `day` (window [0,0]) with its t and p, or why there is none. */
export function abnormalOn(series: PreparedSeries, day: string, params: Pick<EventStudyParams, 'model' | 'estimation' | 'gap'>, ids: { ticker: string; benchmark: string }): DayAbnormal {
  const r = runEventStudy({ event: { id: `day-${day}`, date: day }, ticker: ids.ticker, benchmark: ids.benchmark, params: { ...params, windows: [[0, 0]] }, series });
  const w = r.result?.windows[0];
  if (!w) return { ar: null, t: null, p: null, reason: r.reason ?? 'no estimate' };
  return { ar: w.car, t: w.t, p: w.p, reason: w.car === null ? 'no return that day' : null };
}
