// The write API's route handlers against a real seeded SQLite file: 201 shape, auth (401/403),
// conflicts (409 with unseen events), idempotent retries, 413/415/400, every input rule, 429.
import path from 'node:path';
import type { NextConfig } from 'next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POST as assertPOST } from '@/app/api/claims/route';
import { POST as corroboratePOST } from '@/app/api/claims/[id]/corroborate/route';
import { POST as disputePOST } from '@/app/api/claims/[id]/dispute/route';
import { POST as revisePOST } from '@/app/api/claims/[id]/revise/route';
import { POST as sessionPOST } from '@/app/api/session/route';
import { POST as amendPOST } from '@/app/api/timeline/[id]/amend/route';
import { POST as retractPOST } from '@/app/api/timeline/[id]/retract/route';
import { POST as sourcesPOST } from '@/app/api/timeline/[id]/sources/route';
import { POST as recordPOST } from '@/app/api/timeline/route';
import type { TestStore } from './db';
import { addDays } from '@/lib/dates';
import { resetRateLimits } from '@/server/rate-limit';
import { sessionValue } from '@/server/auth';
import { openSeededStore, pointAppAt } from './db';

const TOKEN = 'write-api-admin-token-0123';
let db: TestStore;
let seq = 0;

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
type Call = { headers?: Record<string, string>; raw?: BodyInit; auth?: 'token' | 'none' | 'cookie' };

async function call(handler: Handler, path: string, body: unknown, options: Call = {}) {
  const id = /^\/api\/(?:timeline|claims)\/([^/]+)\//.exec(path)?.[1];
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': `client-${seq++ % 3}`, ...options.headers };
  if ((options.auth ?? 'token') === 'token') headers.authorization = `Bearer ${TOKEN}`;
  if (options.auth === 'cookie') headers.cookie = `impactline_session=${sessionValue(TOKEN)}`;
  const request = new Request(`http://localhost${path}`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  const res = await handler(request, { params: Promise.resolve((id === undefined ? {} : { id: decodeURIComponent(id) }) as { id: string }) });
  const json = (await res.json()) as Record<string, unknown> & { problems?: { field: string; message: string }[] };
  return { status: res.status, headers: res.headers, json };
}

const today = new Date().toISOString().slice(0, 10);
const source = { title: 'Example report', url: 'https://example.com/report', publisher: 'Example', published: '2025-01-27' };
const entry = (over: Record<string, unknown> = {}) => ({
  date: '2025-02-01',
  kind: 'report',
  title: `Test entry ${seq++}`,
  summary: 'A summary.\nWith a second line.',
  narrative: 'other',
  tickers: ['NVDA'],
  figures: [{ label: 'cost', value: 5.576, unit: 'million USD' }],
  sources: [source],
  ...over,
});
const claim = (over: Record<string, unknown> = {}) => ({
  asserted_on: '2025-01-27',
  subject: `Test subject ${seq++}`,
  metric: 'training_run_cost',
  value: 5.576,
  unit: 'million USD',
  scope: 'final run only',
  claimant: 'Tester',
  narrative: 'cheap-ai',
  sources: [source],
  ...over,
});

async function newEntry(over: Record<string, unknown> = {}) {
  const res = await call(recordPOST as Handler, '/api/timeline', entry(over));
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string; version: number; position: number };
}
async function newClaim(over: Record<string, unknown> = {}) {
  const res = await call(assertPOST as Handler, '/api/claims', claim(over));
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string; version: number; position: number };
}

