import { describe, expect, it } from 'vitest';
import { normalizeHeader, readHeader } from './format';
import { ProblemLog } from './problems';

function header(line: string, at = 1) {
  const log = new ProblemLog();
  const layout = readHeader(line.split(','), at, log);
  const problems = [...log.errors, ...log.warnings].map((p) => [p.code, p.line, p.column, p.severity, p.message]);
  return { layout, problems };
}

describe('normalizeHeader', () => {
  it('folds case, spaces, underscores and a BOM into one key', () => {
    expect(normalizeHeader('Adj Close')).toBe('adj close');
    expect(normalizeHeader(' ADJ_CLOSE ')).toBe('adj close');
    expect(normalizeHeader('adj__ \tclose')).toBe('adj close');
    expect(normalizeHeader('\ufeffDate')).toBe('date');
  });
});

describe('format detection', () => {
  it.each([
    ['Date,Open,High,Low,Close,Adj Close,Volume', 'yahoo'],
    ['Date,Open,High,Low,Close,Volume', 'stooq'],
    ['date,open,high,low,close,adj_close,volume', 'impactline'],
    ['ticker,date,open,high,low,close,adj_close,volume', 'impactline'],
    ['DATE,OPEN,HIGH,LOW,CLOSE,ADJ_CLOSE,VOLUME', 'impactline'],
    ['Volume,Adj Close,Close,Low,High,Open,Date', 'yahoo'],
    ['Date,Close,AdjClose', 'yahoo'],
    ['date,close', 'stooq'],
    ['Ticker,Date,Close', 'impactline'],
  ])('%s → %s', (line, format) => {
    const { layout, problems } = header(line);
    expect(problems).toEqual([]);
    expect(layout?.format).toBe(format);
  });

  it('maps each header cell to its field, in any order', () => {
    const { layout } = header('Volume,Close,Date,Note,Open');
    expect(layout).toEqual({
      format: 'stooq',
      columns: { volume: 0, close: 1, date: 2, open: 4 },
      width: 5,
      numericColumns: [
        { field: 'open', index: 4 },
        { field: 'close', index: 1 },
        { field: 'volume', index: 0 },
      ],
      fieldByIndex: ['volume', 'close', 'date', null, 'open'],
    });
  });
});

describe('accepted with warnings', () => {
  it('an unknown column is ignored and named', () => {
    expect(header('date,close,Note', 3).problems).toEqual([['unknown_column', 3, 'Note', 'warning', 'line 3, column Note: column "Note" is not a price column and is ignored']]);
  });

  it('an unnamed column is named by its position', () => {
    expect(header('date,close,').problems).toEqual([['unknown_column', 1, null, 'warning', 'line 1: column #3 has no name and is ignored']]);
  });
});

describe('refused headers', () => {
  it('names every duplicated column', () => {
    const { layout, problems } = header('date,close,Close,adj_close,Adj Close');
    expect(layout).toBeNull();
    expect(problems).toEqual([
      ['duplicate_column', 1, 'close', 'error', 'line 1, column close: the header names column close twice (fields 2 and 3)'],
      ['duplicate_column', 1, 'adj_close', 'error', 'line 1, column adj_close: the header names column adj_close twice (fields 4 and 5)'],
    ]);
  });

  it('names each missing required column and what was found', () => {
    const { layout, problems } = header('Date,Open,Last');
    expect(layout).toBeNull();
    expect(problems).toEqual([
      ['missing_column', 1, 'close', 'error', 'line 1: the header has no close column (found: Date, Open, Last); a price file needs at least date and close'],
    ]);
    expect(header('open,high').problems.map((p) => p[0])).toEqual(['missing_column', 'missing_column']);
  });

  it.each([
    ['Date;Open;High;Low;Close;Volume', "';' (semicolon)"],
    ['Date\tClose', 'tabs'],
    ['"Date"|"Close"', "'|'"],
  ])('%j: wrong delimiter %s', (line, described) => {
    const log = new ProblemLog();
    expect(readHeader([line], 1, log)).toBeNull();
    expect(log.errors).toEqual([
      {
        line: 1,
        column: null,
        code: 'wrong_delimiter',
        message: `line 1: fields are separated by ${described}, not commas; export the file as comma-separated (CSV) with a dot as the decimal separator`,
        severity: 'error',
      },
    ]);
  });

  it.each([
    ['<!DOCTYPE html>', 'looks like HTML, e.g. an error page saved as .csv'],
    ['{"error":"not found"}', 'looks like JSON'],
    ['2024-01-02,49.2,49.3,47.6,48.2,48.1,411254000', 'the first line looks like data: is the header row missing?'],
    ['foo,bar baz', 'found: foo, "bar baz"'],
  ])('%s is not a price file', (line, hint) => {
    const { layout, problems } = header(line);
    expect(layout).toBeNull();
    expect(problems).toEqual([['missing_column', 1, null, 'error', `line 1: this is not a CSV price file (header has no date/close columns; ${hint})`]]);
  });
});
