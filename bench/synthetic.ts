// Synthetic market data for benchmarks: a seeded PRNG, a weekday trading calendar, random-walk
// prices driven by a market factor, and clearly labelled synthetic ledger entries. Nothing here
// is real data: tickers are SYN001…, the benchmark is SYNMKT, every title starts "[synthetic]",
// and every command is recorded with actor "synthetic".
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_DB_FILE, openStore, type Store } from '@/db';
import type { LedgerWriter } from '@/db/store';
import { entryFieldsSchema, KINDS, type PriceBar } from '@/lib/domain/schemas';
import { recordEntry } from '@/server/commands/entries';
import type { CommandContext } from '@/server/commands/handle';
import { importPriceBars } from '@/server/commands/prices';
import { defineNarrative } from '@/server/commands/narratives';
import { listTicker } from '@/server/commands/reference';

export const SYNTHETIC_ACTOR = 'synthetic';
/** PRAGMA application_id written into every synthetic database ("SYN1"). */
export const SYNTHETIC_APPLICATION_ID = 0x53594e31;
export const SYNTHETIC_BENCHMARK = 'SYNMKT';
/** Last trading day of every synthetic calendar (fixed, so runs are reproducible). */
export const SYNTHETIC_END = '2025-12-31';

export const symbolOf = (i: number) => `SYN${String(i + 1).padStart(3, '0')}`;
export const nameOf = (i: number) => `Synthetic ${String(i + 1).padStart(3, '0')} (random walk)`;

