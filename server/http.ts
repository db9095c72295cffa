// HTTP answers for route handlers: one error vocabulary mapped to status codes (STYLE habit 9).
// Internal errors are logged for the operator; the client gets a plain message.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '@/db/store';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { MIN_POSITION_PARAM, validationError } from '@/lib/contracts/query';
import { cachedBody, encodedBody, type BodyEncoding } from './queries/cache';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function toResponse(error: unknown, headers?: HeadersInit): Response {
  if (error instanceof AppError) {
    if (error.code === 'unavailable') {
      // Tell the operator what failed underneath; the client gets the plain message and a Retry-After.
      const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
      console.error(`[impactline] ${error.message} (${[cause?.code, cause?.message].filter(Boolean).join(': ') || 'no detail'})`);
      const h = new Headers(headers);
      if (!h.has('retry-after')) h.set('retry-after', String(error.details?.retry_after ?? 2));
      const problems = error.details?.problems ?? [{ field: '(database)', message: error.message }];
      return json({ error: error.code, message: error.message, problems }, { status: 503, headers: h });
    }
    return json({ error: error.code, message: error.message, ...(error.details ?? {}) }, { status: statusOf(error.code), headers });
  }
  if (error instanceof z.ZodError) return toResponse(validationError(error), headers);
  // Unexpected: log it for the operator, give the client a plain message.
  console.error('[impactline] internal error', error);
  return json({ error: 'internal', message: 'internal error' }, { status: 500, headers });
}

/**
 * Under scripts/serve.mjs (the server `npm start` runs) these private headers become
 * Content-Encoding and Content-Length: Next drops a route's own, and without a length it
 * gzips every answer, however small. Must match PRIVATE_HEADERS there.
 */
const ENCODING_HEADER = 'x-impactline-content-encoding';
const LENGTH_HEADER = 'x-impactline-content-length';
const servedBySelf = () => process.env.IMPACTLINE_PRECOMPRESSED === '1';

/** An answer of known bytes, their length named so a small one goes out uncompressed. */
function bytesResponse(bytes: Uint8Array, init: ResponseInit): Response {
  const headers = new Headers(init.headers);
  if (servedBySelf()) headers.set(LENGTH_HEADER, String(bytes.byteLength));
  // (The bytes are a Node Buffer, never over a SharedArrayBuffer.)
  return new Response(bytes as Uint8Array<ArrayBuffer>, { ...init, headers });
}

export function jsonResponse(json: string, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return bytesResponse(Buffer.from(json, 'utf8'), { ...init, headers });
}

/** `Response.json`, with the body's length named (see bytesResponse). */
export function json(value: unknown, init?: ResponseInit): Response {
  return jsonResponse(JSON.stringify(value), init);
}

// ---- cached JSON bodies: ETag / If-None-Match ----

/** Differs per server process, so a client's ETag never outlives the code that made its body. */
const EPOCH = randomBytes(6).toString('base64url');

/** A weak ETag for `key` at a ledger position (weak: Next may send it gzip-compressed). */
function etagFor(store: Store, key: string, position: number): string {
  const id = createHash('sha256').update(`${store.description}\u0000${key}`).digest('base64url').slice(0, 16);
  return `W/"${EPOCH}.${position}.${id}"`;
}

/**
 * A read's cache key: its query string without `minPosition`, which only chooses the read model
 * (server/reads.ts); the body depends on the position that model answers at, part of the key.
 */
export function cacheKeyOf(url: URL): string {
  if (!url.searchParams.has(MIN_POSITION_PARAM)) return url.search;
  // Dropped from the raw text, so the same query with and without it shares one entry.
  const rest = url.search
    .slice(1)
    .split('&')
    .filter((pair) => !new URLSearchParams(pair).has(MIN_POSITION_PARAM))
    .join('&');
  return rest ? `?${rest}` : '';
}

/** RFC 9110 If-None-Match with the weak comparison: `*` or a list of entity tags. */
export function ifNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === want);
}

/** Below this, compressing is not worth a client's trouble (Next's own threshold too). */
const COMPRESS_MIN_BYTES = 1024;

/** The encoding to answer with, from Accept-Encoding (RFC 9110 §12.5.3): Brotli, else gzip, else none. */
export function preferredEncoding(acceptEncoding: string | null): BodyEncoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [token, ...params] = part.toLowerCase().split(';').map((p) => p.trim());
    const weight = params.find((p) => p.startsWith('q='));
    const value = weight ? Number(weight.slice(2)) : 1;
    if (token) q.set(token, Number.isFinite(value) ? value : 0);
  }
  const acceptable = (coding: BodyEncoding) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (acceptable('br')) return 'br';
  if (acceptable('gzip')) return 'gzip';
  return null;
}

/**
 * A JSON GET answered from the position cache: 304 when the client's ETag is the current one,
 * else the cached bytes. `compute` runs only on a miss, so it also parses and checks the query:
 * only a valid request is ever cached or given an ETag. Under scripts/serve.mjs a client that
 * accepts Brotli or gzip gets the cached body's compressed form, made once per position (Next
 * would otherwise re-compress the same megabytes on every request); elsewhere Next compresses.
 */
export async function cachedJsonResponse(request: Request, store: Store, key: string, compute: () => Promise<unknown>): Promise<Response> {
  // The position of the read model this request was given (primary or replica, storeForRead):
  // bodies and ETags are keyed by what that database answers at, and it is asked on every
  // request, so a write through any process (PostgreSQL) moves it at once.
  const position = await store.read.latestPosition();
  const current = etagFor(store, key, position);
  // no-cache: a client may keep the body but asks again each time (If-None-Match → 304).
  if (ifNoneMatch(request.headers.get('if-none-match'), current)) return new Response(null, { status: 304, headers: { etag: current, 'cache-control': 'no-cache' } });
  const body = await cachedBody(store, key, compute, position);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
  if (body.position !== null) headers.etag = etagFor(store, key, body.position);
  const encoding = servedBySelf() && body.bytes.byteLength >= COMPRESS_MIN_BYTES ? preferredEncoding(request.headers.get('accept-encoding')) : null;
  if (!encoding) return bytesResponse(body.bytes, { headers });
  headers[ENCODING_HEADER] = encoding;
  return bytesResponse(await encodedBody(body, encoding), { headers });
}
