// The read API's route handlers against a real seeded SQLite file: filters, the two clocks,
// 400s naming the parameter, 404s, and the sign-in that guards writes.
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as claimsGET } from '@/app/api/claims/route';
import { GET as healthGET } from '@/app/api/health/route';
import { GET as ledgerGET } from '@/app/api/ledger/route';
import { GET as pricesGET } from '@/app/api/prices/[ticker]/route';
import { POST as sessionPOST } from '@/app/api/session/route';
import { GET as entryGET } from '@/app/api/timeline/[id]/route';
import { GET as timelineGET } from '@/app/api/timeline/route';
import { GET as tickersGET } from '@/app/api/tickers/route';
import { amendEntry } from '@/server/commands/entries';
import type { TestStore } from './db';
import { authorise, currentActor, sessionValue } from '@/server/auth';
import type { ClaimView, EntryView } from '@/lib/contracts/read';
import { openSeededStore, TEST_NOW, pointAppAt } from './db';

let db: TestStore;
const url = (path: string) => new Request(`http://localhost${path}`);
const params = <T,>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  db = await openSeededStore('read-api');
  pointAppAt(db);
  process.env.IMPACTLINE_ADMIN_TOKEN = 'test-admin-token-123';
});

describe('GET /api/health and /api/tickers', () => {
  it('reports the latest ledger position', async () => {
    expect(await (await healthGET()).json()).toEqual({ ok: true, position: 105 });
  });
  it('lists tickers with symbol, name and role', async () => {
    const body = (await (await tickersGET()).json()) as { tickers: { symbol: string; name: string; role: string }[] };
    expect(body.tickers.find((t) => t.symbol === 'NVDA')).toMatchObject({ role: 'subject', name: 'NVIDIA Corporation' });
  });
});