/** mulberry32: small, fast, seeded; good enough for benchmark data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gaussian(rand: () => number): () => number {
  return () => {
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** `days` weekdays ending on `end` (inclusive), ascending. */
export function tradingCalendar(days: number, end = SYNTHETIC_END): string[] {
  const out: string[] = [];
  const d = new Date(`${end}T00:00:00Z`);
  while (out.length < days) {
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out.reverse();
}

export const daysForYears = (years: number) => Math.max(2, Math.round(years * 252));

/**
 * Closes of `tickers` random walks plus the market factor, on `days` trading days:
 * r_m ~ N(0.0003, 0.01); r_i = beta_i·r_m + N(0, sigma_i), beta_i ∈ [0.5, 1.5], sigma_i ∈ [1%, 3%].
 * `closes[i * days + d]` for ticker i; `market[d]` for the factor (level starts at 100).
 */
export function randomWalks(tickers: number, days: number, seed = 42): { market: Float64Array; closes: Float64Array } {
  const rand = prng(seed);
  const normal = gaussian(rand);
  const market = new Float64Array(days);
  const mret = new Float64Array(days);
  market[0] = 100;
  for (let d = 1; d < days; d++) {
    mret[d] = 0.0003 + 0.01 * normal();
    market[d] = market[d - 1]! * (1 + mret[d]!);
  }
  const closes = new Float64Array(tickers * days);
  for (let i = 0; i < tickers; i++) {
    const beta = 0.5 + rand();
    const sigma = 0.01 + 0.02 * rand();
    let p = 20 + 180 * rand();
    const base = i * days;
    closes[base] = p;
    for (let d = 1; d < days; d++) {
      const r = Math.max(-0.5, beta * mret[d]! + sigma * normal());
      p *= 1 + r;
      closes[base + d] = p;
    }
  }
  return { market, closes };
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Daily bars around a close series (open = previous close; high/low bracket open and close). */
export function barsFor(calendar: readonly string[], closes: ArrayLike<number>, offset = 0, seed = 7): PriceBar[] {
  const rand = prng(seed);
  const bars: PriceBar[] = new Array(calendar.length);
  let prev = closes[offset]!;
  for (let d = 0; d < calendar.length; d++) {
    const close = round4(closes[offset + d]!);
    const open = round4(prev);
    const high = round4(Math.max(open, close) * (1 + 0.005 * rand()));
    const low = round4(Math.min(open, close) * (1 - 0.005 * rand()));
    bars[d] = { date: calendar[d]!, open, high, low, close, adj_close: close, volume: Math.round(1e5 + 1e6 * rand()) };
    prev = close;
  }
  return bars;
}

/** The synthetic ledger's narratives: the bundled dataset's five ids, with synthetic names. */
const NARRATIVE_IDS = ['cheap-ai', 'true-cost', 'market-reaction', 'capex-race', 'other'] as const;
const NARRATIVES: Record<(typeof NARRATIVE_IDS)[number], { name: string; color: string }> = {
  'cheap-ai': { name: '[synthetic] Cheap AI', color: '#1f77b4' },
  'true-cost': { name: '[synthetic] True cost', color: '#d62728' },
  'market-reaction': { name: '[synthetic] Market reaction', color: '#2ca02c' },
  'capex-race': { name: '[synthetic] Capex race', color: '#9467bd' },
  other: { name: '[synthetic] Other', color: '#7f7f7f' },
};

/** The i-th synthetic timeline entry (validated by the real entry schema). */
export function syntheticEntry(i: number, date: string, ticker: string, rand: () => number, seed: number) {
  const narrative = NARRATIVE_IDS[i % NARRATIVE_IDS.length]!;
  const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
  const fields = entryFieldsSchema.parse({
    date,
    kind,
    title: `[synthetic] Event ${String(i + 1).padStart(5, '0')} (${narrative}, ${ticker})`,
    summary: `Synthetic benchmark event generated by scripts/synthetic-data.ts (seed ${seed}). Not a real event.`,
    narrative,
    entities: ['Synthetic'],
    tickers: [ticker],
    figures: [],
    sources: [],
  });
  return { id: `syn-e${String(i + 1).padStart(5, '0')}`, ...fields };
}

export type SyntheticOptions = { tickers: number; years: number; events: number; seed?: number; log?: (line: string) => void };
export type SyntheticReport = { file: string; tickers: number; days: number; bars: number; entries: number; position: number; ms: number };

export function syntheticContext(now: string): CommandContext {
  return { actor: SYNTHETIC_ACTOR, now, reason: 'synthetic benchmark data', source: 'scripts/synthetic-data.ts', correlationId: 'synthetic' };
}

// The synthetic-data guards below read the SQLite file directly (bench code, never the app):
// they must work before a store is opened on the file, and must never migrate a foreign file.

/** Why this database file may not receive synthetic data (null when it may). */
export function refuseReason(file: string): string | null {
  const resolved = path.resolve(file);
  if (resolved === path.resolve(DEFAULT_DB_FILE)) return `refusing to write synthetic data into the app's default database ${DEFAULT_DB_FILE}`;
  if (!fs.existsSync(resolved)) return null;
  const db = new Database(resolved, { readonly: true });
  try {
    const hasEvents = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name='events'`).get();
    if (!hasEvents) return null;
    const foreign = db
      .prepare(`SELECT count(*) AS n FROM events WHERE coalesce(json_extract(metadata, '$.actor'), '') <> ?`)
      .get(SYNTHETIC_ACTOR) as { n: number };
    if (foreign.n > 0) return `refusing: ${resolved} holds ${foreign.n} non-synthetic ledger events (real data)`;
    const any = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    if (any.n > 0) return `${resolved} already holds a synthetic ledger (${any.n} events); pass --replace to rebuild it`;
    return null;
  } finally {
    db.close();
  }
}

/** Delete a synthetic database (only when its ledger is entirely synthetic). */
export function removeSyntheticDb(file: string): void {
  const reason = refuseReason(file);
  if (reason && !reason.includes('already holds a synthetic ledger')) throw new Error(reason);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Mark the file as synthetic ("SYN1") before the first event is written, then open the store. */
export async function openSyntheticStore(file: string): Promise<Store> {
  const db = new Database(file);
  db.pragma(`application_id = ${SYNTHETIC_APPLICATION_ID}`);
  db.close();
  return openStore({ kind: 'sqlite', file });
}

export function isSyntheticFile(file: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return (db.pragma('application_id', { simple: true }) as number) === SYNTHETIC_APPLICATION_ID;
  } finally {
    db.close();
  }
}

/** Define the synthetic narratives in a fresh synthetic store. */
export async function defineSyntheticReference(store: LedgerWriter, ctx: CommandContext): Promise<void> {
  for (const [i, id] of NARRATIVE_IDS.entries())
    await defineNarrative(store, { id, sort_order: i, ...NARRATIVES[id], thesis: 'Synthetic narrative for benchmarks; not real data.' }, ctx);
}

/** Build a synthetic ledger in `file` through the real command handlers. */
export async function buildSyntheticDb(file: string, options: SyntheticOptions): Promise<SyntheticReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const reason = refuseReason(file);
  if (reason) throw new Error(reason);
  const store = await openSyntheticStore(file);
  try {
    if ((await store.events.latestPosition()) > 0) throw new Error(`${file} is not empty`);
    const { days, bars } = await writeSyntheticLedger(store.events, options, log);
    const position = await store.events.latestPosition();
    return { file, tickers: options.tickers, days, bars, entries: options.events, position, ms: performance.now() - started };
  } finally {
    await store.close();
    checkpointWal(file);
  }
}

/**
 * Write the synthetic ledger through the real command handlers into an empty store (either
 * backend), in one transaction like the seed: nothing can start on a half-built ledger.
 */
export async function writeSyntheticLedger(store: LedgerWriter, options: SyntheticOptions, log: (line: string) => void = () => {}): Promise<{ days: number; bars: number }> {
  const seed = options.seed ?? 42;
  const days = daysForYears(options.years);
  const calendar = tradingCalendar(days);
  const { market, closes } = randomWalks(options.tickers, days, seed);
  const ctx = syntheticContext('2026-01-01T00:00:00.000Z');
  let bars = 0;
  await store.transaction(async (tx) => {
    await defineSyntheticReference(tx, ctx);
    await listTicker(tx, { symbol: SYNTHETIC_BENCHMARK, name: 'Synthetic market factor (random walk)', exchange: 'SYNTHETIC', role: 'benchmark', shares_outstanding: null }, ctx);
    await importPriceBars(tx, SYNTHETIC_BENCHMARK, barsFor(calendar, market, 0, seed + 1), { source: 'synthetic:random-walk' }, ctx);
    bars += days;
    for (let i = 0; i < options.tickers; i++) {
      const symbol = symbolOf(i);
      await listTicker(tx, { symbol, name: nameOf(i), exchange: 'SYNTHETIC', role: i === 0 ? 'subject' : 'peer', shares_outstanding: 1e9 }, ctx);
      await importPriceBars(tx, symbol, barsFor(calendar, closes, i * days, seed + 2 + i), { source: 'synthetic:random-walk' }, ctx);
      bars += days;
      if ((i + 1) % 10 === 0) log(`  ${i + 1}/${options.tickers} tickers`);
    }
    const rand = prng(seed + 99);
    const dated = Array.from({ length: options.events }, (_, i) => ({ i, day: Math.floor(rand() * days) })).sort((a, b) => a.day - b.day || a.i - b.i);
    let n = 0;
    for (const { i, day } of dated) {
      const ticker = options.tickers > 0 ? symbolOf(Math.floor(rand() * options.tickers)) : SYNTHETIC_BENCHMARK;
      await recordEntry(tx, syntheticEntry(i, calendar[day]!, ticker, rand, seed), ctx);
      if (++n % 1000 === 0) log(`  ${n}/${options.events} events`);
    }
  });
  return { days, bars };
}

/** Fold the WAL into the file, so copies of it are whole and the next reader starts fast. */
export function checkpointWal(file: string): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
