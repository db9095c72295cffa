import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { groupBarsByTicker } from '@/lib/csv/price-file/group';
import { MAX_REPORTED, type PriceFileReport } from '@/lib/csv/price-file/types';
import { parsePriceFile } from './read-price-file';

// Fixtures are the first 20 real NVDA rows of /work/shared/data/prices/NVDA.csv (our own
// export format), re-shaped into Yahoo (Adj Close) and Stooq (no adj close) layouts with the
// same values. Line 1 is the header, line 2 is 2024-01-02, ..., line 21 is 2024-01-30.
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const NVDA = fixture('nvda-impactline.csv');
const YAHOO = fixture('nvda-yahoo.csv');
const STOOQ = fixture('nvda-stooq.csv');
const YAHOO_NULL_ROW = fixture('nvda-yahoo-null-row.csv');
const TWO_TICKERS = fixture('nvda-amd-tickers.csv');
const HTML_PAGE = fixture('error-page.html.csv');

/** Test-side helper: replace one physical (1-based) line. */
function setLine(text: string, line: number, value: string): string {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) throw new Error(`no line ${line}`);
  lines[line - 1] = value;
  return lines.join('\n');
}
function getLine(text: string, line: number): string {
  const l = text.split('\n')[line - 1];
  if (l === undefined) throw new Error(`no line ${line}`);
  return l;
}
/** Test-side helper: set one cell of a line of the impactline fixture (no quoting involved). */
function setCell(text: string, line: number, column: string, value: string): string {
  const header = getLine(text, 1).split(',');
  const idx = header.indexOf(column);
  if (idx < 0) throw new Error(`no column ${column}`);
  const cells = getLine(text, line).split(',');
  cells[idx] = value;
  return setLine(text, line, cells.join(','));
}
const summary = (r: PriceFileReport) => r.errors.map((e) => [e.code, e.line, e.column]);

