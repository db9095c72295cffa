// HTTP answers for route handlers: one error vocabulary mapped to status codes (STYLE habit 9).
// Internal errors are logged for the operator; the client gets a plain message.
import 'server-only';
import { z } from 'zod';
import { AppError, type ErrorCode } from '@/lib/domain/errors';
import { validationError } from '@/lib/contracts/query';

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
