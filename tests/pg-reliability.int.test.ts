// Reliability on PostgreSQL with real `next start` processes and real servers (runs on the
// Postgres pass of the suite): start-up problems stop with one line; kill -9 of one of two app
// processes during an import burst; the database server restarted under writes; and
// read-your-writes through a physical streaming replica (pg_basebackup -R).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { streamIds } from '@/lib/domain/stream-ids';
import { freePgPort, startCluster, type Cluster } from '../scripts/pg-cluster.mjs';
import { isPostgres, openTestStore, tempDatabase } from './db';
import { allEvents, expectGapless, expectRebuildEqualsLive } from './ledger-audit';
import { startServer, type RealServer } from './real-server';

const TOKEN = 'pg-reliability-token-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const auth = { authorization: `Bearer ${TOKEN}` };

const servers: RealServer[] = [];
const clusters: Cluster[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const c of clusters) c.stop();
});

async function start(dbUrl: string, env: Record<string, string> = {}): Promise<RealServer> {
  const s = await startServer({ dbFile: dbUrl, token: TOKEN, env });
  servers.push(s);
  return s;
}

const entry = (key: string) => ({
  date: '2025-01-27',
  kind: 'market',
  title: `Reliability ${key}`,
  summary: 'written under fire',
  narrative: 'other',
  sources: [{ title: 's', url: `https://example.com/${key}` }],
});

async function postEntry(url: string, key: string) {
  const res = await fetch(`${url}/api/timeline`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(entry(key)),
  });
  const text = await res.text();
  return { status: res.status, text, json: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
}

/** Weekday bars from `start` for `days` days: dates the seed does not hold. */
function csv(days: number, startYear: number): { text: string; rows: number } {
  const lines = ['date,open,high,low,close,adj_close,volume'];
  const d = new Date(Date.UTC(startYear, 0, 2));
  let rows = 0;
  while (rows < days) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) {
      const p = (10 + (rows % 300) / 10).toFixed(2);
      lines.push(`${d.toISOString().slice(0, 10)},${p},${p},${p},${p},${p},${1000 + rows}`);
      rows++;
    }
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return { text: `${lines.join('\n')}\n`, rows };
}