describe('GET /api/timeline', () => {
  it('returns every entry with the contract fields, in date order', async () => {
    const body = (await (await timelineGET(url('/api/timeline'))).json()) as { position: number; entries: EntryView[] };
    expect(body.position).toBe(105);
    expect(body.entries).toHaveLength(44);
    const dates = body.entries.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(Object.keys(body.entries[0]!).sort()).toEqual(
      ['id', 'date', 'time_utc', 'kind', 'title', 'summary', 'narrative', 'entities', 'tickers', 'figures', 'sources', 'confidence', 'version', 'status'].sort(),
    );
  });

  it('filters by range, narrative, kind and ticker', async () => {
    const get = async (q: string) => ((await (await timelineGET(url(`/api/timeline?${q}`))).json()) as { entries: EntryView[] }).entries;
    const jan27 = await get('from=2025-01-27&to=2025-01-27');
    expect(jan27.map((e) => e.id)).toContain('nvda-record-one-day-loss');
    expect(jan27.every((e) => e.date === '2025-01-27')).toBe(true);
    expect((await get('narrative=capex-race')).every((e) => e.narrative === 'capex-race')).toBe(true);
    expect((await get('kind=market,report')).every((e) => ['market', 'report'].includes(e.kind))).toBe(true);
    const msft = await get('ticker=msft');
    expect(msft.length).toBeGreaterThan(0);
    expect(msft.every((e) => e.tickers.includes('MSFT'))).toBe(true);
  });

  it('asOf=2025-01-28 hides the SemiAnalysis report; claims asserted later disappear too', async () => {
    const body = (await (await timelineGET(url('/api/timeline?asOf=2025-01-28'))).json()) as { entries: EntryView[] };
    const ids = body.entries.map((e) => e.id);
    expect(ids).toContain('nvda-record-one-day-loss');
    expect(ids).toContain('deepseek-v3-technical-report');
    expect(ids).not.toContain('semianalysis-deepseek-debates');
    expect(body.entries.every((e) => e.date <= '2025-01-28')).toBe(true);
    const claims = ((await (await claimsGET(url('/api/claims?asOf=2025-01-28'))).json()) as { claims: ClaimView[] }).claims;
    const claimIds = claims.map((c) => c.id);
    expect(claimIds).toContain('v3-training-run-cost');
    expect(claimIds).not.toContain('server-capex-semianalysis');
    expect(claimIds).not.toContain('gpu-count-semianalysis');
    // On that day the $5.576M claim was already disputed by Lambert and Bernstein, not yet by SemiAnalysis
    const v3 = claims.find((c) => c.id === 'v3-training-run-cost')!;
    expect(v3.relations.filter((r) => r.direction === 'incoming').map((r) => r.claim).sort()).toEqual(['v3-all-in-cost-lambert', 'v3-cost-bernstein']);
    expect(v3.status).toBe('disputed');
  });

  it('position=N shows the state after ledger event N (transaction time)', async () => {
    const ctx = { actor: 'test', now: TEST_NOW };
    const before = (await (await timelineGET(url('/api/timeline'))).json()) as { position: number };
    await amendEntry(db.events, 'deepseek-r1-release', { changes: { title: 'DeepSeek-R1 released (amended)' }, reason: 'test' }, ctx);
    const now = ((await (await entryGET(url('/api/timeline/deepseek-r1-release'), params({ id: 'deepseek-r1-release' }))).json()) as EntryView & { history: unknown[] });
    expect(now.title).toBe('DeepSeek-R1 released (amended)');
    expect(now.version).toBe(2);
    expect(now.history).toHaveLength(2);
    const then = (await (await entryGET(url(`/api/timeline/deepseek-r1-release?position=${before.position}`), params({ id: 'deepseek-r1-release' }))).json()) as EntryView & { history: unknown[]; position: number };
    expect(then.title).not.toContain('amended');
    expect(then.version).toBe(1);
    expect(then.history).toHaveLength(1);
    expect(then.position).toBe(before.position);
    // position 30 is inside the price imports: no timeline entry is recorded yet
    const early = (await (await timelineGET(url('/api/timeline?position=30'))).json()) as { entries: EntryView[]; position: number };
    expect(early).toEqual({ position: 30, entries: [] });
  });

  it('answers 400 naming the parameter, and 404 for an unknown entry', async () => {
    for (const [q, name] of [
      ['from=2025-13-01', 'from'],
      ['asOf=yesterday', 'asOf'],
      ['position=-1', 'position'],
      ['narrative=bogus', 'narrative'],
      ['kind=rumour', 'kind'],
      ['colour=red', 'colour'],
    ]) {
      const res = await timelineGET(url(`/api/timeline?${q}`));
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { message: string }).message, q).toContain(name);
    }
    const res = await entryGET(url('/api/timeline/no-such-entry'), params({ id: 'no-such-entry' }));
    expect(res.status).toBe(404);
  });
});

describe('GET /api/prices/{ticker} and /api/ledger', () => {
  it('returns bars in range, cut at asOf', async () => {
    const body = (await (await pricesGET(url('/api/prices/nvda?from=2025-01-01&asOf=2025-01-28'), params({ ticker: 'nvda' }))).json()) as { ticker: string; bars: { date: string }[] };
    expect(body.ticker).toBe('NVDA');
    expect(body.bars[0]?.date).toBe('2025-01-02');
    expect(body.bars.at(-1)?.date).toBe('2025-01-28');
    expect(Object.keys(body.bars[0]!)).toEqual(['date', 'open', 'high', 'low', 'close', 'adj_close', 'volume']);
    expect((await pricesGET(url('/api/prices/ZZZZ'), params({ ticker: 'ZZZZ' }))).status).toBe(404);
    expect((await pricesGET(url('/api/prices/NVDA?to=bad'), params({ ticker: 'NVDA' }))).status).toBe(400);
  });

  it('pages the raw ledger in position order with stream and type filters', async () => {
    const page = (await (await ledgerGET(url('/api/ledger?after=100&limit=3'))).json()) as { events: { position: number; event_id: string; metadata: unknown }[] };
    expect(page.events.map((e) => e.position)).toEqual([101, 102, 103]);
    const claims = (await (await ledgerGET(url('/api/ledger?type=CostClaimAsserted&limit=100'))).json()) as { events: { type: string }[] };
    expect(claims.events).toHaveLength(14);
    const stream = (await (await ledgerGET(url('/api/ledger?stream=ticker-NVDA'))).json()) as { events: { type: string }[] };
    expect(stream.events.map((e) => e.type)).toEqual(['TickerListed', 'PriceBarsImported']);
    expect((await ledgerGET(url('/api/ledger?limit=0'))).status).toBe(400);
  });
});

