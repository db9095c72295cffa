// The one wrapper every write route goes through: rate limit, auth + Origin check, content type,
// body size, JSON parsing with a nesting guard and a string scan, zod validation against the
// request clock, Idempotency-Key, correlation id, then one command handler → 201 {id, version, position}.
// Every refusal answers { error, message, problems: [{ field, message }] } and writes nothing.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getDb, type Db } from '@/db/client';
import type { CommandContext, CommandResult } from '@/db/commands';
import { ConcurrencyError } from '@/db/event-store';
import { AppError } from '@/lib/domain/errors';
import { cleanText, isoDate, sourceSchema } from '@/lib/domain/schemas';
import { toResponse, validationError } from '@/lib/http';
import { currentActor } from '@/lib/server/auth';
import { clientKey, retryAfterHeaders, takeToken } from '@/lib/server/rate-limit';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_JSON_DEPTH = 16;
export const CORRELATION_HEADER = 'x-correlation-id';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;
export const MIN_DATE = '1990-01-01';

export type Problem = { field: string; message: string };

// ---- rules shared by the write schemas (they depend on the request clock) ----

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export type Rules = ReturnType<typeof writeRules>;

/** Field rules for a request whose clock says `now` (ISO). Dates run from 1990-01-01 to today + 1 day. */
export function writeRules(now: string) {
  const maxDate = addDays(now.slice(0, 10), 1);
  const date = isoDate.refine((d) => d >= MIN_DATE && d <= maxDate, {
    message: `must be between ${MIN_DATE} and ${maxDate} (today + 1 day)`,
  });
  const inRange = (p: string) => {
    const head = p.trim().split(' ')[0] ?? '';
    return head >= MIN_DATE.slice(0, head.length) && head <= maxDate.slice(0, head.length);
  };
  const source = sourceSchema.superRefine((s, ctx) => {
    if (s.published !== undefined && !inRange(s.published))
      ctx.addIssue({ code: 'custom', path: ['published'], message: `must be between ${MIN_DATE} and ${maxDate}` });
  });
  return {
    now,
    maxDate,
    date,
    source,
    sources: z.array(source).min(1, { message: 'add at least one source' }).max(100, { message: 'must be at most 100 sources' }),
    reason: cleanText(1000, 1),
    optionalReason: cleanText(1000, 1).optional(),
    expectedVersion: z
      .number({ message: 'must be the stream version you last saw (a whole number)' })
      .int({ message: 'must be a whole number' })
      .min(0, { message: 'must be 0 or more' }),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,119}$/, { message: 'must be a slug: lower-case letters, digits and dashes, at most 120 characters' }),
  };
}

/** Route ids ([id] segments) are slugs; anything else is refused before the database is touched. */
const routeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, { message: 'must be an entry or claim id (letters, digits, . _ -)' });

// ---- body reading ----

function problemError(code: ConstructorParameters<typeof AppError>[0], field: string, message: string, extra?: Record<string, unknown>): AppError {
  return new AppError(code, `${field}: ${message}`, { ...extra, problems: [{ field, message }] });
}

function checkContentType(request: Request): void {
  const raw = request.headers.get('content-type');
  if (!raw) throw problemError('unsupported_media_type', 'content-type', 'must be application/json');
  const [type, ...params] = raw.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') throw problemError('unsupported_media_type', 'content-type', `must be application/json, not ${type!.slice(0, 60)}`);
  for (const p of params) {
    const [k, v] = p.split('=').map((s) => s?.trim().replace(/^"|"$/g, ''));
    if (k === 'charset' && v !== 'utf-8' && v !== 'utf8') throw problemError('unsupported_media_type', 'content-type', 'charset must be utf-8');
  }
}

export async function readLimitedBody(request: Request, limit: number = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const n = Number(declared);
    if (!Number.isFinite(n) || n < 0) throw problemError('validation', 'content-length', 'must be a byte count');
    if (n > limit) throw problemError('too_large', '(body)', `must be at most ${limit} bytes`);
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
      throw problemError('too_large', '(body)', `must be at most ${limit} bytes`);
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

/** Refuse deeply nested JSON before JSON.parse sees it (no recursion blow-up, no CPU games). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

// C0 controls except tab/newline/carriage return, DEL, and the bidirectional overrides/isolates
// (U+202A–U+202E, U+2066–U+2069) that can make stored text display differently from what it is.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Every string (keys too) must be well-formed Unicode without control or bidi-override characters. */
export function scanStrings(value: unknown, path: string[] = []): Problem[] {
  const problems: Problem[] = [];
  const field = (p: string[]) => p.join('.') || '(body)';
  const visit = (v: unknown, p: string[]) => {
    if (problems.length >= 20) return;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) problems.push({ field: field(p), message: 'must be well-formed Unicode (no lone surrogates)' });
      else if (FORBIDDEN_CHARS.test(v)) problems.push({ field: field(p), message: 'must not contain control or bidirectional-override characters' });
    } else if (Array.isArray(v)) v.forEach((item, i) => visit(item, [...p, String(i)]));
    else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (LONE_SURROGATE.test(k) || FORBIDDEN_CHARS.test(k)) problems.push({ field: field([...p, JSON.stringify(k).slice(1, 40)]), message: 'field names must be plain text' });
        else visit(item, [...p, k]);
      }
    }
  };
  visit(value, path);
  return problems;
}

