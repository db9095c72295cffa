// Importing an episode on a real database (SQLite files, or PostgreSQL on the suite's Postgres pass): the fictional test bundle through the API (JSON),
// a CSV and the CLI, each its own copy; dry runs, idempotent re-sends, every refusal writing
// nothing and naming the item and field, the limits, an exported timeline imported back, and a
// rebuild equal to live afterwards.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as importEpisodePOST } from '@/app/api/episodes/import/route';
import { GET as exportGET } from '@/app/api/export/[dataset]/route';
import { POST as defineNarrativePOST } from '@/app/api/narratives/route';
import { POST as listTickerPOST } from '@/app/api/tickers/route';
import { POST as importTimelinePOST } from '@/app/api/timeline/import/route';
import { EPISODE_MAX_BYTES, type EpisodeImportResponse, type TimelineImportResponse } from '@/lib/contracts/episode';
import { defineNarrative } from '@/server/commands/narratives';
import { bundleVariant, entriesCsv, type TestBundle } from './fixtures/episodes/variant';
import { envFor, openSeededStore, openTempStore, pointAppAt, TEST_NOW, type TestStore } from './db';
import { responseErrors } from './openapi';

const TOKEN = 'episode-import-admin-token-0123';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let db: TestStore;
let seq = 0;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Answer = { status: number; headers: Headers; json: Record<string, unknown> & { problems?: { field: string; message: string }[] } };

async function send(handler: Handler, url: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<Answer> {
  const request = new Request(`http://localhost${url}`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': `episode-${seq++}`, ...headers },
    body,
  });
  const res = await handler(request, { params: Promise.resolve({}) });
  const json = (await res.json()) as Answer['json'];
  const path = url.split('?')[0]!;
  expect(responseErrors('POST', path, res.status, json), `POST ${url} ${res.status} against the API document`).toEqual([]);
  return { status: res.status, headers: res.headers, json };
}
const importBundle = (bundle: unknown, query = '', headers: Record<string, string> = {}) =>
  send(importEpisodePOST, `/api/episodes/import${query}`, JSON.stringify(bundle), 'application/json', headers);
const importCsv = (csv: string, query = '') => send(importTimelinePOST, `/api/timeline/import${query}`, csv, 'text/csv');
const exportCsv = async (dataset: string, query = '') =>
  (await exportGET(new Request(`http://localhost/api/export/${dataset}.csv${query}`), { params: Promise.resolve({ dataset: `${dataset}.csv` }) })).text();

const counts = (r: Answer) => ({ narratives: r.json.narratives, tickers: r.json.tickers, entries: r.json.entries, claims: r.json.claims });
const FULL = { narratives: 1, tickers: 2, entries: 20, claims: 5 };

beforeAll(async () => {
  db = await openSeededStore('episode-import');
  pointAppAt(db);
  process.env.IMPACTLINE_ADMIN_TOKEN = TOKEN;
  process.env.IMPACTLINE_RATE_LIMIT = '100000';
});

