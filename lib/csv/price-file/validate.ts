// The validator of one price file, fed one record at a time (its cells and the physical lines it
// spans) by whatever reads the bytes. The first non-blank record is the header; every later one
// is a data row, checked field by field (checks.ts) and kept as a bar unless it has an error.
//
// Memory: only the compact valid bars, the first MAX_REPORTED problems of each kind and a
// (ticker, date) -> line index for duplicates are kept, so a caller that feeds records as they
// are parsed reads any size of file in bounded working memory besides the bars themselves.
import { cellText, checkDate, checkNullRow, checkNumber, checkPriceRange, checkRowShape, checkTicker, DuplicateDateCheck } from './checks';
import { readHeader } from './format';
import { ProblemLog, where } from './problems';
import type { ColumnLayout, Field, NumericField, ParsedBar, PriceFileReport, PriceProblem } from './types';

/** onProgress is called every this many data rows. */
const PROGRESS_EVERY = 10_000;

const isBlank = (cell: string) => cell.trim() === '';

export class PriceFileValidator {
  private readonly log = new ProblemLog();
  private readonly duplicates = new DuplicateDateCheck();
  private readonly bars: ParsedBar[] = [];
  private readonly skippedLines: number[] = [];
  private rows = 0;
  private headerLine: number | null = null;
  private layout: ColumnLayout | null = null;
  private halted = false;
  private cutShort = false;
  /** The last data row's too-few-fields problem, amended at the end if the file was truncated. */
  private lastShortRow: PriceProblem | null = null;

  constructor(private readonly onProgress?: (rows: number) => void) {}

  /** Whether reading should stop: the header was refused or the rest of the file is unreadable. */
  get stopped(): boolean {
    return this.halted;
  }

  /** The field of header cell `index` once a header is accepted, else null. */
  columnName(index: number): Field | null {
    return this.layout?.fieldByIndex[index] ?? null;
  }

  /** One parsed record starting on physical `line` and ending on `endLine`. */
  record(fields: string[], line: number, endLine: number): void {
    if (fields.every(isBlank)) return; // blank line (or a row of bare delimiters)
    if (this.headerLine === null) {
      this.headerLine = line;
      this.layout = readHeader(fields, line, this.log);
      this.halted = this.layout === null;
      return;
    }
    const { layout } = this;
    if (layout === null) return; // the header was refused: nothing after it is read
    this.rows += 1;
    if (this.onProgress && this.rows % PROGRESS_EVERY === 0) this.onProgress(this.rows);
    const errorsBefore = this.log.errorCount;
    this.lastShortRow = this.row(fields, line, endLine, layout);
    if (this.log.errorCount > errorsBefore) this.skippedLines.push(line);
  }

  /** Validates one data row; returns its problem if it had too few fields. */
  private row(fields: string[], line: number, endLine: number, layout: ColumnLayout): PriceProblem | null {
    const { log } = this;
    const errorsBefore = log.errorCount;
    const short = checkRowShape(fields, line, endLine, layout, log);
    if (log.errorCount > errorsBefore) return short;

    if (checkNullRow(fields, line, layout, log)) return null;

    const { columns } = layout;
    const hasTicker = columns.ticker !== undefined;
    const ticker = hasTicker ? checkTicker(cellText(fields, columns.ticker), line, log) : null;
    const dateRaw = cellText(fields, columns.date);
    const day = checkDate(dateRaw, line, log);
    const values: Record<NumericField, number | null> = { open: null, high: null, low: null, close: null, adj_close: null, volume: null };
    for (const { field, index } of layout.numericColumns) values[field] = checkNumber(field, cellText(fields, index), line, log);
    checkPriceRange(values, fields, line, layout, log);
    const { high, low, close } = values;
    if (day !== null && (!hasTicker || ticker !== null)) this.duplicates.check(ticker, day, dateRaw, line, log);

    if (log.errorCount === errorsBefore && close !== null) {
      this.bars.push({ date: dateRaw, open: values.open, high, low, close, adj_close: values.adj_close, volume: values.volume, ticker, line });
    }
    return null;
  }

  /** The parser could not read on from `line` (unclosed quote, giant record): the rest of the file is lost. */
  unreadable(line: number, column: string | null, message: string): void {
    this.log.error(line, column, 'malformed_row', message);
    this.halted = true;
    // Counted and listed as a rejected data row, unless it was the header itself.
    if (this.layout !== null) {
      this.rows += 1;
      this.skippedLines.push(line);
    }
  }

  /** The input went past `maxBytes` in the record starting at `line`: reported first, whatever the cap; no bars. */
  tooLarge(line: number, maxBytes: number): void {
    this.cutShort = true;
    this.log.errorFirst(line, null, 'too_large', `${where(line, null)}: the file is larger than the limit of ${maxBytes} bytes; reading stopped here`);
  }

  /** The report, once the input has ended, stopped, or been cut short. */
  report(): PriceFileReport {
    if (!this.halted && !this.cutShort) this.finish();
    const { log } = this;
    return {
      format: this.layout?.format ?? null,
      rows: this.rows,
      bars: this.cutShort ? [] : this.bars,
      errors: log.errors,
      errorCount: log.errorCount,
      warnings: log.warnings,
      warningCount: log.warningCount,
      skippedLines: this.skippedLines,
      tooLarge: this.cutShort,
    };
  }

  /** End of input reached normally: an empty file, a header alone, or a truncated last line. */
  private finish(): void {
    if (this.headerLine === null) {
      this.log.error(1, null, 'empty_file', 'line 1: the file is empty');
    } else if (this.rows === 0) {
      this.log.error(this.headerLine, null, 'empty_file', `${where(this.headerLine, null)}: the file has a header but no data rows`);
    } else if (this.lastShortRow !== null) {
      this.lastShortRow.message += '; the last line looks truncated (incomplete file?)';
    }
  }
}
