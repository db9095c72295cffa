// Read results cached by (store, key, ledger position), per DESIGN: "analytics … cached by
// (params, ledger position)". Every write moves the position, so a hit is never stale; a
// failed computation is not cached, nor one during which the ledger moved (its reads may
// straddle the write). A body is kept as its UTF-8 bytes, so a hit is sent without serialising
// or encoding it again. The cache is bounded by entries and by bytes (a large timeline is
// megabytes).
import type { Store } from '@/db/store';

const MAX_ENTRIES = 64;
const MAX_BYTES = 48 * 1024 * 1024;

export type CachedBody = {
  /** The ledger position the body reflects; null when the ledger moved while it was computed. */
  position: number | null;
  /** The JSON text as UTF-8. */
  bytes: Uint8Array;
};

type Entry = CachedBody & { position: number; size: number };

const entries = new Map<string, Entry>();
let totalBytes = 0;

/** Drop the least recently used entries (never `keep`) until both bounds hold. */
function evict(keep: string): void {
  for (const [k, e] of entries) {
    if (entries.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break;
    if (k === keep) continue;
    entries.delete(k);
    totalBytes -= e.size;
  }
}

function remember(key: string, entry: Entry): void {
  const old = entries.get(key);
  if (old) {
    totalBytes -= old.size;
    entries.delete(key);
  }
  entries.set(key, entry);
  totalBytes += entry.size;
  evict(key);
}

const fullKey = (store: Store, key: string) => `${store.description}\u0000${key}`;

/** The cached body of `key` at `position`, if there is one (refreshing its place in the LRU order). */
function cachedAt(store: Store, key: string, position: number): CachedBody | null {
  const k = fullKey(store, key);
  const hit = entries.get(k);
  if (!hit || hit.position !== position) return null;
  entries.delete(k);
  entries.set(k, hit);
  return hit;
}

/** The body of `key` at the current ledger position: from the cache, or computed and cached. */
export async function cachedBody(store: Store, key: string, compute: () => Promise<unknown>, known?: number): Promise<CachedBody> {
  // `known`: the caller has just read the position (one query fewer per request on PostgreSQL).
  const position = known ?? (await store.read.latestPosition());
  const hit = cachedAt(store, key, position);
  if (hit) return hit;
  const bytes = Buffer.from(JSON.stringify(await compute()), 'utf8');
  if ((await store.read.latestPosition()) !== position) return { position: null, bytes };
  const entry: Entry = { position, bytes, size: bytes.byteLength };
  remember(fullKey(store, key), entry);
  return entry;
}

export async function cachedJson(store: Store, key: string, compute: () => Promise<unknown>): Promise<string> {
  return Buffer.from((await cachedBody(store, key, compute)).bytes).toString('utf8');
}