describe('POST /api/episodes/import', () => {
  const bundle = bundleVariant('api');

  it('dryRun=1 answers what would be recorded and writes nothing', async () => {
    const before = await db.events.latestPosition();
    const r = await importBundle(bundle, '?dryRun=1');
    expect(r.status).toBe(200);
    expect(counts(r)).toEqual(FULL);
    expect(r.json).toMatchObject({ dry_run: true, position: before, events: 28 });
    expect(await db.events.latestPosition()).toBe(before);
  });

  it('records the bundle in one transaction: 201 with counts, in one gapless block of positions', async () => {
    const before = await db.events.latestPosition();
    const r = await importBundle(bundle);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const body = r.json as unknown as EpisodeImportResponse;
    expect(counts(r)).toEqual(FULL);
    expect(body).toMatchObject({ dry_run: false, position: before + 28, events: 28, unchanged: { narratives: 0, tickers: 0, entries: 0, claims: 0 } });
    const written = await db.events.readAll({ after: before });
    expect(written.map((e) => e.position)).toEqual(Array.from({ length: 28 }, (_, i) => before + 1 + i));
    // One correlation id for the whole import; each item's reason, else the bundle's.
    expect(new Set(written.map((e) => e.metadata.correlation_id)).size).toBe(1);
    expect(written[0]!.metadata).toMatchObject({ actor: 'admin', reason: 'fictional test episode', source: 'episode bundle via /api/episodes/import' });
    // Relation targets are recorded before the claims that point at them.
    const claimOrder = written.filter((e) => e.type === 'CostClaimAsserted').map((e) => (e.data as { id: string }).id);
    expect(claimOrder.indexOf('test-chip-api-c1')).toBeLessThan(claimOrder.indexOf('test-chip-api-c2'));
    expect(claimOrder.indexOf('test-chip-api-c2')).toBeLessThan(claimOrder.indexOf('test-chip-api-c4'));
  });

  it('shows the episode in the read model: its lane, entries, claims with their relations, and tickers', async () => {
    const narratives = await db.read.listNarratives();
    expect(narratives.at(-1)).toMatchObject({ id: 'test-chip-api-rule', name: '[test data] Chip export rule (api)', color: '#d95f02', sort_order: 5 });
    const entries = await db.read.listEntries({ narrative: ['test-chip-api-rule'] });
    expect(entries).toHaveLength(20);
    expect(entries.find((e) => e.id === 'test-chip-api-e04')!.time_utc).toBe('20:30');
    const claims = (await db.read.listClaims()).filter((c) => c.id.startsWith('test-chip-api-'));
    expect(claims.map((c) => c.id).sort()).toEqual(['test-chip-api-c1', 'test-chip-api-c2', 'test-chip-api-c3', 'test-chip-api-c4', 'test-chip-api-c5']);
    const c1 = claims.find((c) => c.id === 'test-chip-api-c1')!;
    expect(c1).toMatchObject({ entry_id: 'test-chip-api-e03', status: 'disputed' });
    expect(c1.relations.map((r) => `${r.type}:${r.claim}`).sort()).toEqual(['compares:test-chip-api-c5', 'disputes:test-chip-api-c2', 'revises:test-chip-api-c3']);
    const tickers = (await db.read.listTickers()).filter((t) => t.symbol.startsWith('TST'));
    expect(tickers.map((t) => t.symbol)).toEqual(['TSTAAPI', 'TSTBAPI']);
  });

  it('shows the episode in every export', async () => {
    const timeline = await exportCsv('timeline', '?narrative=test-chip-api-rule');
    expect(timeline.trim().split('\r\n')).toHaveLength(21);
    expect(await exportCsv('claims')).toContain('test-chip-api-c4');
    expect(await exportCsv('narratives', '?tickers=NVDA')).toMatch(/\r\ntest-chip-api-rule,NVDA,/);
    expect(await exportCsv('ledger', '?stream=narrative-test-chip-api-rule')).toContain('NarrativeDefined');
    expect(await exportCsv('impacts', '?tickers=NVDA&event=test-chip-api-e04')).toContain('test-chip-api-e04');
  });

  it('re-sending the same bundle records nothing (200), and an Idempotency-Key retry gets the first answer', async () => {
    const before = await db.events.latestPosition();
    const again = await importBundle(bundle);
    expect(again.status).toBe(200);
    expect(counts(again)).toEqual({ narratives: 0, tickers: 0, entries: 0, claims: 0 });
    expect(again.json).toMatchObject({ unchanged: FULL, events: 0, position: before });
    expect(await db.events.latestPosition()).toBe(before);

    const keyed = bundleVariant('key');
    const first = await importBundle(keyed, '', { 'idempotency-key': 'episode-key-0001' });
    expect(first.status).toBe(201);
    const retry = await importBundle(keyed, '', { 'idempotency-key': 'episode-key-0001' });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(counts(retry)).toEqual(FULL);
    expect(retry.json.position).toBe(first.json.position);
  });
});

