// Price-file import through its three entry points (API route handlers, CLI child process, and the
// command handler directly for 1,000,000 rows) against real SQLite files. Fixtures are real rows of
// data/seed/prices/*.csv in Yahoo, Stooq and our own layout; malformed variants alter them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as healthGET } from '@/app/api/health/route';
import { GET as ledgerGET } from '@/app/api/ledger/route';
import { POST as previewPOST } from '@/app/api/prices/[ticker]/import/preview/route';
import { POST as importPOST } from '@/app/api/prices/[ticker]/import/route';
import { GET as pricesGET } from '@/app/api/prices/[ticker]/route';
import { GET as tickersGET, POST as tickersPOST } from '@/app/api/tickers/route';
import type { TestStore } from './db';
import { importPriceBars } from '@/server/commands/prices';
import { listTicker } from '@/server/commands/reference';
import type { BarView } from '@/lib/contracts/read';
import { planImport } from '@/lib/csv/price-file/plan';
import type { PriceProblem } from '@/lib/csv/price-file/types';
import { parsePriceFile } from '@/server/csv/read-price-file';
import { envFor, isPostgres, openSeededStore, openTempStore, rawSql, TEST_NOW, pointAppAt } from './db';

const TOKEN = 'test-admin-token-import';
const FIXTURES = fileURLToPath(new URL('./fixtures/prices/', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const fixtureText = (name: string) => fixture(name).toString('utf8');
const params = (ticker: string) => ({ params: Promise.resolve({ ticker }) });

type Problem = PriceProblem;
type ImportBody = {
  ticker: string;
  format: string | null;
  rows: number;
  inserted: number;
  unchanged: number;
  corrected: number;
  skipped: number;
  ignored: Record<string, number>;
  warnings: number;
  position: number | null;
  message: string;
  problems: { errors: Problem[]; errorCount: number; warnings: Problem[]; skippedLines: number[] };
};
type ReportBody = {
  error: string;
  message: string;
  errors: Problem[];
  errorCount: number;
  warnings: Problem[];
  skipped: number;
  skippedLines: number[];
};

let seeded: TestStore;
let fresh: TestStore;

/** Route handlers open the database named by IMPACTLINE_DB or DATABASE_URL: point them at one of ours. */
function use(db: TestStore) {
  pointAppAt(db);
}

function csvRequest(
  ticker: string,
  body: BodyInit | null,
  options: { query?: string; headers?: Record<string, string>; auth?: boolean; path?: string } = {},
): Request {
  const headers: Record<string, string> = { 'content-type': 'text/csv', ...(options.headers ?? {}) };
  if (options.auth !== false) headers.authorization = `Bearer ${TOKEN}`;
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body, duplex: 'half' };
  return new Request(`http://localhost/api/prices/${ticker}/import${options.path ?? ''}${options.query ?? ''}`, init);
}

async function importFile(ticker: string, body: BodyInit | null, options: Parameters<typeof csvRequest>[2] = {}) {
  const res = await importPOST(csvRequest(ticker, body, options), params(ticker));
  return { status: res.status, body: (await res.json()) as ImportBody & ReportBody };
}

async function position(): Promise<number> {
  return ((await (await healthGET()).json()) as { position: number }).position;
}

async function barCount(db: TestStore, ticker?: string): Promise<number> {
  if (ticker) return (await db.read.listTickers()).find((t) => t.symbol === ticker)?.bars ?? 0;
  return (await db.admin.projectionChecksums()).price_bars!.rows;
}

async function listVia(body: unknown, auth = true) {
  const res = await tickersPOST(
    new Request('http://localhost/api/tickers', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}) },
      body: JSON.stringify(body),
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  process.env.IMPACTLINE_ADMIN_TOKEN = TOKEN;
  seeded = await openSeededStore('import');
  fresh = await openTempStore('import-fresh');
});

afterAll(async () => {
  delete process.env.IMPACTLINE_DB;
  delete process.env.DATABASE_URL;
});

