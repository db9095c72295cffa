// The price-file import contract, shared by POST /api/prices/{ticker}/import, its preview and
// `npm run import:prices`: limits, accepted content types, how a parser report becomes an
// import plan (which bars to record, which problems refuse the file) and the JSON shapes.
import { z } from 'zod';
import { AppError } from '@/lib/domain/errors';
import { MAX_REPORTED, type ParsedBar, type PriceFileFormat, type PriceFileReport, type PriceProblem } from '@/lib/csv/price-file/types';
import type { ImportSummary } from '@/lib/domain/reference';

/** Largest price file accepted (bytes, UTF-8): ~350,000 daily rows. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const importQuery = z.object({
  onInvalid: z.enum(['reject', 'skip'], { message: 'must be reject or skip' }).optional(),
});

const CSV_TYPES = new Set(['text/csv', 'application/csv']);

/** 415 unless the body is declared as CSV (charset, when given, must be UTF-8). */
export function checkCsvContentType(request: Request): void {
  const raw = request.headers.get('content-type') ?? '';
  const [type = '', ...params] = raw.split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (!CSV_TYPES.has(type))
    throw new AppError('unsupported_media_type', `send the price file as the request body with Content-Type: text/csv (got ${raw ? `"${raw}"` : 'none'})`);
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new AppError('unsupported_media_type', `price files must be UTF-8 (got charset=${charset})`);
}

/** 413 before reading anything when the declared length is over the limit. */
export function checkDeclaredLength(request: Request, limit = IMPORT_MAX_BYTES): void {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw tooLargeError(limit, declared);
}

export function tooLargeError(limit: number, declared?: number, report?: PriceFileReport): AppError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new AppError(
    'too_large',
    `the price file is larger than the limit of ${mb(limit)}${declared ? ` (${mb(declared)} declared)` : ''}; split it, or import it with npm run import:prices`,
    { limit_bytes: limit, ...(report ? { errors: report.errors.slice(0, 1) } : {}) },
  );
}

/** Chunks of a web ReadableStream (request.body), cancelling the stream if the reader stops early. */
export async function* streamChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export type ImportPlan = {
  /** Whether the file may be recorded (all-or-nothing: no errors; skip: at least one valid bar). */
  ok: boolean;
  /** Valid bars for the target ticker, in file order (the parser's objects, not copies). */
  bars: ParsedBar[];
  errors: PriceProblem[];
  errorCount: number;
  warnings: PriceProblem[];
  warningCount: number;
  /** Data rows rejected because of an error. */
  skipped: number;
  skippedLines: number[];
  /** Rows of other tickers in a multi-ticker export, left out: { AMD: 374 }. */
  ignored: Record<string, number>;
  message: string;
};

function pushCapped(list: PriceProblem[], p: PriceProblem): void {
  if (list.length < MAX_REPORTED) list.push(p);
}

/**
 * Decide what an import of `report` into `symbol` records. Rows of other tickers (our own export
 * may hold several) are left out with a warning; a file with no rows for `symbol` is refused.
 */
export function planImport(report: PriceFileReport, symbol: string, options: { skipInvalid: boolean }): ImportPlan {
  const errors = [...report.errors];
  const warnings = [...report.warnings];
  let errorCount = report.errorCount;
  let warningCount = report.warningCount;
  const ignored: Record<string, number> = {};
  const firstLine: Record<string, number> = {};
  let bars: ParsedBar[] = report.bars;
  if (report.bars.some((b) => b.ticker !== null && b.ticker !== symbol)) {
    bars = [];
    for (const b of report.bars) {
      if (b.ticker === null || b.ticker === symbol) bars.push(b);
      else {
        ignored[b.ticker] = (ignored[b.ticker] ?? 0) + 1;
        firstLine[b.ticker] ??= b.line;
      }
    }
    for (const [t, n] of Object.entries(ignored)) {
      warningCount += 1;
      pushCapped(warnings, {
        line: firstLine[t]!,
        column: 'ticker',
        code: 'other_ticker',
        message: `line ${firstLine[t]}, column ticker: ${n} row${n === 1 ? '' : 's'} for ${t} (first here) left out; this import is for ${symbol}`,
        severity: 'warning',
      });
    }
  }
  if (report.errorCount === 0 && !report.tooLarge && bars.length === 0 && report.rows > 0) {
    errorCount += 1;
    pushCapped(errors, {
      line: 1,
      column: 'ticker',
      code: 'no_rows_for_ticker',
      message: `line 1, column ticker: the file has no rows for ${symbol} (it holds ${Object.keys(ignored).join(', ')})`,
      severity: 'error',
    });
  }
  const skipped = report.skippedLines.length;
  const ok = !report.tooLarge && bars.length > 0 && (errorCount === 0 || (options.skipInvalid && onlyRowErrors(errors, report)));
  // Neutral wording: each entry point adds what it did ("nothing was recorded") and its own hint.
  let message: string;
  if (ok) message = errorCount === 0 ? `${bars.length} valid rows` : `${bars.length} valid rows; ${skipped} invalid row${skipped === 1 ? '' : 's'} skipped`;
  else if (report.tooLarge) message = 'the file is too large';
  else if (errorCount === 0) message = 'the file has no data rows';
  else message = `the file has ${errorCount} problem${errorCount === 1 ? '' : 's'}${bars.length === 0 ? ' and no valid rows' : ''}`;
  return {
    ok,
    bars,
    errors,
    errorCount,
    warnings,
    warningCount,
    skipped,
    skippedLines: report.skippedLines.slice(0, MAX_REPORTED),
    ignored,
    message,
  };
}

