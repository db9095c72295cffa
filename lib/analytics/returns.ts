import type { Bar, PreparedSeries, ReturnsKind } from './types';

export { RETURNS_KINDS } from './models';

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

/** Volume used for abnormal volume: finite and >= 0, else NaN (unknown). */
function volumeOf(bar: Bar): number {
  const v = bar.volume;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : NaN;
}

/**
 * In place: prices → returns, simple p[i]/p[i-1] − 1 or log ln(p[i]/p[i-1]); NaN where a price
 * is missing (NaN propagates), and at 0 (no previous day). Walks backwards, so each step still
 * reads the previous price.
 */
function pricesToReturns(a: Float64Array, n: number, kind: ReturnsKind): void {
  if (kind === 'log') for (let i = n - 1; i >= 1; i--) a[i] = Math.log((a[i] as number) / (a[i - 1] as number));
  else for (let i = n - 1; i >= 1; i--) a[i] = (a[i] as number) / (a[i - 1] as number) - 1;
  if (n > 0) a[0] = NaN;
}

/**
 * Benchmark calendar and returns. Exported separately so that many tickers sharing one
 * benchmark can reuse it (pass the result to prepareSeries).
 */
export type PreparedBenchmark = { calendar: string[]; mret: Float64Array; returns: ReturnsKind };

export function prepareBenchmark(benchmarkBars: readonly Bar[], returns: ReturnsKind = 'simple'): PreparedBenchmark {
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
  const mret = Float64Array.from(prices);
  pricesToReturns(mret, mret.length, returns);
  return { calendar, mret, returns };
}

// prepareSeries' passes are small functions of their own: each is optimised on its own type
// feedback (one large function kept being deoptimised at branches it had not met yet).

/**
 * The common case (the ticker trades on the benchmark's days: one bar per calendar day, in
 * order): prices, closes and volumes in one pass (returnPrice, the close check and volumeOf
 * inlined: this loop reads every bar of every ticker). False at the first bar that is not.
 */
function readAligned(bars: readonly Bar[], calendar: readonly string[], price: Float64Array, close: Float64Array, volume: Float64Array): boolean {
  const n = calendar.length;
  if (bars.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const b = bars[i] as Bar;
    if (b.date !== calendar[i]) return false;
    const c = b.close;
    const p = b.adj_close ?? c;
    price[i] = p > 0 && p < Infinity ? p : NaN;
    close[i] = c > 0 && c < Infinity ? c : NaN;
    const v = b.volume;
    volume[i] = typeof v === 'number' && v >= 0 && v < Infinity ? v : NaN;
  }
  return true;
}

/** The general case: merge sorted bars into the calendar (the last bar of a duplicated date wins). */
function readMerged(tickerBars: readonly Bar[], calendar: readonly string[], buffer: Float64Array, price: Float64Array, close: Float64Array, volume: Float64Array): void {
  const n = calendar.length;
  buffer.fill(NaN, 0, 3 * n);
  const bars = sortedBars(tickerBars);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const day = calendar[i] as string;
    while (j < bars.length && (bars[j] as Bar).date < day) j++;
    while (j < bars.length && (bars[j] as Bar).date === day) {
      const b = bars[j++] as Bar;
      price[i] = returnPrice(b);
      close[i] = Number.isFinite(b.close) && b.close > 0 ? b.close : NaN;
      volume[i] = volumeOf(b);
    }
  }
}

function logVolumesInto(volume: Float64Array, out: Float64Array): void {
  for (let i = 0; i < volume.length; i++) out[i] = Math.log1p(volume[i] as number);
}

/** Prefix counts of the days missing a return (retGaps) or a return or benchmark return (gaps). */
function countGaps(ret: Float64Array, mret: Float64Array, gaps: Int32Array, retGaps: Int32Array): void {
  let all = 0;
  let own = 0;
  for (let i = 0; i < ret.length; i++) {
    const r = ret[i] as number;
    const m = mret[i] as number;
    if (r !== r) own++;
    if (r !== r || m !== m) all++;
    gaps[i] = all;
    retGaps[i] = own;
  }
}

/** Float64 words a series needs per calendar day: returns, close, volume, log volume, and two Int32 gap counts. */
export const SERIES_WORDS = 5;

/**
 * Aligns the ticker's bars to the benchmark's trading calendar and computes daily returns once
 * (simple, or log with `returns: 'log'`; a prepared benchmark brings its own kind). A calendar
 * day without a ticker bar gives a missing (NaN) return for that day and the next. Ticker bars
 * on non-calendar days are ignored. `asOf` (YYYY-MM-DD) limits the usable days to those on or
 * before it (runEventStudy may restrict further with its own asOf). With `buffer`, the series
 * lives in that buffer: it is valid until the buffer is lent again.
 */
export function prepareSeries(
  tickerBars: readonly Bar[],
  benchmark: readonly Bar[] | PreparedBenchmark,
  asOf?: string | null,
  options: { returns?: ReturnsKind; buffer?: Float64Array; logVolume?: boolean } = {},
): PreparedSeries {
  const bench = Array.isArray(benchmark) ? prepareBenchmark(benchmark, options.returns) : (benchmark as PreparedBenchmark);
  if (options.returns !== undefined && options.returns !== bench.returns)
    throw new RangeError(`prepareSeries: the benchmark was prepared with ${bench.returns} returns, not ${options.returns}`);
  const { calendar, mret } = bench;
  const n = calendar.length;
  // One allocation per ticker, or none when the caller lends a buffer of at least SERIES_WORDS × n (a loop
  // over many tickers that uses each series before preparing the next): typed arrays of this size
  // live outside the JS heap, and each allocation brings the next full garbage collection closer.
  // Prices are written into the returns' slot, then turned into returns in place.
  // (A ticker whose bars are not exactly the calendar's days takes the general merge.)
  const buffer = options.buffer && options.buffer.length >= SERIES_WORDS * n ? options.buffer : new Float64Array(SERIES_WORDS * n);
  const ret = buffer.subarray(0, n);
  const close = buffer.subarray(n, 2 * n);
  const volume = buffer.subarray(2 * n, 3 * n);
  const logVolume = options.logVolume ? buffer.subarray(3 * n, 4 * n) : null;
  const gaps = new Int32Array(buffer.buffer, buffer.byteOffset + 4 * n * 8, n);
  const retGaps = new Int32Array(buffer.buffer, buffer.byteOffset + 4 * n * 8 + n * 4, n);
  if (!readAligned(tickerBars, calendar, ret, close, volume)) readMerged(tickerBars, calendar, buffer, ret, close, volume);
  pricesToReturns(ret, n, bench.returns);
  if (logVolume) logVolumesInto(volume, logVolume);
  countGaps(ret, mret, gaps, retGaps);
  const a = asOf ?? null;
  const end = a === null ? n : upperBound(calendar, a);
  return { calendar, ret, mret, close, volume, logVolume, gaps, retGaps, end, asOf: a, returns: bench.returns };
}
