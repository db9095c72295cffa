import { describe, expect, it } from 'vitest';
import { checkDate, checkNullRow, checkNumber, checkPriceRange, checkRowShape, checkTicker, DuplicateDateCheck } from './checks';
import { readHeader } from './format';
import { ProblemLog } from './problems';
import type { ColumnLayout } from './types';

/** Runs one check against a fresh log: what it returned and what it reported. */
function run<T>(check: (log: ProblemLog) => T) {
  const log = new ProblemLog();
  const value = check(log);
  return { value, problems: [...log.errors, ...log.warnings].map((p) => [p.code, p.column, p.severity, p.message]) };
}

function layoutOf(headerLine: string): ColumnLayout {
  const layout = readHeader(headerLine.split(','), 1, new ProblemLog());
  if (layout === null) throw new Error(`refused header ${headerLine}`);
  return layout;
}

describe('checkRowShape', () => {
  const layout = layoutOf('date,open,close');

  it('accepts a row as wide as the header', () => {
    expect(run((log) => checkRowShape(['2024-01-02', '1', '2'], 2, 2, layout, log))).toEqual({ value: null, problems: [] });
  });

  it('rejects a row whose quote ran on over later lines, naming the cell', () => {
    expect(run((log) => checkRowShape(['2024-01-02', '1\n2024-01-03', '2'], 5, 6, layout, log)).problems).toEqual([
      ['malformed_row', 'open', 'error', 'line 5, column open: a quote opened on line 5 is not closed on that line; the row runs on to line 6 (lines 5–6 rejected)'],
    ]);
  });

  it('returns the problem of a short row, so a truncated last line can be pointed out', () => {
    const { value, problems } = run((log) => checkRowShape(['2024-01-02', '1'], 3, 3, layout, log));
    expect(value).toMatchObject({ code: 'malformed_row', line: 3, message: 'line 3: expected 3 fields as in the header, found 2' });
    expect(problems).toHaveLength(1);
  });

  it('rejects a long row without returning it', () => {
    expect(run((log) => checkRowShape(['2024-01-02', '1', '2', '3'], 3, 3, layout, log))).toEqual({
      value: null,
      problems: [['malformed_row', null, 'error', 'line 3: expected 3 fields as in the header, found 4']],
    });
  });

  it('reports a stray quote in each price cell, not in an ignored column', () => {
    const withNote = layoutOf('date,close,note');
    expect(run((log) => checkRowShape(['2024-01-02', '4"2', 'say "hi"'], 4, 4, withNote, log)).problems).toEqual([
      ['malformed_row', 'close', 'error', 'line 4, column close: stray quote character in "4\\"2"'],
    ]);
  });
});

describe('checkNullRow', () => {
  const layout = layoutOf('Date,Open,Close,Volume');

  it("rejects a row of Yahoo's null in every value cell", () => {
    expect(run((log) => checkNullRow(['2024-01-02', 'null', ' NULL', 'null'], 6, layout, log))).toEqual({
      value: true,
      problems: [['null_row', null, 'error', 'line 6: every value is null (Yahoo writes null for days without data); remove the row']],
    });
  });

  it('leaves a partly null row to the field checks', () => {
    expect(run((log) => checkNullRow(['2024-01-02', 'null', '3', 'null'], 6, layout, log))).toEqual({ value: false, problems: [] });
  });
});

describe('checkTicker', () => {
  it('upper-cases a symbol', () => {
    expect(run((log) => checkTicker('brk.b', 2, log))).toEqual({ value: 'BRK.B', problems: [] });
    expect(run((log) => checkTicker('^GSPC', 2, log)).value).toBe('^GSPC');
  });

  it.each([
    ['', 'missing_value', 'line 2, column ticker: the ticker is empty'],
    ['NV DA', 'invalid_ticker', 'line 2, column ticker: "NV DA" is not a ticker symbol (letters, digits, ^ . - =, at most 20)'],
    ['A'.repeat(21), 'invalid_ticker', `line 2, column ticker: ${'A'.repeat(21)} is not a ticker symbol (letters, digits, ^ . - =, at most 20)`],
  ])('%j is rejected', (raw, code, message) => {
    expect(run((log) => checkTicker(raw, 2, log))).toEqual({ value: null, problems: [[code, 'ticker', 'error', message]] });
  });
});

describe('checkDate', () => {
  it('reads a weekday as days since 1970-01-01', () => {
    expect(run((log) => checkDate('1970-01-02', 2, log))).toEqual({ value: 1, problems: [] });
    expect(run((log) => checkDate('2024-01-02', 2, log)).value).toBe(19724);
  });

  it('keeps years 0-99 as written', () => {
    expect(run((log) => checkDate('0050-03-01', 2, log)).value).toBe(Math.round(new Date('0050-03-01T00:00:00Z').getTime() / 86_400_000));
  });

  it('keeps a weekend date, with a warning', () => {
    expect(run((log) => checkDate('2024-01-06', 5, log))).toEqual({
      value: 19728,
      problems: [['weekend_date', 'date', 'warning', 'line 5, column date: 2024-01-06 is a Saturday, when markets are closed (row kept)']],
    });
  });

  it.each([
    ['', 'missing_value', 'line 3, column date: the date is empty'],
    ['2024/01/09', 'unparseable_date', 'line 3, column date: 2024/01/09 is not a date in YYYY-MM-DD form'],
    ['2024-1-9', 'unparseable_date', 'line 3, column date: 2024-1-9 is not a date in YYYY-MM-DD form'],
    ['2024-02-30', 'unparseable_date', 'line 3, column date: 2024-02-30 is not a real calendar date'],
    ['2023-02-29', 'unparseable_date', 'line 3, column date: 2023-02-29 is not a real calendar date'],
    ['2024-13-01', 'unparseable_date', 'line 3, column date: 2024-13-01 is not a real calendar date'],
  ])('%j is rejected', (raw, code, message) => {
    expect(run((log) => checkDate(raw, 3, log))).toEqual({ value: null, problems: [[code, 'date', 'error', message]] });
  });
});