/** Every change route with a valid body for a stream at `version`. */
function changeRoutes(entryId: string, claimId: string, version: number) {
  return [
    { name: 'amend', handler: amendPOST as Handler, path: `/api/timeline/${entryId}/amend`, body: { changes: { title: `Amended ${seq++}` }, reason: 'typo', expectedVersion: version } },
    { name: 'sources', handler: sourcesPOST as Handler, path: `/api/timeline/${entryId}/sources`, body: { source: { title: 'More', url: `https://example.org/${seq++}` }, reason: 'second source', expectedVersion: version } },
    { name: 'revise', handler: revisePOST as Handler, path: `/api/claims/${claimId}/revise`, body: { value: 6 + seq++, reason: 'new figure', source, expectedVersion: version } },
    { name: 'dispute', handler: disputePOST as Handler, path: `/api/claims/${claimId}/dispute`, body: { by: 'Analyst', argument: 'excludes R&D', reason: 'report', source, expectedVersion: version } },
    { name: 'corroborate', handler: corroboratePOST as Handler, path: `/api/claims/${claimId}/corroborate`, body: { by: 'Analyst', reason: 'report', source, expectedVersion: version } },
    { name: 'retract', handler: retractPOST as Handler, path: `/api/timeline/${entryId}/retract`, body: { reason: 'duplicate', expectedVersion: version } },
  ];
}

beforeAll(async () => {
  db = await openSeededStore('write-api');
  pointAppAt(db);
  process.env.IMPACTLINE_ADMIN_TOKEN = TOKEN;
  process.env.IMPACTLINE_RATE_LIMIT = '100000';
});
afterEach(async () => {
  process.env.IMPACTLINE_RATE_LIMIT = '100000';
  delete process.env.IMPACTLINE_SIGNIN_RATE_LIMIT;
  resetRateLimits();
});

describe('record and assert', () => {
  it('POST /api/timeline answers 201 {id, version, position} and records actor, reason, correlation id', async () => {
    const before = await db.events.latestPosition();
    const res = await call(recordPOST as Handler, '/api/timeline', entry({ title: 'DeepSeek ships 🐳 model', reason: 'new release' }));
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(['id', 'position', 'version']);
    expect(res.json).toMatchObject({ version: 1, position: before + 1 });
    expect(res.json.id).toMatch(/^deepseek-ships-model-[0-9a-f]{6}$/);
    expect(res.headers.get('location')).toBe(`/api/timeline/${String(res.json.id)}`);
    const correlation = res.headers.get('x-correlation-id');
    expect(correlation).toMatch(/^[0-9a-f-]{36}$/);
    const [event] = await db.events.readAll({ after: before });
    expect(event!.metadata).toMatchObject({ actor: 'admin', reason: 'new release', correlation_id: correlation });
    const stored = (await db.read.getEntry(String(res.json.id), {}))!;
    expect(stored.title).toBe('DeepSeek ships 🐳 model');
    expect(stored.summary).toBe('A summary.\nWith a second line.');
  });

  it('accepts a client-chosen id, and refuses it the second time with 409 naming id', async () => {
    const first = await call(recordPOST as Handler, '/api/timeline', entry({ id: 'my-own-id' }));
    expect(first.status).toBe(201);
    expect(first.json.id).toBe('my-own-id');
    const again = await call(recordPOST as Handler, '/api/timeline', entry({ id: 'my-own-id' }));
    expect(again.status).toBe(409);
    expect(again.json.problems?.[0]?.field).toBe('id');
  });

  it('POST /api/claims asserts a claim linked to an entry; an unknown entry is 422 naming entry', async () => {
    const e = await newEntry();
    const res = await call(assertPOST as Handler, '/api/claims', claim({ entry: e.id }));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ version: 1 });
    expect((await db.read.listClaims({})).find((c) => c.id === res.json.id)?.entry_id).toBe(e.id);
    const before = await db.events.latestPosition();
    const bad = await call(assertPOST as Handler, '/api/claims', claim({ entry: 'no-such-entry' }));
    expect(bad.status).toBe(422);
    expect(bad.json.problems?.[0]?.field).toBe('entry');
    expect(await db.events.latestPosition()).toBe(before);
  });
});

