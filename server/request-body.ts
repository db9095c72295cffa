// Reading request bodies within limits: content type (415), size (413, before and while
// reading), then parsing (400 naming the problem). JSON is also checked for nesting depth and
// for control or bidi-override characters in every string; CSV bodies are handed on as a
// stream of chunks for the streaming parser.
import 'server-only';
import { AppError } from '@/lib/domain/errors';
import { IMPORT_MAX_BYTES } from '@/lib/contracts/price-import';
import type { PriceFileReport } from '@/lib/csv/price-file/types';
import { jsonDepth, MAX_JSON_DEPTH, scanStrings } from '@/lib/json-text';

export const MAX_BODY_BYTES = 1024 * 1024;
export { jsonDepth, MAX_JSON_DEPTH, scanStrings } from '@/lib/json-text';

export function problemError(code: ConstructorParameters<typeof AppError>[0], field: string, message: string, extra?: Record<string, unknown>): AppError {
  return new AppError(code, `${field}: ${message}`, { ...extra, problems: [{ field, message }] });
}

export function checkJsonContentType(request: Request): void {
  const raw = request.headers.get('content-type');
  if (!raw) throw problemError('unsupported_media_type', 'content-type', 'must be application/json');
  const [type, ...params] = raw.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') throw problemError('unsupported_media_type', 'content-type', `must be application/json, not ${type!.slice(0, 60)}`);
  for (const p of params) {
    const [k, v] = p.split('=').map((s) => s?.trim().replace(/^"|"$/g, ''));
    if (k === 'charset' && v !== 'utf-8' && v !== 'utf8') throw problemError('unsupported_media_type', 'content-type', 'charset must be utf-8');
  }
}

export async function readLimitedBody(request: Request, limit: number = MAX_BODY_BYTES, field = '(body)'): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const n = Number(declared);
    if (!Number.isFinite(n) || n < 0) throw problemError('validation', 'content-length', 'must be a byte count');
    if (n > limit) throw problemError('too_large', field, `must be at most ${limit} bytes`);
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw problemError('too_large', field, `must be at most ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** `field` names what the body holds in parse errors (e.g. 'token' for sign-in). */
export async function readJsonBody(request: Request, limit: number = MAX_BODY_BYTES, field = '(body)'): Promise<unknown> {
  checkJsonContentType(request);
  const bytes = await readLimitedBody(request, limit, field);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw problemError('validation', field, 'must be UTF-8 text');
  }
  if (text.trim() === '') throw problemError('validation', field, 'must be a JSON object (the body is empty)');
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw problemError('validation', field, `must not nest objects or arrays more than ${MAX_JSON_DEPTH} levels deep`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw problemError('validation', field, `must be valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
  const problems = scanStrings(parsed);
  if (problems.length > 0)
    throw new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
  return parsed;
}


// ---- CSV ----

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

