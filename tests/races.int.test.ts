// Races against real servers: 16 concurrent clients × 200 commands on 20 shared streams, each
// with the expectedVersion it last saw. On SQLite one server; on PostgreSQL two `next start`
// processes on two ports against one database, the clients spread over both. Every acknowledged
// write must be in the ledger exactly once, every refusal must be a 409, stream versions and
// global positions must be gapless, a concurrent reader tailing the ledger (through both
// servers in turn) must see every position in order without skipping one, and replaying the
// ledger must reproduce the live projections.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '@/db/store';
import { streamIds } from '@/lib/domain/stream-ids';
import { startServer, type RealServer } from './real-server';
import { isPostgres, openTestStore, tempDatabase } from './db';
import { allEvents, expectGapless, expectRebuildEqualsLive } from './ledger-audit';

const TOKEN = 'races-admin-token-0123456789';
const CLIENTS = 16;
const COMMANDS = 200;
const ENTRY_STREAMS = 14;
const CLAIM_STREAMS = 6;

let server: RealServer;
/** PostgreSQL: a second process on the same database. */
let second: RealServer | null = null;
let dbFile: string;

type Ack = { key: string; correlation: string; stream: string; version: number; position: number };
type Outcome = { acks: Ack[]; conflicts: number; others: { status: number; body: string }[]; retries: number; retryMismatches: number };