/** The parser gave up reading here (unclosed quote, giant record, unreadable CSV): not skippable. */
const STOPPED = /reading stopped|could not be read/;

/**
 * With onInvalid=skip, errors that belong to rejected rows are skippable; a file-level problem
 * (bad header, delimiter, unreadable rest of file, no rows for the ticker) is not.
 */
function onlyRowErrors(errors: PriceProblem[], report: PriceFileReport): boolean {
  if (report.skippedLines.length === 0) return false;
  const rowLines = new Set(report.skippedLines);
  return errors.every((e) => rowLines.has(e.line) && e.code !== 'no_rows_for_ticker' && !STOPPED.test(e.message));
}

/** The problem report as returned by the API (422 body, preview, and the skip summary). */
export function reportFields(report: PriceFileReport, plan: ImportPlan) {
  return {
    format: report.format,
    rows: report.rows,
    valid: plan.bars.length,
    errorCount: plan.errorCount,
    errors: plan.errors,
    warningCount: plan.warningCount,
    warnings: plan.warnings,
    skipped: plan.skipped,
    skippedLines: plan.skippedLines,
    ignored: plan.ignored,
  };
}

export type ImportResponse = {
  ticker: string;
  format: PriceFileFormat | null;
  rows: number;
  inserted: number;
  unchanged: number;
  corrected: number;
  skipped: number;
  ignored: Record<string, number>;
  warnings: number;
  /** Position of the last event written, or null when nothing changed. */
  position: number | null;
  positions: number[];
  message: string;
  problems: { errors: PriceProblem[]; errorCount: number; warnings: PriceProblem[]; skippedLines: number[] };
};

export function importResponse(
  symbol: string,
  report: PriceFileReport,
  plan: ImportPlan,
  result: ImportSummary & { positions: number[]; position: number | null },
): ImportResponse {
  const changed = result.inserted + result.corrected;
  const parts = [`${result.inserted} inserted`, `${result.unchanged} unchanged`, `${result.corrected} corrected`];
  if (plan.skipped > 0) parts.push(`${plan.skipped} skipped`);
  const message =
    changed === 0
      ? `nothing changed: all ${result.unchanged} bars for ${symbol} are already recorded with the same values; nothing was written to the ledger`
      : `${symbol}: ${parts.join(', ')}`;
  return {
    ticker: symbol,
    format: report.format,
    rows: report.rows,
    inserted: result.inserted,
    unchanged: result.unchanged,
    corrected: result.corrected,
    skipped: plan.skipped,
    ignored: plan.ignored,
    warnings: plan.warningCount,
    position: result.position,
    positions: result.positions,
    message,
    problems: { errors: plan.errors, errorCount: plan.errorCount, warnings: plan.warnings, skippedLines: plan.skippedLines },
  };
}

/** Where the bars came from, as recorded in the event's `source` and the metadata. */
export function sourceLabel(format: PriceFileFormat | null, via: string, fileName?: string | null): string {
  const name = fileName?.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return `${format ?? 'csv'} file${name ? ` ${name}` : ''} via ${via}`;
}

/** POST /api/prices/{ticker}/import/preview: the report, the first rows and what the import would record. */
export type PreviewResponse = ReturnType<typeof reportFields> & {
  ticker: string;
  ok: boolean;
  message: string;
  would: ImportSummary | null;
  preview: (Omit<ParsedBar, 'ticker'> & { line: number })[];
};

/** The 422/413 body: the error and, for 422, the report. */
export type RefusedResponse = { error: string; message: string } & Partial<ReturnType<typeof reportFields>>;
