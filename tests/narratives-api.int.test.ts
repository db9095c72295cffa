// Narratives as ledger data, through the route handlers on a real seeded database (SQLite, or PostgreSQL on the Postgres pass): define and
// amend through the write gate, palette defaults and the contrast rule, the slug rule, entry and
// claim narratives checked against the ledger, replays by position, and a rebuild equal to live.
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as amendNarrativePOST } from '@/app/api/narratives/[id]/amend/route';
import { GET as definitionsGET } from '@/app/api/narratives/definitions/route';
import { POST as defineNarrativePOST } from '@/app/api/narratives/route';
import { POST as assertClaimPOST } from '@/app/api/claims/route';
import { POST as amendEntryPOST } from '@/app/api/timeline/[id]/amend/route';
import { GET as timelineGET, POST as recordEntryPOST } from '@/app/api/timeline/route';
import type { NarrativeDefinitionsResponse } from '@/lib/contracts/read';
import { openSeededStore, pointAppAt, type TestStore } from './db';
import { responseErrors } from './openapi';

/** The documented path of a request path ({id} for the ids in it). */
const documented = (path: string) =>
  path
    .split('?')[0]!
    .replace(/^\/api\/(narratives|timeline)\/(?!definitions$)[^/]+\/amend$/, '/api/$1/{id}/amend');

const TOKEN = 'narratives-admin-token-0123';
let db: TestStore;
let seq = 0;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function post(handler: Handler, path: string, body: unknown, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': `narratives-${seq++}` },
    body: JSON.stringify(body),
  });
  const res = await handler(request, { params: Promise.resolve(params) });
  const json = (await res.json()) as Record<string, unknown> & { problems?: { field: string; message: string }[] };
  expect(responseErrors('POST', documented(path), res.status, json), `POST ${path} ${res.status} against the API document`).toEqual([]);
  return { status: res.status, json };
}

async function get(handler: (r: Request) => Promise<Response>, path: string) {
  const res = await handler(new Request(`http://localhost${path}`));
  const json = (await res.json()) as Record<string, unknown> & { problems?: { field: string; message: string }[] };
  expect(responseErrors('GET', documented(path), res.status, json), `GET ${path} ${res.status} against the API document`).toEqual([]);
  return { status: res.status, json };
}

const source = { title: 'Test source (fictional)', url: 'https://example.com/test-data' };
const entry = (narrative: string) => ({ date: '2025-02-03', kind: 'policy', title: `[test data] Entry ${seq++}`, summary: '', narrative, sources: [source] });

beforeAll(async () => {
  db = await openSeededStore('narratives-api');
  pointAppAt(db);
  process.env.IMPACTLINE_ADMIN_TOKEN = TOKEN;
  process.env.IMPACTLINE_RATE_LIMIT = '100000';
});

describe('the five bundled narratives are ledger data', () => {
  it('GET /api/narratives/definitions lists them in lane order with the same ids, labels and colours as before', async () => {
    const { status, json } = await get(definitionsGET, '/api/narratives/definitions');
    expect(status).toBe(200);
    const body = json as unknown as NarrativeDefinitionsResponse;
    expect(body.narratives.map((n) => [n.id, n.name, n.color, n.sort_order, n.version])).toEqual([
      ['cheap-ai', 'Cheap AI', '#2f7ed8', 0, 1],
      ['true-cost', 'True cost', '#c0392b', 1, 1],
      ['market-reaction', 'Market reaction', '#7b3fa0', 2, 1],
      ['capex-race', 'Capex race', '#1e8a5a', 3, 1],
      ['other', 'Other', '#6b7280', 4, 1],
    ]);
  });
});

