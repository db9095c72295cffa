// GET /api/openapi.json against the code: every route file under app/api has an entry (and every
// entry a route file), the document holds together (references resolve, schemas compile), and
// every route's answers — successes and refusals — validate against the schemas it documents.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { readOperations } from '@/lib/contracts/api-routes';
import { resetRateLimits } from '@/server/rate-limit';
import type { WriteRoute } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';
import { openSeededStore, pointAppAt, type TestStore } from './db';
import { bundleVariant, entriesCsv } from './fixtures/episodes/variant';
import { openApiDocument, responseErrors, standalone } from './openapi';

const TOKEN = 'openapi-admin-token-0123';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
let db: TestStore;

/** app/api/timeline/[id]/amend/route.ts → /api/timeline/{id}/amend */
function routePathOf(file: string): string {
  return `/${path.relative('app', path.dirname(file)).split(path.sep).map((p) => p.replace(/^\[(.+)\]$/, '{$1}')).join('/')}`;
}
function routeFiles(dir = 'app/api'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(full) : d.name === 'route.ts' ? [full] : [];
  });
}
const fileOf = (routePath: string) => path.join('app', ...routePath.split('/').filter(Boolean).map((p) => p.replace(/^\{(.+)\}$/, '[$1]')), 'route.ts');

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function handler(method: string, routePath: string): Promise<Handler> {
  const mod = (await import(`@/${fileOf(routePath).replace(/\.ts$/, '')}`)) as Record<string, Handler>;
  return mod[method]!;
}

type Case = {
  /** The documented operation. */
  method: string;
  doc: string;
  /** The route file's path, when it differs from the documented one. */
  route?: string;
  url: string;
  params?: Record<string, string>;
  body?: unknown;
  raw?: string;
  contentType?: string;
  auth?: boolean;
  headers?: Record<string, string>;
  status: number;
};

async function run(c: Case) {
  const headers: Record<string, string> = { 'x-forwarded-for': 'openapi-test' };
  if (c.auth !== false && c.method !== 'GET') headers.authorization = `Bearer ${TOKEN}`;
  if (c.body !== undefined || c.raw !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
  Object.assign(headers, c.headers);
  const request = new Request(`http://localhost${c.url}`, {
    method: c.method,
    headers,
    body: c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body)),
  });
  const res = await (await handler(c.method, c.route ?? c.doc))(request, { params: Promise.resolve(c.params ?? {}) });
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
  const body = type === 'application/json' ? await res.json() : await res.text();
  return { status: res.status, type, body, etag: res.headers.get('etag') };
}

async function check(c: Case) {
  const r = await run(c);
  expect(r.status, `${c.method} ${c.url}: ${JSON.stringify(r.body).slice(0, 400)}`).toBe(c.status);
  expect(responseErrors(c.method, c.doc, r.status, r.body, r.type), `${c.method} ${c.url} ${r.status} against the document`).toEqual([]);
  return r;
}

beforeAll(async () => {
  db = await openSeededStore('openapi');
  pointAppAt(db);
  process.env.IMPACTLINE_ADMIN_TOKEN = TOKEN;
  process.env.IMPACTLINE_RATE_LIMIT = '100000';
  resetRateLimits();
});