describe('a bundle with problems records nothing and names each item and field', () => {
  const many = (n: number): TestBundle => {
    const b = bundleVariant('many');
    const base = b.entries[0]!;
    b.entries = Array.from({ length: n }, (_, i) => ({ ...base, id: `test-many-${i}`, title: `[test data] Entry ${i}`, claims: undefined }));
    b.claims = [];
    return b;
  };

  it('one bad URL among 1,000 entries: 400 naming entries[537].sources[0].url', async () => {
    const before = await db.events.latestPosition();
    const b = many(1000);
    b.entries[537] = { ...b.entries[537]!, sources: [{ title: 'bad', url: 'javascript:alert(1)' }] };
    const r = await importBundle(b);
    expect(r.status).toBe(400);
    expect(r.json.problems).toEqual([{ field: 'entries[537].sources[0].url', message: 'must be an http(s) URL' }]);
    expect(r.json).toMatchObject({ problem_count: 1, items: { narratives: 1, tickers: 2, entries: 1000, claims: 0 } });
    expect(await db.events.latestPosition()).toBe(before);
  });

  it('unknown relations, unknown narratives, duplicate ids and conflicting items are all listed at once', async () => {
    const before = await db.events.latestPosition();
    const b = bundleVariant('bad');
    b.entries[1] = { ...b.entries[1]!, id: b.entries[0]!.id };
    b.entries[2] = { ...b.entries[2]!, narrative: 'no-such-narrative' };
    b.claims[0] = { ...b.claims[0]!, relation: { type: 'disputes', target: 'no-such-claim' } };
    b.claims[1] = { ...b.claims[1]!, entry: 'no-such-entry' };
    b.tickers.push({ symbol: 'NVDA', name: 'Not NVIDIA', role: 'peer' });
    const r = await importBundle(b);
    expect(r.status).toBe(400);
    const fields = r.json.problems!.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['entries[1].id', 'entries[2].narrative', 'claims[0].relation.target', 'claims[1].entry', 'tickers[2].symbol']));
    const byField = Object.fromEntries(r.json.problems!.map((p) => [p.field, p.message]));
    expect(byField['entries[1].id']).toBe('duplicate id "test-chip-bad-e01" (also entries[0])');
    expect(byField['entries[2].narrative']).toMatch(/^unknown narrative "no-such-narrative"; known narratives \(ledger and bundle\): cheap-ai, .*test-chip-bad-rule/);
    expect(byField['claims[0].relation.target']).toBe('no claim "no-such-claim" in the bundle or the ledger');
    expect(byField['tickers[2].symbol']).toMatch(/ticker "NVDA" is already listed with another name/);
    expect(await db.events.latestPosition()).toBe(before);
  });

  it('refuses a relation cycle, a narrative slug with capitals, and an item that exists with other content', async () => {
    const b = bundleVariant('cyc');
    b.claims[0] = { ...b.claims[0]!, relation: { type: 'disputes', target: 'test-chip-cyc-c4' } };
    b.narratives[0] = { ...b.narratives[0]!, id: 'Test Chip' };
    const r = await importBundle(b);
    expect(r.status).toBe(400);
    // Schema problems and the plan's come in one answer.
    expect(r.json.problems![0]).toEqual({ field: 'narratives[0].id', message: expect.stringMatching(/^must be a slug/) });
    expect(r.json.problems!.some((p) => p.field === 'entries[0].narrative' && /unknown narrative "test-chip-cyc-rule"/.test(p.message))).toBe(true);
    expect(r.json.problems!.some((p) => /claim relations form a cycle: test-chip-cyc-c\d → test-chip-cyc-c\d → test-chip-cyc-c\d/.test(p.message))).toBe(true);
    const changed = bundleVariant('api');
    changed.entries[0] = { ...changed.entries[0]!, summary: 'another summary' };
    const conflict = await importBundle(changed);
    expect(conflict.status).toBe(400);
    expect(conflict.json.problems).toEqual([{ field: 'entries[0].id', message: expect.stringMatching(/^timeline entry "test-chip-api-e01" already exists with another summary; amend it with POST/) }]);
  });

  it('over 10,000 items: 413 with the limit; over 20 MB: 413; unknown fields: 400', async () => {
    const tooMany = many(10_000);
    const r = await importBundle(tooMany);
    expect(r.status).toBe(413);
    expect(r.json.message).toMatch(/holds 10,003 items; the limit is 10,000 items per import/);
    const huge = await send(importEpisodePOST, '/api/episodes/import', JSON.stringify({ reason: 'x'.repeat(EPISODE_MAX_BYTES) }), 'application/json');
    expect(huge.status).toBe(413);
    expect(huge.json.message).toMatch(/must be at most 20971520 bytes/);
    const unknown = await importBundle({ entries: [], events: [] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.problems).toEqual([{ field: '(body)', message: 'unknown field(s): events' }]);
  });
});

