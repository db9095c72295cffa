// How a parser report becomes an import: which bars to record, which problems refuse the file,
// and the JSON the import, its preview and `npm run import:prices` answer with.
import type { ImportReportFields, ImportResponse } from '@/lib/contracts/price-import';
import type { ImportSummary } from '@/lib/domain/reference';
import { MAX_REPORTED, type ParsedBar, type PriceFileFormat, type PriceFileReport, type PriceProblem } from './types';

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

/** The plan's problems in the shape every import answer carries them. */
export function reportFields(report: PriceFileReport, plan: ImportPlan): ImportReportFields {
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
