// HTTP answers for route handlers: one error vocabulary mapped to status codes (STYLE habit 9).
// Internal errors are logged for the operator; the client gets a plain message.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '@/db/store';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { validationError } from '@/lib/contracts/query';
import { cachedBody, encodedBody, type Encoding } from './queries/cache';

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
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function toResponse(error: unknown, headers?: HeadersInit): Response {
  if (error instanceof AppError) {
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

// ---- cached JSON bodies: ETag / If-None-Match and compressed transfer ----

/** Differs per server process, so a client's ETag never outlives the code that made its body. */
const EPOCH = randomBytes(6).toString('base64url');

/** A weak ETag for `key` at a ledger position (weak: the gzip and brotli forms share it). */
function etagFor(store: Store, key: string, position: number): string {
  const id = createHash('sha256').update(`${store.description}\u0000${key}`).digest('base64url').slice(0, 16);
  return `W/"${EPOCH}.${position}.${id}"`;
}

/** RFC 9110 If-None-Match with the weak comparison: `*` or a list of entity tags. */
export function ifNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === want);
}

/** The best coding we keep that Accept-Encoding allows (brotli, then gzip), or null for identity. */
export function pickEncoding(header: string | null): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qv = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (name) q.set(name, qv ? Number(qv[1]) : 1);
  }
  const weight = (c: string) => q.get(c) ?? (q.has('*') ? q.get('*')! : 0);
  for (const c of ['br', 'gzip'] as const) if (weight(c) > 0) return c;
  return null;
}

/**
 * A JSON GET answered from the position cache: 304 when the client's ETag is the current one,
 * else the cached bytes (brotli or gzip when the client accepts them, compressed once per
 * position). `compute` runs only on a miss, so it also parses and checks the query: only a
 * valid request is ever cached or given an ETag.
 */
export async function cachedJsonResponse(request: Request, store: Store, key: string, compute: () => Promise<unknown>): Promise<Response> {
  const position = await store.read.latestPosition();
  const current = etagFor(store, key, position);
  const revalidate = { 'cache-control': 'no-cache', vary: 'Accept-Encoding' };
  if (ifNoneMatch(request.headers.get('if-none-match'), current)) return new Response(null, { status: 304, headers: { etag: current, ...revalidate } });
  const body = await cachedBody(store, key, compute);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...revalidate };
  if (body.position !== null) headers.etag = etagFor(store, key, body.position);
  const encoding = pickEncoding(request.headers.get('accept-encoding'));
  const encoded = encoding ? encodedBody(store, key, body, encoding) : null;
  if (encoding && encoded) headers['content-encoding'] = encoding;
  // (The bytes are Node Buffers, never over a SharedArrayBuffer.)
  return new Response((encoded ?? body.bytes) as Uint8Array<ArrayBuffer>, { headers });
}
