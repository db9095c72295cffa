// The one module that chooses the database, from configuration: embedded SQLite at
// IMPACTLINE_DB (default data/impactline.db). Everything else is handed a Store (db/store.ts).
import path from 'node:path';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

export type { Store } from './store';
export { checkDatabaseLocation, DatabaseLocationError } from './sqlite';

export const DEFAULT_DB_FILE = 'data/impactline.db';

export type DatabaseConfig = { kind: 'sqlite'; file: string };

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  return { kind: 'sqlite', file: path.resolve(/*turbopackIgnore: true*/ env.IMPACTLINE_DB?.trim() || DEFAULT_DB_FILE) };
}

/** A key that tells two configurations apart (for the process-wide store and caches). */
export function configKey(config: DatabaseConfig): string {
  return `sqlite:${config.file}`;
}

export function openStore(config: DatabaseConfig): Promise<Store> {
  return openSqliteStore(config.file);
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