describe('POST /api/tickers', () => {
  beforeAll(() => use(fresh));

  it('401 without the token, 415 for a non-JSON body, 400 naming the field', async () => {
    expect((await listVia({ symbol: 'NVDA', name: 'NVIDIA Corporation', role: 'subject' }, false)).status).toBe(401);
    const form = await tickersPOST(
      new Request('http://localhost/api/tickers', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' }, body: 'NVDA' }),
    );
    expect(form.status).toBe(415);
    const bad = await listVia({ symbol: 'NVDA', name: 'NVIDIA Corporation', role: 'index' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^role: /);
    const unknown = await listVia({ symbol: 'NVDA', name: 'NVIDIA Corporation', role: 'subject', sector: 'chips' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/sector/);
    expect(await position()).toBe(0);
  });

  it('201 {id, version, position}; 409 when the ticker is already listed', async () => {
    const nvda = await listVia({ symbol: 'nvda', name: 'NVIDIA Corporation', exchange: 'NASDAQ', role: 'subject', shares_outstanding: 24_400_000_000 });
    expect(nvda).toEqual({ status: 201, body: { id: 'NVDA', version: 1, position: 1 } });
    expect((await listVia({ symbol: 'AMD', name: 'Advanced Micro Devices, Inc.', exchange: 'NASDAQ', role: 'peer' })).status).toBe(201);
    expect((await listVia({ symbol: 'SPY', name: 'SPDR S&P 500 ETF Trust', role: 'benchmark' })).status).toBe(201);
    expect((await listVia({ symbol: 'MU', name: 'Micron Technology, Inc.', role: 'peer' })).status).toBe(201);
    const again = await listVia({ symbol: 'NVDA', name: 'NVIDIA again', role: 'peer' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already listed/);
    const tickers = ((await (await tickersGET()).json()) as { tickers: { symbol: string; role: string; exchange: string | null }[] }).tickers;
    expect(tickers.map((t) => t.symbol)).toEqual(['NVDA', 'AMD', 'MU', 'SPY']);
    expect(tickers[0]).toMatchObject({ role: 'subject', exchange: 'NASDAQ' });
    expect(await position()).toBe(4);
  });
});

describe('the three formats: real files into a fresh ledger', () => {
  beforeAll(() => use(fresh));
  const seededBars = (ticker: string) => seeded.read.listBars(ticker);

  it('Yahoo (NVDA): 201, 374 bars equal to the seeded values', async () => {
    const before = await position();
    const { status, body } = await importFile('NVDA', fixture('nvda-yahoo.csv'), { headers: { 'x-file-name': 'NVDA.csv' } });
    expect(status).toBe(201);
    expect(body).toMatchObject({ ticker: 'NVDA', format: 'yahoo', rows: 374, inserted: 374, unchanged: 0, corrected: 0, skipped: 0, warnings: 0 });
    expect(body.position).toBe(before + 1);
    expect(await fresh.read.listBars('NVDA')).toEqual(await seededBars('NVDA'));
    const ledger = (await (await ledgerGET(new Request(`http://localhost/api/ledger?after=${before}`))).json()) as {
      events: { type: string; data: { source: string; bars: unknown[] }; metadata: { actor: string } }[];
    };
    expect(ledger.events).toHaveLength(1);
    expect(ledger.events[0]).toMatchObject({ type: 'PriceBarsImported', data: { source: 'yahoo file NVDA.csv via api' }, metadata: { actor: 'admin' } });
    expect(Object.keys(ledger.events[0]!.data.bars[0] as object).sort()).toEqual(['adj_close', 'close', 'date', 'high', 'low', 'open', 'volume']);
  });

  it('Stooq (AMD): 201, adj_close null, the other values equal to the seeded ones', async () => {
    const { status, body } = await importFile('AMD', fixture('amd-stooq.csv'));
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: 'stooq', rows: 374, inserted: 374 });
    expect(await fresh.read.listBars('AMD')).toEqual((await seededBars('AMD')).map((b) => ({ ...b, adj_close: null })));
  });

  it('our own export (SPY): 201, equal to the seeded values', async () => {
    const { status, body } = await importFile('SPY', fixture('spy-impactline.csv'));
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: 'impactline', rows: 374, inserted: 374 });
    expect(await fresh.read.listBars('SPY')).toEqual(await seededBars('SPY'));
  });

  it('a BOM and Windows line endings change nothing: the same NVDA bars, nothing recorded (200)', async () => {
    const before = await position();
    const { status, body } = await importFile('NVDA', fixture('nvda-yahoo-bom-crlf.csv'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'yahoo', inserted: 0, unchanged: 374, corrected: 0, position: null });
    expect(await position()).toBe(before);
  });

  it('our own multi-ticker export into NVDA: the AMD rows are left out with a warning', async () => {
    const { status, body } = await importFile('NVDA', fixture('nvda-amd-impactline.csv'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'impactline', rows: 748, unchanged: 374, ignored: { AMD: 374 }, warnings: 1 });
    expect(body.problems.warnings[0]).toMatchObject({ line: 3, column: 'ticker', code: 'other_ticker' });
  });

  it('a weekend date is a warning naming its line; the row is imported', async () => {
    const { status, body } = await importFile('NVDA', fixture('nvda-yahoo-weekend.csv'));
    expect(status).toBe(201);
    expect(body).toMatchObject({ inserted: 1, unchanged: 7, warnings: 1 });
    expect(body.problems.warnings[0]).toMatchObject({ line: 9, column: 'date', code: 'weekend_date' });
    expect(body.problems.warnings[0]!.message).toMatch(/Saturday/);
  });
});

