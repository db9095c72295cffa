// Checks on a whole ledger read through the store port (any adapter): every event in position
// order, gapless positions, gapless per-stream versions, and a rebuild that equals the live
// projections. Shared by the race, crash and backup tests.
import { expect } from 'vitest';
import type { StoredEvent } from '@/db/store';
import { openBackupCopy, type TestStore } from './db';

export async function allEvents(store: TestStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (;;) {
    const page = await store.events.readAll({ after: out.at(-1)?.position ?? 0, limit: 1000 });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** Positions 1..N without gaps; each stream's versions 1..n without gaps or duplicates. */
export function expectGapless(events: readonly StoredEvent[]): void {
  expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 1));
  const versions = new Map<string, number[]>();
  for (const e of events) versions.set(e.stream_id, [...(versions.get(e.stream_id) ?? []), e.stream_version]);
  const bad = [...versions].filter(([, v]) => v.some((x, i) => x !== i + 1)).map(([s]) => s);
  expect(bad).toEqual([]);
}

/** Back the store up, rebuild every projection on the copy, and compare with the live tables. */
export async function expectRebuildEqualsLive(store: TestStore): Promise<void> {
  const live = await store.admin.projectionChecksums();
  const copy = await openBackupCopy(store, 'rebuild-copy');
  await copy.events.rebuild();
  expect(await copy.admin.projectionChecksums()).toEqual(live);
  await copy.close();
}
