// The one guarded write path. Every write route is declared as a WriteRoute and served by
// writeHandler, which checks, in this order: rate limit (429) → auth (401; cookie writes also
// need same-origin proof, else 403) → route parameters and query (400) → the route's cheap
// preflight (e.g. 404 for an unlisted ticker) → content type (415) → body size (413) → parse
// (400 naming the problem) → zod (400 with problems [{field, message}]) → the handler, which
// decides and appends (Idempotency-Key honoured) and answers 201/200. Every refusal answers
// { error, message, problems } and writes nothing.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getStore, type Store } from '@/db';
import { ConcurrencyError } from '@/db/store';
import { parseQuery, validationError } from '@/lib/contracts/query';
import { writeRules, type Rules } from '@/lib/contracts/write';
import { AppError } from '@/lib/domain/errors';
import type { DocResponse } from '@/lib/contracts/api-routes';
import type { CommandContext, CommandResult } from './commands/handle';
import { authorise, checkSameOrigin } from './auth';
import { json, toResponse } from './http';
import { positionCookie } from './reads';
import { clientKey, retryAfterHeaders, takeToken, type LimitName } from './rate-limit';
import { checkCsvContentType, checkDeclaredLength, problemError, readJsonBody, readLimitedBody, streamChunks } from './request-body';

export const CORRELATION_HEADER = 'x-correlation-id';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** Route ids ([id] segments) are slugs; anything else is refused before the database is touched. */
export const routeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/, { message: 'must be an entry or claim id (letters, digits, . _ -)' });

/** What a write route reads from the request body. */
export type BodySpec =
  /**
   * A JSON object checked by a zod schema built for the request's clock. `check`, when given,
   * applies that schema itself (e.g. item by item, to report every problem of a bundle) and
   * returns the body the handler receives; `schema` still describes the body (the API document).
   */
  | { kind: 'json'; schema: (rules: Rules) => z.ZodType; maxBytes?: number; check?: (raw: unknown, rules: Rules) => unknown }
  /** A CSV file, handed to the handler as a stream of chunks (parsed as it arrives). */
  | { kind: 'csv'; maxBytes: number }
  /** A browser form (application/x-www-form-urlencoded or multipart) or a JSON object. */
  | { kind: 'form-or-json'; schema: () => z.ZodType; maxBytes: number; field: string }
  | { kind: 'none' };

export type WriteInput = {
  store: Store;
  request: Request;
  /** Route parameters, each checked as a route id. */
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The parsed, validated body (json / form-or-json), or undefined. */
  body: unknown;
  /** The CSV body as it arrives (csv only). */
  chunks: AsyncIterable<Uint8Array> | null;
  /** Whether the body came from a browser form (form-or-json only). */
  isForm: boolean;
  ctx: CommandContext;
  rules: Rules;
};

export type WriteRoute = {
  method: 'POST' | 'DELETE';
  /** The route, e.g. "/api/timeline/{id}/amend" (tests and docs list routes by it). */
  path: string;
  /**
   * For GET /api/openapi.json: its group, a summary, and the answers beyond the gate's own (400,
   * 401, 403, 413, 415, 429, and 201 {id, version, position} unless a 2xx is given here).
   */
  doc: { tag: string; summary: string; description?: string; responses?: Record<number, DocResponse> };
  /** 'writer': the admin token or session; 'none': anyone (sign-in and sign-out). */
  auth: 'writer' | 'none';
  /** Which rate-limit bucket (default 'write'). */
  limit?: LimitName;
  body: BodySpec;
  /** Checks the URL query (unknown parameters refused by name). */
  query?: z.ZodObject;
  /** Cheap checks before the body is read (e.g. the ticker exists). */
  preflight?: (input: Pick<WriteInput, 'store' | 'params' | 'query'>) => Promise<void>;
  handle: (input: WriteInput) => Promise<Response>;
};

const FIELD_FOR_CODE: Partial<Record<string, string>> = {
  not_found: 'id',
  conflict: 'id',
  unauthorized: 'authorization',
  forbidden: 'origin',
  too_large: '(body)',
  unsupported_media_type: 'content-type',
  rate_limited: '(client)',
  unavailable: '(database)',
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

async function readBody(request: Request, spec: BodySpec): Promise<{ body: unknown; chunks: AsyncIterable<Uint8Array> | null; isForm: boolean }> {
  switch (spec.kind) {
    case 'none':
      return { body: undefined, chunks: null, isForm: false };
    case 'csv':
      checkCsvContentType(request);
      checkDeclaredLength(request, spec.maxBytes);
      return { body: undefined, chunks: streamChunks(request.body), isForm: false };
    case 'json':
      return { body: await readJsonBody(request, spec.maxBytes), chunks: null, isForm: false };
    case 'form-or-json': {
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type === 'application/json') return { body: await readJsonBody(request, spec.maxBytes, spec.field), chunks: null, isForm: false };
      if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data')
        throw problemError('unsupported_media_type', 'content-type', 'must be application/json or a form (application/x-www-form-urlencoded)');
      const bytes = await readLimitedBody(request, spec.maxBytes, spec.field);
      let form: FormData;
      try {
        form = await new Request(request.url, { method: 'POST', headers: request.headers, body: bytes as BodyInit }).formData();
      } catch {
        throw problemError('validation', '(body)', 'must be a valid form');
      }
      const fields: Record<string, unknown> = {};
      for (const [k, v] of form.entries()) if (typeof v === 'string') fields[k] = v;
      return { body: fields, chunks: null, isForm: true };
    }
  }
}