type Case = { file: string; status: number; line: number; column: string | null; code: string };
const CASES = JSON.parse(fixtureText('malformed/cases.json')) as Case[];

describe('malformed variants: a precise 4xx, the line named, the ledger untouched', () => {
  let start: number;
  let nvdaBars: number;
  beforeAll(async () => {
    use(seeded);
    start = await position();
    nvdaBars = await barCount(seeded, 'NVDA');
  });

  it('there are at least 30 variants, each a real file', async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    for (const c of CASES) expect(fs.existsSync(path.join(FIXTURES, 'malformed', c.file))).toBe(true);
  });

  it.each(CASES)('$file → $status, line $line, $code', async (c) => {
    const { status, body } = await importFile('NVDA', fixture(`malformed/${c.file}`));
    expect(status).toBe(c.status);
    expect(body.error).toBe('unprocessable');
    expect(body.message).toMatch(/; nothing was recorded/);
    expect(body.errorCount).toBeGreaterThanOrEqual(1);
    const named = body.errors.find((e) => e.code === c.code);
    expect(named, JSON.stringify(body.errors)).toBeDefined();
    expect(named).toMatchObject({ line: c.line, column: c.column, severity: 'error' });
    expect(named!.message).toMatch(new RegExp(`^line ${c.line}\\b`));
    expect(await position()).toBe(start);
    expect(await barCount(seeded, 'NVDA')).toBe(nvdaBars);
  });

  it('the preview reports the same problem, with 200 and ok=false, and writes nothing', async () => {
    const res = await previewPOST(csvRequest('NVDA', fixture('malformed/close-above-high.csv'), { path: '/preview' }), params('NVDA'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; errors: Problem[]; preview: { line: number }[] };
    expect(body.ok).toBe(false);
    expect(body.errors[0]).toMatchObject({ line: 3, column: 'close', code: 'close_outside_range' });
    expect(body.preview.map((r) => r.line)).toEqual([2, 4, 5, 6, 7, 8, 9]);
    expect(await position()).toBe(start);
  });

  it('the reported problems are capped at 200 with the full count', async () => {
    const lines = fixtureText('nvda-yahoo.csv').trimEnd().split('\n');
    const broken = [lines[0], ...lines.slice(1).map((l) => l.replace(/^([^,]+),/, '$1,x'))].join('\n');
    const { status, body } = await importFile('NVDA', broken);
    expect(status).toBe(422);
    expect(body.errorCount).toBe(374);
    expect(body.errors).toHaveLength(200);
    expect(body.skipped).toBe(374);
    expect(await position()).toBe(start);
  });
});

