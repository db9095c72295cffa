// Every write the API accepts, in one list. Each app/api route file serves its entry with
// writeHandler; tests/write-routes.int.test.ts generates its checks (403, 400, 429) from this
// list and fails when a route file exports a write method that is not here.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { streamIds } from '@/lib/domain/stream-ids';
import { IMPORT_MAX_BYTES } from '@/lib/contracts/price-import';
import {
  amendEntryBody,
  amendNarrativeBody,
  assertClaimBody,
  attachSourceBody,
  corroborateClaimBody,
  defineNarrativeBody,
  disputeClaimBody,
  importQuery,
  listTickerBody,
  narrativeFieldsFrom,
  recordEntryBody,
  retractEntryBody,
  reviseClaimBody,
  signInBody,
} from '@/lib/contracts/write';
import { parsePriceFile } from './csv/read-price-file';
import { importResponse, planImport, reportFields, sourceLabel } from '@/lib/csv/price-file/plan';
import { AppError } from '@/lib/domain/errors';
import { decideImportBars } from '@/lib/domain/reference';
import { tickerSymbolSchema } from '@/lib/domain/schemas';
import { adminToken, safeEqual, SESSION_COOKIE, sessionValue } from './auth';
import { assertClaim, claimCommand } from './commands/claims';
import { amendEntry, attachSource, newEntryId, recordEntry, retractEntry } from './commands/entries';
import { importPriceBars, tickerStateOf } from './commands/prices';
import { amendNarrative, defineNarrative } from './commands/narratives';
import { checkRawBundle, importCheckedBundle, importTimelineCsv } from './commands/episode';
import { readAllChunks } from './csv/read-timeline-file';
import { EPISODE_MAX_BYTES, episodeBundle, episodeImportQuery, isDryRun } from '@/lib/contracts/episode';
import type { CheckedBundle } from '@/lib/domain/episode';
import { listTicker } from './commands/reference';
import { problemError, tooLargeError } from './request-body';
import { json } from './http';
import { commandAnswer, jsonWrite, type WriteInput, type WriteRoute } from './write-gate';
import type { Store } from '@/db';
import type { DocResponse } from '@/lib/contracts/api-routes';
import { episodeImportAnswer, episodeRefusal, errorBody, priceImportAnswer, priceImportRefusal, pricePreviewAnswer, responses, timelineImportAnswer } from '@/lib/contracts/responses';

// Answers documented in GET /api/openapi.json beside the gate's own (server/openapi.ts).
const NOT_FOUND: DocResponse = { description: 'No such entity.', schema: errorBody };
const CONFLICT: DocResponse = {
  description: 'Already exists, or a stale expectedVersion: `current_version` and the `unseen_events` say what changed.',
  schema: errorBody,
};
const UNPROCESSABLE: DocResponse = { description: 'Well-formed but refused by a domain rule (e.g. nothing differs, or a related item is missing).', schema: errorBody };
const TOO_LARGE: DocResponse = { description: 'Over the size or item limit (the message names it).', schema: errorBody };

/** A claim's entry or related claim must already be in the ledger. */
async function requireStream(store: Store, streamId: string, field: string, what: string, id: string): Promise<void> {
  if ((await store.events.streamVersion(streamId)) === 0) throw problemError('unprocessable', field, `no ${what} "${id}"`);
}

function tickerParam(params: Record<string, string>): string {
  const raw = params.ticker ?? '';
  const parsed = tickerSymbolSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('validation', `ticker: "${raw}" is not a ticker symbol`);
  return parsed.data;
}

async function requireListed(store: Store, symbol: string): Promise<void> {
  if (!(await store.read.tickerExists(symbol)))
    throw new AppError('not_found', `ticker "${symbol}" is not listed; list it first with POST /api/tickers`, { ticker: symbol });
}

