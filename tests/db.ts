// Test helpers: real databases (never a mock, never the app's database), opened through the same
// store the app uses, on the backend the run chose: IMPACTLINE_TEST_DB=postgres runs every
// integration test against PostgreSQL (a throwaway cluster started by tests/pg-global-setup.ts,
// one fresh database per test store), anything else against SQLite files in a temp folder.
//
// A test database is named by a *locator*: a SQLite file path, or a postgres:// URL. `envFor`
// gives the environment that makes the app, the scripts and a real server open it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseConfigFromEnv, openStore, type Store } from '@/db';
import { defineNarrative } from '@/server/commands/narratives';
import { seed } from '@/server/seed';

export type Backend = 'sqlite' | 'postgres';
export const BACKEND: Backend = process.env.IMPACTLINE_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const isPostgres = BACKEND === 'postgres';

/** The cluster's admin URL (…/postgres), set by the global setup on a Postgres run. */
function adminUrl(): string {
  const url = process.env.IMPACTLINE_TEST_PG_URL;
  if (!url) throw new Error('IMPACTLINE_TEST_DB=postgres needs IMPACTLINE_TEST_PG_URL (set by tests/pg-global-setup.ts)');
  return url;
}

export function urlOf(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

/** Run SQL on the cluster's admin database (CREATE DATABASE and friends). */
export async function adminSql(sql: string, url = adminUrl()): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

let counter = 0;
function uniqueName(name: string): string {
  return `t_${name.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30)}_${process.pid}_${++counter}_${Date.now().toString(36)}`;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-'));
}

/** A new, empty test database: a SQLite file path, or (Postgres run) the URL of a new database. */
export async function tempDatabase(name = 'test'): Promise<string> {
  if (!isPostgres) return path.join(tempDir(), `${name}.db`);
  const db = uniqueName(name);
  await adminSql(`CREATE DATABASE "${db}"`);
  return urlOf(db);
}

/** A SQLite file in a temp folder (tests that are about files: backups, start-up paths). */
export function tempDbFile(name = 'test'): string {
  return path.join(tempDir(), `${name}.db`);
}

export const isUrl = (locator: string) => /^postgres(ql)?:\/\//.test(locator);

/** The environment that points the app, a script or a server at this database. */
export function envFor(locator: string): Record<string, string> {
  return isUrl(locator) ? { DATABASE_URL: locator, DATABASE_READ_URL: '' } : { IMPACTLINE_DB: locator, DATABASE_URL: '', DATABASE_READ_URL: '' };
}

/** Point this process's route handlers (getStore) at the database. */
export function pointAppAt(db: { file: string }): void {
  for (const [k, v] of Object.entries(envFor(db.file))) {
    if (v) process.env[k] = v;
    else delete process.env[k];
  }
}

/** A local folder for files that belong with a test database (backups, copies). */
export function sideDir(locator: string): string {
  return isUrl(locator) ? tempDir() : path.dirname(locator);
}

export type TestStore = Store & { file: string };

export async function openTestStore(locator: string): Promise<TestStore> {
  const store = await openStore(databaseConfigFromEnv({ ...process.env, ...envFor(locator) }));
  return Object.assign(store, { file: locator });
}

export async function openTempStore(name?: string): Promise<TestStore> {
  return openTestStore(await tempDatabase(name));
}

let seededTemplate: string | null = null;

/** A freshly seeded database (the seed is built once per test process, then copied). */
export async function openSeededStore(name = 'seeded'): Promise<TestStore> {
  if (!seededTemplate) {
    const locator = await tempDatabase('template');
    const store = await openTestStore(locator);
    await seed(store, { now: '2026-01-01T00:00:00.000Z' });
    await store.close();
    if (!isPostgres) checkpoint(locator);
    seededTemplate = locator;
  }
  if (isPostgres) {
    // A database copied from the seeded one (the template has no open connections by now).
    const db = uniqueName(name);
    await adminSql(`CREATE DATABASE "${db}" TEMPLATE "${new URL(seededTemplate).pathname.slice(1)}"`);
    return openTestStore(urlOf(db));
  }
  const file = path.join(tempDir(), `${name}.db`);
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

/** A raw connection to a test database on either backend: `exec` runs SQL, `close` ends it. */
export async function rawSql(locator: string): Promise<{ exec: (sql: string) => Promise<void>; query: <R>(sql: string) => Promise<R[]>; close: () => Promise<void> }> {
  if (isUrl(locator)) {
    const client = new pg.Client({ connectionString: locator });
    await client.connect();
    return {
      exec: async (sql) => void (await client.query(sql)),
      query: async <R>(sql: string) => (await client.query(sql)).rows as R[],
      close: () => client.end(),
    };
  }
  const db = new Database(locator);
  return {
    exec: async (sql) => void db.exec(sql),
    query: async <R>(sql: string) => db.prepare(sql).all() as R[],
    close: async () => void db.close(),
  };
}

/**
 * A copy of a test database taken with the store's own online backup, opened as a new store:
 * SQLite copies the file; PostgreSQL restores the pg_dump archive into a new database.
 */
export async function openBackupCopy(store: TestStore, name = 'copy'): Promise<TestStore> {
  const dir = sideDir(store.file);
  const target = path.join(dir, `${name}-${Date.now()}-${++counter}${isUrl(store.file) ? '.dump' : '.db'}`);
  await store.admin.backup(target);
  return openTestStore(await restoreBackup(target, name));
}

/** Restore a backup written by `db:backup` as a new test database; returns its locator. */
export async function restoreBackup(backupFile: string, name = 'restored'): Promise<string> {
  if (!isPostgres) {
    const file = path.join(path.dirname(backupFile), `${name}-${++counter}.db`);
    fs.copyFileSync(backupFile, file);
    return file;
  }
  const locator = await tempDatabase(name);
  const { pgProgram } = await import('@/db/postgres/admin');
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(pgProgram('pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${locator}`, backupFile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg_restore failed: ${r.stderr}`);
  return locator;
}

export const TEST_NOW = '2026-01-02T00:00:00.000Z';

/** Define a narrative in a fresh (unseeded) test ledger, so entries and claims can name it. */
export async function defineTestNarrative(store: Store, id = 'other'): Promise<void> {
  await defineNarrative(store.events, { id, name: `Test narrative ${id}`, thesis: '' }, { actor: 'test', now: TEST_NOW });
}