describe('valid files', () => {
  it('parses our own export with the exact real values', async () => {
    const r = await parsePriceFile(NVDA);
    expect(r.format).toBe('impactline');
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.rows).toBe(20);
    expect(r.bars).toHaveLength(20);
    expect(r.bars[0]).toEqual({
      date: '2024-01-02',
      open: 49.244,
      high: 49.295,
      low: 47.595,
      close: 48.168,
      adj_close: 48.1386,
      volume: 411254000,
      ticker: null,
      line: 2,
    });
    expect(r.bars[19]).toMatchObject({ date: '2024-01-30', close: 62.774, line: 21 });
    expect(r.skippedLines).toEqual([]);
    expect(r.tooLarge).toBe(false);
  });

  it('parses the Yahoo layout to the same bars', async () => {
    const r = await parsePriceFile(YAHOO);
    const own = await parsePriceFile(NVDA);
    expect(r.format).toBe('yahoo');
    expect(r.errorCount).toBe(0);
    expect(r.bars).toEqual(own.bars);
  });

  it('parses the Stooq layout, adj_close null', async () => {
    const r = await parsePriceFile(STOOQ);
    const own = await parsePriceFile(NVDA);
    expect(r.format).toBe('stooq');
    expect(r.errorCount).toBe(0);
    expect(r.bars).toEqual(own.bars.map((b) => ({ ...b, adj_close: null })));
  });

  it('accepts a UTF-8 BOM (string and bytes)', async () => {
    const own = await parsePriceFile(NVDA);
    const fromString = await parsePriceFile(`\ufeff${NVDA}`);
    expect(fromString.errors).toEqual([]);
    expect(fromString.bars).toEqual(own.bars);
    const fromBytes = await parsePriceFile(new Uint8Array(Buffer.from(`\ufeff${YAHOO}`, 'utf8')));
    expect(fromBytes.format).toBe('yahoo');
    expect(fromBytes.bars).toEqual(own.bars);
  });

  it('accepts Windows CRLF line endings and keeps line numbers physical', async () => {
    const own = await parsePriceFile(NVDA);
    const crlf = NVDA.replace(/\n/g, '\r\n');
    const r = await parsePriceFile(crlf);
    expect(r.errors).toEqual([]);
    expect(r.bars).toEqual(own.bars);
    const bad = await parsePriceFile(setCell(NVDA, 7, 'volume', '-5').replace(/\n/g, '\r\n'));
    expect(summary(bad)).toEqual([['negative_volume', 7, 'volume']]);
  });

  it('accepts columns in a different order', async () => {
    const order = ['volume', 'close', 'date', 'high', 'low', 'open', 'adj_close'];
    const header = getLine(NVDA, 1).split(',');
    const reshaped = NVDA.trimEnd()
      .split('\n')
      .map((l) => {
        const cells = l.split(',');
        return order.map((c) => cells[header.indexOf(c)]).join(',');
      })
      .join('\n');
    const r = await parsePriceFile(reshaped);
    expect(r.errors).toEqual([]);
    expect(r.bars).toEqual((await parsePriceFile(NVDA)).bars);
  });

  it('accepts an uppercase header', async () => {
    const r = await parsePriceFile(setLine(NVDA, 1, 'DATE,OPEN,HIGH,LOW,CLOSE,ADJ_CLOSE,VOLUME'));
    expect(r.format).toBe('impactline');
    expect(r.errors).toEqual([]);
    expect(r.bars).toHaveLength(20);
    const y = await parsePriceFile(setLine(YAHOO, 1, 'DATE,OPEN,HIGH,LOW,CLOSE,ADJCLOSE,VOLUME'));
    expect(y.errors).toEqual([]);
    expect(y.bars[0]?.adj_close).toBe(48.1386);
  });

  it('ignores an extra unknown column, with a warning naming it', async () => {
    const withNote = NVDA.trimEnd()
      .split('\n')
      .map((l, i) => `${l},${i === 0 ? 'Note' : 'réel'}`)
      .join('\n');
    const r = await parsePriceFile(withNote);
    expect(r.errors).toEqual([]);
    expect(r.bars).toEqual((await parsePriceFile(NVDA)).bars);
    expect(r.warnings.map((w) => [w.code, w.line, w.column])).toEqual([['unknown_column', 1, 'Note']]);
  });

  it('groups a file with two tickers', async () => {
    const r = await parsePriceFile(TWO_TICKERS);
    expect(r.format).toBe('impactline');
    expect(r.errors).toEqual([]);
    expect(r.bars.map((b) => b.ticker)).toEqual(['AMD', 'NVDA', 'AMD', 'NVDA', 'AMD', 'NVDA', 'AMD', 'NVDA', 'AMD', 'NVDA']);
    const groups = groupBarsByTicker(r.bars, 'IGNORED');
    expect([...groups.keys()]).toEqual(['AMD', 'NVDA']);
    expect(groups.get('NVDA')?.map((b) => b.close)).toEqual([48.168, 47.569, 47.998, 49.097, 52.253]);
    expect(groups.get('AMD')?.[0]).toEqual({
      date: '2024-01-02',
      open: 144.28,
      high: 144.4,
      low: 137.43,
      close: 138.58,
      adj_close: 138.58,
      volume: 64902000,
    });
  });

  it('the same date for two different tickers is not a duplicate', async () => {
    const r = await parsePriceFile(TWO_TICKERS);
    expect(r.bars.filter((b) => b.date === '2024-01-02')).toHaveLength(2);
  });

  it('groupBarsByTicker uses the default ticker and sorts by date', async () => {
    const lines = NVDA.trimEnd().split('\n');
    const reversed = [lines[0], ...lines.slice(1).reverse()].join('\n');
    const r = await parsePriceFile(reversed);
    expect(r.errors).toEqual([]);
    expect(r.bars[0]?.date).toBe('2024-01-30');
    const groups = groupBarsByTicker(r.bars, 'NVDA');
    expect([...groups.keys()]).toEqual(['NVDA']);
    const dates = groups.get('NVDA')?.map((b) => b.date) ?? [];
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe('2024-01-02');
    expect(Object.keys(groups.get('NVDA')?.[0] ?? {}).sort()).toEqual(['adj_close', 'close', 'date', 'high', 'low', 'open', 'volume']);
  });

  it('treats empty optional cells and partial Yahoo nulls as null values', async () => {
    const r = await parsePriceFile(setCell(setCell(NVDA, 3, 'open', ''), 4, 'volume', 'null'));
    expect(r.errors).toEqual([]);
    expect(r.bars[1]).toMatchObject({ date: '2024-01-03', open: null, close: 47.569 });
    expect(r.bars[2]).toMatchObject({ date: '2024-01-04', volume: null });
  });

  it('accepts fractional volume and close equal to high up to float noise', async () => {
    const r = await parsePriceFile(setCell(setCell(NVDA, 5, 'volume', '1234.5'), 6, 'close', '52.27500000000001'));
    expect(r.errors).toEqual([]);
    expect(r.bars[3]?.volume).toBe(1234.5);
    expect(r.bars[4]?.close).toBe(52.27500000000001);
  });

  it('keeps physical line numbers across blank lines', async () => {
    const text = setCell(NVDA, 9, 'close', 'abc').replace('\n2024-01-05', '\n\n\n2024-01-05');
    const r = await parsePriceFile(text);
    expect(r.rows).toBe(20);
    expect(summary(r)).toEqual([['non_numeric', 11, 'close']]);
  });
});