describe('change commands', () => {
  it('each change route answers 201 and bumps the stream version', async () => {
    const e = await newEntry();
    const c = await newClaim();
    const versions: Record<string, number> = { [e.id]: 1, [c.id]: 1 };
    for (const route of changeRoutes(e.id, c.id, 0)) {
      const stream = route.path.includes('/timeline/') ? e.id : c.id;
      (route.body as { expectedVersion: number }).expectedVersion = versions[stream]!;
      const res = await call(route.handler, route.path, route.body);
      expect(res.status, `${route.name}: ${JSON.stringify(res.json)}`).toBe(201);
      expect(res.json.version).toBe(versions[stream]! + 1);
      versions[stream] = res.json.version as number;
    }
    const entryNow = (await db.read.getEntry(e.id, {}))!;
    expect(entryNow.status).toBe('retracted');
    expect(entryNow.sources).toHaveLength(2);
    expect(entryNow.history.map((h) => h.reason)).toEqual([null, 'typo', 'second source', 'duplicate']);
    const claimNow = (await db.read.listClaims({})).find((x) => x.id === c.id)!;
    expect(claimNow.status).toBe('disputed');
    expect(claimNow.history.map((h) => h.type)).toEqual(['revised', 'disputed', 'corroborated']);
    expect((await db.events.readStream(`claim-${c.id}`)).at(-1)!.metadata).toMatchObject({ reason: 'report', source: source.url, actor: 'admin' });
  });

  it('a stale expectedVersion is 409 with the current version and the unseen events, and writes nothing', async () => {
    for (const name of ['amend', 'sources', 'retract', 'revise', 'dispute', 'corroborate']) {
      const e = await newEntry();
      const c = await newClaim();
      // someone else moves both streams to version 2
      expect((await call(amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { summary: 'other editor' }, reason: 'other', expectedVersion: 1 })).status).toBe(201);
      expect((await call(disputePOST as Handler, `/api/claims/${c.id}/dispute`, { by: 'X', argument: 'other', reason: 'other', source, expectedVersion: 1 })).status).toBe(201);
      const route = changeRoutes(e.id, c.id, 1).find((r) => r.name === name)!;
      const before = await db.events.latestPosition();
      const res = await call(route.handler, route.path, route.body);
      expect(res.status, name).toBe(409);
      expect(res.json).toMatchObject({ error: 'conflict', current_version: 2, expected_version: 1 });
      expect(res.json.problems?.[0]?.field).toBe('expectedVersion');
      const unseen = res.json.unseen_events as { stream_version: number; type: string; metadata: { reason: string } }[];
      expect(unseen.map((u) => u.stream_version)).toEqual([2]);
      expect(unseen[0]!.metadata.reason).toBe('other');
      expect(await db.events.latestPosition()).toBe(before);
    }
  });

  it('refuses a change to an unknown stream with 404 naming id, and a retracted entry with 409', async () => {
    const res = await call(amendPOST as Handler, '/api/timeline/no-such-entry/amend', { changes: { title: 'x' }, reason: 'r', expectedVersion: 1 });
    expect(res.status).toBe(409); // version 1 expected, stream at 0
    const missing = await call(amendPOST as Handler, '/api/timeline/no-such-entry/amend', { changes: { title: 'x' }, reason: 'r', expectedVersion: 0 });
    expect(missing.status).toBe(404);
    expect(missing.json.problems?.[0]?.field).toBe('id');
    const e = await newEntry();
    expect((await call(retractPOST as Handler, `/api/timeline/${e.id}/retract`, { reason: 'dup', expectedVersion: 1 })).status).toBe(201);
    const after = await call(amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { title: 'x' }, reason: 'r', expectedVersion: 2 });
    expect(after.status).toBe(409);
    expect(after.json.problems?.[0]?.field).toBe('id');
  });

  it('a revision equal to the current value is 422 naming value; an on-date before the assertion is 422 naming on', async () => {
    const c = await newClaim({ value: 10 });
    const same = await call(revisePOST as Handler, `/api/claims/${c.id}/revise`, { value: 10, reason: 'r', source, expectedVersion: 1 });
    expect(same.status).toBe(422);
    expect(same.json.problems?.[0]?.field).toBe('value');
    const early = await call(revisePOST as Handler, `/api/claims/${c.id}/revise`, { value: 11, reason: 'r', source, on: '2024-01-01', expectedVersion: 1 });
    expect(early.status).toBe(422);
    expect(early.json.problems?.[0]?.field).toBe('on');
  });
});

