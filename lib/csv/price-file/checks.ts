// The checks of one data row, field by field. Each check reports what is wrong with its field to
// the log (with line, column and a message that says how to fix it) and returns the value it
// read, or null when there is none to keep. The validator decides what a rejected row means.
import { isTickerSymbol } from '@/lib/domain/schemas';
import { show, where, type ProblemLog } from './problems';
import type { ColumnLayout, NumericField, PriceProblem } from './types';

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A plain decimal number: optional sign, digits, optional fraction. No exponent, no separators. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Relative tolerance for close within [low, high]. */
const RANGE_TOLERANCE = 1e-9;

/**
 * The row as a whole: on one line, as many fields as the header, no stray quote in a price
 * column. Returns the problem of a row with too few fields, which the validator amends if the
 * row turns out to be the last one (a truncated file).
 */
export function checkRowShape(fields: string[], line: number, endLine: number, layout: ColumnLayout, log: ProblemLog): PriceProblem | null {
  // A quoted value that swallowed line breaks: the quote was not closed on its own line.
  if (endLine > line) {
    const idx = fields.findIndex(hasNewline);
    const column = idx >= 0 ? (layout.fieldByIndex[idx] ?? null) : null;
    log.error(line, column, 'malformed_row', `${where(line, column)}: a quote opened on line ${line} is not closed on that line; the row runs on to line ${endLine} (lines ${line}–${endLine} rejected)`);
    return null;
  }
  if (fields.length !== layout.width) {
    const p = log.error(line, null, 'malformed_row', `${where(line, null)}: expected ${layout.width} fields as in the header, found ${fields.length}`);
    return fields.length < layout.width ? p : null;
  }
  for (let i = 0; i < fields.length; i += 1) {
    const name = layout.fieldByIndex[i] ?? null;
    const v = fields[i] ?? '';
    if (name !== null && v.includes('"')) {
      log.error(line, name, 'malformed_row', `${where(line, name)}: stray quote character in ${JSON.stringify(v)}`);
    }
  }
  return null;
}

function hasNewline(s: string): boolean {
  return s.includes('\n') || s.includes('\r');
}

/** The trimmed text of the cell at `index`, '' when the column is absent. */
export function cellText(fields: string[], index: number | undefined): string {
  return index === undefined ? '' : (fields[index] ?? '').trim();
}

/** Yahoo writes "null" in every value cell for days it has no data. Returns whether the row is one. */
export function checkNullRow(fields: string[], line: number, layout: ColumnLayout, log: ProblemLog): boolean {
  const { numericColumns } = layout;
  if (numericColumns.length === 0) return false;
  for (const { index } of numericColumns) if (cellText(fields, index).toLowerCase() !== 'null') return false;
  log.error(line, null, 'null_row', `${where(line, null)}: every value is null (Yahoo writes null for days without data); remove the row`);
  return true;
}

/** The symbol, upper-cased, or null when the cell is empty or not a ticker. */
export function checkTicker(raw: string, line: number, log: ProblemLog): string | null {
  if (raw === '') {
    log.error(line, 'ticker', 'missing_value', `${where(line, 'ticker')}: the ticker is empty`);
    return null;
  }
  if (!isTickerSymbol(raw)) {
    log.error(line, 'ticker', 'invalid_ticker', `${where(line, 'ticker')}: ${show(raw)} is not a ticker symbol (letters, digits, ^ . - =, at most 20)`);
    return null;
  }
  return raw.toUpperCase();
}

/** Days since 1970-01-01 for a real YYYY-MM-DD date, else null. A weekend is only a warning. */
export function checkDate(raw: string, line: number, log: ProblemLog): number | null {
  if (raw === '') {
    log.error(line, 'date', 'missing_value', `${where(line, 'date')}: the date is empty`);
    return null;
  }
  const m = ISO_DATE.exec(raw);
  if (m === null) {
    log.error(line, 'date', 'unparseable_date', `${where(line, 'date')}: ${show(raw)} is not a date in YYYY-MM-DD form`);
    return null;
  }
  const day = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === null) {
    log.error(line, 'date', 'unparseable_date', `${where(line, 'date')}: ${raw} is not a real calendar date`);
    return null;
  }
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  if (weekday === 0 || weekday === 6) {
    log.warning(line, 'date', 'weekend_date', `${where(line, 'date')}: ${raw} is a ${WEEKDAYS[weekday]}, when markets are closed (row kept)`);
  }
  return day;
}

