// Smoke run of the benchmark (issue 8) with tiny sizes, so `npm run bench` cannot rot.
// Covers: the synthetic-data builder and its refusals; figures 1, 2, 3, 5 and 8 in-process; figures
// 4 (CSV export vs sqlite3, RSS sampling) and 7 (autocannon) against a real production server.
// Not covered here: figure 6 (Chromium + lightweight-charts page) — run `npm run bench -- --smoke`.
// Asserts results (counts, agreement, numbers > 0), never timings.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEntry } from '@/server/commands/entries';
import { entryFieldsSchema } from '@/lib/domain/schemas';
import { figure1, figure2, figure3, figure5 } from '@/bench/in-process';
import { figure8 } from '@/bench/battery';
import { figure4, figure7 } from '@/bench/http';
import { pickImpactTarget } from '@/bench/run';
import type { BenchServer } from '@/bench/server';
import { buildSyntheticDb, isSyntheticFile, refuseReason, SYNTHETIC_BENCHMARK } from '@/bench/synthetic';
import { startServer, type RealServer } from './real-server';
import { defineTestNarrative, isPostgres, openTestStore, tempDbFile, TEST_NOW } from './db';
import { allEvents } from './ledger-audit';

const dir = path.dirname(tempDbFile('bench-smoke'));
const ledger = path.join(dir, 'ledger.db');
const sqlite3 = spawnSync('sh', ['-c', 'command -v sqlite3'], { encoding: 'utf8' }).stdout.trim();

