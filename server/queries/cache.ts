// Read results cached by (store, key, ledger position), per DESIGN: "analytics … cached by
// (params, ledger position)". Every write moves the position, so a hit is never stale; a
// failed computation is not cached, nor one during which the ledger moved (its reads may
// straddle the write). A body is kept as its UTF-8 bytes, so a hit is sent without serialising
// or encoding it again. The cache is bounded by entries and by bytes (a large timeline is
// megabytes).
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Store } from '@/db/store';

const MAX_ENTRIES = 64;
const MAX_BYTES = 48 * 1024 * 1024;

export type CachedBody = {
  /** The ledger position the body reflects; null when the ledger moved while it was computed. */
  position: number | null;
  /** The JSON text as UTF-8. */
  bytes: Uint8Array;
};

/** A compressed form a client may be sent (Content-Encoding). */
export type BodyEncoding = 'br' | 'gzip';

type Entry = CachedBody & {
  position: number;
  size: number;
  /** Compressed forms, made on first request (encodedBody). */
  encoded: Map<BodyEncoding, Promise<Uint8Array>>;
  /** Whether the Brotli form is (or is being made) at the best quality. */
  bestBrotli: boolean;
};

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
  const entry: Entry = { position, bytes, size: bytes.byteLength, encoded: new Map(), bestBrotli: false };
  remember(fullKey(store, key), entry);
  return entry;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Brotli quality 10 makes the bench's 1.9 MB whole timeline 55 kB in ~0.45 s; quality 5 makes
// it 67 kB in ~20 ms (gzip level 6: 89 kB in ~10 ms; quality 11: 52 kB in ~6 s). Bodies up to
// 256 kB get quality 10 at once (≤ ~60 ms); a larger one is sent at quality 5 first and
// re-compressed at 10 in the background, one body at a time, so a burst of writes (each a new
// position, each a new body) cannot queue seconds of compression on a 2-core machine.
const BEST_QUALITY = 10;
const QUICK_QUALITY = 5;
const BEST_AT_ONCE_MAX_BYTES = 256 * 1024;
let upgrading = false;

const brotliAt = (bytes: Uint8Array, quality: number) =>
  brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } });

/** Count `added` bytes of `entry` against the cache's bound while it is still cached. */
function grow(entry: Entry, added: number): void {
  for (const [k, e] of entries) {
    if (e !== entry) continue;
    entry.size += added;
    totalBytes += added;
    evict(k);
    return;
  }
}

/**
 * `body` compressed with `encoding` (on zlib's thread pool, not the event loop), made once per
 * cached body and kept beside it; a body that is not cached is compressed for one answer only.
 */
export function encodedBody(body: CachedBody, encoding: BodyEncoding): Promise<Uint8Array> {
  const entry = isEntry(body) ? body : null;
  if (entry && encoding === 'br' && !entry.bestBrotli && entry.encoded.has('br')) upgradeBrotli(entry);
  const made = entry?.encoded.get(encoding);
  if (made) return made;
  const atOnce = body.bytes.byteLength <= BEST_AT_ONCE_MAX_BYTES;
  const making = encoding === 'gzip' ? gzip(body.bytes, { level: 6 }) : brotliAt(body.bytes, atOnce ? BEST_QUALITY : QUICK_QUALITY);
  if (entry) {
    entry.encoded.set(encoding, making);
    if (encoding === 'br') entry.bestBrotli = atOnce;
    making.then(
      (bytes) => grow(entry, bytes.byteLength),
      () => entry.encoded.delete(encoding),
    );
  }
  return making;
}

/** Replace a large body's quick Brotli form with the best one, in the background. */
function upgradeBrotli(entry: Entry): void {
  if (upgrading) return; // asked again on the body's next request
  upgrading = true;
  entry.bestBrotli = true;
  brotliAt(entry.bytes, BEST_QUALITY)
    .then(async (best) => {
      const quick = await entry.encoded.get('br');
      entry.encoded.set('br', Promise.resolve(best));
      grow(entry, best.byteLength - (quick?.byteLength ?? 0));
    })
    .catch(() => (entry.bestBrotli = false))
    .finally(() => (upgrading = false));
}

function isEntry(body: CachedBody): body is Entry {
  return 'encoded' in body;
}

export async function cachedJson(store: Store, key: string, compute: () => Promise<unknown>): Promise<string> {
  return Buffer.from((await cachedBody(store, key, compute)).bytes).toString('utf8');
}
