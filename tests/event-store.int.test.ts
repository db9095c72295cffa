// The event store through its port, on a real database file: compare-and-set appends,
// idempotent retries, transactions, append-only guarantees, per-projection checkpoints and
// rebuilds that equal the live projections.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '@/db/sqlite/connection';
import { ConcurrencyError } from '@/db/store';
import { amendEntry, recordEntry } from '@/server/commands/entries';
import { importPriceBars } from '@/server/commands/prices';
import { defineTestNarrative, isPostgres, openSeededStore, openTempStore, openTestStore, rawSql, TEST_NOW } from './db';
import { root } from './real-server';

const meta = { actor: 'test' };
const ev = (n: number, id?: string) => ({ eventId: id, type: 'TestHappened', data: { n }, metadata: meta, occurredAt: '2025-01-01' });
const entry = (id: string, title = 'A fall') => ({
  id,
  date: '2025-01-27',
  kind: 'market' as const,
  title,
  summary: '',
  narrative: 'market-reaction' as const,
  entities: [],
  tickers: ['NVDA'],
  figures: [],
  sources: [],
});
const ctx = { actor: 'test', now: TEST_NOW };

describe('event store', () => {
  it.skipIf(isPostgres)('sets WAL mode, foreign keys and a busy timeout (SQLite connections)', async () => {
    const store = await openTempStore();
    const db = openConnection(store.file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it('appends with compare-and-set on the stream version', async () => {
    const { events } = await openTempStore();
    const first = await events.append('s-1', 'no-stream', [ev(1), ev(2)]);
    expect(first).toMatchObject({ positions: [1, 2], version: 2, duplicate: false });
    const second = await events.append('s-1', 2, [ev(3)]);
    expect(second.version).toBe(3);
    expect((await events.readStream('s-1')).map((e) => [e.stream_version, (e.data as { n: number }).n])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(await events.streamVersion('s-1')).toBe(3);
    expect(await events.streamVersion('nothing')).toBe(0);
  });

  it('raises ConcurrencyError with the current version on a mismatch and writes nothing', async () => {
    const { events } = await openTempStore();
    await events.append('s-1', 'no-stream', [ev(1)]);
    const caught = await events.append('s-1', 0, [ev(2)]).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(ConcurrencyError);
    expect((caught as ConcurrencyError).currentVersion).toBe(1);
    await expect(events.append('s-1', 'no-stream', [ev(2)])).rejects.toThrow(ConcurrencyError);
    await expect(events.append('s-2', 3, [ev(2)])).rejects.toThrow(ConcurrencyError);
    expect(await events.latestPosition()).toBe(1);
  });

  it('"any" skips the version check', async () => {
    const { events } = await openTempStore();
    await events.append('s-1', 'any', [ev(1)]);
    expect((await events.append('s-1', 'any', [ev(2)])).version).toBe(2);
  });

  it('a retried append with the same event ids returns the original positions and writes nothing', async () => {
    const { events } = await openTempStore();
    await events.append('other', 'no-stream', [ev(0)]);
    const first = await events.append('s-1', 'no-stream', [ev(1, 'a'), ev(2, 'b')]);
    const retry = await events.append('s-1', 'no-stream', [ev(1, 'a'), ev(2, 'b')]);
    expect(retry).toEqual({ ...first, duplicate: true });
    expect(await events.latestPosition()).toBe(3);
    await expect(events.append('s-2', 'no-stream', [ev(1, 'a')])).rejects.toThrow(/already recorded/);
  });

  it('keeps positions gapless and in order; readAll pages with after/limit and filters', async () => {
    const { events } = await openTempStore();
    for (let i = 0; i < 5; i++) await events.append(`s-${i % 2}`, 'any', [ev(i)]);
    expect((await events.readAll({ after: 0, limit: 10 })).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect((await events.readAll({ after: 2, limit: 2 })).map((e) => e.position)).toEqual([3, 4]);
    expect((await events.readAll({ stream: 's-1' })).map((e) => e.position)).toEqual([2, 4]);
    expect((await events.readAll({ upTo: 3 })).map((e) => e.position)).toEqual([1, 2, 3]);
  });

  it('a transaction commits all its appends together or none of them', async () => {
    const { events } = await openTempStore();
    await expect(
      events.transaction(async (tx) => {
        await tx.append('a', 'no-stream', [ev(1)]);
        await tx.append('b', 'no-stream', [ev(2)]);
        expect(await tx.latestPosition()).toBe(2); // the transaction reads its own appends
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await events.latestPosition()).toBe(0);
    await events.transaction(async (tx) => {
      await tx.append('a', 'no-stream', [ev(1)]);
      // a failed nested transaction (a savepoint) undoes only its own appends
      await tx.transaction(async (inner) => {
        await inner.append('b', 'no-stream', [ev(2)]);
        throw new Error('inner');
      }).catch(() => undefined);
      await tx.append('c', 'no-stream', [ev(3)]);
    });
    expect((await events.readAll()).map((e) => e.stream_id)).toEqual(['a', 'c']);
  });

  it('readers outside a transaction never see its uncommitted appends', async () => {
    const store = await openTempStore();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const writing = store.events.transaction(async (tx) => {
      await tx.append('s', 'no-stream', [ev(1)]);
      await held;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.read.latestPosition()).toBe(0);
    expect(await store.events.readStream('s')).toEqual([]);
    release();
    await writing;
    expect(await store.read.latestPosition()).toBe(1);
  });

  it('refuses UPDATE and DELETE on the ledger at the database level', async () => {
    const store = await openTempStore();
    await store.events.append('s-1', 'no-stream', [ev(1)]);
    const db = await rawSql(store.file);
    await expect(db.exec("UPDATE events SET type = 'X'")).rejects.toThrow(/append-only/);
    await expect(db.exec('DELETE FROM events')).rejects.toThrow(/append-only/);
    if (isPostgres) await expect(db.exec('TRUNCATE events')).rejects.toThrow(/append-only/);
    await db.close();
    expect(await store.events.readAll()).toHaveLength(1);
  });

  it('runs projections inline: a command is visible as soon as it returns', async () => {
    const store = await openTempStore();
    await defineTestNarrative(store, 'market-reaction');
    await recordEntry(store.events, entry('e1'), ctx);
    const e = await store.read.getEntry('e1', {});
    expect(e).toMatchObject({ title: 'A fall', version: 1, status: 'active' });
  });

  it('a command with a stale expectedVersion gets 409 details listing the unseen events', async () => {
    const store = await openTempStore();
    const { events } = store;
    await defineTestNarrative(store, 'market-reaction');
    await recordEntry(events, entry('e1', 'A'), ctx);
    await amendEntry(events, 'e1', { changes: { title: 'B' }, reason: 'fix' }, { ...ctx, expectedVersion: 1 });
    const caught = (await amendEntry(events, 'e1', { changes: { title: 'C' }, reason: 'fix' }, { ...ctx, expectedVersion: 1 }).catch((e: unknown) => e)) as ConcurrencyError;
    expect(caught).toBeInstanceOf(ConcurrencyError);
    expect(caught.currentVersion).toBe(2);
    expect((caught.details?.unseen_events as { type: string }[]).map((e) => e.type)).toEqual(['TimelineEntryAmended']);
  });

  it('keeps one checkpoint per projection, moved only by the events each one folds', async () => {
    const store = await openTempStore();
    const { events } = store;
    await defineTestNarrative(store, 'market-reaction');
    const before = await events.checkpoints();
    await recordEntry(events, entry('e1'), ctx);
    const after = await events.checkpoints();
    expect(Object.keys(after).sort()).toEqual([...events.projectionNames()].sort());
    expect(after.timeline_entries).toBe(await events.latestPosition());
    expect(after.narratives).toBe(before.narratives);
    expect(after.claims).toBe(before.claims);
  });

  it('a rebuild from position 0 equals the live projections, for all or for one projection', async () => {
    const store = await openSeededStore();
    await amendEntry(store.events, 'deepseek-v3-release', { changes: { summary: 'Amended summary' }, reason: 'test' }, ctx);
    const live = await store.admin.projectionChecksums();
    expect(live.timeline_entries!.rows).toBe(44);
    expect(live.price_bars!.rows).toBe(21 * 374);
    const result = await store.events.rebuild({ batchSize: 7 });
    expect(result.position).toBe(await store.events.latestPosition());
    expect(result.projections.map((p) => p.name).sort()).toEqual([...store.events.projectionNames()].sort());
    expect(await store.admin.projectionChecksums()).toEqual(live);
    // and the rebuild really replays: wipe one table by hand, rebuild only it, equal again
    const db = await rawSql(store.file);
    await db.exec('DELETE FROM claims');
    await db.close();
    expect((await store.admin.projectionChecksums()).claims!.rows).toBe(0);
    const one = await store.events.rebuild({ projections: ['claims'] });
    expect(one.projections).toEqual([{ name: 'claims', events: 14, position: result.position }]);
    expect(await store.admin.projectionChecksums()).toEqual(live);
    await expect(store.events.rebuild({ projections: ['nope'] })).rejects.toThrow(/unknown "nope"/);
  });

  it('a rebuild through imports and corrections equals live (and on SQLite builds the bars index again as the migration made it)', async () => {
    const store = await openSeededStore();
    // SQLite: a rebuild drops the (ticker, date) index and builds it again in one sorted pass
    const indexSql = async () => {
      if (isPostgres) return null;
      const db = await rawSql(store.file);
      try {
        return await db.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'price_bars'");
      } finally {
        await db.close();
      }
    };
    // the statement migration 0004 runs (a fresh store has already rebuilt its projections once)
    const statement = /CREATE UNIQUE INDEX `price_bars_ticker_date_unique`[^;]*/.exec(
      fs.readFileSync(path.join(root, 'db/sqlite/migrations/0004_price_bars_unique_index.sql'), 'utf8'),
    )![0];
    const migrated = isPostgres ? null : [{ name: 'price_bars_ticker_date_unique', sql: statement }];
    expect(await indexSql()).toEqual(migrated);
    // a correction of a seeded bar, then new bars after it (corrections need the index mid-replay)
    const bars = await store.read.listBars('NVDA', { from: '2025-01-27', to: '2025-01-28' });
    const changed = bars.map((b, i) => ({ ...b, close: b.close + 1 + i }));
    const corrected = await importPriceBars(store.events, 'NVDA', changed, { source: 'test: corrected closes' }, ctx);
    expect(corrected.corrected).toBe(2);
    await importPriceBars(store.events, 'NVDA', [{ date: '2025-07-01', open: 1, high: 2, low: 0.5, close: 1.5, adj_close: 1.5, volume: 10 }], { source: 'test: a new day' }, ctx);
    const live = await store.admin.projectionChecksums();
    expect(live.price_bar_revisions!.rows).toBe(2);
    await store.events.rebuild();
    expect(await store.admin.projectionChecksums()).toEqual(live);
    expect(await indexSql()).toEqual(migrated);
    await store.events.rebuild({ projections: ['price_bars'], batchSize: 3 });
    expect(await store.admin.projectionChecksums()).toEqual(live);
    expect(await indexSql()).toEqual(migrated);
    // and the index still refuses a second bar for the same day
    const db = await rawSql(store.file);
    try {
      await expect(
        db.exec("INSERT INTO price_bars (ticker, date, close, first_position, last_position) VALUES ('NVDA', '2025-07-01', 1, 1, 1)"),
      ).rejects.toThrow(/UNIQUE|unique|duplicate/);
    } finally {
      await db.close();
    }
  });

  it('rebuilds a projection whose checkpoint is missing when the store opens (a reshaping migration)', async () => {
    const store = await openSeededStore();
    const live = await store.admin.projectionChecksums();
    await store.close();
    const db = await rawSql(store.file);
    await db.exec('DELETE FROM timeline_entries');
    await db.exec("DELETE FROM projection_checkpoints WHERE name = 'timeline_entries'");
    await db.close();
    const reopened = await openTestStore(store.file);
    expect(await reopened.admin.projectionChecksums()).toEqual(live);
    expect((await reopened.events.checkpoints()).timeline_entries).toBe(await reopened.events.latestPosition());
  });
});
