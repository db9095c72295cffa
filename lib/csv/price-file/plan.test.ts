import { describe, expect, it } from 'vitest';
import { importResponse, planImport, reportFields, sourceLabel } from './plan';
import { MAX_REPORTED, type ParsedBar, type PriceFileReport, type PriceProblem } from './types';

const bar = (line: number, ticker: string | null = null, date = `2024-01-${String(line).padStart(2, '0')}`): ParsedBar => ({
  date,
  open: null,
  high: null,
  low: null,
  close: 10 + line,
  adj_close: null,
  volume: null,
  ticker,
  line,
});
const problem = (line: number, message = `line ${line}, column close: x is not a plain decimal number`): PriceProblem => ({
  line,
  column: 'close',
  code: 'non_numeric',
  message,
  severity: 'error',
});
function report(fields: Partial<PriceFileReport>): PriceFileReport {
  return { format: 'impactline', rows: 0, bars: [], errors: [], errorCount: 0, warnings: [], warningCount: 0, skippedLines: [], tooLarge: false, ...fields };
}
const reject = { skipInvalid: false };
const skip = { skipInvalid: true };

describe('planImport', () => {
  it('a clean file is recorded whole, the bars passed through as parsed', () => {
    const given = report({ rows: 2, bars: [bar(2), bar(3)] });
    const plan = planImport(given, 'NVDA', reject);
    expect(plan).toEqual({ ok: true, bars: given.bars, errors: [], errorCount: 0, warnings: [], warningCount: 0, skipped: 0, skippedLines: [], ignored: {}, message: '2 valid rows' });
    expect(plan.bars).toBe(given.bars);
  });

  it('rows of other tickers are left out, one warning per ticker at its first line', () => {
    const plan = planImport(report({ rows: 4, bars: [bar(2, 'AMD'), bar(3, 'NVDA'), bar(4, 'AMD'), bar(5, 'TSM')] }), 'NVDA', reject);
    expect(plan.ok).toBe(true);
    expect(plan.bars.map((b) => b.line)).toEqual([3]);
    expect(plan.ignored).toEqual({ AMD: 2, TSM: 1 });
    expect(plan.warningCount).toBe(2);
    expect(plan.warnings).toEqual([
      { line: 2, column: 'ticker', code: 'other_ticker', message: 'line 2, column ticker: 2 rows for AMD (first here) left out; this import is for NVDA', severity: 'warning' },
      { line: 5, column: 'ticker', code: 'other_ticker', message: 'line 5, column ticker: 1 row for TSM (first here) left out; this import is for NVDA', severity: 'warning' },
    ]);
  });

  it('a file with no rows for the ticker is refused', () => {
    const plan = planImport(report({ rows: 1, bars: [bar(2, 'AMD')] }), 'NVDA', skip);
    expect(plan.ok).toBe(false);
    expect(plan.errors).toEqual([
      { line: 1, column: 'ticker', code: 'no_rows_for_ticker', message: 'line 1, column ticker: the file has no rows for NVDA (it holds AMD)', severity: 'error' },
    ]);
    expect(plan.message).toBe('the file has 1 problem and no valid rows');
  });

  it('row errors refuse the file unless skipping is asked for', () => {
    const given = report({ rows: 3, bars: [bar(2), bar(4)], errors: [problem(3)], errorCount: 1, skippedLines: [3] });
    expect(planImport(given, 'NVDA', reject)).toMatchObject({ ok: false, skipped: 1, skippedLines: [3], message: 'the file has 1 problem' });
    expect(planImport(given, 'NVDA', skip)).toMatchObject({ ok: true, bars: given.bars, message: '2 valid rows; 1 invalid row skipped' });
  });

  it('a file-level problem cannot be skipped', () => {
    const header = report({ rows: 2, bars: [bar(2)], errors: [problem(1)], errorCount: 1, skippedLines: [3] });
    expect(planImport(header, 'NVDA', skip).ok).toBe(false);
    const unreadable = report({ rows: 2, bars: [bar(2)], errors: [problem(3, 'line 3: a row longer than 100000 characters; this is not a price file (reading stopped)')], errorCount: 1, skippedLines: [3] });
    expect(planImport(unreadable, 'NVDA', skip).ok).toBe(false);
  });

  it('a file cut by the size limit is refused', () => {
    expect(planImport(report({ rows: 5, tooLarge: true, errorCount: 1 }), 'NVDA', skip)).toMatchObject({ ok: false, message: 'the file is too large' });
  });

  it('a file without data rows is refused without an added error', () => {
    expect(planImport(report({}), 'NVDA', reject)).toMatchObject({ ok: false, errorCount: 0, message: 'the file has no data rows' });
  });

  it('keeps at most MAX_REPORTED skipped lines, and counts them all', () => {
    const lines = Array.from({ length: 300 }, (_, i) => i + 2);
    const plan = planImport(report({ rows: 300, skippedLines: lines, errorCount: 300 }), 'NVDA', skip);
    expect(plan.skipped).toBe(300);
    expect(plan.skippedLines).toEqual(lines.slice(0, MAX_REPORTED));
  });
});

describe('import answers', () => {
  const given = report({ format: 'yahoo', rows: 3, bars: [bar(2), bar(4)], errors: [problem(3)], errorCount: 1, skippedLines: [3] });
  const plan = planImport(given, 'NVDA', skip);

  it('reportFields is the plan in the API shape', () => {
    expect(reportFields(given, plan)).toEqual({
      format: 'yahoo',
      rows: 3,
      valid: 2,
      errorCount: 1,
      errors: [problem(3)],
      warningCount: 0,
      warnings: [],
      skipped: 1,
      skippedLines: [3],
      ignored: {},
    });
  });

  it('importResponse says what changed', () => {
    const body = importResponse('NVDA', given, plan, { inserted: 1, unchanged: 0, corrected: 1, positions: [7, 8], position: 8 });
    expect(body.message).toBe('NVDA: 1 inserted, 0 unchanged, 1 corrected, 1 skipped');
    expect(body).toMatchObject({ ticker: 'NVDA', format: 'yahoo', rows: 3, skipped: 1, warnings: 0, position: 8, positions: [7, 8] });
    expect(body.problems).toEqual({ errors: [problem(3)], errorCount: 1, warnings: [], skippedLines: [3] });
  });

  it('importResponse says so when nothing changed', () => {
    const body = importResponse('NVDA', given, plan, { inserted: 0, unchanged: 2, corrected: 0, positions: [], position: null });
    expect(body.message).toBe('nothing changed: all 2 bars for NVDA are already recorded with the same values; nothing was written to the ledger');
  });

  it('sourceLabel names the format, the file and the entry point, without control characters', () => {
    expect(sourceLabel('stooq', 'cli', 'amd.csv')).toBe('stooq file amd.csv via cli');
    expect(sourceLabel(null, 'api', null)).toBe('csv file via api');
    expect(sourceLabel('yahoo', 'api', 'a\u0000b\nc.csv')).toBe('yahoo file abc.csv via api');
    expect(sourceLabel('yahoo', 'api', 'x'.repeat(300))).toBe(`yahoo file ${'x'.repeat(200)} via api`);
  });
});
