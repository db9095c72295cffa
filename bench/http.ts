// Figures 4 and 7: HTTP against the production server on loopback.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import autocannon, { type AutocannonResult } from 'autocannon';
import Database from 'better-sqlite3';
import { fmtInt, fmtMs, median, row, type FigureRow, type Goal } from './common';
import { cmdline, rssKb, sampleRss, type BenchServer } from './server';

/** Make sure Debian's sqlite3 CLI is there (apt-get as root); returns its path or throws with what to do. */
export function ensureSqlite3(log: (line: string) => void = console.log): string {
  const which = spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  if (process.getuid?.() !== 0)
    throw new Error('the sqlite3 command-line tool is missing; install it with `sudo apt-get install -y sqlite3` and run the bench again');
  log('bench: installing Debian sqlite3 (apt-get)…');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'sqlite3']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status})`);
  }
  return ensureSqlite3(log);
}

type Drain = { ms: number; bytes: number; lines: number; status: number };
/** A baseline's dump, counted the same way (no HTTP status). */
export type Dump = Omit<Drain, 'status'>;

function countLines(chunk: Buffer): number {
  let n = 0;
  let i = -1;
  while ((i = chunk.indexOf(10, i + 1)) !== -1) n++;
  return n;
}

/** GET a URL and count the body's bytes and lines as it streams in. */
export function drainHttp(url: string, headers: Record<string, string> = {}): Promise<Drain> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { headers }, (res) => {
      let bytes = 0;
      let lines = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        lines += countLines(c);
      });
      res.on('end', () => resolve({ ms: performance.now() - t0, bytes, lines, status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** `sqlite3 -csv -header <file> <sql>` with stdout counted the same way. */
export function drainSqlite3(bin: string, file: string, sql: string): Promise<Drain> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(bin, ['-readonly', '-csv', '-header', file, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let lines = 0;
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
      lines += countLines(c);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, bytes, lines, status: 0 }) : reject(new Error(`sqlite3 exited ${code}: ${err}`))));
  });
}

/**
 * Figure 4's measurement, on either database: `reps` rounds of the baseline's dump and then the
 * HTTP export of `url`, sampling the server's RSS during the export. Medians of both times.
 */
export async function measureExport(server: BenchServer, url: string, baseline: () => Promise<Dump>, reps: number) {
  const httpRuns: Drain[] = [];
  const sqlRuns: Dump[] = [];
  const growthMb: number[] = [];
  let interval = NaN;
  let samples = 0;
  for (let r = 0; r < reps; r++) {
    sqlRuns.push(await baseline());
    await new Promise((res) => setTimeout(res, 200));
    const before = rssKb(server.pid) ?? NaN;
    const sampler = sampleRss(server.pid, 20);
    const got = await drainHttp(url);
    const s = sampler.stop();
    if (got.status !== 200) throw new Error(`export answered ${got.status}`);
    httpRuns.push(got);
    growthMb.push((s.peakKb - before) / 1024);
    interval = s.meanIntervalMs;
    samples += s.samples.length;
  }
  const httpMs = median(httpRuns.map((d) => d.ms));
  const sqlMs = median(sqlRuns.map((d) => d.ms));
  const rows = httpRuns[0]!.lines - 1;
  const sqlRows = sqlRuns[0]!.lines - 1;
  return { httpRuns, sqlRuns, httpMs, sqlMs, rows, sqlRows, httpRate: rows / (httpMs / 1000), sqlRate: sqlRows / (sqlMs / 1000), peakGrowth: Math.max(...growthMb), growthMb, interval, samples };
}

export async function figure4(server: BenchServer, dbFile: string, opts: { reps: number; sqlite3: string }): Promise<FigureRow[]> {
  const db = new Database(dbFile, { readonly: true });
  const symbols = (db.prepare(`SELECT DISTINCT ticker FROM price_bars ORDER BY ticker`).all() as { ticker: string }[]).map((r) => r.ticker);
  const bars = (db.prepare('SELECT count(*) AS n FROM price_bars').get() as { n: number }).n;
  db.close();
  const url = `${server.url}/api/export/prices.csv?tickers=${symbols.join(',')}`;
  const sql = `SELECT ticker, date, open, high, low, close, adj_close, volume FROM price_bars ORDER BY ticker, date;`;
  // warm-up: route loaded, statements prepared, pages cached (not measured)
  const warm = await drainHttp(`${server.url}/api/export/prices.csv?tickers=${symbols[0]}`);
  if (warm.status !== 200) throw new Error(`export answered ${warm.status}`);
  await drainSqlite3(opts.sqlite3, dbFile, `SELECT count(*) FROM price_bars;`);
  const m = await measureExport(server, url, () => drainSqlite3(opts.sqlite3, dbFile, sql), opts.reps);
  const { httpRuns, sqlRuns, httpMs, sqlMs, rows, sqlRows, httpRate, sqlRate, peakGrowth, growthMb, interval, samples } = m;
  const throughput = row({
    id: '4a',
    name: `GET /api/export/prices.csv of ${fmtInt(rows)} bars over HTTP (throughput)`,
    value: `${fmtMs(httpMs)} (${fmtInt(httpRate)} rows/s, ${(httpRuns[0]!.bytes / 1e6).toFixed(1)} MB)`,
    valueRaw: httpMs,
    baseline: `sqlite3 -csv ${fmtMs(sqlMs)} (${fmtInt(sqlRate)} rows/s, ${(sqlRuns[0]!.bytes / 1e6).toFixed(1)} MB)`,
    baselineRaw: sqlMs,
    compared: httpRate / sqlRate,
    goal: { kind: 'ratio-min', min: 0.5, text: '≥ 0.5× sqlite3 throughput' },
    notes: [`median of ${opts.reps} runs each (rows/s); ${symbols.length} tickers, ${fmtInt(bars)} bars in the DB`],
    details: { httpRuns, sqlRuns, rows, sqlRows, bars, tickers: symbols.length },
  });
  const rss = row({
    id: '4b',
    name: 'Server peak RSS growth during that export',
    value: `${peakGrowth.toFixed(1)} MB`,
    valueRaw: peakGrowth,
    baseline: `RSS before ${((rssKb(server.pid) ?? NaN) / 1024).toFixed(0)} MB`,
    baselineRaw: null,
    compared: peakGrowth,
    goal: { kind: 'abs-max', max: 64, unit: 'MB', text: '< 64 MB' },
    notes: [`max over ${opts.reps} exports of (peak VmRSS − VmRSS before), sampled every ~${interval.toFixed(0)} ms (${samples} samples) on pid ${server.pid} (${cmdline(server.pid).slice(0, 60)})`],
    details: { growthMb, pid: server.pid, meanIntervalMs: interval, samples },
  });
  return [throughput, rss];
}

/**
 * Figure 7's goals (issue 14): under the same 50-connection load in the same run, the timeline's
 * p99 within 1.5× and its throughput at least half of /api/health's; the impacts' p99 within 1.2×.
 */
export const TIMELINE_GOAL: Goal = {
  kind: 'ratio-max',
  max: 1.5,
  text: 'p99 ≤ 1.5× /api/health p99 and throughput ≥ 0.5× health',
  alsoMin: { of: 'throughput (req/s) ÷ /api/health throughput', min: 0.5 },
};
export const IMPACTS_GOAL: Goal = { kind: 'ratio-max', max: 1.2, text: 'p99 ≤ 1.2× /api/health p99' };

export async function load(url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<AutocannonResult> {
  return autocannon({ url, connections, duration: seconds, timeout: 30, headers });
}

/** The ETag a GET answers with (for the revalidating-client run). */
function etagOf(url: string): Promise<string | null> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(typeof res.headers.etag === 'string' ? res.headers.etag : null));
      })
      .on('error', reject);
  });
}

/** What Chromium sends with every fetch: figure 7's clients ask as the dashboard's browser does. */
export const BROWSER_ACCEPT_ENCODING = { 'accept-encoding': 'gzip, deflate, br, zstd' };

/** One GET's status, headers and raw body bytes (not decoded). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * The floor under figure 7a: a bare node:http server (no routing, no database) answering the
 * very bytes the timeline answered, under the same load. What is left is the load generator's
 * own cost of receiving such a body on the same 2 cores, and the loopback.
 */
async function bareServerFloor(url: string, headers: Record<string, string>, opts: { connections: number; seconds: number }) {
  const answer = await rawGet(url, headers);
  const copied: Record<string, string> = { 'content-type': String(answer.headers['content-type'] ?? 'application/json'), 'content-length': String(answer.body.byteLength) };
  if (answer.headers['content-encoding']) copied['content-encoding'] = String(answer.headers['content-encoding']);
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, copied);
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  try {
    const port = (bare.address() as { port: number }).port;
    const result = await load(`http://127.0.0.1:${port}/`, opts.connections, opts.seconds, headers);
    return { result, bytes: answer.body.byteLength, encoding: copied['content-encoding'] ?? 'identity' };
  } finally {
    await new Promise((resolve) => bare.close(resolve));
  }
}