describe('request errors: 401, 404, 415, 413, 400', () => {
  beforeAll(() => use(seeded));

  it('401 without the token; nothing recorded', async () => {
    const before = await position();
    const { status, body } = await importFile('NVDA', fixture('nvda-yahoo.csv'), { auth: false });
    expect(status).toBe(401);
    expect(body.error).toBe('unauthorized');
    expect(await position()).toBe(before);
  });

  it('404 for an unlisted ticker, saying how to list it', async () => {
    const { status, body } = await importFile('ZZZZ', fixture('nvda-yahoo.csv'));
    expect(status).toBe(404);
    expect(body.message).toBe('ticker "ZZZZ" is not listed; list it first with POST /api/tickers');
  });

  it('415 for a body that is not text/csv', async () => {
    const { status, body } = await importFile('NVDA', fixture('nvda-yahoo.csv'), { headers: { 'content-type': 'application/json' } });
    expect(status).toBe(415);
    expect(body.message).toMatch(/text\/csv/);
    expect((await importFile('NVDA', fixture('nvda-yahoo.csv'), { headers: { 'content-type': 'text/csv; charset=latin1' } })).status).toBe(415);
    // text/csv with a UTF-8 charset is fine
    expect((await importFile('NVDA', fixture('nvda-yahoo.csv'), { headers: { 'content-type': 'text/csv; charset=utf-8' } })).status).toBe(200);
  });

  it('400 for an unknown onInvalid value or parameter', async () => {
    const { status, body } = await importFile('NVDA', fixture('nvda-yahoo.csv'), { query: '?onInvalid=ignore' });
    expect(status).toBe(400);
    expect(body.message).toMatch(/^onInvalid: /);
    expect((await importFile('NVDA', fixture('nvda-yahoo.csv'), { query: '?dryRun=1' })).status).toBe(400);
  });

  it('413 up front when Content-Length is over 20 MB (the body is not read)', async () => {
    const before = await position();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('x'));
      },
    });
    const { status, body: res } = await importFile('NVDA', body, { headers: { 'content-length': String(20 * 1024 * 1024 + 1) } });
    expect(status).toBe(413);
    expect(res.message).toMatch(/20\.0 MB/);
    expect(pulled).toBeLessThanOrEqual(1); // at most the stream's initial pull
    expect(await position()).toBe(before);
  });

  it('413 when a streamed body without Content-Length passes 20 MB; reading stops at the limit', async () => {
    const before = await position();
    const lines = fixtureText('nvda-yahoo.csv').trimEnd().split('\n');
    const chunk = new TextEncoder().encode(`${lines.slice(1).join('\n')}\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`${lines[0]}\n`));
      },
      pull(controller) {
        if (sent > 40 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const { status, body: res } = await importFile('NVDA', body);
    expect(status).toBe(413);
    expect(res.error).toBe('too_large');
    expect(res.errors[0]).toMatchObject({ code: 'too_large' });
    expect(sent).toBeLessThan(21 * 1024 * 1024);
    expect(await position()).toBe(before);
  });
});

describe('idempotent, with corrections kept as history', () => {
  beforeAll(() => use(seeded));

  it('re-importing identical bars records nothing and says so (200)', async () => {
    const before = await position();
    const { status, body } = await importFile('NVDA', fixture('nvda-yahoo.csv'));
    expect(status).toBe(200);
    expect(body).toMatchObject({ inserted: 0, unchanged: 374, corrected: 0, position: null });
    expect(body.message).toMatch(/^nothing changed/);
    expect(await position()).toBe(before);
  });

  it('a changed close becomes one PriceBarsCorrected with before/after; replays show the old value', async () => {
    const before = await position();
    const original = (await seeded.read.listBars('NVDA', { from: '2025-01-27', to: '2025-01-27' }))[0]!;
    const lines = fixtureText('nvda-yahoo.csv').split('\n');
    const i = lines.findIndex((l) => l.startsWith('2025-01-27,'));
    const cells = lines[i]!.split(',');
    const newClose = Number(cells[2]); // the day's high: still within [low, high]
    cells[4] = String(newClose);
    lines[i] = cells.join(',');
    const { status, body } = await importFile('NVDA', lines.join('\n'));
    expect(status).toBe(201);
    expect(body).toMatchObject({ inserted: 0, unchanged: 373, corrected: 1, position: before + 1 });

    const ledger = (await (await ledgerGET(new Request(`http://localhost/api/ledger?after=${before}`))).json()) as {
      events: { type: string; stream_id: string; data: { corrections: { date: string; before: BarView; after: BarView }[] } }[];
    };
    expect(ledger.events).toHaveLength(1);
    expect(ledger.events[0]).toMatchObject({ type: 'PriceBarsCorrected', stream_id: 'ticker-NVDA' });
    const { date, ...originalValues } = original;
    expect(ledger.events[0]!.data.corrections).toEqual([{ date, before: originalValues, after: { ...originalValues, close: newClose } }]);

    // Live read: the new close. Position replay and as-of replay: the close as it was.
    expect((await seeded.read.listBars('NVDA', { from: date, to: date }))[0]!.close).toBe(newClose);
    expect((await seeded.read.listBars('NVDA', { from: date, to: date }, { position: before }))[0]!.close).toBe(original.close);
    const get = async (qs: string) =>
      ((await (await pricesGET(new Request(`http://localhost/api/prices/NVDA?from=${date}&to=${date}${qs}`), params('NVDA'))).json()) as { bars: BarView[] }).bars[0]!.close;
    expect(await get('')).toBe(newClose);
    expect(await get(`&position=${before}`)).toBe(original.close);
    expect(await get('&asOf=2025-06-30')).toBe(original.close);

    // The same corrected file again: nothing changes.
    const again = await importFile('NVDA', lines.join('\n'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ corrected: 0, unchanged: 374 });
    expect(await position()).toBe(before + 1);
  });
});

