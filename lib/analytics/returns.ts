import type { Bar, PreparedSeries } from './types';

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Price used for returns: adj_close, falling back to close when adj_close is null (per bar). */
export function returnPrice(bar: Bar): number {
  const p = bar.adj_close ?? bar.close;
  return Number.isFinite(p) && p > 0 ? p : NaN;
}

function isSorted(bars: readonly Bar[]): boolean {
  for (let i = 1; i < bars.length; i++) if ((bars[i - 1] as Bar).date > (bars[i] as Bar).date) return false;
  return true;
}

function sortedBars(bars: readonly Bar[]): readonly Bar[] {
  if (isSorted(bars)) return bars;
  // Stable sort keeps the input order among duplicate dates (the last one wins below).
  return [...bars].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Index of the first calendar entry >= date within [0, end). */
export function lowerBound(calendar: readonly string[], date: string, end = calendar.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((calendar[mid] as string) < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of calendar entries <= date within [0, end). */
export function upperBound(calendar: readonly string[], date: string, end = calendar.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((calendar[mid] as string) <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Benchmark calendar and returns. Exported separately so that many tickers sharing one
 * benchmark can reuse it (pass the result to prepareSeries).
 */
export type PreparedBenchmark = { calendar: string[]; mret: Float64Array };

export function prepareBenchmark(benchmarkBars: readonly Bar[]): PreparedBenchmark {
  const bars = sortedBars(benchmarkBars);
  const calendar: string[] = [];
  const prices: number[] = [];
  for (const b of bars) {
    if (!DATE_RE.test(b.date)) continue;
    const last = calendar.length - 1;
    if (last >= 0 && calendar[last] === b.date) {
      prices[last] = returnPrice(b); // duplicate date: the last bar wins
      continue;
    }
    calendar.push(b.date);
    prices.push(returnPrice(b));
  }
  const n = calendar.length;
  const mret = new Float64Array(n);
  if (n > 0) mret[0] = NaN;
  for (let i = 1; i < n; i++) mret[i] = (prices[i] as number) / (prices[i - 1] as number) - 1; // NaN propagates
  return { calendar, mret };
}

/**
 * Aligns the ticker's bars to the benchmark's trading calendar and computes simple daily
 * returns once. A calendar day without a ticker bar gives a missing (NaN) return for that day
 * and the next. Ticker bars on non-calendar days are ignored. `asOf` (YYYY-MM-DD) limits the
 * usable days to those on or before it (runEventStudy may restrict further with its own asOf).
 */
export function prepareSeries(
  tickerBars: readonly Bar[],
  benchmark: readonly Bar[] | PreparedBenchmark,
  asOf?: string | null,
): PreparedSeries {
  const bench = Array.isArray(benchmark) ? prepareBenchmark(benchmark) : (benchmark as PreparedBenchmark);
  const { calendar, mret } = bench;
  const n = calendar.length;
  const price = new Float64Array(n).fill(NaN);
  const close = new Float64Array(n).fill(NaN);
  const bars = sortedBars(tickerBars);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const day = calendar[i] as string;
    while (j < bars.length && (bars[j] as Bar).date < day) j++;
    // Take the last of possibly several bars with this date.
    while (j < bars.length && (bars[j] as Bar).date === day) {
      const b = bars[j] as Bar;
      price[i] = returnPrice(b);
      close[i] = Number.isFinite(b.close) && b.close > 0 ? b.close : NaN;
      j++;
    }
  }
  const ret = new Float64Array(n);
  if (n > 0) ret[0] = NaN;
  for (let i = 1; i < n; i++) ret[i] = (price[i] as number) / (price[i - 1] as number) - 1;
  const a = asOf ?? null;
  const end = a === null ? n : upperBound(calendar, a);
  return { calendar, ret, mret, close, end, asOf: a };
}
