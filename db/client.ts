// The one module that opens SQLite. Everything else receives a `Db`.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;
export type Db = { sqlite: Database.Database; orm: Orm; file: string };

export const DEFAULT_DB_FILE = 'data/impactline.db';

export function databaseFileFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.IMPACTLINE_DB?.trim() || DEFAULT_DB_FILE);
}

export class DatabaseLocationError extends Error {}

/** Refuse to start on a folder that is missing or not writable, with a message that says what to do. */
export function checkDatabaseLocation(file: string): void {
  if (file === ':memory:') return;
  const dir = path.dirname(file);
  if (!fs.existsSync(dir))
    throw new DatabaseLocationError(
      `Database folder "${dir}" does not exist. Create it, or point IMPACTLINE_DB at a file in an existing folder.`,
    );
  if (!fs.statSync(dir).isDirectory())
    throw new DatabaseLocationError(`Database folder "${dir}" is not a folder. Point IMPACTLINE_DB at a file in a folder.`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch (cause) {
    throw new DatabaseLocationError(
      `Database location "${file}" is not writable by this user. Fix its permissions, or set IMPACTLINE_DB to a writable path.`,
      { cause },
    );
  }
}

const MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/migrations');

export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  checkDatabaseLocation(file);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable against process crashes (kill -9); only an OS crash can lose the last commits.
  sqlite.pragma('synchronous = NORMAL');
  const orm = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
  return { sqlite, orm, file };
}

// One connection per process, kept on globalThis so Next's dev reloads do not open more.
const globalForDb = globalThis as unknown as { __impactlineDb?: Db };

export function getDb(): Db {
  const file = databaseFileFromEnv();
  const current = globalForDb.__impactlineDb;
  if (current && current.file === file) return current;
  const db = openDatabase(file);
  globalForDb.__impactlineDb = db;
  return db;
}