describe('the API document covers every route', () => {
  it('every method a route file under app/api exports has an entry, and every entry a route file', async () => {
    const exported: string[] = [];
    for (const file of routeFiles()) {
      const mod = (await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === 'function') exported.push(`${m} ${routePathOf(file)}`);
    }
    const documented = new Set([
      ...readOperations.map((op) => `${op.method} ${op.route ?? op.path}`),
      ...(Object.values(writeRoutes) as WriteRoute[]).map((r) => `${r.method} ${r.path}`),
    ]);
    const missing = exported.filter((e) => !documented.has(e));
    expect(missing, 'route files without an entry in lib/contracts/api-routes.ts (GET) or server/write-routes.ts (writes)').toEqual([]);
    expect([...documented].filter((d) => !exported.includes(d)), 'entries without a route file').toEqual([]);
  });

  it('every GET route that reads through server/reads.ts documents minPosition (read-your-writes), and no other does', () => {
    const doc = openApiDocument();
    for (const op of readOperations) {
      const source = fs.readFileSync(fileOf(op.route ?? op.path), 'utf8');
      const parameters = (doc.paths[op.path]!.get as { parameters: { name: string; in: string }[] }).parameters;
      const names = parameters.map((p) => `${p.in}:${p.name}`);
      const expected = /storeForRead\(/.test(source);
      expect(names.includes('query:minPosition'), `${op.path} documents minPosition`).toBe(expected);
      expect(names.includes('header:X-Impactline-Min-Position'), `${op.path} documents X-Impactline-Min-Position`).toBe(expected);
    }
  });

  it('describes a parameter as one value where the route takes one, as a list where it takes several', () => {
    const doc = openApiDocument();
    const descriptionOf = (path: string, name: string) =>
      (doc.paths[path]!.get as { parameters: { name: string; description?: string }[] }).parameters.find((p) => p.name === name)?.description;
    for (const path of ['/api/impacts/tests', '/api/impacts/matrix']) expect(descriptionOf(path, 'narrative'), path).toMatch(/^One narrative id/);
    expect(descriptionOf('/api/narratives/claim-reactions', 'ticker')).toBe('One ticker symbol.');
    expect(descriptionOf('/api/timeline', 'narrative')).toMatch(/comma-separated or repeated/);
  });

  it('is OpenAPI 3.1 whose references resolve and whose schemas compile', () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const text = JSON.stringify(doc);
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) expect(doc.components.schemas[name!], name).toBeDefined();
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const seen = new Set<string>();
    let schemas = 0;
    const visit = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.schema && typeof o.schema === 'object') {
        schemas++;
        const key = JSON.stringify(o.schema);
        if (!seen.has(key)) {
          seen.add(key);
          expect(() => ajv.compile(standalone(o.schema as Record<string, unknown>)), key.slice(0, 200)).not.toThrow();
        }
      }
      for (const v of Object.values(o)) visit(v);
    };
    visit(doc.paths);
    expect(schemas).toBeGreaterThan(100);
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        expect((op as { responses: object }).responses, `${m} ${p}`).toBeDefined();
        for (const name of p.matchAll(/\{(\w+)\}/g)) expect(JSON.stringify(op), `${m} ${p} documents {${name[1]}}`).toContain(`"in":"path"`);
      }
  });
});