function bodySchema(spec: BodySpec, rules: Rules): z.ZodType | null {
  if (spec.kind === 'json') return spec.schema(rules);
  if (spec.kind === 'form-or-json') return spec.schema();
  return null;
}

/** The route handler for a write route: the checks above, then `route.handle`. */
export function writeHandler(route: WriteRoute) {
  return async function handler(request: Request, context?: { params: Promise<Record<string, string>> }): Promise<Response> {
    const correlationId = randomUUID();
    const headers = new Headers({ [CORRELATION_HEADER]: correlationId, 'cache-control': 'no-store' });
    try {
      takeToken(route.limit ?? 'write', clientKey(request));
      const actor = route.auth === 'writer' ? authorise(request) : (checkSameOrigin(request, { required: false }), 'visitor');

      const params = (await context?.params) ?? {};
      for (const [name, value] of Object.entries(params)) {
        const checked = routeId.safeParse(value);
        if (!checked.success) throw problemError('validation', name, checked.error.issues[0]!.message);
      }
      const query = route.query ? (parseQuery(route.query, new URL(request.url).searchParams) as Record<string, unknown>) : {};

      const idempotencyKey = request.headers.get(IDEMPOTENCY_HEADER);
      if (idempotencyKey !== null && !IDEMPOTENCY_KEY.test(idempotencyKey))
        throw problemError('validation', 'Idempotency-Key', 'must be 8–128 characters of letters, digits, . _ : - (a UUID is ideal)');

      const store = await getStore();
      await route.preflight?.({ store, params, query });

      const read = await readBody(request, route.body);
      const now = new Date().toISOString();
      const rules = writeRules(now);
      let body = read.body;
      const schema = bodySchema(route.body, rules);
      if (route.body.kind === 'json' && route.body.check) body = route.body.check(body, rules);
      else if (schema) {
        const parsed = schema.safeParse(body);
        if (!parsed.success) throw validationError(parsed.error);
        body = parsed.data;
      }
      const expectedVersion = (body as { expectedVersion?: unknown } | undefined)?.expectedVersion;
      const ctx: CommandContext = {
        actor,
        now,
        correlationId,
        idempotencyKey,
        ...(typeof expectedVersion === 'number' ? { expectedVersion } : {}),
      };
      const response = await route.handle({ store, request, params, query, body, chunks: read.chunks, isForm: read.isForm, ctx, rules });
      for (const [k, v] of headers) if (!response.headers.has(k)) response.headers.set(k, v);
      if (store.readAtLeast && response.ok) await rememberWritePosition(request, response);
      return response;
    } catch (error) {
      const normalised = withProblems(error);
      const extra = retryAfterHeaders(normalised);
      if (extra) for (const [k, v] of Object.entries(extra)) headers.set(k, v);
      return toResponse(normalised, headers);
    }
  };
}

/**
 * With a read replica: remember the position this write answered with in the session cookie, so
 * the writer's next reads wait for the replica to reach it (server/reads.ts).
 */
async function rememberWritePosition(request: Request, response: Response): Promise<void> {
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return;
  try {
    const position = ((await response.clone().json()) as { position?: unknown }).position;
    if (typeof position === 'number' && Number.isInteger(position))
      response.headers.append('set-cookie', positionCookie(position, new URL(request.url).protocol === 'https:'));
  } catch {
    /* not a JSON answer with a position */
  }
}

/** A write route with a JSON body: `handle` receives the body typed by its schema. */
export function jsonWrite<S extends z.ZodType>(
  route: Omit<WriteRoute, 'body' | 'handle'> & {
    schema: (rules: Rules) => S;
    maxBytes?: number;
    handle: (input: WriteInput & { body: z.infer<S> }) => Promise<Response>;
  },
): WriteRoute {
  const { schema, maxBytes, handle, ...rest } = route;
  return { ...rest, body: { kind: 'json', schema, maxBytes }, handle: (input) => handle(input as WriteInput & { body: z.infer<S> }) };
}

/** 201 {id, version, position} for a command, with where to read the changed resource. */
export function commandAnswer(result: CommandResult, location?: string): Response {
  const headers = new Headers();
  if (result.duplicate) headers.set('idempotent-replayed', 'true');
  if (location) headers.set('location', location);
  return json({ id: result.id, version: result.version, position: result.position }, { status: 201, headers });
}
