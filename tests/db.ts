// Test helpers: real SQLite files in a temporary folder (never a mock, never the app's database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '@/db/client';
import { seed } from '@/db/seed';

export function tempDbFile(name = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-'));
  return path.join(dir, `${name}.db`);
}

export function openTempDb(name?: string): Db {
  return openDatabase(tempDbFile(name));
}

let seededTemplate: string | null = null;

/** A freshly seeded database (the seed is built once per test process, then copied). */
export async function openSeededDb(name = 'seeded'): Promise<Db> {
  if (!seededTemplate) {
    const file = tempDbFile('template');
    const db = openDatabase(file);
    await seed(db, { now: '2026-01-01T00:00:00.000Z' });
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.sqlite.close();
    seededTemplate = file;
  }
  const file = tempDbFile(name);
  fs.copyFileSync(seededTemplate, file);
  return openDatabase(file);
}

export const TEST_NOW = '2026-01-02T00:00:00.000Z';
