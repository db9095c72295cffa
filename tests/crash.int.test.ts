// Crash safety against a real server and SQLite file: kill -9 the server in the middle of a
// burst of writes and of a large price import (POST /api/prices/{ticker}/import), restart, and
// repeat 5 times. Every write that got a 2xx must be present, no import may be half-applied,
// and replaying the ledger must reproduce the live projections.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { streamIds } from '@/lib/domain/stream-ids';
import { startServer, type RealServer } from './real-server';
import { openTestStore, tempDatabase } from './db';
import { allEvents, expectGapless, expectRebuildEqualsLive } from './ledger-audit';

const TOKEN = 'crash-admin-token-0123456789';
const ROUNDS = 5;
const WRITERS = 6;
const IMPORT_TICKERS = ['AMD', 'MU', 'AVGO', 'TSM', 'ORCL'];
// When to crash: some rounds once writes are flowing, others a fixed time after the import was
// sent (while it is being parsed or committed), so both kinds of in-flight work are cut off.
const KILL_PLAN: { afterAcks: boolean; ms: number }[] = [
  { afterAcks: true, ms: 120 },
  { afterAcks: false, ms: 150 },
  { afterAcks: true, ms: 400 },
  { afterAcks: false, ms: 350 },
  { afterAcks: false, ms: 600 },
];

let server: RealServer | null = null;

/** Weekday bars 1990-01-02 .. 2023-12-29: dates the seed does not hold, so every row is new. */
function bigCsv(): { csv: string; rows: number } {
  const lines = ['date,open,high,low,close,adj_close,volume'];
  const d = new Date('1990-01-02T00:00:00Z');
  let i = 0;
  while (d.toISOString() < '2023-12-30') {
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) {
      const p = (10 + (i % 500) / 10).toFixed(2);
      lines.push(`${d.toISOString().slice(0, 10)},${p},${p},${p},${p},${p},${1000 + i}`);
      i++;
    }
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return { csv: `${lines.join('\n')}\n`, rows: i };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  await server?.stop();
});

describe('kill -9 during writes and a price import', () => {
  it(`loses no acknowledged write and never half-applies an import, over ${ROUNDS} crashes`, async () => {
    const dbFile = await tempDatabase('crash');
    const { csv, rows } = bigCsv();
    const figures = { rounds: 0, acknowledged: 0, importsComplete: 0, importsAbsent: 0, importsAcknowledged: 0, writesInFlightLost: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      server = await startServer({ dbFile, token: TOKEN });
      const url = server.url;
      // Warm the routes up (the first request to each compiles nothing, but loads its module).
      const auth = { authorization: `Bearer ${TOKEN}` };
      await fetch(`${url}/api/timeline`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
      await fetch(`${url}/api/prices/${IMPORT_TICKERS[round]}/import`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: 'nonsense\n' });
      const acks: { key: string; position: number }[] = [];
      let attempted = 0;
      let stop = false;
      const writer = async (w: number) => {
        for (let n = 0; !stop; n++) {
          const key = `crash-r${round}-w${w}-n${n}`;
          attempted++;
          try {
            const res = await fetch(`${url}/api/timeline`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, 'idempotency-key': key },
              body: JSON.stringify({ date: '2025-01-27', kind: 'market', title: `Crash ${key}`, summary: 'burst', narrative: 'other', sources: [{ title: 's', url: `https://example.com/${key}` }] }),
            });
            const body = (await res.json()) as { position?: number };
            if (res.status >= 200 && res.status < 300) acks.push({ key, position: Number(body.position) });
            else throw new Error(`unexpected ${res.status}: ${JSON.stringify(body)}`);
          } catch (error) {
            if (stop || (error as Error).message.startsWith('unexpected') === false) return; // connection died: the crash
            throw error;
          }
        }
      };
      const ticker = IMPORT_TICKERS[round]!;
      const importKey = `crash-import-${round}`;
      let importStatus: number | null = null;
      const importing = fetch(`${url}/api/prices/${ticker}/import`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}`, 'idempotency-key': importKey },
        body: csv,
      })
        .then(async (res) => {
          importStatus = res.status;
          await res.text();
        })
        .catch(() => undefined);
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      const plan = KILL_PLAN[round]!;
      if (plan.afterAcks) {
        const deadline = Date.now() + 30_000;
        while (acks.length < 3 && Date.now() < deadline) await sleep(20);
      }
      await sleep(plan.ms);
      await server.kill9();
      stop = true;
      await Promise.all([...writers, importing]);
      server = null;

      const db = await openTestStore(dbFile);
      // Every acknowledged write is present, at the position the server answered.
      for (const ack of acks) {
        const written = await db.events.readByIdempotencyKey(ack.key);
        expect(written.length, ack.key).toBe(1);
        expect(written[0]!.position).toBe(ack.position);
      }
      // The import is all or nothing: its bars and its events.
      const bars = (await db.read.listBars(ticker, { to: '2023-12-31' })).length;
      // The import's events: bar events on the ticker's stream written by this test (not the seed).
      const importEvents = (await db.events.readStream(streamIds.ticker(ticker))).filter((e) => e.type === 'PriceBarsImported' && e.metadata.actor !== 'seed').length;
      expect([0, rows], `round ${round}: ${bars} of ${rows} bars`).toContain(bars);
      expect(importEvents === 0).toBe(bars === 0);
      if (importStatus !== null && importStatus >= 200 && importStatus < 300) {
        expect(bars).toBe(rows);
        figures.importsAcknowledged++;
      } else if (importStatus !== null) throw new Error(`import answered ${importStatus}`);
      if (bars === rows) figures.importsComplete++;
      else figures.importsAbsent++;
      // Positions stay gapless; projections equal a replay of the ledger.
      expectGapless(await allEvents(db));
      await expectRebuildEqualsLive(db);
      await db.close();

      figures.rounds++;
      figures.acknowledged += acks.length;
      figures.writesInFlightLost += attempted - acks.length;
    }

    // After the last crash the server starts again and accepts writes.
    server = await startServer({ dbFile, token: TOKEN });
    const res = await fetch(`${server.url}/api/timeline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ date: '2025-01-27', kind: 'market', title: 'After the crashes', summary: '', narrative: 'other', sources: [{ title: 's', url: 'https://example.com/after' }] }),
    });
    expect(res.status).toBe(201);
    console.log(`[crash] ${JSON.stringify(figures)}`);
    fs.writeFileSync(path.join('test-results', 'crash-figures.json'), JSON.stringify({ ...figures, barsPerImport: rows }, null, 2));
    expect(figures.rounds).toBe(ROUNDS);
    expect(figures.acknowledged).toBeGreaterThan(0);
  }, 420_000);
});
