// The HTTP side of POST /api/prices/{ticker}/import and its preview: the size limit, the query,
// the accepted content types and reading the body. The plan and the JSON shapes are in
// lib/csv/price-file/plan.ts and lib/contracts/price-import.ts.
import { z } from 'zod';
import type { PriceFileReport } from '@/lib/csv/price-file/types';
import { AppError } from '@/lib/domain/errors';

/** Largest price file accepted (bytes, UTF-8): ~350,000 daily rows. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const importQuery = z.object({
  onInvalid: z.enum(['reject', 'skip'], { message: 'must be reject or skip' }).optional(),
});

const CSV_TYPES = new Set(['text/csv', 'application/csv']);

/** 415 unless the body is declared as CSV (charset, when given, must be UTF-8). */
export function checkCsvContentType(request: Request): void {
  const raw = request.headers.get('content-type') ?? '';
  const [type = '', ...params] = raw.split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (!CSV_TYPES.has(type))
    throw new AppError('unsupported_media_type', `send the price file as the request body with Content-Type: text/csv (got ${raw ? `"${raw}"` : 'none'})`);
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new AppError('unsupported_media_type', `price files must be UTF-8 (got charset=${charset})`);
}

/** 413 before reading anything when the declared length is over the limit. */
export function checkDeclaredLength(request: Request, limit = IMPORT_MAX_BYTES): void {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw tooLargeError(limit, declared);
}

export function tooLargeError(limit: number, declared?: number, report?: PriceFileReport): AppError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new AppError(
    'too_large',
    `the price file is larger than the limit of ${mb(limit)}${declared ? ` (${mb(declared)} declared)` : ''}; split it, or import it with npm run import:prices`,
    { limit_bytes: limit, ...(report ? { errors: report.errors.slice(0, 1) } : {}) },
  );
}

/** Chunks of a web ReadableStream (request.body), cancelling the stream if the reader stops early. */
export async function* streamChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