/** Days since the epoch for a valid Y-M-D, or null for an impossible calendar date. */
function calendarDay(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const back = new Date(0);
  back.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, does not map years 0-99 to 1900-1999
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return Math.round(back.getTime() / 86_400_000);
}

/**
 * A price or the volume: a plain, finite, non-negative decimal. Null when the cell is empty or
 * Yahoo's "null" (an error only for close, which every bar needs) or when it is rejected.
 */
export function checkNumber(field: NumericField, raw: string, line: number, log: ProblemLog): number | null {
  if (raw === '' || raw.toLowerCase() === 'null') {
    if (field === 'close') log.error(line, 'close', 'missing_value', `${where(line, 'close')}: the close price is ${raw === '' ? 'empty' : 'null'}`);
    return null;
  }
  const decimal = DECIMAL.test(raw);
  const n = decimal ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n)) {
    log.error(line, field, 'non_numeric', `${where(line, field)}: ${show(raw)} ${decimal ? 'is too large' : whyNotNumeric(raw)}`);
    return null;
  }
  if (n < 0) {
    if (field === 'volume') log.error(line, field, 'negative_volume', `${where(line, field)}: volume ${raw} is negative`);
    else log.error(line, field, 'negative_price', `${where(line, field)}: price ${raw} is negative`);
    return null;
  }
  return n === 0 ? 0 : n; // normalise -0
}

function whyNotNumeric(raw: string): string {
  if (/^[+-]?(nan|inf|infinity)$/i.test(raw)) return 'is not a finite number';
  if (/^[+-]?0x/i.test(raw)) return 'is hexadecimal, not a decimal number';
  if (/^[+-]?[\d.,]+$/.test(raw) && raw.includes(','))
    return 'contains a comma (thousands separator or decimal comma); write plain digits with a dot, e.g. 1234.5';
  if (/^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(raw))
    return 'is in scientific notation (was the file saved by a spreadsheet?); write the full number';
  return 'is not a plain decimal number';
}

/** The values read from a row's price cells (null when absent or rejected). */
export type PriceValues = { high: number | null; low: number | null; close: number | null };

/** High at or above low, and close within [low, high] up to float noise; messages quote the cells as written. */
export function checkPriceRange({ high, low, close }: PriceValues, fields: string[], line: number, layout: ColumnLayout, log: ProblemLog): void {
  const { columns } = layout;
  if (high !== null && low !== null && high < low) {
    log.error(line, 'high', 'high_below_low', `${where(line, 'high')}: ${cellText(fields, columns.high)} is below low ${cellText(fields, columns.low)}`);
    return;
  }
  if (close === null) return;
  const scale = Math.max(Math.abs(close), Math.abs(high ?? 0), Math.abs(low ?? 0));
  const eps = scale * RANGE_TOLERANCE;
  if (low !== null && close < low - eps) {
    log.error(line, 'close', 'close_outside_range', `${where(line, 'close')}: ${cellText(fields, columns.close)} is below low ${cellText(fields, columns.low)}`);
  } else if (high !== null && close > high + eps) {
    log.error(line, 'close', 'close_outside_range', `${where(line, 'close')}: ${cellText(fields, columns.close)} is above high ${cellText(fields, columns.high)}`);
  }
}

/**
 * The same (ticker, date) twice in a file. Fed every row with a valid date, so a duplicate of a
 * rejected row is still reported. Keys are numbers, not strings, to keep a million rows small.
 */
export class DuplicateDateCheck {
  private readonly tickerIndex = new Map<string, number>();
  private readonly firstLine = new Map<number, number>();

  check(ticker: string | null, day: number, dateRaw: string, line: number, log: ProblemLog): void {
    // Days for years 0000-9999 lie within (-800000, 3200000): one 4M-wide slot per ticker.
    const key = this.tickerKey(ticker) * 4_000_000 + (day + 800_000);
    const first = this.firstLine.get(key);
    if (first === undefined) {
      this.firstLine.set(key, line);
      return;
    }
    const who = ticker === null ? dateRaw : `${ticker} ${dateRaw}`;
    log.error(line, 'date', 'duplicate_date', `${where(line, 'date')}: ${who} appears twice, on line ${first} and on line ${line}`);
  }

  private tickerKey(ticker: string | null): number {
    const t = ticker ?? '';
    let k = this.tickerIndex.get(t);
    if (k === undefined) {
      k = this.tickerIndex.size;
      this.tickerIndex.set(t, k);
    }
    return k;
  }
}