describe('write auth', () => {
  it('refuses a wrong token and sets an HttpOnly SameSite=Strict cookie for the right one', async () => {
    const wrong = await sessionPOST(new Request('http://localhost/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'nope' }) }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await sessionPOST(new Request('http://localhost/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'test-admin-token-123' }) }));
    expect(right.status).toBe(200);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain('test-admin-token-123');
  });

  it('accepts the Bearer token or the session cookie, and refuses cookie writes from another origin', async () => {
    const bearer = new Request('http://localhost/api/x', { headers: { authorization: 'Bearer test-admin-token-123' } });
    expect(currentActor(bearer)).toEqual({ actor: 'admin', via: 'token' });
    expect(currentActor(new Request('http://localhost/api/x', { headers: { authorization: 'Bearer wrong' } }))).toBeNull();
    expect(() => authorise(new Request('http://localhost/api/x'))).toThrow(/Bearer/);
    const cookie = `impactline_session=${sessionValue()}`;
    const sameSite = new Request('http://localhost/api/x', { headers: { cookie, host: 'localhost', origin: 'http://localhost' } });
    expect(currentActor(sameSite)).toEqual({ actor: 'admin', via: 'session' });
    expect(authorise(sameSite)).toBe('admin');
    expect(() => authorise(new Request('http://localhost/api/x', { headers: { cookie, host: 'localhost', origin: 'http://evil.example' } }))).toThrow(/must come from this site/);
  });
});

describe('hostile query strings and headers', () => {
  it('refuses __proto__ as an unknown parameter and survives malformed cookies and origins', async () => {
    const res = await timelineGET(url('/api/timeline?__proto__=x'));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('__proto__');
    expect(currentActor(new Request('http://localhost/api/x', { headers: { cookie: 'impactline_session=%E0%A4%A' } }))).toBeNull();
    const cookie = `impactline_session=${sessionValue()}`;
    expect(() => authorise(new Request('http://localhost/api/x', { headers: { cookie, host: 'localhost', origin: 'null' } }))).toThrow(/must come from this site/);
  });
});

describe('cached reads', () => {
  it('answer identical bytes for the same request and follow every write at once', async () => {
    const { recordEntry } = await import('@/server/commands/entries');
    const first = await (await timelineGET(url('/api/timeline?narrative=other'))).text();
    expect(await (await timelineGET(url('/api/timeline?narrative=other'))).text()).toBe(first);
    const before = (JSON.parse(first) as { entries: unknown[]; position: number });
    await recordEntry(
      db.events,
      { id: 'cache-check', date: '2025-01-15', kind: 'report', title: 'Cache check', summary: '', narrative: 'other', entities: [], tickers: [], figures: [], sources: [] },
      { actor: 'test', now: TEST_NOW },
    );
    const after = (await (await timelineGET(url('/api/timeline?narrative=other'))).json()) as { entries: { id: string }[]; position: number };
    expect(after.position).toBe(before.position + 1);
    expect(after.entries.map((e) => e.id)).toContain('cache-check');
    expect(after.entries).toHaveLength(before.entries.length + 1);
  });
});
