// GET /api/timeline paging (limit, cursor) and the cached answers of the read routes: ETag and
// If-None-Match → 304, and bodies byte for byte those of an unpaged read. Against a real seeded
// database (SQLite, or PostgreSQL on the Postgres pass). The route handlers open a store of their
// own (getStore): writes through the test's store reach them as another process's would.
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as impactsGET } from '@/app/api/impacts/route';
import { GET as timelineGET } from '@/app/api/timeline/route';
import type { EntryView, TimelineResponse } from '@/lib/contracts/read';
import { entryFieldsSchema } from '@/lib/domain/schemas';
import { amendEntry, recordEntry } from '@/server/commands/entries';
import { openSeededStore, pointAppAt, TEST_NOW, type TestStore } from './db';

let db: TestStore;
const get = (path: string, headers: Record<string, string> = {}) => timelineGET(new Request(`http://localhost${path}`, { headers }));
const json = async (path: string) => (await (await get(path)).json()) as TimelineResponse;
const ctx = { actor: 'test', now: TEST_NOW };

beforeAll(async () => {
  db = await openSeededStore('timeline-paging');
  pointAppAt(db);
});

async function walk(query: string, limit: number): Promise<{ pages: EntryView[][]; cursors: (string | null)[] }> {
  const pages: EntryView[][] = [];
  const cursors: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const body: TimelineResponse = await json(`/api/timeline?${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    pages.push(body.entries);
    cursor = body.next_cursor ?? null;
    cursors.push(cursor);
  } while (cursor && pages.length < 100);
  return { pages, cursors };
}

describe('GET /api/timeline paging', () => {
  it('given no limit or cursor, then the body is byte for byte the whole timeline, without next_cursor', async () => {
    const res = await get('/api/timeline');
    const text = await res.text();
    const position = await db.read.latestPosition();
    expect(text).toBe(JSON.stringify({ position, entries: await db.read.listEntries({}, {}) }));
    expect(text).not.toContain('next_cursor');
  });

  it('given limit=10, when the cursors are followed, then the pages are the whole timeline in order, the last with next_cursor null', async () => {
    const all = (await json('/api/timeline')).entries;
    const { pages, cursors } = await walk('', 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 4]);
    expect(pages.flat()).toEqual(all);
    expect(cursors.at(-1)).toBeNull();
    expect(cursors.slice(0, -1).every((c) => typeof c === 'string' && /^[A-Za-z0-9_-]+$/.test(c))).toBe(true);
  });

  it('given a filter and a range, then the pages are those of the filtered timeline', async () => {
    const filtered = (await json('/api/timeline?from=2025-01-01&to=2025-03-31&narrative=cheap-ai,true-cost')).entries;
    expect(filtered.length).toBeGreaterThan(3);
    const { pages } = await walk('from=2025-01-01&to=2025-03-31&narrative=cheap-ai,true-cost', 3);
    expect(pages.flat()).toEqual(filtered);
  });

  it('given an exact multiple of the page size, then the last full page says there is no next one', async () => {
    const { pages, cursors } = await walk('', 44);
    expect(pages.map((p) => p.length)).toEqual([44]);
    expect(cursors).toEqual([null]);
  });

  it('given only a cursor, then the page has the default size', async () => {
    const first = await json('/api/timeline?limit=1');
    const rest = await json(`/api/timeline?cursor=${first.next_cursor}`);
    expect(rest.entries).toHaveLength(43);
    expect(rest.next_cursor).toBeNull();
  });

  it('given an entry recorded between two pages, then the next page continues after the cursor (no repeats, no gaps)', async () => {
    const store = await openSeededStore('timeline-paging-live');
    pointAppAt(store);
    try {
      const first = await json('/api/timeline?limit=20');
      const fields = entryFieldsSchema.parse({ date: '2020-01-01', kind: 'report', title: 'An early entry', summary: '', narrative: 'other' });
      await recordEntry(store.events, { id: 'paging-early', ...fields }, ctx);
      const next = await json(`/api/timeline?limit=100&cursor=${first.next_cursor}`);
      const ids = [...first.entries, ...next.entries].map((e) => e.id);
      expect(new Set(ids).size).toBe(44);
      expect(ids).not.toContain('paging-early'); // it sorts before the cursor
      expect(next.position).toBe(first.position + 1);
    } finally {
      pointAppAt(db);
      await store.close();
    }
  });

  it('refuses a bad limit or cursor with 400 naming the parameter, and writes nothing', async () => {
    const before = await db.read.latestPosition();
    for (const [q, field] of [
      ['limit=0', 'limit'],
      ['limit=10001', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      [`cursor=${Buffer.from('["2025-01-01",null]').toString('base64url')}`, 'cursor'],
      ['cursor=%FF', 'cursor'],
    ] as const) {
      const res = await get(`/api/timeline?${q}`);
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { problems: { field: string }[] };
      expect(body.problems.map((p) => p.field), q).toEqual([field]);
    }
    expect(await db.read.latestPosition()).toBe(before);
  });
});

describe('cached answers: ETag and 304', () => {
  it('given the current ETag, then 304 with no body; after a write, then 200 with a new ETag', async () => {
    const first = await get('/api/timeline?narrative=cheap-ai');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get('/api/timeline?narrative=cheap-ai', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // minPosition only chooses the read model (read-your-writes): the same body, the same ETag
    const withMin = await get(`/api/timeline?minPosition=${await db.read.latestPosition()}&narrative=cheap-ai`, { 'if-none-match': etag });
    expect(withMin.status).toBe(304);
    expect(withMin.headers.get('etag')).toBe(etag);
    // another query has another ETag
    expect((await get('/api/timeline?narrative=true-cost', { 'if-none-match': etag })).status).toBe(200);

    await amendEntry(db.events, 'deepseek-v3-release', { changes: { summary: 'Amended for the ETag test' }, reason: 'test' }, ctx);
    const after = await get('/api/timeline?narrative=cheap-ai', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.text()).toContain('Amended for the ETag test');
  });

  it('GET /api/impacts: same bytes as computed, an ETag, and 304 on revalidation', async () => {
    const path = '/api/impacts?event=nvda-record-one-day-loss&tickers=NVDA';
    const res = await impactsGET(new Request(`http://localhost${path}`));
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    const body = (await res.json()) as { results: { event_id: string }[] };
    expect(body.results.map((r) => r.event_id)).toEqual(['nvda-record-one-day-loss']);
    const again = await impactsGET(new Request(`http://localhost${path}`, { headers: { 'if-none-match': etag } }));
    expect(again.status).toBe(304);
    const bad = await impactsGET(new Request('http://localhost/api/impacts?model=nope', { headers: { 'if-none-match': etag } }));
    expect(bad.status).toBe(400);
  });
});
