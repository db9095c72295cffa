// The dashboard's time axis: the extent of the data, the domain the URL or a range preset asks
// for, and clamping a zoom or brush to the data. Times are UTC milliseconds at midnight.
import { presetRange, type Preset } from '@/lib/view-state';
import { fromTime, toTime } from './timeline';

export type Domain = [number, number];

type Dated = { date: string };

/** What the chart spans before any price or entry has loaded. */
const EMPTY_EXTENT: Domain = [toTime('2024-01-01'), toTime('2025-12-31')];

/** Used when the URL names no range: recent enough to read, long enough to show the trend. */
export const DEFAULT_PRESET: Preset = '6M';

/**
 * First to last date over every ticker's bars and the timeline entries. Each list is in date
 * order (as the API returns it), so only its ends are read.
 */
export function dataExtent(barLists: Iterable<readonly Dated[]>, entries: readonly Dated[]): Domain {
  const dates: string[] = [];
  for (const bars of barLists) if (bars.length) dates.push(bars[0]!.date, bars[bars.length - 1]!.date);
  if (entries.length) dates.push(entries[0]!.date, entries[entries.length - 1]!.date);
  if (dates.length === 0) return EMPTY_EXTENT;
  dates.sort();
  return [toTime(dates[0]!), toTime(dates[dates.length - 1]!)];
}

type Listed = { symbol: string; first_date: string | null; last_date: string | null };

/**
 * The extent from the ticker list (each ticker's first and last bar date) and the entries: known
 * before any bar loads, so the server renders the same range the browser will draw.
 */
export function listedExtent(tickers: readonly Listed[], selected: readonly string[], entries: readonly Dated[]): Domain {
  const dated = tickers
    .filter((t) => selected.includes(t.symbol) && t.first_date && t.last_date)
    .map((t) => [{ date: t.first_date! }, { date: t.last_date! }]);
  return dataExtent(dated, entries);
}

/** The primary ticker's last bar date from the ticker list, else from its bars, else the extent's end. */
export function listedLastPrice(tickers: readonly Listed[], primary: string, primaryBars: readonly Dated[], extent: Domain): string {
  return tickers.find((t) => t.symbol === primary)?.last_date ?? lastPriceDate(primaryBars, extent);
}

/** The primary ticker's last bar date; the extent's end while it has no bars. */
export function lastPriceDate(primaryBars: readonly Dated[], extent: Domain): string {
  return primaryBars.length ? primaryBars[primaryBars.length - 1]!.date : fromTime(extent[1]);
}

/** The domain of a range preset: it ends at the as-of date when that is earlier than the last price. */
export function presetDomain(preset: Preset, asOf: string | null, lastPrice: string, extent: Domain): Domain {
  const end = asOf && asOf < lastPrice ? asOf : lastPrice;
  const [from, to] = presetRange(preset, end, [fromTime(extent[0]), fromTime(extent[1])]);
  return [toTime(from), toTime(to)];
}

/** The domain the URL asks for: its from/to when they make a range, else the default preset. */
export function urlDomain(range: { from: string | null; to: string | null; asOf: string | null }, lastPrice: string, extent: Domain): Domain {
  if (range.from && range.to && range.from < range.to) return [toTime(range.from), toTime(range.to)];
  return presetDomain(DEFAULT_PRESET, range.asOf, lastPrice, extent);
}

/** A zoomed or brushed domain kept inside the data's extent. */
export function clampDomain(domain: Domain, extent: Domain): Domain {
  return [Math.max(extent[0], domain[0]), Math.min(extent[1], domain[1])];
}

/** Whether a date (YYYY-MM-DD) lies inside the domain, ends included. */
export function inDomain(date: string, domain: Domain): boolean {
  const t = toTime(date);
  return t >= domain[0] && t <= domain[1];
}