function prepare(env: Record<string, string>) {
  const { IMPACTLINE_ADMIN_TOKEN: _t, ...base } = process.env;
  return spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/prepare.ts'], {
    env: { ...base, IMPACTLINE_DB: '', DATABASE_READ_URL: '', IMPACTLINE_ADMIN_TOKEN: 'x', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe.runIf(isPostgres)('PostgreSQL reliability', () => {
  it('start-up stops with one line that names the problem, never the password', async () => {
    const cluster = await startCluster({ hbaFirst: ['host all secret_user 127.0.0.1/32 scram-sha-256'] });
    clusters.push(cluster);
    cluster.psql("CREATE ROLE secret_user LOGIN PASSWORD 'right-Pa55word'");
    cluster.psql('CREATE DATABASE app OWNER secret_user');
    const down = await freePgPort([cluster.port]);
    const cases: { url: string; says: RegExp }[] = [
      { url: 'postgresql://secret_user:Hunter2-secret@127.0.0.1:5432', says: /DATABASE_URL names no database/ },
      { url: 'postgres://secret_user:Hunter2-secret@127.0.0.1:notaport/app', says: /DATABASE_URL is not a valid URL/ },
      { url: `postgres://secret_user:Hunter2-secret@127.0.0.1:${down}/app`, says: new RegExp(`127\\.0\\.0\\.1:${down}/app: connection refused`) },
      { url: `postgres://secret_user:right-Pa55word@127.0.0.1:${cluster.port}/no_such_db`, says: /database 127\.0\.0\.1:\d+\/no_such_db does not exist/ },
      { url: `postgres://secret_user:Hunter2-secret@127.0.0.1:${cluster.port}/app`, says: /refused the password for user "secret_user"/ },
    ];
    for (const c of cases) {
      const r = prepare({ DATABASE_URL: c.url });
      const lines = r.stderr.trim().split('\n');
      expect(r.status, `${c.url}: ${r.stderr}`).toBe(2);
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^impactline: cannot start: /);
      expect(lines[0]).toMatch(c.says);
      expect(r.stderr + r.stdout).not.toContain('Hunter2-secret');
      expect(r.stderr + r.stdout).not.toContain('right-Pa55word');
    }
    // And the right password starts (migrates and seeds) — the same line format says where.
    const ok = prepare({ DATABASE_URL: `postgres://secret_user:right-Pa55word@127.0.0.1:${cluster.port}/app` });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('seeded 105 ledger events');
    expect(ok.stdout).not.toContain('right-Pa55word');
  }, 120_000);

  it('kill -9 of one app process during an import burst: acknowledged imports whole, none partial, the other keeps serving', async () => {
    const db = await tempDatabase('kill9');
    const a = await start(db);
    const b = await start(db);
    const tickers = ['AMD', 'MU', 'AVGO', 'TSM', 'ORCL', 'META'];
    const files = tickers.map((_, i) => csv(2500, 1980 + i));
    const acked = new Map<string, number>();
    // The burst: all imports at once through A (they queue on the ledger lock).
    const imports = tickers.map((t, i) =>
      fetch(`${a.url}/api/prices/${t}/import`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv', 'idempotency-key': `kill9-${t}` }, body: files[i]!.text })
        .then(async (res) => {
          if (res.status === 201) acked.set(t, files[i]!.rows);
          else throw new Error(`import ${t} answered ${res.status}: ${await res.text()}`);
        })
        .catch((error: Error) => (error.message.startsWith('import') ? Promise.reject(error) : undefined)),
    );
    // B serves reads and writes the whole time.
    let serving = true;
    const bFailures: string[] = [];
    let bWrites = 0;
    const bLoop = (async () => {
      for (let n = 0; serving; n++) {
        const w = await postEntry(b.url, `kill9-b-${n}`);
        if (w.status !== 201) bFailures.push(`write ${w.status} ${w.text.slice(0, 200)}`);
        else bWrites++;
        const h = await fetch(`${b.url}/api/health`);
        if (h.status !== 200) bFailures.push(`health ${h.status}`);
        await sleep(20);
      }
    })();
    const deadline = Date.now() + 60_000;
    while (acked.size < 1 && Date.now() < deadline) await sleep(10);
    await sleep(150);
    await a.kill9();
    await Promise.all(imports);
    await sleep(1000); // B goes on after the crash
    serving = false;
    await bLoop;
    expect(bFailures).toEqual([]);
    expect(bWrites).toBeGreaterThan(5);
    expect(acked.size).toBeGreaterThan(0);

    const store = await openTestStore(db);
    try {
      for (const [i, t] of tickers.entries()) {
        const bars = (await store.read.listBars(t, { to: '2000-12-31' })).length;
        const importEvents = (await store.events.readStream(streamIds.ticker(t))).filter((e) => e.type === 'PriceBarsImported' && e.metadata.actor !== 'seed');
        if (acked.has(t)) expect(bars, t).toBe(files[i]!.rows);
        expect([0, files[i]!.rows], `${t}: all or nothing`).toContain(bars);
        expect(importEvents.length === 0).toBe(bars === 0);
      }
      console.log(`[kill9] ${acked.size}/${tickers.length} imports acknowledged before the crash; B wrote ${bWrites} entries meanwhile`);
      expectGapless(await allEvents(store));
      await expectRebuildEqualsLive(store);
    } finally {
      await store.close();
    }
  }, 400_000);

  it('the database server restarting under writes: 503 with a clear message (never 500), then the app reconnects; nothing half-written', async () => {
    const cluster = await startCluster();
    clusters.push(cluster);
    const url = cluster.createDatabase('app');
    const server = await start(url);
    const outcomes: { key: string; status: number; body: string }[] = [];
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; writing; n++) {
        const key = `restart-${w}-${n}`;
        try {
          const r = await postEntry(server.url, key);
          outcomes.push({ key, status: r.status, body: r.text });
        } catch (error) {
          outcomes.push({ key, status: 0, body: String(error) });
        }
        await sleep(10);
      }
    });
    const deadline = Date.now() + 30_000;
    while (outcomes.filter((o) => o.status === 201).length < 10 && Date.now() < deadline) await sleep(20);
    cluster.pause();
    await sleep(1000);
    const duringRead = await fetch(`${server.url}/api/timeline`);
    const duringReadBody = await duringRead.text();
    cluster.resume();
    // The app reconnects by itself: writes succeed again without a restart of the app.
    const ackedBefore = outcomes.filter((o) => o.status === 201).length;
    const again = Date.now() + 30_000;
    while (outcomes.filter((o) => o.status === 201).length < ackedBefore + 10 && Date.now() < again) await sleep(50);
    writing = false;
    await Promise.all(writers);

    const byStatus: Record<number, number> = {};
    for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
    console.log(`[restart] ${JSON.stringify(byStatus)}`);
    expect(duringRead.status, duringReadBody).toBe(503);
    expect(JSON.parse(duringReadBody)).toMatchObject({ error: 'unavailable', message: expect.stringMatching(/database is unavailable/) });
    expect(Object.keys(byStatus).map(Number).sort()).toEqual(expect.arrayContaining([201, 503]));
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503), 'only 201 or 503').toEqual([]);
    for (const o of outcomes.filter((x) => x.status === 503)) {
      const body = JSON.parse(o.body) as { error: string; message: string };
      expect(body.error).toBe('unavailable');
      expect(body.message).not.toMatch(/at |Error:|\n/); // a message, not a stack
    }
    expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(ackedBefore);
    expect(server.log().match(/.*(Unhandled|uncaughtException).*\n(.*\n){0,12}/)?.[0] ?? '').toBe('');

    const store = await openTestStore(url);
    try {
      for (const o of outcomes) {
        const written = await store.events.readByIdempotencyKey(o.key);
        if (o.status === 201) expect(written.length, o.key).toBe(1);
        // A refused write left nothing behind, or (committed just as the server went down) all of it.
        if (written.length > 0) expect((await store.read.getEntry(String(written[0]!.data && (written[0]!.data as { id: string }).id)))?.title).toBe(`Reliability ${o.key}`);
      }
      expectGapless(await allEvents(store));
      await expectRebuildEqualsLive(store);
    } finally {
      await store.close();
    }
  }, 300_000);

  it('a streaming replica serves reads; a client reads its own write (minPosition, header or session cookie)', async () => {
    const primary = await startCluster();
    clusters.push(primary);
    const replica = await startCluster({ replicaOf: { port: primary.port } });
    clusters.push(replica);
    primary.createDatabase('app');
    const server = await start(primary.url('app'), { DATABASE_READ_URL: replica.url('app') });
    // Let the replica replay the migrations and the seed, then stop it replaying: it lags on purpose.
    const caughtUp = Date.now() + 30_000;
    while (Date.now() < caughtUp) {
      try {
        if (Number(replica.psql('SELECT coalesce(max(position), 0) FROM events', 'app')) >= 105) break;
      } catch {
        /* not replayed yet */
      }
      await sleep(100);
    }
    replica.psql('SELECT pg_wal_replay_pause()');

    const w = await postEntry(server.url, 'replica-write-1');
    expect(w.status, w.text).toBe(201);
    const { id, position } = w.json as { id: string; position: number };
    const cookie = (w.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toBe(`impactline_position=${position}`);
    expect((await (await fetch(`${server.url}/api/health`)).json()).position).toBe(position);

    // Without a minimum position the lagging replica answers: the entry is not there yet.
    expect((await fetch(`${server.url}/api/timeline/${id}`)).status).toBe(404);
    // With one, the read waits briefly for the replica, then falls back to the primary.
    const ways: { q: string; init: RequestInit }[] = [
      { q: `?minPosition=${position}`, init: {} },
      { q: '', init: { headers: { 'x-impactline-min-position': String(position) } } },
      { q: '', init: { headers: { cookie } } },
    ];
    for (const { q, init } of ways) {
      const t0 = Date.now();
      const res = await fetch(`${server.url}/api/timeline/${id}${q}`, init);
      expect(res.status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    }
    const badMin = await fetch(`${server.url}/api/timeline?minPosition=abc`);
    expect(badMin.status).toBe(400);
    expect(await badMin.json()).toMatchObject({ problems: [{ field: 'minPosition' }] });

    replica.psql('SELECT pg_wal_replay_resume()');
    const deadline = Date.now() + 10_000;
    let plain = 404;
    while (plain !== 200 && Date.now() < deadline) {
      plain = (await fetch(`${server.url}/api/timeline/${id}`)).status;
      await sleep(50);
    }
    expect(plain).toBe(200);
    const t0 = Date.now();
    expect((await fetch(`${server.url}/api/timeline/${id}?minPosition=${position}`)).status).toBe(200);
    expect(Date.now() - t0).toBeLessThan(400);
  }, 300_000);
});