describe('onInvalid=skip', () => {
  beforeAll(() => use(fresh));
  // Real MU rows in Yahoo layout with two rows broken: line 10 (close above high) and line 20 (non-numeric open).
  const broken = () => {
    const seededLines = fs.readFileSync(path.join(ROOT, 'data/seed/prices/MU.csv'), 'utf8').trimEnd().split('\n');
    const lines = ['Date,Open,High,Low,Close,Adj Close,Volume', ...seededLines.slice(1)];
    const c10 = lines[9]!.split(',');
    c10[4] = String(Number(c10[2]) * 2);
    lines[9] = c10.join(',');
    const c20 = lines[19]!.split(',');
    c20[1] = 'n/a';
    lines[19] = c20.join(',');
    return { text: `${lines.join('\n')}\n`, dates: [c10[0]!, c20[0]!] };
  };

  it('without skip: 422 naming both lines, nothing recorded', async () => {
    const before = await position();
    const { status, body } = await importFile('MU', broken().text);
    expect(status).toBe(422);
    expect(body.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [10, 'close', 'close_outside_range'],
      [20, 'open', 'non_numeric'],
    ]);
    expect(body.message).toMatch(/onInvalid=skip/);
    expect(await position()).toBe(before);
    expect(await barCount(fresh, 'MU')).toBe(0);
  });

  it('with skip: the valid rows are imported and the skipped ones reported', async () => {
    const { text, dates } = broken();
    const { status, body } = await importFile('MU', text, { query: '?onInvalid=skip' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ rows: 374, inserted: 372, skipped: 2 });
    expect(body.problems.skippedLines).toEqual([10, 20]);
    expect(body.problems.errors.map((e) => e.line)).toEqual([10, 20]);
    const held = new Set((await fresh.read.listBars('MU')).map((b) => b.date));
    expect(held.size).toBe(372);
    for (const d of dates) expect(held.has(d)).toBe(false);
  });

  it('skip does not skip file-level problems or a file with no valid rows', async () => {
    const before = await position();
    expect((await importFile('MU', fixture('malformed/semicolon-decimal-comma.csv'), { query: '?onInvalid=skip' })).status).toBe(422);
    expect((await importFile('MU', fixture('malformed/unclosed-quote.csv'), { query: '?onInvalid=skip' })).status).toBe(422);
    const allBad = 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,1,1,x,1,1\n';
    expect((await importFile('MU', allBad, { query: '?onInvalid=skip' })).status).toBe(422);
    expect(await position()).toBe(before);
  });
});