describe('malformed variants: one problem each, with code, line and column', () => {
  type Case = { name: string; text: string; code: string; line: number; column: string | null; message?: RegExp; maxBytes?: number };
  const cases: Case[] = [
    {
      name: 'date not ISO (YYYY/MM/DD)',
      text: setCell(NVDA, 7, 'date', '2024/01/09'),
      code: 'unparseable_date',
      line: 7,
      column: 'date',
      message: /^line 7, column date: 2024\/01\/09 is not a date in YYYY-MM-DD form$/,
    },
    {
      name: 'impossible calendar date',
      text: setCell(NVDA, 4, 'date', '2024-02-30'),
      code: 'unparseable_date',
      line: 4,
      column: 'date',
      message: /not a real calendar date/,
    },
    { name: 'empty date', text: setCell(NVDA, 12, 'date', ''), code: 'missing_value', line: 12, column: 'date' },
    {
      name: 'thousands separator 1,234.5',
      text: setCell(NVDA, 5, 'open', '"1,234.5"'),
      code: 'non_numeric',
      line: 5,
      column: 'open',
      message: /^line 5, column open: 1,234\.5 contains a comma/,
    },
    { name: 'trailing letters 12abc', text: setCell(NVDA, 6, 'high', '12abc'), code: 'non_numeric', line: 6, column: 'high', message: /12abc is not a plain decimal number/ },
    { name: 'NaN', text: setCell(NVDA, 8, 'low', 'NaN'), code: 'non_numeric', line: 8, column: 'low', message: /NaN is not a finite number/ },
    { name: 'Infinity', text: setCell(NVDA, 9, 'close', 'Infinity'), code: 'non_numeric', line: 9, column: 'close' },
    { name: 'hex', text: setCell(NVDA, 10, 'volume', '0x1F'), code: 'non_numeric', line: 10, column: 'volume', message: /hexadecimal/ },
    {
      name: 'scientific notation from a spreadsheet',
      text: setCell(NVDA, 11, 'volume', '4.11E+08'),
      code: 'non_numeric',
      line: 11,
      column: 'volume',
      message: /scientific notation/,
    },
    { name: 'non-numeric adj close', text: setCell(NVDA, 13, 'adj_close', 'n/a'), code: 'non_numeric', line: 13, column: 'adj_close' },
    {
      name: 'negative price',
      text: setCell(NVDA, 14, 'open', '-57.989'),
      code: 'negative_price',
      line: 14,
      column: 'open',
      message: /^line 14, column open: price -57\.989 is negative$/,
    },
    { name: 'negative volume', text: setCell(NVDA, 15, 'volume', '-491650000'), code: 'negative_volume', line: 15, column: 'volume' },
    {
      name: 'high below low',
      text: setCell(setCell(NVDA, 7, 'high', '12.3'), 7, 'low', '12.9'),
      code: 'high_below_low',
      line: 7,
      column: 'high',
      message: /^line 7, column high: 12\.3 is below low 12\.9$/,
    },
    {
      name: 'close above high',
      text: setCell(NVDA, 16, 'close', '59.95'),
      code: 'close_outside_range',
      line: 16,
      column: 'close',
      message: /^line 16, column close: 59\.95 is above high 59\.91$/,
    },
    {
      name: 'close below low',
      text: setCell(NVDA, 17, 'close', '59.9'),
      code: 'close_outside_range',
      line: 17,
      column: 'close',
      message: /^line 17, column close: 59\.9 is below low 59\.938$/,
    },
    {
      name: 'duplicate date names both lines',
      text: setCell(NVDA, 9, 'date', '2024-01-05'),
      code: 'duplicate_date',
      line: 9,
      column: 'date',
      message: /2024-01-05 appears twice, on line 5 and on line 9/,
    },
    {
      name: 'duplicate ticker+date in a multi-ticker file',
      text: setLine(TWO_TICKERS, 11, getLine(TWO_TICKERS, 11).replace('2024-01-08', '2024-01-04')),
      code: 'duplicate_date',
      line: 11,
      column: 'date',
      message: /NVDA 2024-01-04 appears twice, on line 7 and on line 11/,
    },
    { name: 'Yahoo null row', text: YAHOO_NULL_ROW, code: 'null_row', line: 6, column: null, message: /^line 6: every value is null/ },
    { name: 'close empty', text: setCell(NVDA, 8, 'close', ''), code: 'missing_value', line: 8, column: 'close', message: /^line 8, column close: the close price is empty$/ },
    { name: 'close null (Yahoo)', text: setCell(YAHOO, 9, 'Close', 'null'), code: 'missing_value', line: 9, column: 'close' },
    { name: 'empty ticker', text: setLine(TWO_TICKERS, 4, getLine(TWO_TICKERS, 4).replace(/^AMD/, '')), code: 'missing_value', line: 4, column: 'ticker' },
    { name: 'invalid ticker', text: setLine(TWO_TICKERS, 5, getLine(TWO_TICKERS, 5).replace(/^NVDA/, 'NV DA')), code: 'invalid_ticker', line: 5, column: 'ticker' },
    {
      name: 'too many fields',
      text: setLine(NVDA, 10, `${getLine(NVDA, 10)},42`),
      code: 'malformed_row',
      line: 10,
      column: null,
      message: /^line 10: expected 7 fields as in the header, found 8$/,
    },
    {
      name: 'truncated last line',
      text: NVDA.slice(0, NVDA.trimEnd().lastIndexOf(',', NVDA.trimEnd().length - 12)),
      code: 'malformed_row',
      line: 21,
      column: null,
      message: /found 5; the last line looks truncated/,
    },
    {
      name: 'stray quote inside a value',
      text: setCell(NVDA, 13, 'high', '55.3"46'),
      code: 'malformed_row',
      line: 13,
      column: 'high',
      message: /^line 13, column high: stray quote character in/,
    },
    {
      name: 'quote opened and never closed',
      text: setCell(NVDA, 18, 'open', '"60.049'),
      code: 'malformed_row',
      line: 18,
      column: 'open',
      message: /a quote opened on line 18 is never closed; the rest of the file \(lines 18–/,
    },
    {
      name: 'quote closed only on a later line',
      text: setCell(setCell(NVDA, 18, 'open', '"60.049'), 19, 'open', '59.57"'),
      code: 'malformed_row',
      line: 18,
      column: 'open',
      message: /the row runs on to line 19/,
    },
    {
      name: 'semicolon delimiter',
      text: NVDA.replace(/,/g, ';'),
      code: 'wrong_delimiter',
      line: 1,
      column: null,
      message: /^line 1: fields are separated by ';' \(semicolon\), not commas/,
    },
    {
      name: 'semicolon delimiter with decimal commas (European export)',
      text: NVDA.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2'),
      code: 'wrong_delimiter',
      line: 1,
      column: null,
    },
    { name: 'tab delimiter', text: NVDA.replace(/,/g, '\t'), code: 'wrong_delimiter', line: 1, column: null, message: /separated by tabs/ },
    {
      name: 'HTML error page saved as .csv',
      text: HTML_PAGE,
      code: 'missing_column',
      line: 1,
      column: null,
      message: /^line 1: this is not a CSV price file \(header has no date\/close columns; looks like HTML/,
    },
    {
      name: 'header without close',
      text: STOOQ.replace('Date,Open,High,Low,Close,Volume', 'Date,Open,High,Low,Last,Volume'),
      code: 'missing_column',
      line: 1,
      column: 'close',
      message: /the header has no close column/,
    },
    {
      name: 'no header row at all',
      text: NVDA.slice(NVDA.indexOf('\n') + 1),
      code: 'missing_column',
      line: 1,
      column: null,
      message: /the first line looks like data: is the header row missing\?/,
    },
    { name: 'column named twice', text: setLine(NVDA, 1, 'date,open,high,low,close,Adj Close,adj_close'), code: 'duplicate_column', line: 1, column: 'adj_close' },
    { name: 'header only', text: 'date,open,high,low,close,adj_close,volume\n', code: 'empty_file', line: 1, column: null, message: /header but no data rows/ },
    { name: 'totally empty file', text: '', code: 'empty_file', line: 1, column: null, message: /^line 1: the file is empty$/ },
    { name: 'only a BOM and blank lines', text: '\ufeff\r\n\r\n', code: 'empty_file', line: 1, column: null },
    {
      name: 'larger than maxBytes (line where reading stopped)',
      text: NVDA,
      maxBytes: 500,
      code: 'too_large',
      line: NVDA.slice(0, 501).split('\n').length,
      column: null,
      message: /larger than the limit of 500 bytes/,
    },
  ];

  it('has at least 30 variants', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name → $code at line $line', async (c) => {
    const r = await parsePriceFile(c.text, c.maxBytes === undefined ? {} : { maxBytes: c.maxBytes });
    expect(summary(r)).toEqual([[c.code, c.line, c.column]]);
    expect(r.errorCount).toBe(1);
    const [problem] = r.errors;
    expect(problem?.severity).toBe('error');
    expect(problem?.message.startsWith(`line ${c.line}`)).toBe(true);
    if (c.column !== null && !['missing_column', 'duplicate_column'].includes(c.code)) {
      expect(problem?.message.startsWith(`line ${c.line}, column ${c.column}:`)).toBe(true);
    }
    if (c.message) expect(problem?.message).toMatch(c.message);
    // The rejected row is never among the bars.
    expect(r.bars.some((b) => b.line === c.line)).toBe(false);
  });

  it('weekend date is a warning only and the row is kept', async () => {
    const r = await parsePriceFile(setCell(NVDA, 5, 'date', '2024-01-06'));
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => [w.code, w.line, w.column, w.severity])).toEqual([['weekend_date', 5, 'date', 'warning']]);
    expect(r.warnings[0]?.message).toBe('line 5, column date: 2024-01-06 is a Saturday, when markets are closed (row kept)');
    expect(r.bars.find((b) => b.line === 5)?.date).toBe('2024-01-06');
    expect(r.bars).toHaveLength(20);
  });

  it('a rejected row is listed in skippedLines and the other rows are kept', async () => {
    const r = await parsePriceFile(setCell(setCell(NVDA, 7, 'close', 'x'), 12, 'volume', '-1'));
    expect(r.skippedLines).toEqual([7, 12]);
    expect(r.bars).toHaveLength(18);
    expect(r.rows).toBe(20);
  });

  it('reports several problems of one row, each with its column', async () => {
    const r = await parsePriceFile(setCell(setCell(NVDA, 7, 'open', '-1'), 7, 'volume', '1e5'));
    expect(summary(r)).toEqual([
      ['negative_price', 7, 'open'],
      ['non_numeric', 7, 'volume'],
    ]);
    expect(r.skippedLines).toEqual([7]);
  });

  it('too_large: bars are dropped, tooLarge set, also for streamed input', async () => {
    const bytes = Buffer.byteLength(NVDA);
    const exact = await parsePriceFile(NVDA, { maxBytes: bytes });
    expect(exact.tooLarge).toBe(false);
    expect(exact.bars).toHaveLength(20);
    const over = await parsePriceFile(NVDA, { maxBytes: bytes - 1 });
    expect(over.tooLarge).toBe(true);
    expect(over.bars).toEqual([]);
    expect(summary(over)).toEqual([['too_large', 21, null]]);
    // A stream of valid rows, 57 bytes each, cut by the limit in the middle of line 176.
    const header = 'date,open,high,low,close,adj_close,volume\n';
    const row = getLine(NVDA, 2).slice(10);
    async function* chunks() {
      yield new TextEncoder().encode(header);
      for (let i = 0; i < 1000; i += 1) {
        const d = new Date(Date.UTC(2000, 0, 3) + i * 86_400_000).toISOString().slice(0, 10);
        yield new TextEncoder().encode(`${d}${row}\n`);
      }
    }
    const warned = await parsePriceFile(chunks(), { maxBytes: header.length + 57 * 175 - 1 });
    expect(warned.tooLarge).toBe(true);
    expect(warned.bars).toEqual([]);
    expect(warned.rows).toBe(174);
    expect(summary(warned)).toEqual([['too_large', 176, null]]);
    expect(warned.warningCount).toBeGreaterThan(0); // weekends before the limit are still reported
  });

  it('too_large is always reported first, even past the error cap', async () => {
    const lines = ['date,close,volume'];
    for (let i = 0; i < 300; i += 1) lines.push(`2024-01-0${(i % 5) + 1},1,-1`);
    const text = lines.join('\n');
    const r = await parsePriceFile(text, { maxBytes: Buffer.byteLength(text) - 5 });
    expect(r.errors[0]?.code).toBe('too_large');
    expect(r.errors).toHaveLength(MAX_REPORTED);
    expect(r.errorCount).toBeGreaterThan(MAX_REPORTED);
  });

  it('caps the reported errors at 200 but counts them all', async () => {
    const lines = ['date,close,volume'];
    for (let i = 0; i < 300; i += 1) {
      // 300 Saturdays: each row has one error (negative volume) and one warning (weekend)
      const d = new Date(Date.UTC(2000, 0, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${d},48.168,-1`);
    }
    const r = await parsePriceFile(lines.join('\n'));
    expect(r.errorCount).toBe(300);
    expect(r.errors).toHaveLength(MAX_REPORTED);
    expect(r.skippedLines).toHaveLength(300);
    expect(r.warningCount).toBe(300);
    expect(r.warnings).toHaveLength(MAX_REPORTED);
    expect(r.bars).toEqual([]);
  });
});

describe('streaming', () => {
  it('gives the same report for tiny byte chunks splitting lines and multi-byte characters', async () => {
    const text = setCell(
      NVDA.trimEnd()
        .split('\n')
        .map((l, i) => `${l},${i === 0 ? 'Note' : 'prix réel €'}`)
        .join('\r\n'),
      9,
      'close',
      '54.8€',
    );
    const whole = await parsePriceFile(text);
    const bytes = Buffer.from(text, 'utf8');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const streamed = await parsePriceFile(chunks());
    expect(streamed).toEqual(whole);
    expect(summary(streamed)).toEqual([['non_numeric', 9, 'close']]);
    expect(streamed.errors[0]?.message).toContain('54.8€');
    expect(streamed.bars).toHaveLength(19);
  });

  it('accepts an async iterable of strings', async () => {
    async function* chunks() {
      for (const l of NVDA.split(/(?<=\n)/)) yield l;
    }
    const r = await parsePriceFile(chunks());
    expect(r.bars).toEqual((await parsePriceFile(NVDA)).bars);
  });

  it('parses 200,000 generated rows and reports progress', async () => {
    const real = NVDA.trimEnd().split('\n').slice(1).map((l) => l.slice(l.indexOf(',')));
    const days: string[] = [];
    for (let t = Date.UTC(2000, 0, 3); days.length < 2000; t += 86_400_000) {
      const wd = new Date(t).getUTCDay();
      if (wd !== 0 && wd !== 6) days.push(new Date(t).toISOString().slice(0, 10));
    }
    const parts = ['ticker,date,open,high,low,close,adj_close,volume'];
    for (let k = 0; k < 100; k += 1) {
      for (let i = 0; i < days.length; i += 1) parts.push(`T${k},${days[i]}${real[(i + k) % real.length]}`);
    }
    const text = parts.join('\n');
    const progress: number[] = [];
    const r = await parsePriceFile(text, { onProgress: (n) => progress.push(n) });
    expect(r.rows).toBe(200_000);
    expect(r.errorCount).toBe(0);
    expect(r.warningCount).toBe(0);
    expect(r.bars).toHaveLength(200_000);
    expect(r.bars[199_999]?.line).toBe(200_001);
    expect(progress).toHaveLength(20);
    expect(progress[0]).toBe(10_000);
    const groups = groupBarsByTicker(r.bars, 'X');
    expect(groups.size).toBe(100);
    expect(groups.get('T42')).toHaveLength(2000);
  }, 60_000);
});