export async function figure7(server: BenchServer, targets: { timeline: string; impacts: string }, opts: { connections: number; seconds: number }): Promise<FigureRow[]> {
  const run = async (path: string, extraHeaders?: Record<string, string>, status = 200, encoding: Record<string, string> = BROWSER_ACCEPT_ENCODING) => {
    const headers = { ...encoding, ...extraHeaders };
    for (let i = 0; i < 3; i++) {
      const warm = await drainHttp(`${server.url}${path}`, headers);
      if (warm.status !== status) throw new Error(`GET ${path} answered ${warm.status}`);
    }
    return load(`${server.url}${path}`, opts.connections, opts.seconds, headers);
  };
  const health = await run('/api/health');
  const out: FigureRow[] = [];
  for (const [key, path] of [['timeline', targets.timeline], ['impacts', targets.impacts]] as const) {
    const r = await run(path);
    const bad = r.non2xx + r.errors + r.timeouts;
    const p99Ratio = r.latency.p99 / Math.max(health.latency.p99, 1);
    const rpsRatio = r.requests.average / Math.max(health.requests.average, 1e-9);
    const timeline = key === 'timeline';
    // For the record, beside the goal's plain GET of the whole timeline: a polling client that
    // revalidates with the ETag it holds (304s), and a client that reads one page.
    const extra: string[] = [];
    const extraDetails: Record<string, unknown> = {};
    if (timeline) {
      const etag = await etagOf(`${server.url}${path}`);
      if (etag) {
        const revalidating = await run(path, { 'if-none-match': etag }, 304);
        extraDetails.revalidating = summarise(revalidating);
        extra.push(`revalidating with If-None-Match (304, no body): p50 ${revalidating.latency.p50} ms, p99 ${revalidating.latency.p99} ms, ${fmtInt(revalidating.requests.average)} req/s`);
      }
      const floor = await bareServerFloor(`${server.url}${path}`, BROWSER_ACCEPT_ENCODING, opts);
      extraDetails.bareServerFloor = { ...summarise(floor.result), bodyBytes: floor.bytes, encoding: floor.encoding };
      extra.push(
        `floor: a bare node:http server in the bench process answering the same ${fmtInt(floor.bytes)} bytes (${floor.encoding}): p50 ${floor.result.latency.p50} ms, p99 ${floor.result.latency.p99} ms (${(floor.result.latency.p99 / Math.max(health.latency.p99, 1)).toFixed(2)}× health's p99), ${fmtInt(floor.result.requests.average)} req/s`,
      );
      // A client that does not accept compression (no Accept-Encoding): the 1.9 MB as they are.
      const identity = await run(path, {}, 200, {});
      extraDetails.identity = summarise(identity);
      extra.push(`without Accept-Encoding (uncompressed): p50 ${identity.latency.p50} ms, p99 ${identity.latency.p99} ms, ${fmtInt(identity.requests.average)} req/s, ${(identity.throughput.average / 1e6).toFixed(1)} MB/s`);
      const pagePath = `${path}${path.includes('?') ? '&' : '?'}limit=500`;
      const page = await run(pagePath);
      extraDetails.page = summarise(page);
      extra.push(`one page (${pagePath}): p50 ${page.latency.p50} ms, p99 ${page.latency.p99} ms, ${fmtInt(page.requests.average)} req/s, ${(page.throughput.average / 1e6).toFixed(1)} MB/s`);
    }
    out.push(
      row({
        id: timeline ? '7a' : '7b',
        name: `GET ${path.split('?')[0]} under load (${opts.connections} conns × ${opts.seconds} s)`,
        value: `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${fmtInt(r.requests.average)} req/s`,
        valueRaw: r.latency.p99,
        baseline: `/api/health p50 ${health.latency.p50} ms, p99 ${health.latency.p99} ms, ${fmtInt(health.requests.average)} req/s`,
        baselineRaw: health.latency.p99,
        compared: p99Ratio,
        comparedText: timeline ? `p99 ${p99Ratio.toFixed(2)}×, ${rpsRatio.toFixed(2)}× req/s` : `p99 ${p99Ratio.toFixed(2)}×`,
        alsoCompared: timeline ? rpsRatio : undefined,
        goal: timeline ? TIMELINE_GOAL : IMPACTS_GOAL,
        notes: [
          `${path}; ${fmtInt(r['2xx'])} responses 2xx${bad ? `, ${bad} non-2xx/errors/timeouts` : ''}; mean ${(r.throughput.average / 1e6).toFixed(1)} MB/s`,
          ...extra,
          `every client sends Accept-Encoding: ${BROWSER_ACCEPT_ENCODING['accept-encoding']} as Chromium does (health's answer is below the 1 kB compression threshold)${timeline ? '; the body is sent as cached, compressed once per ledger position' : ''}`,
          'autocannon runs in the bench process on the same 2 cores as the server',
        ],
        details: { result: summarise(r), baseline: summarise(health), p99Ratio, requestsRatio: rpsRatio, ...extraDetails },
      }),
    );
  }
  return out;
}

function summarise(r: AutocannonResult) {
  return {
    url: r.url,
    latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.mean },
    requestsPerSecond: r.requests.average,
    totalRequests: r.requests.total ?? r.requests.sent,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerSecond: r.throughput.average,
  };
}