describe('idempotency', () => {
  it('a retry with the same Idempotency-Key returns the first result and the ledger does not move', async () => {
    const key = `test-key-${Date.now()}`;
    const body = entry();
    const first = await call(recordPOST as Handler, '/api/timeline', body, { headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    const position = await db.events.latestPosition();
    const retry = await call(recordPOST as Handler, '/api/timeline', body, { headers: { 'idempotency-key': key } });
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await db.events.latestPosition()).toBe(position);

    // A change command retried after its own success: the stale expectedVersion does not matter.
    const amendKey = `amend-key-${Date.now()}`;
    const amendBody = { changes: { title: 'Retried amend' }, reason: 'r', expectedVersion: 1 };
    const a1 = await call(amendPOST as Handler, `/api/timeline/${String(first.json.id)}/amend`, amendBody, { headers: { 'idempotency-key': amendKey } });
    const a2 = await call(amendPOST as Handler, `/api/timeline/${String(first.json.id)}/amend`, amendBody, { headers: { 'idempotency-key': amendKey } });
    expect(a1.status).toBe(201);
    expect(a2.status).toBe(201);
    expect(a2.json).toEqual(a1.json);
    expect(await db.events.latestPosition()).toBe(position + 1);
  });

  it('refuses a malformed Idempotency-Key with 400 naming the header', async () => {
    for (const key of ['short', 'has space in it', 'x'.repeat(129), 'semi;colon-key', 'hash#key-123']) {
      const res = await call(recordPOST as Handler, '/api/timeline', entry(), { headers: { 'idempotency-key': key } });
      expect(res.status, key).toBe(400);
      expect(res.json.problems?.[0]?.field).toBe('Idempotency-Key');
    }
  });
});

describe('auth', () => {
  it('every write route answers 401 without a token and 401 with a wrong one', async () => {
    const e = await newEntry();
    const c = await newClaim();
    const routes = [
      { handler: recordPOST as Handler, path: '/api/timeline', body: entry() },
      { handler: assertPOST as Handler, path: '/api/claims', body: claim() },
      ...changeRoutes(e.id, c.id, 1),
    ];
    const before = await db.events.latestPosition();
    for (const route of routes) {
      const none = await call(route.handler, route.path, route.body, { auth: 'none' });
      expect(none.status, route.path).toBe(401);
      expect(none.json.problems?.[0]?.field).toBe('authorization');
      const wrong = await call(route.handler, route.path, route.body, { auth: 'none', headers: { authorization: 'Bearer wrong-token' } });
      expect(wrong.status, route.path).toBe(401);
    }
    expect(await db.events.latestPosition()).toBe(before);
  });

  it('cookie writes need an Origin from this host: 403 for another origin, a null origin, or none', async () => {
    const e = await newEntry();
    const c = await newClaim();
    const routes = [
      { handler: recordPOST as Handler, path: '/api/timeline', body: entry() },
      { handler: assertPOST as Handler, path: '/api/claims', body: claim() },
      ...changeRoutes(e.id, c.id, 1),
    ];
    const before = await db.events.latestPosition();
    for (const route of routes) {
      for (const headers of [{ origin: 'http://evil.example' }, { origin: 'null' }, {}, { 'sec-fetch-site': 'cross-site' }, { origin: 'http://localhost.evil.example' }] as Record<string, string>[]) {
        const res = await call(route.handler, route.path, route.body, { auth: 'cookie', headers });
        expect(res.status, `${route.path} ${JSON.stringify(headers)}`).toBe(403);
        expect(res.json.problems?.[0]?.field).toBe('origin');
      }
    }
    expect(await db.events.latestPosition()).toBe(before);
    const ok = await call(recordPOST as Handler, '/api/timeline', entry(), { auth: 'cookie', headers: { origin: 'http://localhost' } });
    expect(ok.status).toBe(201);
  });
});

describe('transport refusals', () => {
  it('413 for a body over 1 MB (declared or streamed), 415 for a wrong content type, 400 for bad JSON', async () => {
    const before = await db.events.latestPosition();
    const big = JSON.stringify(entry({ summary: 'x'.repeat(1024 * 1024) }));
    const streamed = await call(recordPOST as Handler, '/api/timeline', null, { raw: big });
    expect(streamed.status).toBe(413);
    expect(streamed.json.problems?.[0]?.field).toBe('(body)');
    const declared = await call(recordPOST as Handler, '/api/timeline', null, { raw: '{}', headers: { 'content-length': String(2 * 1024 * 1024) } });
    expect(declared.status).toBe(413);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'text/json']) {
      const res = await call(recordPOST as Handler, '/api/timeline', entry(), { headers: { 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect(res.json.problems?.[0]?.field).toBe('content-type');
    }
    const charsetOk = await call(recordPOST as Handler, '/api/timeline', entry(), { headers: { 'content-type': 'application/json; charset=UTF-8' } });
    expect(charsetOk.status).toBe(201);
    const bad = await call(recordPOST as Handler, '/api/timeline', null, { raw: '{"date": ' });
    expect(bad.status).toBe(400);
    expect(bad.json.problems?.[0]?.field).toBe('(body)');
    expect(await db.events.latestPosition()).toBe(before + 1);
  });

  it('400 naming each unknown field', async () => {
    const e = await newEntry();
    const res = await call(recordPOST as Handler, '/api/timeline', entry({ colour: 'red' }));
    expect(res.status).toBe(400);
    expect(res.json.problems).toEqual([{ field: '(body)', message: 'unknown field(s): colour' }]);
    const nested = await call(amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { title: 'x', sources: [] }, reason: 'r', expectedVersion: 1 });
    expect(nested.status).toBe(400);
    expect(nested.json.problems?.[0]).toEqual({ field: 'changes', message: 'unknown field(s): sources' });
    const inSource = await call(sourcesPOST as Handler, `/api/timeline/${e.id}/sources`, { source: { ...source, rating: 5 }, reason: 'r', expectedVersion: 1 });
    expect(inSource.status).toBe(400);
    expect(inSource.json.problems?.[0]?.field).toBe('source');
  });
});

describe('input rules (each refusal names the field and writes nothing)', () => {
  const maxDate = addDays(today, 1);
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['date before 1990', { date: '1989-12-31' }, 'date', /between 1990-01-01/],
    ['date after today + 1', { date: addDays(today, 2) }, 'date', /today \+ 1 day/],
    ['impossible date', { date: '2025-02-30' }, 'date', /ISO date/],
    ['date with time', { date: '2025-02-01T00:00:00Z' }, 'date', /ISO date/],
    ['time 25:00', { time_utc: '25:00' }, 'time_utc', /HH:MM/],
    ['time 9:30', { time_utc: '9:30' }, 'time_utc', /HH:MM/],
    ['time with seconds', { time_utc: '09:30:00' }, 'time_utc', /HH:MM/],
    ['empty title', { title: '' }, 'title', /empty/],
    ['blank title', { title: '   ' }, 'title', /empty/],
    ['201-character title', { title: 'x'.repeat(201) }, 'title', /at most 200/],
    ['4001-character summary', { summary: 'x'.repeat(4001) }, 'summary', /at most 4000/],
    ['control character in title', { title: 'bell\u0007' }, 'title', /control/],
    ['escape in summary', { summary: 'a\u001b[31m' }, 'summary', /control/],
    ['RTL override in title', { title: 'abc\u202Etxt.exe' }, 'title', /bidirectional/],
    ['javascript: url', { sources: [{ ...source, url: 'javascript:alert(1)' }] }, 'sources.0.url', /http/],
    ['data: url', { sources: [{ ...source, url: 'data:text/html,<b>x</b>' }] }, 'sources.0.url', /http/],
    ['file: url', { sources: [{ ...source, url: 'file:///etc/passwd' }] }, 'sources.0.url', /http/],
    ['relative url', { sources: [{ ...source, url: '/just/a/path' }] }, 'sources.0.url', /http/],
    ['no sources', { sources: [] }, 'sources', /at least one source/],
    ['source published before 1990', { sources: [{ ...source, published: '1989' }] }, 'sources.0.published', /between/],
    ['figure value as a string', { figures: [{ value: '12', unit: 'USD' }] }, 'figures.0.value', /number|expected/i],
    ['figure value as a huge number (Infinity)', {}, 'figures.0.value', /./],
    ['figure without unit', { figures: [{ value: 12 }] }, 'figures.0.unit', /./],
    ['unknown kind', { kind: 'rumour' }, 'kind', /./],
    ['unknown narrative', { narrative: 'fud' }, 'narrative', /./],
    ['tickers not an array', { tickers: 'NVDA' }, 'tickers', /array/i],
    ['bad ticker symbol', { tickers: ['NV DA'] }, 'tickers.0', /ticker/],
    ['title as number', { title: 42 }, 'title', /string/i],
  ];
  for (const [name, over, field, rule] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await db.events.latestPosition();
      const raw = name.includes('Infinity') ? JSON.stringify(entry({ figures: [{ value: 0, unit: 'USD' }] })).replace('"value":0', '"value":1e999') : undefined;
      const res = await call(recordPOST as Handler, '/api/timeline', entry(over), raw ? { raw } : {});
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      const problem = res.json.problems?.find((p) => p.field === field);
      expect(problem, JSON.stringify(res.json.problems)).toBeDefined();
      expect(problem!.message).toMatch(rule);
      expect(res.json.message).toContain(field);
      expect(await db.events.latestPosition()).toBe(before);
    });
  }

  it('accepts the edges: 1990-01-01, today + 1, a 200-character title, a 4000-character summary', async () => {
    expect((await call(recordPOST as Handler, '/api/timeline', entry({ date: '1990-01-01' }))).status).toBe(201);
    expect((await call(recordPOST as Handler, '/api/timeline', entry({ date: maxDate, time_utc: '23:59' }))).status).toBe(201);
    const long = await call(recordPOST as Handler, '/api/timeline', entry({ title: `  ${'t'.repeat(200)}  `, summary: 's'.repeat(4000) }));
    expect(long.status).toBe(201);
    expect((await db.read.getEntry(String(long.json.id), {}))!.title).toBe('t'.repeat(200));
  });

  it('applies the rules to claims and change commands too', async () => {
    const e = await newEntry();
    const c = await newClaim();
    const before = await db.events.latestPosition();
    const checks: [Handler, string, unknown, string][] = [
      [assertPOST as Handler, '/api/claims', claim({ value: '5.6' }), 'value'],
      [assertPOST as Handler, '/api/claims', claim({ asserted_on: '1980-01-01' }), 'asserted_on'],
      [assertPOST as Handler, '/api/claims', claim({ metric: 'vibes' }), 'metric'],
      [amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { date: addDays(today, 5) }, reason: 'r', expectedVersion: 1 }, 'changes.date'],
      [amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: {}, reason: 'r', expectedVersion: 1 }, 'changes'],
      [amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { title: 'x' }, expectedVersion: 1 }, 'reason'],
      [amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { title: 'x' }, reason: '  ', expectedVersion: 1 }, 'reason'],
      [amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { title: 'x' }, reason: 'r' }, 'expectedVersion'],
      [amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { title: 'x' }, reason: 'r', expectedVersion: '1' }, 'expectedVersion'],
      [amendPOST as Handler, `/api/timeline/${e.id}/amend`, { changes: { title: 'x' }, reason: 'r', expectedVersion: 1.5 }, 'expectedVersion'],
      [retractPOST as Handler, `/api/timeline/${e.id}/retract`, { expectedVersion: 1 }, 'reason'],
      [sourcesPOST as Handler, `/api/timeline/${e.id}/sources`, { source: { title: 't', url: 'ftp://x.org/a' }, reason: 'r', expectedVersion: 1 }, 'source.url'],
      [revisePOST as Handler, `/api/claims/${c.id}/revise`, { value: 'NaN', reason: 'r', source, expectedVersion: 1 }, 'value'],
      [revisePOST as Handler, `/api/claims/${c.id}/revise`, { value: 7, reason: 'r', expectedVersion: 1 }, 'source'],
      [revisePOST as Handler, `/api/claims/${c.id}/revise`, { value: 7, reason: 'r', source, on: addDays(today, 3), expectedVersion: 1 }, 'on'],
      [disputePOST as Handler, `/api/claims/${c.id}/dispute`, { by: '', argument: 'a', reason: 'r', source, expectedVersion: 1 }, 'by'],
      [corroboratePOST as Handler, `/api/claims/${c.id}/corroborate`, { by: 'b', reason: 'r', source: { ...source, url: 'javascript:void(0)' }, expectedVersion: 1 }, 'source.url'],
      [revisePOST as Handler, '/api/claims/bad%20id!/revise', { value: 7, reason: 'r', source, expectedVersion: 1 }, 'id'],
    ];
    for (const [handler, path, body, field] of checks) {
      const res = await call(handler, path, body);
      expect(res.status, `${path} ${field}`).toBe(400);
      expect(res.json.problems?.map((p) => p.field), `${path} ${JSON.stringify(res.json)}`).toContain(field);
    }
    expect(await db.events.latestPosition()).toBe(before);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a client exhausts its write bucket; other clients are unaffected', async () => {
    process.env.IMPACTLINE_RATE_LIMIT = '3';
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(recordPOST as Handler, '/api/timeline', { bogus: true }, { headers })).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const limited = await call(recordPOST as Handler, '/api/timeline', entry(), { headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.json.problems?.[0]?.field).toBe('(client)');
    const other = await call(recordPOST as Handler, '/api/timeline', entry(), { headers: { 'x-forwarded-for': '203.0.113.10' } });
    expect(other.status).toBe(201);
  });

  it('throttles sign-in attempts with 429 and Retry-After', async () => {
    process.env.IMPACTLINE_SIGNIN_RATE_LIMIT = '2';
    const attempt = () =>
      sessionPOST(new Request('http://localhost/api/session', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' }, body: JSON.stringify({ token: 'guess' }) }));
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    const third = await attempt();
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('security headers', () => {
  it('next.config sets CSP (no unsafe-eval in production, frame-ancestors none), nosniff, Referrer-Policy, X-Frame-Options', async () => {
    const env = process.env as Record<string, string | undefined>;
    const previous = env.NODE_ENV;
    env.NODE_ENV = 'production';
    try {
      // Imported by path at run time: next.config.mjs is plain JS without type declarations.
      const configFile = path.resolve('next.config.mjs');
      const nextConfig = ((await import(/* @vite-ignore */ configFile)) as { default: NextConfig }).default;
      const rules = await nextConfig.headers!();
      const all = rules.find((r) => r.source === '/:path*')!;
      const get = (k: string) => all.headers.find((h) => h.key.toLowerCase() === k.toLowerCase())?.value;
      expect(get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(get('content-security-policy')).not.toContain('unsafe-eval');
      expect(get('x-content-type-options')).toBe('nosniff');
      expect(get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(get('x-frame-options')).toBe('DENY');
    } finally {
      env.NODE_ENV = previous;
    }
  });
});
