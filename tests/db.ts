// Test helpers: real database files in a temporary folder (never a mock, never the app's
// database), opened through the same store the app uses.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '@/db';
import { defineNarrative } from '@/server/commands/narratives';
import { seed } from '@/server/seed';

export type TestStore = Store & { file: string };

export function tempDbFile(name = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-'));
  return path.join(dir, `${name}.db`);
}

export async function openTestStore(file: string): Promise<TestStore> {
  const store = await openStore({ kind: 'sqlite', file });
  return Object.assign(store, { file });
}

export function openTempStore(name?: string): Promise<TestStore> {
  return openTestStore(tempDbFile(name));
}

let seededTemplate: string | null = null;

/** A freshly seeded database (the seed is built once per test process, then copied). */
export async function openSeededStore(name = 'seeded'): Promise<TestStore> {
  if (!seededTemplate) {
    const file = tempDbFile('template');
    const store = await openTestStore(file);
    await seed(store, { now: '2026-01-01T00:00:00.000Z' });
    await store.close();
    checkpoint(file);
    seededTemplate = file;
  }
  const file = tempDbFile(name);
  fs.copyFileSync(seededTemplate, file);
  return openTestStore(file);
}

/** Fold the WAL into the main file, so a copy of the file alone is the whole database. */
export function checkpoint(file: string): void {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/**
 * A raw SQLite connection to a test database, for the few checks that must go under the store
 * (the append-only triggers, crash recovery). Closed by the caller.
 */
export function rawSqlite(file: string): Database.Database {
  return new Database(file);
}

export const TEST_NOW = '2026-01-02T00:00:00.000Z';

/** Define a narrative in a fresh (unseeded) test ledger, so entries and claims can name it. */
export async function defineTestNarrative(store: Store, id = 'other'): Promise<void> {
  await defineNarrative(store.events, { id, name: `Test narrative ${id}`, thesis: '' }, { actor: 'test', now: TEST_NOW });
}
