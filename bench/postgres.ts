// Figures 1–4 on PostgreSQL (ids pg-1, pg-2, pg-3, pg-4a, pg-4b): the same goals as on SQLite,
// each against a raw PostgreSQL baseline measured in the same run — a one-row INSERT
// transaction; a batched multi-row insert; a scan of the events table with JSON.parse;
// `psql \copy (…) TO STDOUT CSV`. Runs on a throwaway local cluster (scripts/pg-cluster.mjs),
// or on the server given as `adminUrl` (a database where it may CREATE DATABASE).
import { spawn } from 'node:child_process';
import pg from 'pg';
import { openStore } from '@/db';
import { pgProgram, splitPassword } from '@/db/postgres/admin';
import { entryFieldsSchema } from '@/lib/domain/schemas';
import { recordEntry } from '@/server/commands/entries';
import { importPriceBars } from '@/server/commands/prices';
import { listTicker } from '@/server/commands/reference';
import { startCluster, type Cluster } from '../scripts/pg-cluster.mjs';
import { fmtInt, fmtMs, fmtUs, median, row, type FigureRow, type Goal } from './common';
import { drainHttp, measureExport, type Dump } from './http';
import { startServer as startRealServer } from '@/tests/real-server';
import { cmdline, rssKb, startServer } from './server';
import { barsFor, defineSyntheticReference, nameOf, prng, randomWalks, symbolOf, syntheticContext, syntheticEntry, tradingCalendar, writeSyntheticLedger } from './synthetic';

const CTX = syntheticContext('2026-01-01T00:00:00.000Z');

export const PG_GOALS: Record<string, { name: string; goal: Goal }> = {
  'pg-1': { name: 'Single-command append (PostgreSQL)', goal: { kind: 'ratio-min', min: 0.5, text: '≥ 0.5× raw speed' } },
  'pg-2': { name: 'Bulk price import (PostgreSQL)', goal: { kind: 'ratio-min', min: 0.5, text: '≥ 0.5× raw speed' } },
  'pg-3': { name: 'Projection rebuild (PostgreSQL)', goal: { kind: 'ratio-min', min: 0.3, text: '≥ 0.3× raw speed' } },
  'pg-4a': { name: 'CSV export throughput (PostgreSQL)', goal: { kind: 'ratio-min', min: 0.5, text: '≥ 0.5× psql \\copy throughput' } },
  'pg-4b': { name: 'Server peak RSS growth during export (PostgreSQL)', goal: { kind: 'abs-max', max: 64, unit: 'MB', text: '< 64 MB' } },
};

export type PgSizes = {
  f1: { reps: number; batch: number };
  f2: { tickers: number; days: number };
  f3: { reps: number };
  f4: { reps: number };
};

type Databases = { create(name: string): Promise<string>; close(): void; describe: string };

async function databases(adminUrl: string | undefined, log: (l: string) => void): Promise<Databases> {
  let cluster: Cluster | null = null;
  let admin = adminUrl;
  if (!admin) {
    cluster = await startCluster({ log });
    admin = cluster.url('postgres');
  }
  const run = `bench_${process.pid}_${Date.now().toString(36)}`;
  let n = 0;
  return {
    describe: cluster ? `throwaway local PostgreSQL cluster (port ${cluster.port}, fsync on)` : `PostgreSQL at ${splitPassword(admin).url.replace(/\/[^/]*$/, '')}`,
    async create(name) {
      const db = `${run}_${++n}_${name}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE "${db}"`);
      await client.end();
      const u = new URL(admin!);
      u.pathname = `/${db}`;
      return u.toString();
    },
    close: () => cluster?.stop(),
  };
}

const openPg = (url: string) => openStore({ kind: 'postgres', url, readUrl: null, file: '' });