describe('POST /api/timeline/import (CSV)', () => {
  const bundle = bundleVariant('csv');
  beforeAll(async () => {
    const n = bundle.narratives[0]!;
    expect((await send(defineNarrativePOST, '/api/narratives', JSON.stringify({ id: n.id, label: n.label }), 'application/json')).status).toBe(201);
    for (const t of bundle.tickers) expect((await send(listTickerPOST, '/api/tickers', JSON.stringify({ symbol: t.symbol, name: t.name, role: 'peer' }), 'application/json')).status).toBe(201);
  });

  it('imports the entries of the episode from a CSV in the import columns, then records nothing on a re-send', async () => {
    const csv = entriesCsv(bundle.entries);
    const dry = await importCsv(csv, '?dryRun=1');
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ dry_run: true, entries: 20, rows: 20 });
    const r = await importCsv(csv);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json as unknown as TimelineImportResponse).toMatchObject({ entries: 20, rows: 20, skipped: [], events: 20 });
    const entries = await db.read.listEntries({ narrative: ['test-chip-csv-rule'] });
    expect(entries.map((e) => e.title).sort()).toEqual(bundle.entries.map((e) => e.title).sort());
    expect(entries.find((e) => e.title.includes('drafts a chip export rule'))!.sources[0]).toEqual(bundle.entries[0]!.sources[0]);
    const again = await importCsv(csv);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ entries: 0, unchanged: { entries: 20 } });
  });

  it('refuses a wrong header naming the expected columns, and a bad row naming its line and column', async () => {
    const before = await db.events.latestPosition();
    const wrong = await importCsv('when,what\r\n2025-01-01,x\r\n');
    expect(wrong.status).toBe(400);
    expect(wrong.json.problems![0]).toEqual({ field: 'header', message: expect.stringContaining('unknown column "when"; expected columns: date,time_utc,kind,narrative,title,summary,tickers,entities,source_title,source_url,source_publisher,source_published') });
    const csv = entriesCsv(bundleVariant('csvbad').entries.slice(0, 3)).replace('https://example.com/test-data/test-chip-e02', 'ftp://example.com/x');
    const bad = await importCsv(csv);
    expect(bad.status).toBe(400);
    expect(bad.json.problems).toEqual(expect.arrayContaining([{ field: 'line 3, source_url (source 1)', message: 'must be an http(s) URL' }]));
    expect(bad.json.problems!.some((p) => p.field === 'line 2, narrative' && /unknown narrative "test-chip-csvbad-rule"/.test(p.message))).toBe(true);
    expect(await db.events.latestPosition()).toBe(before);
  });

  it('an exported timeline imports back: into the same ledger it records nothing; into a fresh one it records every entry', async () => {
    const exported = await exportCsv('timeline', '?meta=1');
    const same = await importCsv(exported);
    expect(same.status, JSON.stringify(same.json)).toBe(200);
    expect(same.json.entries).toBe(0);
    expect((same.json.unchanged as { entries: number }).entries).toBe((await db.read.listEntries()).filter((e) => e.status === 'active').length);
    expect(same.json.message).toMatch(/not imported: figures/);

    const fresh = await openTempStore('episode-fresh');
    for (const n of await db.read.listNarratives())
      await defineNarrative(fresh.events, { id: n.id, name: n.name, thesis: n.thesis, color: n.color, sort_order: n.sort_order }, { actor: 'test', now: TEST_NOW });
    pointAppAt(fresh);
    try {
      const r = await importCsv(exported);
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      const strip = (csv: string) => csv.split('\r\n').filter((l) => l && !l.startsWith('#')).length;
      const reexported = await exportCsv('timeline');
      expect(strip(reexported)).toBe(strip(exported));
      const original = await db.read.listEntries();
      const copied = await fresh.read.listEntries();
      expect(copied.map(({ figures: _f, confidence: _c, ...e }) => e)).toEqual(original.map(({ figures: _f, confidence: _c, ...e }) => e));
    } finally {
      pointAppAt(db);
      await fresh.close();
    }
  });
});

describe('CLI: npm run import:episode', () => {
  const run = promisify(execFile);
  async function cli(args: string[]) {
    try {
      const { stdout, stderr } = await run('npx', ['tsx', 'scripts/import-episode.ts', ...args], { cwd: ROOT, env: { ...process.env, ...envFor(db.file) } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-episode-cli-'));
  const file = path.join(dir, 'episode.json');

  it('imports a bundle file (exit 0), and a second run records nothing', async () => {
    fs.writeFileSync(file, JSON.stringify(bundleVariant('cli')));
    const dry = await cli([file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/entries +20 would be recorded/);
    const first = await cli([file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/narratives +1 recorded\n {2}tickers +2 recorded\n {2}entries +20 recorded\n {2}claims +5 recorded/);
    expect(first.stdout).toMatch(/recorded up to ledger position \d+ \(28 events\)/);
    expect((await db.read.listEntries({ narrative: ['test-chip-cli-rule'] })).length).toBe(20);
    const second = await cli([file]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/nothing new/);
    const events = await db.events.readAll({ stream: 'narrative-test-chip-cli-rule' });
    expect(events[0]!.metadata).toMatchObject({ actor: 'cli', source: 'npm run import:episode (episode.json)' });
  });

  it('refuses a bad bundle with exit 1 and the problems on stderr; a missing file exits 2', async () => {
    const before = await db.events.latestPosition();
    const b = bundleVariant('clibad');
    b.entries[4] = { ...b.entries[4]!, date: '2025-13-01' };
    fs.writeFileSync(file, JSON.stringify(b));
    const r = await cli([file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused; nothing was recorded\nproblems \(1\):\n {2}entries\[4\]\.date: must be an ISO date/);
    expect(await db.events.latestPosition()).toBe(before);
    expect((await cli([path.join(dir, 'missing.json')])).code).toBe(2);
  });
});

describe('after every import', () => {
  it('rebuilds every projection equal to the live tables', async () => {
    const live = await db.admin.projectionChecksums();
    await db.events.rebuild();
    expect(await db.admin.projectionChecksums()).toEqual(live);
  });
});