export async function readJsonBody(request: Request, limit: number = MAX_BODY_BYTES): Promise<unknown> {
  checkContentType(request);
  const bytes = await readLimitedBody(request, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw problemError('validation', '(body)', 'must be UTF-8 text');
  }
  if (text.trim() === '') throw problemError('validation', '(body)', 'must be a JSON object (the body is empty)');
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw problemError('validation', '(body)', `must not nest objects or arrays more than ${MAX_JSON_DEPTH} levels deep`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw problemError('validation', '(body)', `must be valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
  const problems = scanStrings(parsed);
  if (problems.length > 0)
    throw new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
  return parsed;
}

// ---- auth ----

/** Cookie-authenticated writes must come from this site: Origin (or Sec-Fetch-Site) is checked against Host. */
function checkOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  if (origin) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (originHost !== host) throw problemError('forbidden', 'origin', 'cookie-authenticated writes must come from this site');
    return;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== 'same-origin') throw problemError('forbidden', 'origin', 'cookie-authenticated writes must send an Origin header from this site');
}

function authorise(request: Request): string {
  let actor: ReturnType<typeof currentActor>;
  try {
    actor = currentActor(request);
  } catch {
    // A malformed cookie (e.g. bad %-encoding) is no credential, not a server error.
    actor = null;
  }
  if (!actor) throw problemError('unauthorized', 'authorization', 'sign in, or send Authorization: Bearer <admin token>');
  if (actor.via === 'session') checkOrigin(request);
  return actor.actor;
}

// ---- errors ----

const FIELD_FOR_CODE: Partial<Record<string, string>> = {
  not_found: 'id',
  conflict: 'id',
  unauthorized: 'authorization',
  forbidden: 'origin',
  too_large: '(body)',
  unsupported_media_type: 'content-type',
  rate_limited: '(client)',
};

/** Make sure every refusal carries problems [{field, message}] naming the field and the rule. */
export function withProblems(error: unknown): unknown {
  if (error instanceof ConcurrencyError) {
    const problem = {
      field: 'expectedVersion',
      message: `you saw version ${String(error.expected)}, but the stream is now at version ${error.currentVersion}; someone changed it since you opened it`,
    };
    return new AppError('conflict', `expectedVersion: ${problem.message}`, {
      ...error.details,
      unseen_events: (error.details?.unseen_events as unknown[] | undefined) ?? [],
      problems: [problem],
    });
  }
  if (error instanceof z.ZodError) return validationError(error);
  if (error instanceof AppError && !Array.isArray(error.details?.problems)) {
    const m = /^([A-Za-z_][\w.]*): (.+)$/s.exec(error.message);
    const problem = m ? { field: m[1]!, message: m[2]! } : { field: FIELD_FOR_CODE[error.code] ?? '(body)', message: error.message };
    return new AppError(error.code, error.message, { ...error.details, problems: [problem] });
  }
  return error;
}

// ---- the route wrapper ----

export type CommandInput<B, P> = { db: Db; body: B; params: P; ctx: CommandContext; rules: Rules; request: Request };

export type CommandRouteOptions<S extends z.ZodType, P> = {
  /** The body schema for this request's clock (dates are checked against today + 1). */
  body: (rules: Rules) => S;
  run: (input: CommandInput<z.infer<S>, P>) => CommandResult;
  /** Where the changed resource can be read (Location header). */
  location?: (result: CommandResult) => string;
};

type RouteContext<P> = { params: Promise<P> };

export function commandRoute<S extends z.ZodType, P extends Record<string, string> = Record<string, string>>(options: CommandRouteOptions<S, P>) {
  return async function POST(request: Request, context?: RouteContext<P>): Promise<Response> {
    const correlationId = randomUUID();
    const headers = new Headers({ [CORRELATION_HEADER]: correlationId, 'cache-control': 'no-store' });
    try {
      takeToken('write', clientKey(request));
      const actor = authorise(request);

      const params = ((await context?.params) ?? {}) as P;
      for (const [name, value] of Object.entries(params)) {
        const checked = routeId.safeParse(value);
        if (!checked.success) throw problemError('validation', name, checked.error.issues[0]!.message);
      }

      const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER);
      if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey))
        throw problemError('validation', 'Idempotency-Key', 'must be 8–128 characters of letters, digits, . _ : - (a UUID is ideal)');

      const raw = await readJsonBody(request);
      const now = new Date().toISOString();
      const rules = writeRules(now);
      const parsed = options.body(rules).safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      const body = parsed.data as z.infer<S>;

      const expectedVersion = (body as { expectedVersion?: unknown })?.expectedVersion;
      const ctx: CommandContext = {
        actor,
        now,
        correlationId,
        idempotencyKey,
        ...(typeof expectedVersion === 'number' ? { expectedVersion } : {}),
      };
      const db = getDb();
      const result = options.run({ db, body, params, ctx, rules, request });
      if (result.duplicate) headers.set('idempotent-replayed', 'true');
      if (options.location) headers.set('location', options.location(result));
      return Response.json({ id: result.id, version: result.version, position: result.position }, { status: 201, headers });
    } catch (error) {
      const normalised = withProblems(error);
      const extra = retryAfterHeaders(normalised);
      if (extra) for (const [k, v] of Object.entries(extra)) headers.set(k, v);
      return toResponse(normalised, headers);
    }
  };
}

/** Exists-check used by routes that reference another stream (e.g. a claim's entry). */
export function requireRow(db: Db, table: 'timeline_entries' | 'claims', id: string, field: string): void {
  const row = db.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
  if (!row) throw problemError('unprocessable', field, `no ${table === 'claims' ? 'claim' : 'timeline entry'} "${id}"`);
}

export { problemError };