/** A migrated, empty database and a plain client on it (the raw baselines' side). */
async function rawClient(dbs: Databases, name: string): Promise<pg.Client> {
  const url = await dbs.create(name);
  await (await openPg(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

// ---------------------------------------------------------------- pg-1

async function figure1(dbs: Databases, opts: PgSizes['f1']): Promise<FigureRow> {
  const cmd = await openPg(await dbs.create('f1_command'));
  const raw = await rawClient(dbs, 'f1_raw');
  await defineSyntheticReference(cmd.events, CTX);
  const rand = prng(1);
  const input = (i: number) => {
    const { id: _id, ...fields } = syntheticEntry(i, '2025-06-02', 'SYN001', rand, 1);
    return fields as Record<string, unknown>;
  };
  let rawPosition = 0;
  const rawOne = async (i: number, data: Record<string, unknown>) => {
    await raw.query('BEGIN');
    await raw.query({
      name: 'raw-insert',
      text: `INSERT INTO events (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
             VALUES ($1, $2, $3, 1, 'TimelineEntryRecorded', 1, $4, $5, $6, $7)`,
      values: [++rawPosition, `raw-${i}`, `entry-raw-${i}`, JSON.stringify({ id: `raw-${i}`, ...data }), JSON.stringify({ actor: 'synthetic' }), '2025-06-02T00:00:00.000Z', CTX.now],
    });
    await raw.query('COMMIT');
  };
  const cmdOne = async (i: number, data: Record<string, unknown>) => {
    const fields = entryFieldsSchema.parse(data);
    await recordEntry(cmd.events, { id: `cmd-${i}`, ...fields }, CTX);
  };
  const payloads = Array.from({ length: opts.batch }, (_, i) => input(i));
  let n = 0;
  for (let i = 0; i < Math.min(50, opts.batch); i++, n++) {
    await cmdOne(n, payloads[i]!);
    await rawOne(n, payloads[i]!);
  }
  const cmdTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let r = 0; r < opts.reps; r++) {
    let t0 = performance.now();
    for (let i = 0; i < opts.batch; i++) await rawOne(n + i, payloads[i]!);
    rawTimes.push((performance.now() - t0) / opts.batch);
    t0 = performance.now();
    for (let i = 0; i < opts.batch; i++) await cmdOne(n + i, payloads[i]!);
    cmdTimes.push((performance.now() - t0) / opts.batch);
    n += opts.batch;
  }
  const entries = (await cmd.read.listEntries({}, {})).length;
  await cmd.close();
  await raw.end();
  const cmdMs = median(cmdTimes);
  const rawMs = median(rawTimes);
  return row({
    id: 'pg-1',
    name: 'Single-command append on PostgreSQL (recordEntry: validate, decide, ledger lock, append, inline projections, NOTIFY)',
    value: `${fmtUs(cmdMs)}/op`,
    valueRaw: cmdMs,
    baseline: `raw 1-row INSERT tx ${fmtUs(rawMs)}/op`,
    baselineRaw: rawMs,
    compared: rawMs / cmdMs,
    goal: PG_GOALS['pg-1']!.goal,
    notes: [`median of ${opts.reps} reps × ${opts.batch} appends, each its own transaction (BEGIN, INSERT, COMMIT for the baseline); loopback TCP`],
    details: { cmdMsPerOp: cmdTimes, rawMsPerOp: rawTimes, timelineEntries: entries },
  });
}

// ---------------------------------------------------------------- pg-2

async function figure2(dbs: Databases, opts: PgSizes['f2']): Promise<{ row: FigureRow; url: string }> {
  const url = await dbs.create('f2_import');
  const cmd = await openPg(url);
  const raw = await rawClient(dbs, 'f2_raw');
  await defineSyntheticReference(cmd.events, CTX);
  const calendar = tradingCalendar(opts.days);
  const { closes } = randomWalks(opts.tickers, opts.days, 2);
  let cmdMs = 0;
  let rawMs = 0;
  for (let i = 0; i < opts.tickers; i++) {
    const symbol = symbolOf(i);
    await listTicker(cmd.events, { symbol, name: nameOf(i), exchange: 'SYNTHETIC', role: i === 0 ? 'subject' : 'peer', shares_outstanding: 1e9 }, CTX);
    const bars = barsFor(calendar, closes, i * opts.days, 100 + i);
    const runRaw = async () => {
      const t0 = performance.now();
      await raw.query('BEGIN');
      await raw.query(
        `INSERT INTO price_bars (ticker, date, open, high, low, close, adj_close, volume, first_position, last_position)
         SELECT $1, d, o, h, l, c, a, v, 0, 0 FROM unnest($2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[]) AS u(d, o, h, l, c, a, v)`,
        [symbol, bars.map((b) => b.date), bars.map((b) => b.open), bars.map((b) => b.high), bars.map((b) => b.low), bars.map((b) => b.close), bars.map((b) => b.adj_close), bars.map((b) => b.volume)],
      );
      await raw.query('COMMIT');
      rawMs += performance.now() - t0;
    };
    const runCmd = async () => {
      const t0 = performance.now();
      await importPriceBars(cmd.events, symbol, bars, { source: 'synthetic:random-walk' }, CTX);
      cmdMs += performance.now() - t0;
    };
    if (i % 2) {
      await runRaw();
      await runCmd();
    } else {
      await runCmd();
      await runRaw();
    }
  }
  const cmdRows = (await cmd.read.listTickers()).reduce((n, t) => n + t.bars, 0);
  const rawRows = Number((await raw.query('SELECT count(*) AS n FROM price_bars')).rows[0].n);
  await cmd.close();
  await raw.end();
  const total = opts.tickers * opts.days;
  return {
    url,
    row: row({
      id: 'pg-2',
      name: `Bulk price import of ${fmtInt(total)} bars on PostgreSQL (importPriceBars per ticker)`,
      value: `${fmtMs(cmdMs)} (${fmtInt(total / (cmdMs / 1000))} bars/s)`,
      valueRaw: cmdMs,
      baseline: `raw batched insert ${fmtMs(rawMs)} (${fmtInt(total / (rawMs / 1000))} bars/s)`,
      baselineRaw: rawMs,
      compared: rawMs / cmdMs,
      goal: PG_GOALS['pg-2']!.goal,
      notes: [`${opts.tickers} tickers × ${opts.days} bars, one transaction per ticker on both sides (baseline: one INSERT … SELECT FROM unnest per ticker), interleaved; 1 run`],
      details: { bars: total, cmdRows, rawRows },
    }),
  };
}

// ---------------------------------------------------------------- pg-3

/** The synthetic ledger of the SQLite figures, written by the same code (same commands, same seed). */
async function syntheticLedger(url: string, sizes: { tickers: number; years: number; events: number }): Promise<number> {
  const store = await openPg(url);
  try {
    await writeSyntheticLedger(store.events, { ...sizes, seed: 42 });
    return await store.events.latestPosition();
  } finally {
    await store.close();
  }
}

async function figure3(dbs: Databases, sizes: { tickers: number; years: number; events: number }, opts: PgSizes['f3']): Promise<FigureRow> {
  const url = await dbs.create('f3_ledger');
  const built = performance.now();
  const position = await syntheticLedger(url, sizes);
  const buildMs = performance.now() - built;
  const store = await openPg(url);
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  const rawScan = async () => {
    // The events table through a cursor of the same page size, each payload parsed.
    let n = 0;
    await raw.query('BEGIN');
    await raw.query('DECLARE scan NO SCROLL CURSOR FOR SELECT position, event_id, stream_id, stream_version, type, schema_version, data::text AS data, metadata::text AS metadata, occurred_at, recorded_at FROM events ORDER BY position');
    for (;;) {
      const { rows } = await raw.query<{ data: string; metadata: string }>('FETCH 1000 FROM scan');
      for (const r of rows) if (JSON.parse(r.data) && JSON.parse(r.metadata)) n++;
      if (rows.length < 1000) break;
    }
    await raw.query('COMMIT');
    return n;
  };
  await rawScan();
  const rebuildTimes: number[] = [];
  const rawTimes: number[] = [];
  let events = 0;
  for (let r = 0; r < opts.reps; r++) {
    let t0 = performance.now();
    await rawScan();
    rawTimes.push(performance.now() - t0);
    t0 = performance.now();
    events = (await store.events.rebuild()).projections.reduce((s, p) => s + p.events, 0);
    rebuildTimes.push(performance.now() - t0);
  }
  await raw.end();
  await store.close();
  const rebuild = median(rebuildTimes);
  const rawMs = median(rawTimes);
  return row({
    id: 'pg-3',
    name: `Projection rebuild on PostgreSQL of the synthetic ledger (${fmtInt(position)} events)`,
    value: fmtMs(rebuild),
    valueRaw: rebuild,
    baseline: `raw scan+JSON.parse ${fmtMs(rawMs)}`,
    baselineRaw: rawMs,
    compared: rawMs / rebuild,
    goal: PG_GOALS['pg-3']!.goal,
    notes: [`median of ${opts.reps} reps; ledger built through the command handlers in ${(buildMs / 1000).toFixed(1)} s (same sizes and seed as the SQLite figures)`],
    details: { rebuildMs: rebuildTimes, rawMs: rawTimes, events, position },
  });
}

// ---------------------------------------------------------------- pg-4


function drainPsql(url: string, sql: string): Promise<Dump> {
  return new Promise((resolve, reject) => {
    const { url: bare, password } = splitPassword(url);
    const t0 = performance.now();
    const child = spawn(pgProgram('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', bare, '-c', `\\copy (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    });
    let bytes = 0;
    let lines = 0;
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, bytes, lines }) : reject(new Error(`psql exited ${code}: ${err}`))));
  });
}

async function figure4(url: string, opts: PgSizes['f4'], log: (l: string) => void, distDir?: string): Promise<FigureRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const symbols = (await client.query<{ ticker: string }>('SELECT DISTINCT ticker FROM price_bars ORDER BY ticker')).rows.map((r) => r.ticker);
  const bars = Number((await client.query('SELECT count(*) AS n FROM price_bars')).rows[0].n);
  await client.end();
  // The bench's own build folder, or (the smoke test) the one the tests already built.
  const server = distDir ? await startRealServer({ dbFile: url, log, distDir }) : await startServer({ dbFile: url, log });
  try {
    const path = `/api/export/prices.csv?tickers=${symbols.join(',')}`;
    const sql = 'SELECT ticker, date, open, high, low, close, adj_close, volume FROM price_bars ORDER BY ticker, date';
    const warm = await drainHttp(`${server.url}/api/export/prices.csv?tickers=${symbols[0]}`);
    if (warm.status !== 200) throw new Error(`export answered ${warm.status}`);
    await drainPsql(url, 'SELECT 1');
    const m = await measureExport(server, `${server.url}${path}`, () => drainPsql(url, sql), opts.reps);
    const { httpRuns, sqlRuns, httpMs, sqlMs, rows, sqlRows, httpRate, sqlRate, growthMb, interval, samples } = m;
    const peak = m.peakGrowth;
    return [
      row({
        id: 'pg-4a',
        name: `GET /api/export/prices.csv of ${fmtInt(rows)} bars over HTTP, app on PostgreSQL (throughput)`,
        value: `${fmtMs(httpMs)} (${fmtInt(httpRate)} rows/s, ${(httpRuns[0]!.bytes / 1e6).toFixed(1)} MB)`,
        valueRaw: httpMs,
        baseline: `psql \\copy … TO STDOUT CSV ${fmtMs(sqlMs)} (${fmtInt(sqlRate)} rows/s, ${(sqlRuns[0]!.bytes / 1e6).toFixed(1)} MB)`,
        baselineRaw: sqlMs,
        compared: httpRate / sqlRate,
        goal: PG_GOALS['pg-4a']!.goal,
        notes: [`median of ${opts.reps} runs each (rows/s); ${symbols.length} tickers, ${fmtInt(bars)} bars; the app reads through one server-side cursor`],
        details: { httpRuns, sqlRuns, rows, sqlRows, bars },
      }),
      row({
        id: 'pg-4b',
        name: 'Server peak RSS growth during that export (PostgreSQL)',
        value: `${peak.toFixed(1)} MB`,
        valueRaw: peak,
        baseline: `RSS before ${((rssKb(server.pid) ?? NaN) / 1024).toFixed(0)} MB`,
        baselineRaw: null,
        compared: peak,
        goal: PG_GOALS['pg-4b']!.goal,
        notes: [`max over ${opts.reps} exports of (peak VmRSS − VmRSS before), sampled every ~${interval.toFixed(0)} ms (${samples} samples) on pid ${server.pid} (${cmdline(server.pid).slice(0, 60)})`],
        details: { growthMb },
      }),
    ];
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- all of them

export async function runPostgresFigures(options: {
  sizes: PgSizes;
  ledger: { tickers: number; years: number; events: number };
  want: (id: string) => boolean;
  adminUrl?: string;
  /** Serve figure pg-4 from this build folder instead of the bench's (.next-bench). */
  distDir?: string;
  log?: (line: string) => void;
  timed?: <T>(label: string, fn: () => Promise<T>) => Promise<T>;
}): Promise<{ figures: FigureRow[]; notes: string[] }> {
  const log = options.log ?? console.log;
  const timed = options.timed ?? (<T>(_: string, fn: () => Promise<T>) => fn());
  const figures: FigureRow[] = [];
  const guard = async (ids: string[], fn: () => Promise<FigureRow[]>) => {
    try {
      figures.push(...(await fn()));
    } catch (error) {
      log(`bench: figure ${ids.join('/')} failed: ${error instanceof Error ? error.message : String(error)}`);
      const { failedRow } = await import('./common');
      for (const id of ids) figures.push(failedRow(id, PG_GOALS[id]!.name, PG_GOALS[id]!.goal, error));
    }
  };
  const dbs = await databases(options.adminUrl, log);
  try {
    if (options.want('pg-1')) await guard(['pg-1'], async () => [await timed('figure pg-1', () => figure1(dbs, options.sizes.f1))]);
    let importUrl: string | null = null;
    if (options.want('pg-2') || options.want('pg-4'))
      await guard(['pg-2'], async () => {
        const f2 = await timed('figure pg-2', () => figure2(dbs, options.sizes.f2));
        importUrl = f2.url;
        return options.want('pg-2') ? [f2.row] : [];
      });
    if (options.want('pg-3')) await guard(['pg-3'], async () => [await timed('figure pg-3', () => figure3(dbs, options.ledger, options.sizes.f3))]);
    if (options.want('pg-4'))
      await guard(['pg-4a', 'pg-4b'], async () => {
        if (!importUrl) throw new Error('figure pg-2 did not produce its database');
        return timed('figure pg-4', () => figure4(importUrl!, options.sizes.f4, log, options.distDir));
      });
    return { figures, notes: [`PostgreSQL figures on a ${dbs.describe}`] };
  } finally {
    dbs.close();
  }
}

