// Read results cached by (store, key, ledger position), per DESIGN: "analytics … cached by
// (params, ledger position)". Every write moves the position, so a hit is never stale; a
// failed computation is not cached, nor one during which the ledger moved (its reads may
// straddle the write). Values are JSON strings, so callers cannot mutate them.
import type { Store } from '@/db/store';

const MAX_ENTRIES = 64;
const entries = new Map<string, { position: number; json: string }>();

export async function cachedJson(store: Store, key: string, compute: () => Promise<unknown>): Promise<string> {
  const position = await store.read.latestPosition();
  const fullKey = `${store.description}\u0000${key}`;
  const hit = entries.get(fullKey);
  if (hit && hit.position === position) {
    // refresh its place in the LRU order
    entries.delete(fullKey);
    entries.set(fullKey, hit);
    return hit.json;
  }
  const json = JSON.stringify(await compute());
  if ((await store.read.latestPosition()) === position) {
    entries.set(fullKey, { position, json });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return json;
}
