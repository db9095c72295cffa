// The event store on a real SQLite file: compare-and-set appends, idempotent retries,
// append-only guarantees and rebuilds that equal the live projections.
import { describe, expect, it } from 'vitest';
import { projectionChecksums } from '@/db/checksums';
import { amendEntry, recordEntry } from '@/db/commands';
import { append, ConcurrencyError, latestPosition, readAll, readStream } from '@/db/event-store';
import { rebuildProjections } from '@/db/projections';
import { openSeededDb, openTempDb, TEST_NOW } from './db';

const meta = { actor: 'test' };
const ev = (n: number, id?: string) => ({ eventId: id, type: 'TestHappened', data: { n }, metadata: meta, occurredAt: '2025-01-01' });

describe('event store', () => {
  it('sets WAL mode, foreign keys and a busy timeout', () => {
    const db = openTempDb();
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('appends with compare-and-set on the stream version', () => {
    const db = openTempDb();
    const first = append(db, 's-1', 'no-stream', [ev(1), ev(2)]);
    expect(first).toMatchObject({ positions: [1, 2], version: 2, duplicate: false });
    const second = append(db, 's-1', 2, [ev(3)]);
    expect(second.version).toBe(3);
    expect(readStream(db, 's-1').map((e) => [e.stream_version, (e.data as { n: number }).n])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it('raises ConcurrencyError with the current version on a mismatch and writes nothing', () => {
    const db = openTempDb();
    append(db, 's-1', 'no-stream', [ev(1)]);
    let caught: unknown;
    try {
      append(db, 's-1', 0, [ev(2)]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConcurrencyError);
    expect((caught as ConcurrencyError).currentVersion).toBe(1);
    expect(() => append(db, 's-1', 'no-stream', [ev(2)])).toThrow(ConcurrencyError);
    expect(() => append(db, 's-2', 3, [ev(2)])).toThrow(ConcurrencyError);
    expect(latestPosition(db)).toBe(1);
  });

  it('"any" skips the version check', () => {
    const db = openTempDb();
    append(db, 's-1', 'any', [ev(1)]);
    expect(append(db, 's-1', 'any', [ev(2)]).version).toBe(2);
  });

  it('a retried append with the same event ids returns the original positions and writes nothing', () => {
    const db = openTempDb();
    append(db, 'other', 'no-stream', [ev(0)]);
    const first = append(db, 's-1', 'no-stream', [ev(1, 'a'), ev(2, 'b')]);
    const retry = append(db, 's-1', 'no-stream', [ev(1, 'a'), ev(2, 'b')]);
    expect(retry).toEqual({ ...first, duplicate: true });
    expect(latestPosition(db)).toBe(3);
    expect(() => append(db, 's-2', 'no-stream', [ev(1, 'a')])).toThrow(/already recorded/);
  });

  it('keeps positions gapless and in order; readAll pages with after/limit and filters', () => {
    const db = openTempDb();
    for (let i = 0; i < 5; i++) append(db, `s-${i % 2}`, 'any', [ev(i)]);
    expect(readAll(db, { after: 0, limit: 10 }).map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(readAll(db, { after: 2, limit: 2 }).map((e) => e.position)).toEqual([3, 4]);
    expect(readAll(db, { stream: 's-1' }).map((e) => e.position)).toEqual([2, 4]);
  });

  it('refuses UPDATE and DELETE on the ledger at the database level', () => {
    const db = openTempDb();
    append(db, 's-1', 'no-stream', [ev(1)]);
    expect(() => db.sqlite.prepare("UPDATE events SET type = 'X'").run()).toThrow(/append-only/);
    expect(() => db.sqlite.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(readAll(db)).toHaveLength(1);
  });

  it('runs projections inline: a command is visible in the same transaction', () => {
    const db = openTempDb();
    recordEntry(
      db,
      { id: 'e1', date: '2025-01-27', kind: 'market', title: 'A fall', summary: '', narrative: 'market-reaction', entities: [], tickers: ['NVDA'], figures: [], sources: [] },
      { actor: 'test', now: TEST_NOW },
    );
    const row = db.sqlite.prepare('SELECT title, version, status FROM timeline_entries WHERE id = ?').get('e1');
    expect(row).toEqual({ title: 'A fall', version: 1, status: 'active' });
  });

  it('a command with a stale expectedVersion gets 409 details listing the unseen events', () => {
    const db = openTempDb();
    const ctx = { actor: 'test', now: TEST_NOW };
    recordEntry(db, { id: 'e1', date: '2025-01-27', kind: 'market', title: 'A', summary: '', narrative: 'other', entities: [], tickers: [], figures: [], sources: [] }, ctx);
    amendEntry(db, 'e1', { changes: { title: 'B' }, reason: 'fix' }, { ...ctx, expectedVersion: 1 });
    let caught: ConcurrencyError | undefined;
    try {
      amendEntry(db, 'e1', { changes: { title: 'C' }, reason: 'fix' }, { ...ctx, expectedVersion: 1 });
    } catch (error) {
      caught = error as ConcurrencyError;
    }
    expect(caught?.currentVersion).toBe(2);
    expect((caught?.details?.unseen_events as { type: string }[]).map((e) => e.type)).toEqual(['TimelineEntryAmended']);
  });

  it('a rebuild from position 0 equals the live projections', async () => {
    const db = await openSeededDb();
    const ctx = { actor: 'test', now: TEST_NOW };
    amendEntry(db, 'deepseek-v3-release', { changes: { summary: 'Amended summary' }, reason: 'test' }, ctx);
    const live = projectionChecksums(db);
    expect(live.timeline_entries!.rows).toBe(44);
    expect(live.price_bars!.rows).toBe(21 * 374);
    const result = rebuildProjections(db);
    expect(result.position).toBe(latestPosition(db));
    expect(projectionChecksums(db)).toEqual(live);
    // and the rebuild really replayed: wipe one table by hand, rebuild, equal again
    db.sqlite.prepare('DELETE FROM claims').run();
    expect(projectionChecksums(db).claims!.rows).toBe(0);
    rebuildProjections(db);
    expect(projectionChecksums(db)).toEqual(live);
  });
});