describe('POST /api/narratives', () => {
  it('defines a narrative with a palette colour and a lane after the last when they are left out', async () => {
    const before = await db.events.latestPosition();
    const res = await post(defineNarrativePOST, '/api/narratives', { id: 'chip-export-rule', label: '[test data] Chip export rule', reason: 'test data' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toEqual({ id: 'chip-export-rule', version: 1, position: before + 1 });
    const [event] = await db.events.readAll({ after: before });
    expect(event).toMatchObject({ stream_id: 'narrative-chip-export-rule', type: 'NarrativeDefined' });
    expect(event!.data).toEqual({ id: 'chip-export-rule', name: '[test data] Chip export rule', thesis: '', color: '#d95f02', sort_order: 5 });
    const list = (await db.read.listNarratives()).map((n) => n.id);
    expect(list.at(-1)).toBe('chip-export-rule');
  });

  it('refuses an id that is not a slug, naming the rule, and writes nothing', async () => {
    const before = await db.events.latestPosition();
    for (const id of ['Chip Rule', 'chip_rule', 'CHIPS']) {
      const res = await post(defineNarrativePOST, '/api/narratives', { id, label: 'x' });
      expect(res.status).toBe(400);
      expect(res.json.problems).toEqual([{ field: 'id', message: expect.stringMatching(/^must be a slug: lower-case letters/) }]);
    }
    expect(await db.events.latestPosition()).toBe(before);
  });

  it('refuses a colour below 3:1 on the chart background, and a second definition of the same id', async () => {
    const pale = await post(defineNarrativePOST, '/api/narratives', { id: 'pale', label: 'Pale', color: '#ffd700' });
    expect(pale.status).toBe(400);
    expect(pale.json.problems![0]).toMatchObject({ field: 'color', message: expect.stringMatching(/at least 3:1 contrast on the chart background #f3f5f8/) });
    const again = await post(defineNarrativePOST, '/api/narratives', { id: 'chip-export-rule', label: 'Again', color: '#0f766e' });
    expect(again.status).toBe(409);
  });

  it('keeps markup in labels and descriptions as text', async () => {
    const label = '<img src=x onerror="alert(1)">';
    const res = await post(defineNarrativePOST, '/api/narratives', { id: 'xss-label', label, description: '<script>alert(2)</script>', color: '#4338CA' });
    expect(res.status).toBe(201);
    const n = (await db.read.listNarratives()).find((x) => x.id === 'xss-label')!;
    expect(n).toMatchObject({ name: label, thesis: '<script>alert(2)</script>', color: '#4338ca' });
  });
});

describe('entries and claims name a narrative the ledger knows', () => {
  it('refuses an unknown narrative with 400 naming the field and listing the known ids, and writes nothing', async () => {
    const before = await db.events.latestPosition();
    const res = await post(recordEntryPOST, '/api/timeline', entry('chips-2027'));
    expect(res.status).toBe(400);
    expect(res.json.problems).toEqual([{ field: 'narrative', message: expect.stringContaining('unknown narrative "chips-2027"; known narratives: cheap-ai, true-cost,') }]);
    expect(res.json.problems![0]!.message).toContain('chip-export-rule');
    const claim = await post(assertClaimPOST, '/api/claims', {
      asserted_on: '2025-02-03', subject: 'x', metric: 'other', value: 1, unit: 'USD', scope: '', claimant: 'y', narrative: 'nope', sources: [source],
    });
    expect(claim.status).toBe(400);
    expect(claim.json.problems![0]!.field).toBe('narrative');
    expect(await db.events.latestPosition()).toBe(before);
  });

  it('records an entry in a new narrative, and refuses to amend one into an unknown narrative', async () => {
    const res = await post(recordEntryPOST, '/api/timeline', entry('chip-export-rule'));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const id = String(res.json.id);
    const amend = await post(amendEntryPOST, `/api/timeline/${id}/amend`, { changes: { narrative: 'unknown-one' }, reason: 'move', expectedVersion: 1 }, { id });
    expect(amend.status).toBe(400);
    expect(amend.json.problems![0]!.field).toBe('changes.narrative');
    const list = await get(timelineGET, '/api/timeline?narrative=chip-export-rule');
    expect((list.json.entries as { id: string }[]).map((e) => e.id)).toEqual([id]);
  });

  it('refuses a timeline filter on an unknown narrative, listing the known ones', async () => {
    const res = await get(timelineGET, '/api/timeline?narrative=cheap-ai,nope');
    expect(res.status).toBe(400);
    expect(res.json.message).toMatch(/^narrative: unknown narrative "nope"; known narratives: cheap-ai/);
  });
});

describe('POST /api/narratives/{id}/amend', () => {
  it('changes label and colour with a reason; a replay at the earlier position shows the old ones', async () => {
    const at = await db.events.latestPosition();
    const res = await post(amendNarrativePOST, '/api/narratives/chip-export-rule/amend', { changes: { label: '[test data] Export rules', color: '#0F766E' }, reason: 'clearer name', expectedVersion: 1 }, { id: 'chip-export-rule' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ id: 'chip-export-rule', version: 2 });
    const live = (await db.read.listNarratives()).find((n) => n.id === 'chip-export-rule')!;
    expect(live).toMatchObject({ name: '[test data] Export rules', color: '#0f766e', version: 2 });
    const past = (await db.read.listNarratives({ position: at })).find((n) => n.id === 'chip-export-rule')!;
    expect(past).toMatchObject({ name: '[test data] Chip export rule', color: '#d95f02', version: 1 });
    const before = await get(definitionsGET, `/api/narratives/definitions?position=${at}`);
    expect((before.json.narratives as { id: string; name: string }[]).find((n) => n.id === 'chip-export-rule')!.name).toBe('[test data] Chip export rule');
  });

  it('answers 409 to a stale expectedVersion and 404 to an unknown narrative', async () => {
    const stale = await post(amendNarrativePOST, '/api/narratives/chip-export-rule/amend', { changes: { sort_order: 9 }, reason: 'x', expectedVersion: 1 }, { id: 'chip-export-rule' });
    expect(stale.status).toBe(409);
    const missing = await post(amendNarrativePOST, '/api/narratives/no-such/amend', { changes: { sort_order: 9 }, reason: 'x', expectedVersion: 0 }, { id: 'no-such' });
    expect(missing.status).toBe(404);
  });

  it('rebuilds the narratives projection equal to the live one', async () => {
    const live = await db.admin.projectionChecksums();
    await db.events.rebuild();
    expect(await db.admin.projectionChecksums()).toEqual(live);
  });
});
