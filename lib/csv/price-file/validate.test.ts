import { describe, expect, it } from 'vitest';
import { MAX_REPORTED } from './types';
import { PriceFileValidator } from './validate';

/** Feeds one record per physical line, as a CSV reader without multi-line quotes would. */
function validate(lines: string[], onProgress?: (rows: number) => void) {
  const validator = new PriceFileValidator(onProgress);
  for (const [i, line] of lines.entries()) {
    validator.record(line.split(','), i + 1, i + 1);
    if (validator.stopped) break;
  }
  return validator;
}
const codes = (v: PriceFileValidator) => v.report().errors.map((e) => [e.code, e.line, e.column]);

describe('PriceFileValidator', () => {
  it('given a header and rows, keeps the valid bars in file order with their lines', () => {
    const report = validate(['ticker,date,close,volume', 'nvda,2024-01-02,48.168,411254000', 'AMD,2024-01-02,138.58,']).report();
    expect(report).toEqual({
      format: 'impactline',
      rows: 2,
      bars: [
        { date: '2024-01-02', open: null, high: null, low: null, close: 48.168, adj_close: null, volume: 411254000, ticker: 'NVDA', line: 2 },
        { date: '2024-01-02', open: null, high: null, low: null, close: 138.58, adj_close: null, volume: null, ticker: 'AMD', line: 3 },
      ],
      errors: [],
      errorCount: 0,
      warnings: [],
      warningCount: 0,
      skippedLines: [],
      tooLarge: false,
    });
  });

  it('skips blank records before the header and between rows, keeping physical lines', () => {
    const v = validate(['', ' , ', 'Date,Close', '2024-01-02,1', '', '2024-01-03,x']);
    const report = v.report();
    expect(report.rows).toBe(2);
    expect(report.format).toBe('stooq');
    expect(codes(v)).toEqual([['non_numeric', 6, 'close']]);
    expect(report.skippedLines).toEqual([6]);
  });

  it('reports every problem of a rejected row and keeps the others', () => {
    const v = validate(['date,open,close,volume', '2024-01-02,-1,48,1e5', '2024-01-03,1,2,3']);
    expect(codes(v)).toEqual([
      ['negative_price', 2, 'open'],
      ['non_numeric', 2, 'volume'],
    ]);
    expect(v.report().bars.map((b) => b.line)).toEqual([3]);
  });

  it('a duplicate of a rejected row is still reported', () => {
    const v = validate(['date,close', '2024-01-02,x', '2024-01-02,1']);
    expect(codes(v)).toEqual([
      ['non_numeric', 2, 'close'],
      ['duplicate_date', 3, 'date'],
    ]);
  });

  it('a row with an invalid ticker is not checked for duplicates', () => {
    const v = validate(['ticker,date,close', 'NV DA,2024-01-02,1', 'NV DA,2024-01-02,1']);
    expect(codes(v)).toEqual([
      ['invalid_ticker', 2, 'ticker'],
      ['invalid_ticker', 3, 'ticker'],
    ]);
  });

  it('a weekend date is a warning and the bar is kept', () => {
    const report = validate(['date,close', '2024-01-06,1']).report();
    expect(report.warnings.map((w) => w.code)).toEqual(['weekend_date']);
    expect(report.bars).toHaveLength(1);
  });

  it('stops at a refused header and reads nothing after it', () => {
    const validator = new PriceFileValidator();
    validator.record(['Date;Close'], 1, 1);
    expect(validator.stopped).toBe(true);
    validator.record(['2024-01-02;1'], 2, 2);
    const report = validator.report();
    expect(report.format).toBeNull();
    expect(report.rows).toBe(0);
    expect(report.errors.map((e) => e.code)).toEqual(['wrong_delimiter']);
  });

  it('an empty input, or a header alone, is an empty file', () => {
    expect(new PriceFileValidator().report().errors).toEqual([{ line: 1, column: null, code: 'empty_file', message: 'line 1: the file is empty', severity: 'error' }]);
    expect(validate(['', 'date,close']).report().errors).toEqual([
      { line: 2, column: null, code: 'empty_file', message: 'line 2: the file has a header but no data rows', severity: 'error' },
    ]);
  });

  it('a short last row is pointed out as a truncated file; a short row before it is not', () => {
    const v = validate(['date,open,close', '2024-01-02,1', '2024-01-03,1,1', '2024-01-04,1']);
    expect(v.report().errors.map((e) => e.message)).toEqual([
      'line 2: expected 3 fields as in the header, found 2',
      'line 4: expected 3 fields as in the header, found 2; the last line looks truncated (incomplete file?)',
    ]);
  });

  it('an unreadable rest of file is counted as one rejected row and stops reading', () => {
    const v = validate(['date,close', '2024-01-02,1']);
    v.unreadable(3, 'close', 'line 3, column close: a quote opened on line 3 is never closed');
    expect(v.stopped).toBe(true);
    const report = v.report();
    expect(report.rows).toBe(2);
    expect(report.skippedLines).toEqual([3]);
    expect(report.bars).toHaveLength(1);
    expect(codes(v)).toEqual([['malformed_row', 3, 'close']]);
  });

  it('an unreadable header is not counted as a row', () => {
    const v = new PriceFileValidator();
    v.unreadable(1, null, 'line 1: the CSV could not be read here');
    expect(v.report()).toMatchObject({ rows: 0, skippedLines: [], errorCount: 1 });
  });

  it('input cut by the byte limit: too_large first, whatever the cap, and no bars', () => {
    const lines = ['date,close,volume'];
    for (let i = 0; i < 300; i += 1) lines.push(`${new Date(Date.UTC(2000, 0, 3) + i * 86_400_000).toISOString().slice(0, 10)},1,-1`);
    const v = validate(lines);
    v.tooLarge(302, 5000);
    const report = v.report();
    expect(report.tooLarge).toBe(true);
    expect(report.bars).toEqual([]);
    expect(report.errors[0]).toEqual({ line: 302, column: null, code: 'too_large', message: 'line 302: the file is larger than the limit of 5000 bytes; reading stopped here', severity: 'error' });
    expect(report.errors).toHaveLength(MAX_REPORTED);
    expect(report.errorCount).toBe(301);
  });

  it('caps the problems kept at MAX_REPORTED but counts them all', () => {
    const lines = ['date,close'];
    for (let i = 0; i < 250; i += 1) lines.push(`2000-01-01,${-i - 1}`);
    const report = validate(lines).report();
    expect(report.errorCount).toBe(250 + 249); // negative price on each, and 249 duplicates
    expect(report.errors).toHaveLength(MAX_REPORTED);
    expect(report.warningCount).toBe(250);
    expect(report.warnings).toHaveLength(MAX_REPORTED);
    expect(report.skippedLines).toHaveLength(250);
  });

  it('reports progress every 10,000 data rows', () => {
    const lines = ['date,close'];
    for (let t = Date.UTC(1990, 0, 1); lines.length <= 25_000; t += 86_400_000) lines.push(`${new Date(t).toISOString().slice(0, 10)},1`);
    const progress: number[] = [];
    validate(lines, (rows) => progress.push(rows));
    expect(progress).toEqual([10_000, 20_000]);
  });
});
