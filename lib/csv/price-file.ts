// Daily price files brought by analysts (Yahoo Finance, Stooq, Impactline's own export):
// detect the format from the header, parse with csv-parse's streaming parser, validate
// record by record and report every problem with its physical line and column.
//
// This module only parses and validates. It never writes anything; the caller decides
// what to do with `bars` (normally: refuse the file when `errorCount > 0`).
//
// Memory: the input is fed to the parser in slices (strings) or as it arrives (async
// iterables), records are validated one at a time, and only the compact valid bars plus
// a (ticker, date) -> line index for duplicate detection are kept.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { PriceBar } from '../domain/schemas';

export type PriceFileFormat = 'yahoo' | 'stooq' | 'impactline';

export type PriceProblemCode =
  | 'empty_file'
  | 'missing_column'
  | 'duplicate_column'
  | 'unknown_column'
  | 'wrong_delimiter'
  | 'malformed_row'
  | 'null_row'
  | 'missing_value'
  | 'unparseable_date'
  | 'weekend_date'
  | 'non_numeric'
  | 'negative_price'
  | 'negative_volume'
  | 'high_below_low'
  | 'close_outside_range'
  | 'duplicate_date'
  | 'invalid_ticker'
  | 'too_large';

export type PriceProblem = {
  /** 1-based physical line in the file (the header is line 1 unless blank lines precede it). */
  line: number;
  /** Canonical field name (date, open, high, low, close, adj_close, volume, ticker), the header
   *  text for an unknown column, or null when the problem concerns the whole row/file. */
  column: string | null;
  code: PriceProblemCode | (string & {});
  message: string;
  severity: 'error' | 'warning';
};

export type ParsedBar = PriceBar & { ticker: string | null; line: number };

export type PriceFileReport = {
  format: PriceFileFormat | null;
  /** Data rows seen (blank lines and the header are not counted). */
  rows: number;
  /** Valid rows (rows with an error are excluded; warnings do not exclude), in file order. */
  bars: ParsedBar[];
  /** First MAX_REPORTED errors only. */
  errors: PriceProblem[];
  errorCount: number;
  /** First MAX_REPORTED warnings only. */
  warnings: PriceProblem[];
  warningCount: number;
  /** Lines of data rows rejected because of an error. */
  skippedLines: number[];
  tooLarge: boolean;
};

export type ParsePriceFileOptions = {
  /** Maximum size of the input in bytes (UTF-8). Exceeding it stops reading: see `tooLarge`. */
  maxBytes?: number;
  /** Called every PROGRESS_EVERY data rows with the number of rows seen so far. */
  onProgress?: (rows: number) => void;
};

export const MAX_REPORTED = 200;
export const PROGRESS_EVERY = 10_000;
/** Slice size used to feed a string input to the parser. */
const STRING_SLICE = 64 * 1024;
/** A price row is ~100 characters; anything this long is not a price file. */
const MAX_RECORD_CHARS = 100_000;
/** Relative tolerance for close within [low, high]. */
const RANGE_TOLERANCE = 1e-9;

type Field = 'date' | 'open' | 'high' | 'low' | 'close' | 'adj_close' | 'volume' | 'ticker';
const NUMERIC_FIELDS = ['open', 'high', 'low', 'close', 'adj_close', 'volume'] as const;
type NumericField = (typeof NUMERIC_FIELDS)[number];