// The SQLite figures: run on the SQLite pass of the suite (the Postgres pass runs bench-pg-smoke).
beforeAll(async () => {
  if (isPostgres) return;
  await buildSyntheticDb(ledger, { tickers: 3, years: 1, events: 40, seed: 7 });
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(isPostgres)('synthetic data', () => {
  it('builds a labelled synthetic ledger through the command handlers', async () => {
    expect(isSyntheticFile(ledger)).toBe(true);
    const db = await openTestStore(ledger);
    try {
      const tickers = [...(await db.read.listTickers())].sort((a, b) => a.symbol.localeCompare(b.symbol));
      expect(tickers.map((t) => t.symbol)).toEqual(['SYN001', 'SYN002', 'SYN003', SYNTHETIC_BENCHMARK]);
      expect(tickers.find((t) => t.symbol === SYNTHETIC_BENCHMARK)!.role).toBe('benchmark');
      expect(tickers[0]!.name).toBe('Synthetic 001 (random walk)');
      expect(tickers.reduce((n, t) => n + t.bars, 0)).toBe(4 * 252);
      const entries = await db.read.listEntries();
      expect(entries).toHaveLength(40);
      expect(entries.every((e) => e.title.startsWith('[synthetic]'))).toBe(true);
      expect(new Set(entries.map((e) => e.narrative)).size).toBe(5);
      const actors = new Set((await allEvents(db)).map((e) => e.metadata.actor));
      expect([...actors]).toEqual(['synthetic']);
    } finally {
      await db.close();
    }
  });

  it('refuses the default database, a database with real events, and a second build', async () => {
    expect(refuseReason('data/impactline.db')).toMatch(/default database/);
    const real = tempDbFile('real');
    const db = await openTestStore(real);
    await defineTestNarrative(db, 'other');
    const fields = entryFieldsSchema.parse({ date: '2025-01-27', kind: 'market', title: 'A real entry', summary: '', narrative: 'other' });
    await recordEntry(db.events, { id: 'real-entry', ...fields }, { actor: 'api', now: TEST_NOW });
    await db.close();
    expect(refuseReason(real)).toMatch(/non-synthetic/);
    await expect(buildSyntheticDb(real, { tickers: 1, years: 1, events: 1 })).rejects.toThrow(/non-synthetic/);
    expect(refuseReason(ledger)).toMatch(/already holds a synthetic ledger/);
  });
});

describe.skipIf(isPostgres)('in-process figures (tiny sizes)', () => {
  it('figure 1: command append vs raw one-row transaction', async () => {
    const r = await figure1(dir, { reps: 5, batch: 5 });
    expect(r.valueRaw).toBeGreaterThan(0);
    expect(r.baselineRaw).toBeGreaterThan(0);
    expect(r.details.timelineEntries).toBe(5 + 5 * 5);
    expect(r.details.rawEvents).toBe(5 + 5 * 5);
    expect(r.met).not.toBeNull();
  });

  it('figure 2: bulk import vs raw batched insert', async () => {
    const { row, dbFile, symbols } = await figure2(dir, { tickers: 3, days: 120 });
    expect(symbols).toEqual(['SYN001', 'SYN002', 'SYN003']);
    expect(row.details).toMatchObject({ bars: 360, cmdRows: 360, rawRows: 360, inserted: 360, ledgerEvents: 3 });
    expect(row.compared).toBeGreaterThan(0);
    expect(fs.existsSync(dbFile)).toBe(true);
  });

  it('figure 3: projection rebuild vs raw scan', async () => {
    const r = await figure3(ledger, { reps: 2 });
    expect(r.details.events).toBe(r.details.scannedRows);
    expect(r.details.entries).toBe(40);
    expect(r.details.bars).toBe(4 * 252);
    expect(r.compared).toBeGreaterThan(0);
  });

  it('figure 5: event-study engine agrees with the typed-array reference', () => {
    const r = figure5({ tickers: 6, events: 4, days: 300, reps: 2 });
    expect(r.details.engineOk).toBe(24);
    expect(r.details.referenceOk).toBe(24);
    expect(r.details.maxCarDiff as number).toBeLessThan(1e-9);
    expect(r.compared).toBeGreaterThan(0);
  });

  it('figure 8: the test battery over the same sample, its CAAR equal to the CAR-only engine mean', () => {
    const r = figure8({ tickers: 6, events: 4, days: 300, reps: 2 });
    expect(r.id).toBe('8');
    expect(r.goal).toMatchObject({ kind: 'ratio-max', max: 2.0 });
    expect(r.details.pairs).toBe(24);
    expect(r.details.caarDiff as number).toBeLessThan(1e-12);
    const tests = r.details.tests as Record<string, { statistic: number | null }>;
    expect(Object.values(tests).every((t) => t.statistic !== null && Number.isFinite(t.statistic))).toBe(true);
    expect(r.compared).toBeGreaterThan(0);
  });
});

describe.skipIf(isPostgres)('HTTP figures against a real server (tiny sizes)', () => {
  let server: RealServer | null = null;
  let bench: BenchServer;
  beforeAll(async () => {
    server = await startServer({ dbFile: ledger, token: 'bench-smoke-token-0123456789abcdef' });
    bench = server;
  }, 900_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('figure 4: CSV export vs sqlite3, with the server RSS sampled', async () => {
    // npm test installs the sqlite3 CLI first (scripts/ensure-test-tools.mjs); missing means a broken setup.
    expect(sqlite3, 'the sqlite3 command-line tool is required (apt-get install sqlite3)').not.toBe('');
    const [throughput, rss] = await figure4(bench, ledger, { reps: 1, sqlite3 });
    expect(throughput!.details.rows).toBe(4 * 252);
    expect(throughput!.details.sqlRows).toBe(4 * 252);
    expect(throughput!.compared).toBeGreaterThan(0);
    expect(rss!.details.samples as number).toBeGreaterThan(0);
    expect(Number.isFinite(rss!.valueRaw)).toBe(true);
  });

  it('figure 7: autocannon on /api/timeline and /api/impacts', async () => {
    const target = await pickImpactTarget(ledger);
    const rows = await figure7(bench, { timeline: '/api/timeline', impacts: `/api/impacts?event=${target.id}&tickers=${target.ticker}&benchmark=${SYNTHETIC_BENCHMARK}` }, { connections: 2, seconds: 1 });
    expect(rows.map((r) => r.id)).toEqual(['7a', '7b']);
    for (const r of rows) {
      const result = r.details.result as { ok: number; non2xx: number; errors: number };
      expect(result.ok).toBeGreaterThan(0);
      expect(result.non2xx).toBe(0);
      expect(result.errors).toBe(0);
      expect(r.valueRaw).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);
});
