// Read results cached by (database, key, ledger position), per DESIGN: "analytics … cached by
// (params, ledger position)". Every write moves the position, so a hit is never stale; a
// failed computation is not cached. Values are JSON strings, so callers cannot mutate them.
import type { Db } from '../client';
import { latestPosition } from '../event-store';

const MAX_ENTRIES = 64;
const store = new Map<string, { position: number; json: string }>();

export function cachedJson(db: Db, key: string, compute: () => unknown): string {
  const position = latestPosition(db);
  const fullKey = `${db.file}\u0000${key}`;
  const hit = store.get(fullKey);
  if (hit && hit.position === position) {
    // refresh its place in the LRU order
    store.delete(fullKey);
    store.set(fullKey, hit);
    return hit.json;
  }
  const json = JSON.stringify(compute());
  store.set(fullKey, { position, json });
  if (store.size > MAX_ENTRIES) store.delete(store.keys().next().value!);
  return json;
}

export function jsonResponse(json: string, init?: ResponseInit): Response {
  return new Response(json, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
}