const HEADER_ALIASES: Record<string, Field> = {
  date: 'date',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  'adj close': 'adj_close',
  adjclose: 'adj_close',
  volume: 'volume',
  ticker: 'ticker',
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A plain decimal number: optional sign, digits, optional fraction. No exponent, no separators. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const TICKER = /^[A-Za-z0-9^.\-=]{1,20}$/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ---------------------------------------------------------------------------------------------
// Input: turn any accepted input into a stream of byte chunks, enforcing maxBytes.

type Input = string | Uint8Array | AsyncIterable<string | Uint8Array>;

class TooLargeSignal extends Error {
  constructor() {
    super('price file exceeds maxBytes');
  }
}

function toBuffer(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function* rawChunks(input: Input): AsyncGenerator<Buffer> {
  if (typeof input === 'string') {
    for (let start = 0; start < input.length; ) {
      let end = Math.min(start + STRING_SLICE, input.length);
      // Do not cut a surrogate pair in two (it would turn into U+FFFD twice).
      const last = input.charCodeAt(end - 1);
      if (end < input.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
      yield Buffer.from(input.slice(start, end), 'utf8');
      start = end;
    }
    return;
  }
  if (input instanceof Uint8Array) {
    const buf = toBuffer(input);
    for (let start = 0; start < buf.length; start += STRING_SLICE) {
      yield buf.subarray(start, start + STRING_SLICE);
    }
    return;
  }
  for await (const chunk of input) {
    const buf = toBuffer(chunk);
    if (buf.length > 0) yield buf;
  }
}

async function* limitedChunks(input: Input, maxBytes: number | undefined): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of rawChunks(input)) {
    if (maxBytes !== undefined && total + chunk.length > maxBytes) {
      // Let the parser read up to the limit (so the report names the line where reading
      // stopped and the problems before it), then stop.
      if (maxBytes > total) yield chunk.subarray(0, maxBytes - total);
      throw new TooLargeSignal();
    }
    total += chunk.length;
    yield chunk;
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function where(line: number, column: string | null): string {
  return column === null ? `line ${line}` : `line ${line}, column ${column}`;
}

/** A cell value for a message: as is when plain, JSON-quoted when empty or containing spaces/quotes. */
function show(value: string): string {
  const v = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return v === '' || /[\s"\\]/.test(v) ? JSON.stringify(v) : v;
}

function normalizeHeader(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

function describeDelimiter(d: string): string {
  return d === ';' ? "';' (semicolon)" : d === '\t' ? 'tabs' : `'${d}'`;
}

/** Days since the epoch for a valid Y-M-D, or null for an impossible calendar date. */
function calendarDay(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const back = new Date(0);
  back.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, does not map years 0-99 to 1900-1999
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return Math.round(back.getTime() / 86_400_000);
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

function hasNewline(s: string): boolean {
  return s.includes('\n') || s.includes('\r');
}

// ---------------------------------------------------------------------------------------------
// The validator: one instance per file, fed record by record.

type Columns = Partial<Record<Field, number>>;

class Validator {
  format: PriceFileFormat | null = null;
  rows = 0;
  bars: ParsedBar[] = [];
  errors: PriceProblem[] = [];
  errorCount = 0;
  warnings: PriceProblem[] = [];
  warningCount = 0;
  skippedLines: number[] = [];

  /** Header seen and accepted. */
  ready = false;
  /** Fatal problem: stop reading. */
  stopped = false;
  headerLine = 0;
  private headerSeen = false;
  private cols: Columns = {};
  private width = 0;
  private numericCols: { field: NumericField; index: number }[] = [];
  private fieldNameByIndex: (string | null)[] = [];
  private tickerIndex = new Map<string, number>();
  private seen = new Map<number, number>();
  private lastRow: { line: number; short: PriceProblem | null } | null = null;
  private rowHasError = false;

  constructor(private readonly onProgress?: (rows: number) => void) {}

  problem(line: number, column: string | null, code: PriceProblemCode, message: string, severity: 'error' | 'warning' = 'error'): PriceProblem {
    const p: PriceProblem = { line, column, code, message, severity };
    if (severity === 'error') {
      this.errorCount += 1;
      this.rowHasError = true;
      if (this.errors.length < MAX_REPORTED) this.errors.push(p);
    } else {
      this.warningCount += 1;
      if (this.warnings.length < MAX_REPORTED) this.warnings.push(p);
    }
    return p;
  }

  columnName(index: number): string | null {
    return this.fieldNameByIndex[index] ?? null;
  }

  /** One parsed record; `line` is where it starts, `endLine` where it ends. */
  record(fields: string[], line: number, endLine: number): void {
    if (fields.every((f) => f.trim() === '')) return; // blank line (or a row of bare delimiters)
    if (!this.headerSeen) {
      this.headerSeen = true;
      this.headerLine = line;
      this.header(fields, line);
      return;
    }
    this.rows += 1;
    if (this.onProgress && this.rows % PROGRESS_EVERY === 0) this.onProgress(this.rows);
    this.rowHasError = false;
    const short = this.row(fields, line, endLine);
    this.lastRow = { line, short };
    if (this.rowHasError) this.skippedLines.push(line);
  }

  // -- header --------------------------------------------------------------------------------

  private header(fields: string[], line: number): void {
    const first = (fields[0] ?? '').trim();
    const looksHtml = /^<(!doctype|html|head|body|\?xml|!--|[a-z])/i.test(first);
    const looksJson = /^[[{]/.test(first);
    const found: Columns = {};
    const unknown: { index: number; name: string }[] = [];
    this.fieldNameByIndex = fields.map(() => null);
    fields.forEach((name, index) => {
      const field = HEADER_ALIASES[normalizeHeader(name)];
      if (field === undefined) {
        unknown.push({ index, name: name.trim() });
        return;
      }
      if (found[field] !== undefined) {
        this.problem(line, field, 'duplicate_column', `${where(line, field)}: the header names column ${field} twice (fields ${found[field] + 1} and ${index + 1})`);
        this.stopped = true;
        return;
      }
      found[field] = index;
      this.fieldNameByIndex[index] = field;
    });
    if (this.stopped) return;

    const missing = (['date', 'close'] as const).filter((f) => found[f] === undefined);
    if (missing.length > 0) {
      this.stopped = true;
      const raw = fields.join(',');
      if (!looksHtml && !looksJson) {
        for (const d of [';', '\t', '|']) {
          const parts = raw.split(d).map((p) => HEADER_ALIASES[normalizeHeader(p.replace(/^"|"$/g, ''))]);
          if (parts.length > 1 && (parts.includes('date') || parts.includes('close'))) {
            this.problem(
              line,
              null,
              'wrong_delimiter',
              `${where(line, null)}: fields are separated by ${describeDelimiter(d)}, not commas; export the file as comma-separated (CSV) with a dot as the decimal separator`,
            );
            return;
          }
        }
      }
      const known = Object.keys(found).length;
      if (looksHtml || looksJson || known === 0) {
        const hint = looksHtml
          ? 'looks like HTML, e.g. an error page saved as .csv'
          : looksJson
            ? 'looks like JSON'
            : ISO_DATE.test(first)
              ? 'the first line looks like data: is the header row missing?'
              : `found: ${fields.map((f) => show(f.trim())).join(', ').slice(0, 200)}`;
        this.problem(line, null, 'missing_column', `${where(line, null)}: this is not a CSV price file (header has no date/close columns; ${hint})`);
        return;
      }
      const present = fields.map((f) => f.trim()).join(', ');
      for (const f of missing) {
        this.problem(line, f, 'missing_column', `${where(line, null)}: the header has no ${f} column (found: ${present}); a price file needs at least date and close`);
      }
      return;
    }

    for (const u of unknown) {
      const label = u.name === '' ? `#${u.index + 1}` : u.name;
      this.problem(line, u.name === '' ? null : u.name, 'unknown_column', `${where(line, u.name === '' ? null : u.name)}: column ${u.name === '' ? `${label} has no name` : `"${label}" is not a price column`} and is ignored`, 'warning');
    }

    this.cols = found;
    this.width = fields.length;
    this.numericCols = NUMERIC_FIELDS.flatMap((field) => {
      const index = found[field];
      return index === undefined ? [] : [{ field, index }];
    });
    const adjIndex = found.adj_close;
    const adjRaw = adjIndex === undefined ? '' : normalizeHeader(fields[adjIndex] ?? '');
    const adjUnderscore = adjIndex !== undefined && (fields[adjIndex] ?? '').includes('_');
    this.format =
      found.ticker !== undefined || adjUnderscore
        ? 'impactline'
        : adjRaw !== ''
          ? 'yahoo'
          : 'stooq';
    this.ready = true;
  }

  // -- data row ------------------------------------------------------------------------------

  /** Validates one data row; returns the short-row problem if the row had too few fields. */
  private row(fields: string[], line: number, endLine: number): PriceProblem | null {
    // A quoted value that swallowed line breaks: the quote was not closed on its own line.
    if (endLine > line) {
      const idx = fields.findIndex(hasNewline);
      const column = idx >= 0 ? this.columnName(idx) : null;
      this.problem(line, column, 'malformed_row', `${where(line, column)}: a quote opened on line ${line} is not closed on that line; the row runs on to line ${endLine} (lines ${line}–${endLine} rejected)`);
      return null;
    }
    if (fields.length !== this.width) {
      const p = this.problem(line, null, 'malformed_row', `${where(line, null)}: expected ${this.width} fields as in the header, found ${fields.length}`);
      return fields.length < this.width ? p : null;
    }
    for (let i = 0; i < fields.length; i += 1) {
      const name = this.columnName(i);
      const v = fields[i] ?? '';
      if (name !== null && v.includes('"')) {
        this.problem(line, name, 'malformed_row', `${where(line, name)}: stray quote character in ${JSON.stringify(v)}`);
      }
    }
    if (this.rowHasError) return null;

    const cell = (index: number | undefined): string => (index === undefined ? '' : (fields[index] ?? '').trim());

    // Yahoo writes "null" in every value cell for days it has no data.
    if (this.numericCols.length > 0 && this.numericCols.every(({ index }) => cell(index).toLowerCase() === 'null')) {
      this.problem(line, null, 'null_row', `${where(line, null)}: every value is null (Yahoo writes null for days without data); remove the row`);
      return null;
    }

    // Ticker.
    let ticker: string | null = null;
    let tickerOk = true;
    if (this.cols.ticker !== undefined) {
      const raw = cell(this.cols.ticker);
      if (raw === '') {
        tickerOk = false;
        this.problem(line, 'ticker', 'missing_value', `${where(line, 'ticker')}: the ticker is empty`);
      } else if (!TICKER.test(raw)) {
        tickerOk = false;
        this.problem(line, 'ticker', 'invalid_ticker', `${where(line, 'ticker')}: ${show(raw)} is not a ticker symbol (letters, digits, ^ . - =, at most 20)`);
      } else {
        ticker = raw.toUpperCase();
      }
    }

    // Date.
    const dateRaw = cell(this.cols.date);
    let day: number | null = null;
    if (dateRaw === '') {
      this.problem(line, 'date', 'missing_value', `${where(line, 'date')}: the date is empty`);
    } else {
      const m = ISO_DATE.exec(dateRaw);
      if (m === null) {
        this.problem(line, 'date', 'unparseable_date', `${where(line, 'date')}: ${show(dateRaw)} is not a date in YYYY-MM-DD form`);
      } else {
        day = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
        if (day === null) {
          this.problem(line, 'date', 'unparseable_date', `${where(line, 'date')}: ${dateRaw} is not a real calendar date`);
        } else {
          const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
          if (weekday === 0 || weekday === 6) {
            this.problem(line, 'date', 'weekend_date', `${where(line, 'date')}: ${dateRaw} is a ${WEEKDAYS[weekday]}, when markets are closed (row kept)`, 'warning');
          }
        }
      }
    }

    // Numbers.
    const values: Record<NumericField, number | null> = { open: null, high: null, low: null, close: null, adj_close: null, volume: null };
    const bad = new Set<NumericField>();
    for (const { field, index } of this.numericCols) {
      const raw = cell(index);
      if (raw === '' || raw.toLowerCase() === 'null') {
        if (field === 'close') {
          bad.add(field);
          this.problem(line, 'close', 'missing_value', `${where(line, 'close')}: the close price is ${raw === '' ? 'empty' : 'null'}`);
        }
        continue;
      }
      const n = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) {
        bad.add(field);
        const why = DECIMAL.test(raw) ? 'is too large' : whyNotNumeric(raw);
        this.problem(line, field, 'non_numeric', `${where(line, field)}: ${show(raw)} ${why}`);
        continue;
      }
      if (n < 0) {
        bad.add(field);
        if (field === 'volume') this.problem(line, field, 'negative_volume', `${where(line, field)}: volume ${raw} is negative`);
        else this.problem(line, field, 'negative_price', `${where(line, field)}: price ${raw} is negative`);
        continue;
      }
      values[field] = n === 0 ? 0 : n; // normalise -0
    }

    const { high, low, close } = values;
    if (high !== null && low !== null && high < low) {
      this.problem(line, 'high', 'high_below_low', `${where(line, 'high')}: ${cell(this.cols.high)} is below low ${cell(this.cols.low)}`);
    } else if (close !== null && !bad.has('close')) {
      const scale = Math.max(Math.abs(close), Math.abs(high ?? 0), Math.abs(low ?? 0));
      const eps = scale * RANGE_TOLERANCE;
      if (low !== null && close < low - eps) {
        this.problem(line, 'close', 'close_outside_range', `${where(line, 'close')}: ${cell(this.cols.close)} is below low ${cell(this.cols.low)}`);
      } else if (high !== null && close > high + eps) {
        this.problem(line, 'close', 'close_outside_range', `${where(line, 'close')}: ${cell(this.cols.close)} is above high ${cell(this.cols.high)}`);
      }
    }

    // Duplicates: same ticker and date twice in the file (checked for every row with a valid
    // date, so a duplicate of a rejected row is still reported).
    if (day !== null && tickerOk) {
      // Days for years 0000-9999 lie within (-800000, 3200000): one 4M-wide slot per ticker.
      const key = this.tickerKey(ticker) * 4_000_000 + (day + 800_000);
      const first = this.seen.get(key);
      if (first !== undefined) {
        const who = ticker === null ? dateRaw : `${ticker} ${dateRaw}`;
        this.problem(line, 'date', 'duplicate_date', `${where(line, 'date')}: ${who} appears twice, on line ${first} and on line ${line}`);
      } else {
        this.seen.set(key, line);
      }
    }

    if (!this.rowHasError && close !== null) {
      this.bars.push({
        date: dateRaw,
        open: values.open,
        high: values.high,
        low: values.low,
        close,
        adj_close: values.adj_close,
        volume: values.volume,
        ticker,
        line,
      });
    }
    return null;
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

  /** The input exceeded maxBytes: reported first in `errors`, whatever the cap. */
  tooLarge(line: number, message: string): void {
    this.errorCount += 1;
    this.errors.unshift({ line, column: null, code: 'too_large', message, severity: 'error' });
    if (this.errors.length > MAX_REPORTED) this.errors.pop();
  }

  /** A data row the CSV parser could not read (counted and listed as rejected). */
  unreadableRow(line: number): void {
    this.rows += 1;
    this.skippedLines.push(line);
  }

  /** End of input reached normally. */
  finish(): void {
    if (!this.headerSeen) {
      this.problem(1, null, 'empty_file', 'line 1: the file is empty');
      return;
    }
    if (this.ready && this.rows === 0) {
      this.problem(this.headerLine, null, 'empty_file', `${where(this.headerLine, null)}: the file has a header but no data rows`);
      return;
    }
    const last = this.lastRow;
    if (last?.short) last.short.message += '; the last line looks truncated (incomplete file?)';
  }
}

// ---------------------------------------------------------------------------------------------
// Public API.

type CsvErrorLike = Error & { code?: unknown; column?: unknown; lines?: unknown };

/** Thrown from the record callback to stop reading after a fatal header problem. */
class StopSignal extends Error {
  constructor() {
    super('price file: stop reading');
  }
}

/**
 * Parses and validates a daily price file. Never throws for bad content: every problem is in
 * the report. Rejects only if reading the input itself fails or `onProgress` throws.
 */
export async function parsePriceFile(
  input: Input,
  options: ParsePriceFileOptions = {},
): Promise<PriceFileReport> {
  const v = new Validator(options.onProgress);
  let nextLine = 1; // where the next record starts
  const parser = parse({
    bom: true,
    relax_column_count: true, // field counts are checked here, per line
    relax_quotes: true, // stray quotes are reported here, per cell
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_CHARS,
    // Records are validated synchronously, in file order, as the parser produces them, and
    // never queued: the parser's readable side stays empty, so memory does not grow with the file.
    on_record: (record: string[], context) => {
      const end = context.lines;
      v.record(record, nextLine, end);
      nextLine = end + 1;
      if (v.stopped) throw new StopSignal();
      return null;
    },
  });
  const sink = new Writable({
    objectMode: true,
    write: (_chunk, _encoding, callback) => callback(),
  });

  let tooLarge = false;
  try {
    await pipeline(Readable.from(limitedChunks(input, options.maxBytes)), parser, sink);
  } catch (err) {
    if (err instanceof StopSignal) {
      // fatal problem already reported
    } else if (err instanceof TooLargeSignal) {
      tooLarge = true;
    } else if (err instanceof Error && typeof (err as CsvErrorLike).code === 'string' && String((err as CsvErrorLike).code).startsWith('CSV_')) {
      const e = err as CsvErrorLike;
      const endLine = typeof e.lines === 'number' ? e.lines : nextLine;
      const column = v.ready && typeof e.column === 'number' ? v.columnName(e.column) : null;
      if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
        v.problem(nextLine, column, 'malformed_row', `${where(nextLine, column)}: a quote opened on line ${nextLine} is never closed; the rest of the file (lines ${nextLine}–${Math.max(nextLine, endLine)}) could not be read`);
      } else if (e.code === 'CSV_MAX_RECORD_SIZE') {
        v.problem(nextLine, null, 'malformed_row', `${where(nextLine, null)}: a row longer than ${MAX_RECORD_CHARS} characters; this is not a price file (reading stopped)`);
      } else {
        v.problem(nextLine, column, 'malformed_row', `${where(nextLine, column)}: the CSV could not be read here (${e.message}); reading stopped`);
      }
      v.stopped = true;
      if (v.ready) v.unreadableRow(nextLine);
    } else {
      throw err;
    }
  }

  if (tooLarge) {
    const limit = options.maxBytes ?? 0;
    v.tooLarge(nextLine, `${where(nextLine, null)}: the file is larger than the limit of ${limit} bytes; reading stopped here`);
  } else if (!v.stopped) {
    v.finish();
  }

  return {
    format: v.format,
    rows: v.rows,
    bars: tooLarge ? [] : v.bars,
    errors: v.errors,
    errorCount: v.errorCount,
    warnings: v.warnings,
    warningCount: v.warningCount,
    skippedLines: v.skippedLines,
    tooLarge,
  };
}

/**
 * Groups parsed bars per ticker (rows without a ticker column go under `defaultTicker`),
 * each list sorted by date, with the parser's `ticker`/`line` bookkeeping stripped.
 */
export function groupBarsByTicker(bars: readonly ParsedBar[], defaultTicker: string): Map<string, PriceBar[]> {
  const out = new Map<string, PriceBar[]>();
  for (const b of bars) {
    const key = b.ticker ?? defaultTicker;
    let list = out.get(key);
    if (list === undefined) {
      list = [];
      out.set(key, list);
    }
    list.push({ date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adj_close: b.adj_close, volume: b.volume });
  }
  for (const list of out.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}
