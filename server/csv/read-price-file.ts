// Reading a daily price file (Yahoo Finance, Stooq, Impactline's own export) from a string, bytes
// or a stream of chunks: enforces the byte limit, decodes UTF-8 (a BOM is dropped), splits records
// with csv-parse's streaming parser and hands each one to the pure validator in lib/csv, which
// reports every problem with its physical line and column.
//
// This module only reads and validates. It never writes anything; the caller decides what to do
// with `bars` (normally: refuse the file when `errorCount > 0`).
//
// Memory: the input is fed to the parser in slices (strings) or as it arrives (async iterables),
// and records are validated one at a time as the parser produces them, never queued.
//
// Not `server-only`: the CLI import and the seed read price files too.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { where } from '@/lib/csv/price-file/problems';
import type { PriceFileReport } from '@/lib/csv/price-file/types';
import { PriceFileValidator } from '@/lib/csv/price-file/validate';

export type PriceFileInput = string | Uint8Array | AsyncIterable<string | Uint8Array>;

export type ParsePriceFileOptions = {
  /** Maximum size of the input in bytes (UTF-8). Exceeding it stops reading: see `tooLarge`. */
  maxBytes?: number;
  /** Called every 10,000 data rows with the number of rows seen so far. */
  onProgress?: (rows: number) => void;
};

/** Slice size used to feed a string input to the parser. */
const STRING_SLICE = 64 * 1024;
/** A price row is ~100 characters; anything this long is not a price file. */
const MAX_RECORD_CHARS = 100_000;

class TooLargeSignal extends Error {
  constructor() {
    super('price file exceeds maxBytes');
  }
}

/** Thrown from the record callback to stop reading after a fatal header problem. */
class StopSignal extends Error {
  constructor() {
    super('price file: stop reading');
  }
}

function toBuffer(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

async function* rawChunks(input: PriceFileInput): AsyncGenerator<Buffer> {
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

async function* limitedChunks(input: PriceFileInput, maxBytes: number | undefined): AsyncGenerator<Buffer> {
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

type CsvErrorLike = Error & { code?: unknown; column?: unknown; lines?: unknown };

function isCsvError(err: unknown): err is CsvErrorLike & { code: string } {
  return err instanceof Error && typeof (err as CsvErrorLike).code === 'string' && String((err as CsvErrorLike).code).startsWith('CSV_');
}

/**
 * Parses and validates a daily price file. Never throws for bad content: every problem is in
 * the report. Rejects only if reading the input itself fails or `onProgress` throws.
 */
export async function parsePriceFile(input: PriceFileInput, options: ParsePriceFileOptions = {}): Promise<PriceFileReport> {
  const validator = new PriceFileValidator(options.onProgress);
  let nextLine = 1; // where the next record starts
  const parser = parse({
    bom: true,
    relax_column_count: true, // field counts are checked by the validator, per line
    relax_quotes: true, // stray quotes are reported by the validator, per cell
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: MAX_RECORD_CHARS,
    // Records are validated synchronously, in file order, as the parser produces them, and
    // never queued: the parser's readable side stays empty, so memory does not grow with the file.
    on_record: (record: string[], context) => {
      const end = context.lines;
      validator.record(record, nextLine, end);
      nextLine = end + 1;
      if (validator.stopped) throw new StopSignal();
      return null;
    },
  });
  const sink = new Writable({
    objectMode: true,
    write: (_chunk, _encoding, callback) => callback(),
  });

  try {
    await pipeline(Readable.from(limitedChunks(input, options.maxBytes)), parser, sink);
  } catch (err) {
    if (err instanceof StopSignal) {
      // fatal problem already reported
    } else if (err instanceof TooLargeSignal) {
      validator.tooLarge(nextLine, options.maxBytes ?? 0);
    } else if (isCsvError(err)) {
      validator.unreadable(nextLine, ...describeCsvError(err, nextLine, validator));
    } else {
      throw err;
    }
  }
  return validator.report();
}

/** The column and message for a record csv-parse could not read, starting on `line`. */
function describeCsvError(e: CsvErrorLike & { code: string }, line: number, validator: PriceFileValidator): [column: string | null, message: string] {
  const endLine = typeof e.lines === 'number' ? e.lines : line;
  const column = typeof e.column === 'number' ? validator.columnName(e.column) : null;
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
    return [column, `${where(line, column)}: a quote opened on line ${line} is never closed; the rest of the file (lines ${line}–${Math.max(line, endLine)}) could not be read`];
  }
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return [null, `${where(line, null)}: a row longer than ${MAX_RECORD_CHARS} characters; this is not a price file (reading stopped)`];
  }
  return [column, `${where(line, column)}: the CSV could not be read here (${e.message}); reading stopped`];
}
