// HTTP answers for route handlers: one error vocabulary mapped to status codes (STYLE habit 9).
// Internal errors are logged for the operator; the client gets a plain message.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '@/db/store';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { MIN_POSITION_PARAM, validationError } from '@/lib/contracts/query';
import { cachedBody } from './queries/cache';

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
      return Response.json({ error: error.code, message: error.message, problems }, { status: 503, headers: h });
    }
    return Response.json({ error: error.code, message: error.message, ...(error.details ?? {}) }, { status: statusOf(error.code), headers });
  }
  if (error instanceof z.ZodError) return toResponse(validationError(error), headers);
  // Unexpected: log it for the operator, give the client a plain message.
  console.error('[impactline] internal error', error);
  return Response.json({ error: 'internal', message: 'internal error' }, { status: 500, headers });
}

export function jsonResponse(json: string, init?: ResponseInit): Response {
  return new Response(json, { ...init, headers: { 'content-type': 'application/json', ...(init?.headers ?? {}) } });
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

/**
 * A JSON GET answered from the position cache: 304 when the client's ETag is the current one,
 * else the cached bytes. `compute` runs only on a miss, so it also parses and checks the query:
 * only a valid request is ever cached or given an ETag. (Compression is left to Next, which
 * drops a route's own Content-Encoding; a revalidating client gets 304s until the ledger moves.)
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
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-cache' };
  if (body.position !== null) headers.etag = etagFor(store, key, body.position);
  // (The bytes are a Node Buffer, never over a SharedArrayBuffer.)
  return new Response(body.bytes as Uint8Array<ArrayBuffer>, { headers });
}