describe('checkNumber', () => {
  it.each([
    ['48.168', 48.168],
    ['+1', 1],
    ['.5', 0.5],
    ['7.', 7],
    ['0', 0],
  ])('%s reads as %d', (raw, value) => {
    expect(run((log) => checkNumber('open', raw, 2, log))).toEqual({ value, problems: [] });
  });

  it('normalises -0 to 0', () => {
    expect(Object.is(run((log) => checkNumber('low', '-0', 2, log)).value, 0)).toBe(true);
  });

  it('an empty or null cell is no value; an error only for close', () => {
    expect(run((log) => checkNumber('volume', '', 2, log))).toEqual({ value: null, problems: [] });
    expect(run((log) => checkNumber('adj_close', 'null', 2, log))).toEqual({ value: null, problems: [] });
    expect(run((log) => checkNumber('close', '', 2, log)).problems).toEqual([['missing_value', 'close', 'error', 'line 2, column close: the close price is empty']]);
    expect(run((log) => checkNumber('close', 'NULL', 2, log)).problems).toEqual([['missing_value', 'close', 'error', 'line 2, column close: the close price is null']]);
  });

  it.each([
    ['NaN', 'NaN is not a finite number'],
    ['-inf', '-inf is not a finite number'],
    ['0x1F', '0x1F is hexadecimal, not a decimal number'],
    ['1,234.5', '1,234.5 contains a comma (thousands separator or decimal comma); write plain digits with a dot, e.g. 1234.5'],
    ['4.11E+08', '4.11E+08 is in scientific notation (was the file saved by a spreadsheet?); write the full number'],
    ['12abc', '12abc is not a plain decimal number'],
    ['1 000', '"1 000" is not a plain decimal number'],
    [`1${'0'.repeat(400)}`, `1${'0'.repeat(39)}… is too large`],
  ])('%j is not a number', (raw, why) => {
    expect(run((log) => checkNumber('high', raw, 4, log))).toEqual({ value: null, problems: [['non_numeric', 'high', 'error', `line 4, column high: ${why}`]] });
  });

  it('rejects negative prices and volumes with their own codes', () => {
    expect(run((log) => checkNumber('open', '-57.989', 14, log)).problems).toEqual([['negative_price', 'open', 'error', 'line 14, column open: price -57.989 is negative']]);
    expect(run((log) => checkNumber('volume', '-5', 7, log)).problems).toEqual([['negative_volume', 'volume', 'error', 'line 7, column volume: volume -5 is negative']]);
  });
});

describe('checkPriceRange', () => {
  const layout = layoutOf('date,high,low,close');

  it('accepts close on the range edges, up to float noise', () => {
    const fields = ['2024-01-02', '52.275', '50', '52.27500000000001'];
    expect(run((log) => checkPriceRange({ high: 52.275, low: 50, close: 52.27500000000001 }, fields, 6, layout, log)).problems).toEqual([]);
    const closeOnly = layoutOf('date,close');
    expect(run((log) => checkPriceRange({ high: null, low: null, close: 1 }, ['2024-01-02', '1'], 6, closeOnly, log)).problems).toEqual([]);
  });

  it('rejects high below low, quoting the cells as written', () => {
    const fields = ['2024-01-02', ' 12.30', '12.9', '99'];
    expect(run((log) => checkPriceRange({ high: 12.3, low: 12.9, close: 99 }, fields, 7, layout, log)).problems).toEqual([
      ['high_below_low', 'high', 'error', 'line 7, column high: 12.30 is below low 12.9'],
    ]);
  });

  it('rejects close outside [low, high]', () => {
    const below = ['2024-01-02', '60', '59.938', '59.9'];
    expect(run((log) => checkPriceRange({ high: 60, low: 59.938, close: 59.9 }, below, 17, layout, log)).problems).toEqual([
      ['close_outside_range', 'close', 'error', 'line 17, column close: 59.9 is below low 59.938'],
    ]);
    const noLow = layoutOf('date,high,close');
    expect(run((log) => checkPriceRange({ high: 59.91, low: null, close: 59.95 }, ['2024-01-02', '59.91', '59.95'], 16, noLow, log)).problems).toEqual([
      ['close_outside_range', 'close', 'error', 'line 16, column close: 59.95 is above high 59.91'],
    ]);
  });
});

describe('DuplicateDateCheck', () => {
  it('names both lines of a repeated date, per ticker', () => {
    const duplicates = new DuplicateDateCheck();
    const { problems } = run((log) => {
      duplicates.check(null, 19724, '2024-01-02', 2, log);
      duplicates.check(null, 19725, '2024-01-03', 3, log);
      duplicates.check(null, 19724, '2024-01-02', 9, log);
    });
    expect(problems).toEqual([['duplicate_date', 'date', 'error', 'line 9, column date: 2024-01-02 appears twice, on line 2 and on line 9']]);
  });

  it('the same date for two tickers is not a duplicate', () => {
    const duplicates = new DuplicateDateCheck();
    const { problems } = run((log) => {
      duplicates.check('AMD', 19724, '2024-01-02', 2, log);
      duplicates.check('NVDA', 19724, '2024-01-02', 3, log);
      duplicates.check('NVDA', 19724, '2024-01-02', 4, log);
    });
    expect(problems).toEqual([['duplicate_date', 'date', 'error', 'line 4, column date: NVDA 2024-01-02 appears twice, on line 3 and on line 4']]);
  });
});