async function post(pathname: string, body: unknown, key: string, via: RealServer = server) {
  const res = await fetch(`${via.url}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, correlation: res.headers.get('x-correlation-id') ?? '', text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const source = (n: string) => ({ title: `Source ${n}`, url: `https://example.com/${n}` });

beforeAll(async () => {
  dbFile = await tempDatabase('races');
  server = await startServer({ dbFile, token: TOKEN });
  if (isPostgres) second = await startServer({ dbFile, token: TOKEN });
}, 400_000);

afterAll(async () => {
  await server?.stop();
  await second?.stop();
});

describe('concurrent writers with expectedVersion', () => {
  it('serves security headers on pages and API responses', async () => {
    for (const pathname of ['/', '/signin', '/api/health']) {
      const res = await fetch(`${server.url}${pathname}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, pathname).toContain("frame-ancestors 'none'");
      expect(csp, pathname).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), pathname).toBe('DENY');
      expect(res.headers.get('referrer-policy'), pathname).toBeTruthy();
    }
    const write = await fetch(`${server.url}/api/timeline`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(write.status).toBe(401);
    expect(write.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(write.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('acknowledges each write exactly once, refuses the rest with 409, and leaves no gaps', async () => {
    // 20 shared streams: 14 entries and 6 claims, created through the API.
    const streams: { kind: 'entry' | 'claim'; id: string }[] = [];
    for (let i = 0; i < ENTRY_STREAMS; i++) {
      const r = await post('/api/timeline', { date: '2025-01-27', kind: 'market', title: `Race entry ${i}`, summary: '', narrative: 'other', sources: [source(`e${i}`)] }, `setup-entry-${i}`);
      expect(r.status, r.text).toBe(201);
      streams.push({ kind: 'entry', id: String(r.json.id) });
    }
    for (let i = 0; i < CLAIM_STREAMS; i++) {
      const r = await post('/api/claims', { asserted_on: '2025-01-27', subject: `Race claim ${i}`, metric: 'other', value: 1, unit: 'USD', scope: 'test', claimant: 'Race', narrative: 'other', sources: [source(`c${i}`)] }, `setup-claim-${i}`);
      expect(r.status, r.text).toBe(201);
      streams.push({ kind: 'claim', id: String(r.json.id) });
    }

    const started = Date.now();
    const servers = second ? [server, second] : [server];
    // The reader tails the ledger as the live view does ("after the last position I saw"),
    // alternating between the servers; it must never see a position before an earlier one.
    let writing = true;
    const tail: number[] = [];
    const reading = (async () => {
      for (let turn = 0; writing; turn++) {
        const via = servers[turn % servers.length]!;
        const res = await fetch(`${via.url}/api/ledger?after=${tail.at(-1) ?? 0}&limit=500`);
        for (const e of ((await res.json()) as { events: { position: number }[] }).events) tail.push(e.position);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const client = async (c: number): Promise<Outcome> => {
      const via = servers[c % servers.length]!;
      const seen = new Map<string, number>(streams.map((s) => [s.id, 1]));
      const out: Outcome = { acks: [], conflicts: 0, others: [], retries: 0, retryMismatches: 0 };
      let last: { path: string; body: unknown; key: string; json: Record<string, unknown> } | null = null;
      let reapply: (typeof streams)[number] | null = null;
      for (let n = 0; n < COMMANDS; n++) {
        // Every 40th command re-sends the previous acknowledged request with its key: a client retry.
        if (n % 40 === 39 && last) {
          const again = await post(last.path, last.body, last.key, via);
          out.retries++;
          if (again.status !== 201 || JSON.stringify(again.json) !== JSON.stringify(last.json)) out.retryMismatches++;
          continue;
        }
        // After a 409 the client re-applies its change on the same stream with the version it was told.
        const stream: (typeof streams)[number] = reapply ?? streams[(c * 7 + n * 13) % streams.length]!;
        reapply = null;
        const expectedVersion = seen.get(stream.id)!;
        const tag = `c${c}-n${n}`;
        const key = `race-${tag}`;
        let pathname: string;
        let body: unknown;
        if (stream.kind === 'entry') {
          if (n % 3 === 0) {
            pathname = `/api/timeline/${stream.id}/sources`;
            body = { source: source(tag), reason: `race ${tag}`, expectedVersion };
          } else {
            pathname = `/api/timeline/${stream.id}/amend`;
            body = { changes: { summary: `edited by ${tag}` }, reason: `race ${tag}`, expectedVersion };
          }
        } else if (n % 2 === 0) {
          pathname = `/api/claims/${stream.id}/dispute`;
          body = { by: `Client ${c}`, argument: `argument ${tag}`, reason: `race ${tag}`, source: source(tag), on: '2025-02-01', expectedVersion };
        } else {
          pathname = `/api/claims/${stream.id}/revise`;
          body = { value: c * 1000 + n + 2, reason: `race ${tag}`, source: source(tag), on: '2025-02-01', expectedVersion };
        }
        const res = await post(pathname, body, key, via);
        if (res.status === 201) {
          const version = Number(res.json.version);
          out.acks.push({ key, correlation: res.correlation, stream: stream.id, version, position: Number(res.json.position) });
          seen.set(stream.id, version);
          last = { path: pathname, body, key, json: res.json };
        } else if (res.status === 409) {
          out.conflicts++;
          seen.set(stream.id, Number(res.json.current_version));
          reapply = stream;
        } else out.others.push({ status: res.status, body: res.text.slice(0, 300) });
      }
      return out;
    };
    const outcomes = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    writing = false;
    await reading;
    const elapsed = Date.now() - started;
    const acks = outcomes.flatMap((o) => o.acks);
    const conflicts = outcomes.reduce((s, o) => s + o.conflicts, 0);
    const others = outcomes.flatMap((o) => o.others);
    const retries = outcomes.reduce((s, o) => s + o.retries, 0);
    console.log(`[races] ${CLIENTS}×${COMMANDS} commands in ${elapsed} ms: ${acks.length} acknowledged, ${conflicts} conflicts (409), ${retries} idempotent retries, ${others.length} other`);
    fs.writeFileSync(path.join('test-results', 'races-figures.json'), JSON.stringify({ clients: CLIENTS, commands: CLIENTS * COMMANDS, acknowledged: acks.length, conflicts, retries, other: others.length, ms: elapsed }, null, 2));

    expect(others, JSON.stringify(others.slice(0, 3))).toEqual([]);
    expect(outcomes.reduce((s, o) => s + o.retryMismatches, 0)).toBe(0);
    expect(acks.length + conflicts + retries).toBe(CLIENTS * COMMANDS);
    expect(acks.length).toBeGreaterThan(100);
    expect(conflicts).toBeGreaterThan(0);

    await server.stop();
    await second?.stop();
    const db = await openTestStore(dbFile);
    const events = await allEvents(db);
    // Every acknowledged write is in the ledger exactly once, where the server said it was.
    const byKey = new Map<string, StoredEvent[]>();
    for (const e of events.filter((x) => x.event_id.startsWith('race-'))) {
      const key = e.event_id.replace(/#\d+$/, '');
      byKey.set(key, [...(byKey.get(key) ?? []), e]);
    }
    expect(byKey.size).toBe(acks.length);
    for (const ack of acks) {
      const found = byKey.get(ack.key);
      expect(found, ack.key).toHaveLength(1);
      expect(found![0]!.position).toBe(ack.position);
      expect(found![0]!.stream_version).toBe(ack.version);
      expect(found![0]!.metadata.correlation_id).toBe(ack.correlation);
    }
    // Global positions 1..N without gaps; per-stream versions 1..n without gaps or duplicates.
    expectGapless(events);
    // The tailing reader saw positions strictly in order, none skipped (a prefix of the ledger).
    expect(tail.length).toBeGreaterThan(acks.length / 2);
    expect(tail).toEqual(events.slice(0, tail.length).map((e) => e.position));
    for (const s of streams) {
      const streamId = s.kind === 'entry' ? streamIds.entry(s.id) : streamIds.claim(s.id);
      expect((await db.events.readStream(streamId)).length).toBe(1 + acks.filter((a) => a.stream === s.id).length);
    }
    // Replaying the ledger on a copy equals the live projections.
    await expectRebuildEqualsLive(db);
    await db.close();
  }, 240_000);
});
