// The one module that chooses the database, from configuration: PostgreSQL when DATABASE_URL is
// a postgres:// or postgresql:// URL (reads optionally on a replica, DATABASE_READ_URL),
// otherwise embedded SQLite at IMPACTLINE_DB (default data/impactline.db). Everything else is
// handed a Store (db/store.ts).
import path from 'node:path';
import { isPostgresUrl, openPostgresStore, redactUrl } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

export type { Store } from './store';
export { checkDatabaseLocation, DatabaseLocationError } from './sqlite';
export { DatabaseConfigError, DatabaseConnectError } from './postgres';

export const DEFAULT_DB_FILE = 'data/impactline.db';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string;
      readUrl: string | null;
      /** Where a generated admin token is kept on this machine (`<file>.admin-token`). */
      file: string;
    };

/** A file-name-safe name for a database URL (host, port, database; never the password). */
function localName(url: string): string {
  try {
    const u = new URL(url);
    return `postgres-${u.hostname || 'socket'}-${u.port || 5432}-${decodeURIComponent(u.pathname.slice(1))}`.replace(/[^A-Za-z0-9._-]+/g, '_');
  } catch {
    return 'postgres';
  }
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url && isPostgresUrl(url)) {
    const readUrl = env.DATABASE_READ_URL?.trim() || null;
    return { kind: 'postgres', url, readUrl, file: path.resolve(/*turbopackIgnore: true*/ 'data', localName(url)) };
  }
  return { kind: 'sqlite', file: path.resolve(/*turbopackIgnore: true*/ env.IMPACTLINE_DB?.trim() || DEFAULT_DB_FILE) };
}

/** A key that tells two configurations apart (for the process-wide store and caches). */
export function configKey(config: DatabaseConfig): string {
  return config.kind === 'postgres' ? `postgres:${config.url}\u0000${config.readUrl ?? ''}` : `sqlite:${config.file}`;
}

/** Where the data lives, for logs (never a password). */
export function describeConfig(config: DatabaseConfig): string {
  return config.kind === 'postgres' ? `PostgreSQL ${redactUrl(config.url)}${config.readUrl ? ` (reads: ${redactUrl(config.readUrl)})` : ''}` : config.file;
}

export function openStore(config: DatabaseConfig): Promise<Store> {
  return config.kind === 'postgres' ? openPostgresStore({ url: config.url, readUrl: config.readUrl }) : openSqliteStore(config.file);
}

// One store per process and configuration, kept on globalThis so Next's dev reloads do not
// open more connections. A failed open is not kept: the next request tries again.
const globalForStore = globalThis as unknown as { __impactlineStore?: { key: string; store: Promise<Store> } };

export function getStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const config = databaseConfigFromEnv(env);
  const key = configKey(config);
  const current = globalForStore.__impactlineStore;
  if (current && current.key === key) return current.store;
  const store = openStore(config);
  globalForStore.__impactlineStore = { key, store };
  store.catch(() => {
    if (globalForStore.__impactlineStore?.store === store) globalForStore.__impactlineStore = undefined;
  });
  return store;
}