/** Parse the streamed CSV body and plan the import (which bars, which problems). */
async function readPriceFile(input: WriteInput) {
  const symbol = tickerParam(input.params);
  const report = await parsePriceFile(input.chunks!, { maxBytes: IMPORT_MAX_BYTES });
  if (report.tooLarge) throw tooLargeError(IMPORT_MAX_BYTES, undefined, report);
  const plan = planImport(report, symbol, { skipInvalid: input.query.onInvalid === 'skip' });
  return { symbol, report, plan };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function sessionCookie(request: Request, value: string, maxAge: number): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

const PREVIEW_ROWS = 20;

/** Where an imported episode came from, for the events' metadata: the route and the file name the client sent. */
function importSource(input: WriteInput, what: string): string {
  const fileName = input.request.headers.get('x-file-name');
  return `${what} via ${new URL(input.request.url).pathname}${fileName ? ` (${safeDecode(fileName).slice(0, 200)})` : ''}`;
}

/** 201 when the import recorded something; 200 for a dry run or when everything was already there. */
function importAnswer(result: { events: number; dry_run: boolean; replayed: boolean }, body: unknown): Response {
  const headers = new Headers();
  if (result.replayed) headers.set('idempotent-replayed', 'true');
  return json(body, { status: !result.dry_run && (result.events > 0 || result.replayed) ? 201 : 200, headers });
}

const tickerPreflight: WriteRoute['preflight'] = async ({ store, params }) => requireListed(store, tickerParam(params));

export const writeRoutes = {
  recordEntry: jsonWrite({
    method: 'POST',
    path: '/api/timeline',
    auth: 'writer',
    doc: { tag: 'Timeline', summary: 'Record a timeline entry', description: 'The narrative must be one the ledger defines. `id` is optional (a slug of the title otherwise).', responses: { 409: CONFLICT } },
    schema: recordEntryBody,
    async handle(input) {
      const { id, reason, ...fields } = input.body;
      const result = await recordEntry(input.store.events, { id: id ?? newEntryId(fields.title), ...fields }, { ...input.ctx, reason: reason ?? null, expectedVersion: undefined });
      return commandAnswer(result, `/api/timeline/${result.id}`);
    },
  }),
  amendEntry: jsonWrite({
    method: 'POST',
    path: '/api/timeline/{id}/amend',
    auth: 'writer',
    doc: { tag: 'Timeline', summary: 'Amend an entry', description: 'Only the fields that differ are recorded; a stale expectedVersion gets 409 with the events you have not seen.', responses: { 404: NOT_FOUND, 409: CONFLICT, 422: UNPROCESSABLE } },
    schema: amendEntryBody,
    async handle(input) {
      const { body } = input;
      const result = await amendEntry(input.store.events, input.params.id!, { changes: body.changes, reason: body.reason }, input.ctx);
      return commandAnswer(result, `/api/timeline/${result.id}`);
    },
  }),
  attachSource: jsonWrite({
    method: 'POST',
    path: '/api/timeline/{id}/sources',
    auth: 'writer',
    doc: { tag: 'Timeline', summary: 'Attach a source to an entry', responses: { 404: NOT_FOUND, 409: CONFLICT } },
    schema: attachSourceBody,
    async handle(input) {
      const { body } = input;
      const result = await attachSource(input.store.events, input.params.id!, { source: body.source, reason: body.reason }, input.ctx);
      return commandAnswer(result, `/api/timeline/${result.id}`);
    },
  }),
  retractEntry: jsonWrite({
    method: 'POST',
    path: '/api/timeline/{id}/retract',
    auth: 'writer',
    doc: { tag: 'Timeline', summary: 'Retract an entry', responses: { 404: NOT_FOUND, 409: CONFLICT } },
    schema: retractEntryBody,
    async handle(input) {
      const { body } = input;
      const result = await retractEntry(input.store.events, input.params.id!, { reason: body.reason }, input.ctx);
      return commandAnswer(result, `/api/timeline/${result.id}`);
    },
  }),
  assertClaim: jsonWrite({
    method: 'POST',
    path: '/api/claims',
    auth: 'writer',
    doc: { tag: 'Claims', summary: 'Assert a cost claim', description: '`entry` and `relation.target` must already be in the ledger; the narrative must be one it defines.', responses: { 409: CONFLICT, 422: UNPROCESSABLE } },
    schema: assertClaimBody,
    async handle(input) {
      const { id, reason, ...fields } = input.body;
      const { store } = input;
      if (fields.entry) await requireStream(store, streamIds.entry(fields.entry), 'entry', 'timeline entry', fields.entry);
      if (fields.relation) await requireStream(store, streamIds.claim(fields.relation.target), 'relation.target', 'claim', fields.relation.target);
      const claimId = id ?? newEntryId(`${fields.claimant} ${fields.subject}`);
      const result = await assertClaim(store.events, { id: claimId, ...fields }, { ...input.ctx, reason: reason ?? null });
      return commandAnswer(result, `/api/claims#${result.id}`);
    },
  }),
  reviseClaim: jsonWrite({
    method: 'POST',
    path: '/api/claims/{id}/revise',
    auth: 'writer',
    doc: { tag: 'Claims', summary: 'Revise a claim\'s value', responses: { 404: NOT_FOUND, 409: CONFLICT, 422: UNPROCESSABLE } },
    schema: reviseClaimBody,
    async handle(input) {
      const { body } = input;
      const on = body.on ?? input.rules.now.slice(0, 10);
      const result = await claimCommand(
        input.store.events,
        input.params.id!,
        { type: 'ReviseCostClaim', value: body.value, reason: body.reason, source: body.source, on },
        { ...input.ctx, reason: body.reason, source: body.source.url },
      );
      return commandAnswer(result, `/api/claims#${result.id}`);
    },
  }),
  disputeClaim: jsonWrite({
    method: 'POST',
    path: '/api/claims/{id}/dispute',
    auth: 'writer',
    doc: { tag: 'Claims', summary: 'Dispute a claim', responses: { 404: NOT_FOUND, 409: CONFLICT, 422: UNPROCESSABLE } },
    schema: disputeClaimBody,
    async handle(input) {
      const { body } = input;
      const on = body.on ?? input.rules.now.slice(0, 10);
      const result = await claimCommand(
        input.store.events,
        input.params.id!,
        { type: 'DisputeCostClaim', by: body.by, argument: body.argument, source: body.source, on },
        { ...input.ctx, reason: body.reason, source: body.source.url },
      );
      return commandAnswer(result, `/api/claims#${result.id}`);
    },
  }),
  corroborateClaim: jsonWrite({
    method: 'POST',
    path: '/api/claims/{id}/corroborate',
    auth: 'writer',
    doc: { tag: 'Claims', summary: 'Corroborate a claim', responses: { 404: NOT_FOUND, 409: CONFLICT, 422: UNPROCESSABLE } },
    schema: corroborateClaimBody,
    async handle(input) {
      const { body } = input;
      const on = body.on ?? input.rules.now.slice(0, 10);
      const result = await claimCommand(
        input.store.events,
        input.params.id!,
        { type: 'CorroborateCostClaim', by: body.by, source: body.source, on },
        { ...input.ctx, reason: body.reason, source: body.source.url },
      );
      return commandAnswer(result, `/api/claims#${result.id}`);
    },
  }),
  defineNarrative: jsonWrite({
    method: 'POST',
    path: '/api/narratives',
    auth: 'writer',
    doc: { tag: 'Narratives', summary: 'Define a narrative', description: '`id` is a slug. `label` and `description` are stored as the narrative\'s name and thesis. Without `color`, the first palette colour no narrative uses yet; a given colour needs 3:1 contrast on the chart backgrounds. Without `sort_order`, the new lane goes last.', responses: { 409: CONFLICT } },
    schema: defineNarrativeBody,
    async handle(input) {
      const { id, reason, ...fields } = input.body;
      const { name, thesis, ...rest } = narrativeFieldsFrom(fields);
      const result = await defineNarrative(input.store.events, { id, name: name!, thesis: thesis ?? '', ...rest }, { ...input.ctx, reason: reason ?? null });
      return commandAnswer(result, `/api/narratives/definitions#${result.id}`);
    },
  }),
  amendNarrative: jsonWrite({
    method: 'POST',
    path: '/api/narratives/{id}/amend',
    auth: 'writer',
    doc: { tag: 'Narratives', summary: 'Amend a narrative (label, description, colour, order)', responses: { 404: NOT_FOUND, 409: CONFLICT, 422: UNPROCESSABLE } },
    schema: amendNarrativeBody,
    async handle(input) {
      const { body } = input;
      const result = await amendNarrative(input.store.events, input.params.id!, { changes: narrativeFieldsFrom(body.changes), reason: body.reason }, input.ctx);
      return commandAnswer(result, `/api/narratives/definitions#${result.id}`);
    },
  }),
  importEpisode: {
    method: 'POST',
    path: '/api/episodes/import',
    auth: 'writer',
    doc: { tag: 'Import', summary: 'Import an episode bundle, all or nothing', description: 'A JSON bundle {narratives?, tickers?, entries?, claims?}, each item in the shape of its single command (an entry may carry its own claims; claims may relate to claims of the bundle or the ledger). Every item is checked first; any problem refuses the whole bundle, naming the item and field (entries[3].sources[0].url). An item already in the ledger as given records nothing, so a re-sent bundle answers 200. Limits: 20 MB, 10,000 items.', responses: { 200: { description: 'A dry run, or nothing new: every item is already in the ledger as given.', schema: episodeImportAnswer }, 201: { description: 'Recorded: counts per section, the last position and the events appended.', schema: episodeImportAnswer }, 400: { description: 'Problems: every one listed (the first 200), with what the bundle holds; nothing was recorded.', schema: episodeRefusal }, 413: TOO_LARGE } },
    query: episodeImportQuery,
    // Every item is checked (413 past the item limit, 400 listing every problem) before the plan.
    body: { kind: 'json', schema: episodeBundle, maxBytes: EPISODE_MAX_BYTES, check: checkRawBundle },
    async handle(input) {
      const dryRun = isDryRun(input.query as { dryRun?: string });
      const source = importSource(input, 'episode bundle');
      const { replayed, ...result } = await importCheckedBundle(input.store.events, input.body as CheckedBundle, { ...input.ctx, source }, { dryRun });
      return importAnswer({ ...result, replayed }, result);
    },
  },
  importTimeline: {
    method: 'POST',
    path: '/api/timeline/import',
    auth: 'writer',
    doc: { tag: 'Import', summary: 'Import timeline entries from a CSV, all or nothing', description: 'A text/csv body in the timeline export\'s columns: date,time_utc,kind,narrative,title,summary,tickers,entities,source_title,source_url,source_publisher,source_published (any order; lists joined with " | ", one source per item of the source columns). The export\'s own id, figures, source_urls, status and version columns are accepted, so an exported CSV imports back. Problems name the line and column.', responses: { 200: { description: 'A dry run, or nothing new.', schema: timelineImportAnswer }, 201: { description: 'Recorded.', schema: timelineImportAnswer }, 400: { description: 'Problems (a wrong header names the expected columns); nothing was recorded.', schema: episodeRefusal }, 413: TOO_LARGE } },
    query: episodeImportQuery,
    body: { kind: 'csv', maxBytes: EPISODE_MAX_BYTES },
    async handle(input) {
      const dryRun = isDryRun(input.query as { dryRun?: string });
      const bytes = await readAllChunks(input.chunks!, EPISODE_MAX_BYTES);
      const source = importSource(input, 'timeline CSV');
      const { replayed, ...result } = await importTimelineCsv(input.store.events, bytes, { ...input.ctx, source }, input.rules, { dryRun });
      return importAnswer({ ...result, replayed }, result);
    },
  },
  listTicker: jsonWrite({
    method: 'POST',
    path: '/api/tickers',
    auth: 'writer',
    doc: { tag: 'Prices', summary: 'List a ticker', responses: { 409: CONFLICT } },
    schema: listTickerBody,
    async handle(input) {
      const { symbol, ...fields } = input.body;
      const result = await listTicker(input.store.events, { symbol, ...fields }, input.ctx);
      const answer = commandAnswer(result, `/api/prices/${encodeURIComponent(result.id)}`);
      return answer;
    },
  }),
  importPrices: {
    method: 'POST',
    path: '/api/prices/{ticker}/import',
    auth: 'writer',
    doc: { tag: 'Prices', summary: 'Import a daily price file (Yahoo, Stooq or Impactline CSV)', responses: { 200: { description: 'Nothing changed: every bar is already recorded as is.', schema: priceImportAnswer }, 201: { description: 'Recorded: new days imported, changed days corrected.', schema: priceImportAnswer }, 404: NOT_FOUND, 409: CONFLICT, 413: TOO_LARGE, 422: { description: 'The file has problems; the report names each line and column; nothing was recorded.', schema: priceImportRefusal } } },
    query: importQuery,
    preflight: tickerPreflight,
    body: { kind: 'csv', maxBytes: IMPORT_MAX_BYTES },
    async handle(input) {
      const { symbol, report, plan } = await readPriceFile(input);
      if (!plan.ok) {
        const hint = plan.skipped > 0 && plan.bars.length > 0 && input.query.onInvalid !== 'skip' ? ' (add ?onInvalid=skip to import the valid rows and skip the others)' : '';
        throw new AppError('unprocessable', `${plan.message}; nothing was recorded${hint}`, { ticker: symbol, ...reportFields(report, plan) });
      }
      const fileName = input.request.headers.get('x-file-name');
      const source = sourceLabel(report.format, 'api', fileName ? safeDecode(fileName) : null);
      const result = await importPriceBars(input.store.events, symbol, plan.bars, { source }, {
        ...input.ctx,
        source,
        reason: plan.skipped > 0 ? `imported with onInvalid=skip: ${plan.skipped} invalid rows left out` : null,
        correlationId: input.ctx.correlationId ?? randomUUID(),
      });
      // Something recorded: 201. Nothing changed (every bar already recorded as is): 200, with a message.
      return json(importResponse(symbol, report, plan, result), { status: result.inserted + result.corrected > 0 ? 201 : 200 });
    },
  },
  previewImport: {
    method: 'POST',
    path: '/api/prices/{ticker}/import/preview',
    auth: 'writer',
    doc: { tag: 'Prices', summary: 'Check a price file without importing it', responses: { 200: { description: 'The report, the first rows and what the import would record.', schema: pricePreviewAnswer }, 404: NOT_FOUND, 413: TOO_LARGE } },
    query: importQuery,
    preflight: tickerPreflight,
    body: { kind: 'csv', maxBytes: IMPORT_MAX_BYTES },
    // A dry run with the same parser, plan and decider as the import; writes nothing.
    async handle(input) {
      const { symbol, report, plan } = await readPriceFile(input);
      const would = plan.ok ? decideImportBars({ symbol, source: 'preview', bars: plan.bars }, (await tickerStateOf(input.store.events, symbol)).state).summary : null;
      return json({
        ticker: symbol,
        ok: plan.ok,
        message: plan.message,
        ...reportFields(report, plan),
        would,
        preview: plan.bars.slice(0, PREVIEW_ROWS).map((b) => ({
          line: b.line,
          date: b.date,
          open: b.open,
          high: b.high,
          low: b.low,
          close: b.close,
          adj_close: b.adj_close,
          volume: b.volume,
        })),
      });
    },
  },
  signIn: {
    method: 'POST',
    path: '/api/session',
    auth: 'none',
    doc: { tag: 'Session', summary: 'Sign in: the admin token for a session cookie', description: 'JSON {token} answers 200 {ok: true} with Set-Cookie; a form post answers 303 to / (or /signin?error=1).', responses: { 200: { description: 'Signed in; the HttpOnly session cookie is set.', schema: responses.session }, 303: { description: 'A browser form: redirected.' }, 401: { description: 'The token does not match.', schema: errorBody } } },
    limit: 'signin',
    body: { kind: 'form-or-json', schema: signInBody, maxBytes: 16 * 1024, field: 'token' },
    // Exchange the admin token for an HttpOnly, SameSite=Strict session cookie.
    async handle({ body, isForm, request }) {
      const raw = (body as { token?: unknown }).token;
      const token = typeof raw === 'string' ? raw.trim() : '';
      if (!token || !safeEqual(token, adminToken())) {
        if (isForm) return new Response(null, { status: 303, headers: { location: '/signin?error=1' } });
        return json({ error: 'unauthorized', message: 'token: does not match the admin token' }, { status: 401 });
      }
      const headers = new Headers({ 'set-cookie': sessionCookie(request, sessionValue(), 60 * 60 * 12) });
      if (isForm) {
        headers.set('location', '/');
        return new Response(null, { status: 303, headers });
      }
      return json({ ok: true }, { headers });
    },
  },
  signOut: {
    method: 'DELETE',
    path: '/api/session',
    auth: 'none',
    doc: { tag: 'Session', summary: 'Sign out', responses: { 200: { description: 'The session cookie is cleared.', schema: responses.session } } },
    limit: 'signin',
    body: { kind: 'none' },
    async handle({ request }) {
      return json({ ok: true }, { headers: { 'set-cookie': sessionCookie(request, '', 0) } });
    },
  },
} satisfies Record<string, WriteRoute>;