describe('every read route answers as documented', () => {
  const gets: Case[] = [
    { method: 'GET', doc: '/api/health', url: '/api/health', status: 200 },
    { method: 'GET', doc: '/api/openapi.json', url: '/api/openapi.json', status: 200 },
    { method: 'GET', doc: '/api/timeline', url: '/api/timeline?from=2025-01-01&asOf=2025-02-01', status: 200 },
    { method: 'GET', doc: '/api/timeline', url: '/api/timeline?bogus=1', status: 400 },
    { method: 'GET', doc: '/api/timeline', url: '/api/timeline?narrative=nope', status: 400 },
    { method: 'GET', doc: '/api/timeline/{id}', url: '/api/timeline/deepseek-v3-release', params: { id: 'deepseek-v3-release' }, status: 200 },
    { method: 'GET', doc: '/api/timeline/{id}', url: '/api/timeline/nope', params: { id: 'nope' }, status: 404 },
    { method: 'GET', doc: '/api/claims', url: '/api/claims?position=60', status: 200 },
    { method: 'GET', doc: '/api/claims', url: '/api/claims?asOf=2025-99-01', status: 400 },
    { method: 'GET', doc: '/api/tickers', url: '/api/tickers', status: 200 },
    { method: 'GET', doc: '/api/prices/{ticker}', url: '/api/prices/NVDA?from=2025-01-01&to=2025-01-31', params: { ticker: 'NVDA' }, status: 200 },
    { method: 'GET', doc: '/api/prices/{ticker}', url: '/api/prices/ZZZZ', params: { ticker: 'ZZZZ' }, status: 404 },
    { method: 'GET', doc: '/api/series', url: '/api/series?tickers=NVDA,SPY,ZZZZ&from=2025-01-01&to=2025-01-31', status: 200 },
    { method: 'GET', doc: '/api/series', url: '/api/series?tickers=NVDA&asOf=2025-13-01', status: 400 },
    { method: 'GET', doc: '/api/sources', url: '/api/sources?tickers=NVDA,SPY', status: 200 },
    { method: 'GET', doc: '/api/sources', url: '/api/sources?tickers=ZZZZ', status: 404 },
    { method: 'GET', doc: '/api/impacts', url: '/api/impacts?tickers=NVDA,AVGO&event=deepseek-v3-release', status: 200 },
    { method: 'GET', doc: '/api/impacts', url: '/api/impacts?tickers=NVDA&summary=1&asOf=2025-01-28', status: 200 },
    { method: 'GET', doc: '/api/impacts', url: '/api/impacts?event=nope', status: 404 },
    { method: 'GET', doc: '/api/impacts', url: '/api/impacts?windows=5:1', status: 400 },
    { method: 'GET', doc: '/api/narratives', url: '/api/narratives?tickers=NVDA&window=0:1', status: 200 },
    { method: 'GET', doc: '/api/narratives', url: '/api/narratives?tickers=NVDA&returns=log', status: 200 },
    { method: 'GET', doc: '/api/impacts', url: '/api/impacts?tickers=NVDA&event=nvda-record-one-day-loss&volume=1&returns=log', status: 200 },
    { method: 'GET', doc: '/api/impacts/tests', url: '/api/impacts/tests?narrative=market-reaction&tickers=NVDA,AMD', status: 200 },
    { method: 'GET', doc: '/api/impacts/tests', url: '/api/impacts/tests?pairs=nvda-record-one-day-loss@NVDA&returns=log', status: 200 },
    { method: 'GET', doc: '/api/impacts/tests', url: '/api/impacts/tests?tickers=NVDA', status: 400 },
    { method: 'GET', doc: '/api/impacts/tests', url: '/api/impacts/tests?events=nope', status: 404 },
    { method: 'GET', doc: '/api/impacts/matrix', url: '/api/impacts/matrix?kind=market&tickers=NVDA,AMD,SPY', status: 200 },
    { method: 'GET', doc: '/api/impacts/matrix', url: '/api/impacts/matrix?narrative=nope', status: 400 },
    { method: 'GET', doc: '/api/narratives/claim-reactions', url: '/api/narratives/claim-reactions?ticker=NVDA', status: 200 },
    { method: 'GET', doc: '/api/narratives/claim-reactions', url: '/api/narratives/claim-reactions?ticker=ZZZZ', status: 404 },
    { method: 'GET', doc: '/api/narratives/definitions', url: '/api/narratives/definitions?position=3', status: 200 },
    { method: 'GET', doc: '/api/ledger', url: '/api/ledger?after=100&limit=3', status: 200 },
    { method: 'GET', doc: '/api/ledger', url: '/api/ledger?limit=0', status: 400 },
    { method: 'GET', doc: '/api/timeline', url: '/api/timeline?minPosition=1', status: 200 },
    { method: 'GET', doc: '/api/claims', url: '/api/claims?minPosition=-1', status: 400 },
    ...['timeline', 'claims', 'prices', 'impacts', 'narratives', 'ledger'].map(
      (d): Case => ({ method: 'GET', doc: `/api/export/${d}.csv`, route: '/api/export/{dataset}', url: `/api/export/${d}.csv?meta=1${d === 'ledger' ? '&limit=5' : ''}`, params: { dataset: `${d}.csv` }, status: 200 }),
    ),
    { method: 'GET', doc: '/api/export/tests.csv', route: '/api/export/{dataset}', url: '/api/export/tests.csv?meta=1&narrative=market-reaction', params: { dataset: 'tests.csv' }, status: 200 },
    { method: 'GET', doc: '/api/export/heatmap.csv', route: '/api/export/{dataset}', url: '/api/export/heatmap.csv?meta=1&kind=market', params: { dataset: 'heatmap.csv' }, status: 200 },
    { method: 'GET', doc: '/api/export/tests.csv', route: '/api/export/{dataset}', url: '/api/export/tests.csv', params: { dataset: 'tests.csv' }, status: 400 },
    { method: 'GET', doc: '/api/export/prices.csv', route: '/api/export/{dataset}', url: '/api/export/prices.csv?tickers=ZZZZ', params: { dataset: 'prices.csv' }, status: 404 },
    { method: 'GET', doc: '/api/export/timeline.csv', route: '/api/export/{dataset}', url: '/api/export/timeline.csv?from=never', params: { dataset: 'timeline.csv' }, status: 400 },
  ];
  it.each(gets.map((c) => [`${c.url} → ${c.status}`, c] as const))('%s', async (_name, c) => {
    await check(c);
  });

  it('a timeline page, the next one by its cursor, and 304 for a current ETag (timeline, impacts, narratives, series, the test battery, the matrix, claim reactions)', async () => {
    const first = await check({ method: 'GET', doc: '/api/timeline', url: '/api/timeline?limit=2', status: 200 });
    const cursor = (first.body as { next_cursor: string | null }).next_cursor;
    expect(cursor).toEqual(expect.any(String));
    await check({ method: 'GET', doc: '/api/timeline', url: `/api/timeline?limit=2&cursor=${encodeURIComponent(cursor!)}`, status: 200 });
    await check({ method: 'GET', doc: '/api/timeline', url: '/api/timeline?cursor=nope', status: 400 });
    for (const url of [
      '/api/timeline?limit=2',
      '/api/impacts?tickers=NVDA&summary=1',
      '/api/narratives?tickers=NVDA&window=0:1',
      '/api/series?tickers=NVDA,SPY',
      '/api/impacts/tests?narrative=market-reaction&tickers=NVDA,AMD',
      '/api/impacts/matrix?kind=market&tickers=NVDA,AMD,SPY',
      '/api/narratives/claim-reactions?ticker=NVDA',
    ]) {
      const doc = url.split('?')[0]!;
      const fresh = await check({ method: 'GET', doc, url, status: 200 });
      expect(fresh.etag, url).toMatch(/^W\//);
      await check({ method: 'GET', doc, url, headers: { 'if-none-match': fresh.etag! }, status: 304 });
    }
  });
});

describe('GET /api/live answers as documented', () => {
  it('a text/event-stream whose first event is the ledger head', async () => {
    const controller = new AbortController();
    const res = await (await handler('GET', '/api/live'))(new Request('http://localhost/api/live', { signal: controller.signal }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!/event: position\ndata: .*\n\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    await reader.cancel();
    expect(text).toContain(`event: position\ndata: ${JSON.stringify({ position: await db.events.latestPosition() })}\n\n`);
    expect(responseErrors('GET', '/api/live', 200, text, type), 'GET /api/live 200 against the document').toEqual([]);
  });
});

describe('every write route answers as documented', () => {
  const source = { title: 'Fictional source', url: 'https://example.com/test-data/openapi' };
  it('narratives, entries, claims and their changes: 201, and the refusals', async () => {
    await check({ method: 'POST', doc: '/api/narratives', url: '/api/narratives', body: { id: 'openapi-test', label: '[test data] OpenAPI' }, status: 201 });
    await check({ method: 'POST', doc: '/api/narratives', url: '/api/narratives', body: { id: 'openapi-test', label: 'again' }, status: 409 });
    await check({ method: 'POST', doc: '/api/narratives', url: '/api/narratives', body: { id: 'Bad Id', label: 'x' }, status: 400 });
    await check({ method: 'POST', doc: '/api/narratives', url: '/api/narratives', body: { id: 'x', label: 'x' }, auth: false, status: 401 });
    await check({ method: 'POST', doc: '/api/narratives', url: '/api/narratives', raw: 'id=x', contentType: 'text/plain', status: 415 });
    await check({ method: 'POST', doc: '/api/narratives/{id}/amend', url: '/api/narratives/openapi-test/amend', params: { id: 'openapi-test' }, body: { changes: { color: '#0f766e' }, reason: 'r', expectedVersion: 1 }, status: 201 });
    await check({ method: 'POST', doc: '/api/narratives/{id}/amend', url: '/api/narratives/openapi-test/amend', params: { id: 'openapi-test' }, body: { changes: { color: '#0f766e' }, reason: 'r', expectedVersion: 2 }, status: 422 });
    const e = await check({ method: 'POST', doc: '/api/timeline', url: '/api/timeline', body: { date: '2025-02-03', kind: 'report', title: '[test data] OpenAPI entry', summary: '', narrative: 'openapi-test', sources: [source] }, status: 201 });
    const id = (e.body as { id: string }).id;
    const p = { id };
    await check({ method: 'POST', doc: '/api/timeline/{id}/amend', url: `/api/timeline/${id}/amend`, params: p, body: { changes: { summary: 'x' }, reason: 'r', expectedVersion: 1 }, status: 201 });
    await check({ method: 'POST', doc: '/api/timeline/{id}/amend', url: `/api/timeline/${id}/amend`, params: p, body: { changes: { summary: 'y' }, reason: 'r', expectedVersion: 1 }, status: 409 });
    await check({ method: 'POST', doc: '/api/timeline/{id}/sources', url: `/api/timeline/${id}/sources`, params: p, body: { source: { title: 't', url: 'https://example.com/2' }, reason: 'r', expectedVersion: 2 }, status: 201 });
    const c = await check({ method: 'POST', doc: '/api/claims', url: '/api/claims', body: { entry: id, asserted_on: '2025-02-03', subject: 's', metric: 'other', value: 1, unit: 'USD', scope: '', claimant: 'c', narrative: 'openapi-test', sources: [source] }, status: 201 });
    await check({ method: 'POST', doc: '/api/claims', url: '/api/claims', body: { entry: 'nope', asserted_on: '2025-02-03', subject: 's', metric: 'other', value: 1, unit: 'USD', scope: '', claimant: 'c', narrative: 'other', sources: [source] }, status: 422 });
    const cid = (c.body as { id: string }).id;
    const cp = { id: cid };
    await check({ method: 'POST', doc: '/api/claims/{id}/revise', url: `/api/claims/${cid}/revise`, params: cp, body: { value: 2, reason: 'r', source, on: '2025-02-04', expectedVersion: 1 }, status: 201 });
    await check({ method: 'POST', doc: '/api/claims/{id}/dispute', url: `/api/claims/${cid}/dispute`, params: cp, body: { by: 'b', argument: 'a', reason: 'r', source, on: '2025-02-04', expectedVersion: 2 }, status: 201 });
    await check({ method: 'POST', doc: '/api/claims/{id}/corroborate', url: `/api/claims/${cid}/corroborate`, params: cp, body: { by: 'b', reason: 'r', source, on: '2025-02-04', expectedVersion: 3 }, status: 201 });
    await check({ method: 'POST', doc: '/api/claims/{id}/revise', url: '/api/claims/nope/revise', params: { id: 'nope' }, body: { value: 2, reason: 'r', source, expectedVersion: 0 }, status: 404 });
    await check({ method: 'POST', doc: '/api/timeline/{id}/retract', url: `/api/timeline/${id}/retract`, params: p, body: { reason: 'r', expectedVersion: 3 }, status: 201 });
  });

  it('tickers and price files', async () => {
    await check({ method: 'POST', doc: '/api/tickers', url: '/api/tickers', body: { symbol: 'OAPI', name: '[test data] OpenAPI Co', role: 'peer' }, status: 201 });
    await check({ method: 'POST', doc: '/api/tickers', url: '/api/tickers', body: { symbol: 'OAPI', name: 'again', role: 'peer' }, status: 409 });
    const csv = 'Date,Open,High,Low,Close,Adj Close,Volume\n2025-01-02,10,11,9,10.5,10.5,1000\n2025-01-03,10.5,11,10,10.8,10.8,1200\n';
    const p = { ticker: 'OAPI' };
    await check({ method: 'POST', doc: '/api/prices/{ticker}/import/preview', url: '/api/prices/OAPI/import/preview', params: p, raw: csv, contentType: 'text/csv', status: 200 });
    await check({ method: 'POST', doc: '/api/prices/{ticker}/import', url: '/api/prices/OAPI/import', params: p, raw: csv, contentType: 'text/csv', status: 201 });
    await check({ method: 'POST', doc: '/api/prices/{ticker}/import', url: '/api/prices/OAPI/import', params: p, raw: csv, contentType: 'text/csv', status: 200 });
    await check({ method: 'POST', doc: '/api/prices/{ticker}/import', url: '/api/prices/OAPI/import', params: p, raw: csv.replace('10.8,10.8', '99,10.8'), contentType: 'text/csv', status: 422 });
    await check({ method: 'POST', doc: '/api/prices/{ticker}/import', url: '/api/prices/ZZZZ/import', params: { ticker: 'ZZZZ' }, raw: csv, contentType: 'text/csv', status: 404 });
  });

  it('episode bundles and timeline CSVs', async () => {
    const b = bundleVariant('oapi');
    await check({ method: 'POST', doc: '/api/episodes/import', url: '/api/episodes/import?dryRun=1', body: b, status: 200 });
    await check({ method: 'POST', doc: '/api/episodes/import', url: '/api/episodes/import', body: b, status: 201 });
    await check({ method: 'POST', doc: '/api/episodes/import', url: '/api/episodes/import', body: b, status: 200 });
    await check({ method: 'POST', doc: '/api/episodes/import', url: '/api/episodes/import', body: { ...b, entries: [{ ...b.entries[0], date: 'x' }] }, status: 400 });
    await check({ method: 'POST', doc: '/api/episodes/import', url: '/api/episodes/import', body: { claims: Array.from({ length: 10_001 }, () => ({})) }, status: 413 });
    const csv = entriesCsv(bundleVariant('oapi2').entries.map((e) => ({ ...e, narrative: 'test-chip-oapi-rule' })));
    await check({ method: 'POST', doc: '/api/timeline/import', url: '/api/timeline/import?dryRun=1', raw: csv, contentType: 'text/csv', status: 200 });
    await check({ method: 'POST', doc: '/api/timeline/import', url: '/api/timeline/import', raw: csv, contentType: 'text/csv', status: 201 });
    await check({ method: 'POST', doc: '/api/timeline/import', url: '/api/timeline/import', raw: 'a,b\n1,2\n', contentType: 'text/csv', status: 400 });
  });

  it('sign-in and sign-out', async () => {
    await check({ method: 'POST', doc: '/api/session', url: '/api/session', body: { token: TOKEN }, auth: false, status: 200 });
    await check({ method: 'POST', doc: '/api/session', url: '/api/session', body: { token: 'wrong' }, auth: false, status: 401 });
    await check({ method: 'DELETE', doc: '/api/session', url: '/api/session', auth: false, status: 200 });
  });
});
