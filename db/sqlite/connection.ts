// Opening the SQLite file: location checks with messages that say what to do, pragmas, and the
// committed drizzle migrations. Only this adapter folder touches better-sqlite3.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export type Connection = Database.Database;

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

const MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/sqlite/migrations');

/** Open a connection with the app's pragmas; `migrate` applies the committed migrations first. */
export function openConnection(file: string, options: { migrate?: boolean; readonly?: boolean } = {}): Connection {
  if (!options.readonly) checkDatabaseLocation(file);
  const conn = new Database(file, { readonly: options.readonly ?? false });
  if (!options.readonly) conn.pragma('journal_mode = WAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable against process crashes (kill -9); only an OS crash can lose the last commits.
  conn.pragma('synchronous = NORMAL');
  if (options.migrate) migrate(drizzle(conn), { migrationsFolder: MIGRATIONS_FOLDER });
  return conn;
}