describe('CLI: npm run import:prices', () => {
  let cliDb: TestStore;
  const run = promisify(execFile);
  async function cli(args: string[]) {
    try {
      const { stdout, stderr } = await run('npx', ['tsx', 'scripts/import-prices.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...envFor(cliDb.file) },
        maxBuffer: 16 * 1024 * 1024,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  beforeAll(async () => {
    cliDb = await openSeededStore('import-cli');
    await listTicker(cliDb.events, { symbol: 'CLI', name: 'CLI test ticker', exchange: null, role: 'peer', shares_outstanding: null }, { actor: 'test', now: TEST_NOW });
  });

  it('imports identical bars: exit 0, a summary that says nothing changed', async () => {
    const r = await cli(['--ticker', 'NVDA', path.join(FIXTURES, 'nvda-yahoo.csv')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/inserted: +0\n/);
    expect(r.stdout).toMatch(/unchanged: +374\n/);
    expect(r.stdout).toMatch(/corrected: +0\n/);
    expect(r.stdout).toMatch(/skipped: +0\n/);
    expect(r.stdout).toMatch(/nothing changed/);
    expect(await cliDb.events.latestPosition()).toBe(106);
  });

  it('a malformed file: exit 1 with the report on stderr; nothing recorded', async () => {
    const r = await cli(['--ticker', 'NVDA', path.join(FIXTURES, 'malformed/close-above-high.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3, close: 48\.5 is above high 48\.184 \[close_outside_range\]/);
    expect(await cliDb.events.latestPosition()).toBe(106);
  });

  it('an unknown ticker or a missing file: exit 2 saying what to do', async () => {
    const unknown = await cli(['--ticker', 'ZZZZ', path.join(FIXTURES, 'nvda-yahoo.csv')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/list it first with POST \/api\/tickers/);
    const missing = await cli(['--ticker', 'NVDA', path.join(FIXTURES, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect((await cli(['nvda-yahoo.csv'])).code).toBe(2);
  });

  it('--skip-invalid imports the valid rows; a file over 10k rows shows a progress bar', async () => {
    // 20,000 rows: the real NVDA rows' values repeated on consecutive weekdays from 1950.
    const real = fixtureText('nvda-yahoo.csv').trimEnd().split('\n').slice(1).map((l) => l.slice(l.indexOf(',')));
    const day = new Date(Date.UTC(1950, 0, 2));
    const out = ['Date,Open,High,Low,Close,Adj Close,Volume'];
    for (let i = 0; out.length <= 20_000; ) {
      const wd = day.getUTCDay();
      if (wd !== 0 && wd !== 6) out.push(`${day.toISOString().slice(0, 10)}${real[i++ % real.length]}`);
      day.setUTCDate(day.getUTCDate() + 1);
    }
    out[500] = out[500]!.replace(/,[^,]+$/, ',-1'); // negative volume on line 501
    const file = path.join(os.tmpdir(), `impactline-cli-${process.pid}.csv`);
    fs.writeFileSync(file, `${out.join('\n')}\n`);
    const refused = await cli(['--ticker', 'CLI', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line 501, volume: volume -1 is negative \[negative_volume\]/);
    const r = await cli(['--ticker', 'CLI', file, '--skip-invalid']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\[#+\.*\] +\d+% +20,000 rows/);
    expect(r.stdout).toMatch(/inserted: +19,999\n/);
    expect(r.stdout).toMatch(/skipped: +1\n/);
    expect(await barCount(cliDb, 'CLI')).toBe(19_999);
    const [event] = await cliDb.events.readAll({ stream: 'ticker-CLI', type: 'PriceBarsImported', limit: 1 });
    expect(event!.metadata).toMatchObject({ actor: 'cli' });
    fs.rmSync(file);
  });
});

describe('1,000,000 rows in one logical import', () => {
  const N = 1_000_000;
  let big: TestStore;
  let file: string;
  beforeAll(async () => {
    big = await openTempStore('import-1m');
    await listTicker(big.events, { symbol: 'BIG', name: '1M-row test ticker', exchange: null, role: 'peer', shares_outstanding: null }, { actor: 'test', now: TEST_NOW });
    // Real SPY values (cycled) on 1,000,000 consecutive weekdays from 1800-01-01, written as a stream.
    const real = fixtureText('spy-impactline.csv').trimEnd().split('\n').slice(1).map((l) => l.slice(l.indexOf(',')));
    file = path.join(os.tmpdir(), `impactline-1m-${process.pid}.csv`);
    const fd = fs.openSync(file, 'w');
    let buf: string[] = ['date,open,high,low,close,adj_close,volume'];
    const day = new Date(Date.UTC(1800, 0, 1));
    for (let i = 0; i < N; ) {
      const wd = day.getUTCDay();
      if (wd !== 0 && wd !== 6) {
        buf.push(`${day.toISOString().slice(0, 10)}${real[i % real.length]}`);
        i++;
        if (buf.length >= 10_000) {
          fs.writeSync(fd, `${buf.join('\n')}\n`);
          buf = [];
        }
      }
      day.setUTCDate(day.getUTCDate() + 1);
    }
    if (buf.length > 0) fs.writeSync(fd, `${buf.join('\n')}\n`);
    fs.closeSync(fd);
  }, 120_000);
  afterAll(() => fs.rmSync(file, { force: true }));

  const parseFile = (f: string) => parsePriceFile(fs.createReadStream(f, { highWaterMark: 256 * 1024 }));
  const ctx = { actor: 'test', now: TEST_NOW };

  it('imports all rows, committing in batches inside one transaction; a failure mid-way leaves nothing', async () => {
    const size = fs.statSync(file).size;
    const t0 = performance.now();
    const report = await parseFile(file);
    const t1 = performance.now();
    expect(report).toMatchObject({ rows: N, errorCount: 0 });
    const plan = planImport(report, 'BIG', { skipInvalid: false });
    expect(plan.ok).toBe(true);
    const heapAfterParse = process.memoryUsage().heapUsed;

    // Fault injection: the database refuses the very last bar, after 199 batches were appended.
    const positionBefore = await big.events.latestPosition();
    const lastDate = report.bars[N - 1]!.date;
    // A trigger in the schema (not TEMP: the store writes on its own connection).
    const raw = await rawSql(big.file);
    await raw.exec(
      isPostgres
        ? `CREATE FUNCTION fail_last() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.date = '${lastDate}' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
           CREATE TRIGGER fail_last BEFORE INSERT ON price_bars FOR EACH ROW EXECUTE FUNCTION fail_last()`
        : `CREATE TRIGGER fail_last BEFORE INSERT ON price_bars WHEN NEW.date = '${lastDate}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    await expect(importPriceBars(big.events, 'BIG', plan.bars, { source: 'test' }, ctx)).rejects.toThrow(/injected failure/);
    expect(await big.events.latestPosition()).toBe(positionBefore);
    expect(await barCount(big, 'BIG')).toBe(0);
    await raw.exec(isPostgres ? 'DROP TRIGGER fail_last ON price_bars; DROP FUNCTION fail_last()' : 'DROP TRIGGER fail_last');
    await raw.close();

    const t2 = performance.now();
    const result = await importPriceBars(big.events, 'BIG', plan.bars, { source: 'test' }, ctx);
    const t3 = performance.now();
    expect(result).toMatchObject({ inserted: N, unchanged: 0, corrected: 0 });
    expect(result.positions).toHaveLength(N / 5000);
    expect(await barCount(big, 'BIG')).toBe(N);
    const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-US');
    console.log(
      `[1M import] file ${(size / 1024 / 1024).toFixed(1)} MB; parse+validate ${((t1 - t0) / 1000).toFixed(1)} s (${perSecond(N, t1 - t0)} rows/s); ` +
        `record ${((t3 - t2) / 1000).toFixed(1)} s (${perSecond(N, t3 - t2)} rows/s); end to end ${perSecond(N, t1 - t0 + t3 - t2)} rows/s; ` +
        `heap after parse ${(heapAfterParse / 1024 / 1024).toFixed(0)} MB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  }, 600_000);

  it('an invalid row at the very end refuses the whole file: nothing recorded', async () => {
    const positionBefore = await big.events.latestPosition();
    const barsBefore = await barCount(big, 'BIG');
    fs.appendFileSync(file, '9999-12-31,1,2,3,4,5,6\n'); // high below low on line N + 2
    const report = await parseFile(file);
    expect(report.errors).toEqual([expect.objectContaining({ line: N + 2, column: 'high', code: 'high_below_low' })]);
    expect(planImport(report, 'BIG', { skipInvalid: false }).ok).toBe(false);
    expect(await big.events.latestPosition()).toBe(positionBefore);
    expect(await barCount(big, 'BIG')).toBe(barsBefore);
  }, 600_000);
});
