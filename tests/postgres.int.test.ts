// What only PostgreSQL has to prove (the rest of the suite runs on it too): one global order that
// no reader can see with a hole in it, with several stores standing in for several processes;
// unique-index clashes become 409s; commits are announced to every process after they commit;
// and the exports are byte-identical to the SQLite backend's for the same ledger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as exportGET } from '@/app/api/export/[dataset]/route';
import { GET as impactsGET } from '@/app/api/impacts/route';
import { openStore } from '@/db';
import { ConcurrencyError, type StoredEvent } from '@/db/store';
import { GET as narrativeDefinitionsGET } from '@/app/api/narratives/definitions/route';
import { writeRules } from '@/lib/contracts/write';
import { checkRawBundle, importEpisode } from '@/server/commands/episode';
import { amendNarrative } from '@/server/commands/narratives';
import { seed } from '@/server/seed';
import type { Store } from '@/db';
import { bundleVariant } from './fixtures/episodes/variant';
import { isPostgres, openTempStore, openTestStore, rawSql, tempDatabase, pointAppAt, type TestStore } from './db';
import { expectGapless } from './ledger-audit';

const meta = { actor: 'test' };
const ev = (n: number) => ({ type: 'TestHappened', data: { n }, metadata: meta, occurredAt: '2025-01-01' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(isPostgres)('PostgreSQL: global order', () => {
  it('a second writer waits for the first to commit, so no reader ever sees position N+1 before N', async () => {
    const locator = await tempDatabase('order');
    const a = await openTestStore(locator);
    const b = await openTestStore(locator); // another "process": its own pools
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let aPosition = 0;
      const first = a.events.transaction(async (tx) => {
        aPosition = (await tx.append('s-a', 'no-stream', [ev(1)])).positions[0]!;
        await held; // position 1 allocated, not committed
      });
      await sleep(100);
      let bDone = false;
      const second = b.events.append('s-b', 'no-stream', [ev(2)]).then((r) => {
        bDone = true;
        return r;
      });
      await sleep(300);
      // Without the ledger lock B would commit position 2 now, and a reader would see 2 with 1 missing.
      expect(bDone).toBe(false);
      expect(await b.read.latestPosition()).toBe(0);
      expect(await b.events.readAll({ after: 0 })).toEqual([]);
      release();
      await first;
      const bResult = await second;
      expect(aPosition).toBe(1);
      expect(bResult.positions).toEqual([2]);
      expectGapless(await a.events.readAll());
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('many writers in two stores: positions gapless, and a concurrent reader sees every one, in order', async () => {
    const locator = await tempDatabase('order-many');
    const stores = [await openTestStore(locator), await openTestStore(locator)];
    const reader = await openTestStore(locator);
    const WRITERS = 8;
    const APPENDS = 40;
    let writing = true;
    const seen: number[] = [];
    const reading = (async () => {
      // Tail the ledger as the live view and exports do: "after the last position I saw".
      while (writing || seen.length < WRITERS * APPENDS) {
        const page = await reader.events.readAll({ after: seen.at(-1) ?? 0, limit: 500 });
        for (const e of page) seen.push(e.position);
        if (page.length === 0) await sleep(2);
      }
    })();
    try {
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let i = 0; i < APPENDS; i++) await stores[w % 2]!.events.append(`s-${w % 3}`, 'any', [ev(w * 1000 + i)]);
        }),
      );
      writing = false;
      await reading;
      expect(seen).toEqual(Array.from({ length: WRITERS * APPENDS }, (_, i) => i + 1));
      expectGapless(await reader.events.readAll({ limit: 10_000 }));
    } finally {
      writing = false;
      for (const s of [...stores, reader]) await s.close();
    }
  });

  it('a unique-index clash on (stream, version) is a ConcurrencyError with the current version', async () => {
    const store = await openTempStore('clash');
    const raw = await rawSql(store.file);
    try {
      // A writer that bypasses the store (no ledger lock) holds version 1 of the stream, uncommitted.
      await raw.exec('BEGIN');
      await raw.exec(
        `INSERT INTO events (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
         VALUES (1000, 'raw-1', 's-clash', 1, 'TestHappened', 1, '{}', '{"actor":"raw"}', '2025-01-01', '2025-01-01')`,
      );
      const appending = store.events.append('s-clash', 'no-stream', [ev(1)]).catch((e: unknown) => e);
      await sleep(200); // the store's insert now waits on the unique index
      await raw.exec('COMMIT');
      const caught = await appending;
      expect(caught).toBeInstanceOf(ConcurrencyError);
      expect((caught as ConcurrencyError).currentVersion).toBe(1);
    } finally {
      await raw.close();
      await store.close();
    }
  });

  it('announces each commit to every other store after it commits, never a rolled-back one', async () => {
    const locator = await tempDatabase('notify');
    const writer = await openTestStore(locator);
    const other = await openTestStore(locator);
    const heard: number[] = [];
    const unsubscribe = other.subscribe!((p) => heard.push(p));
    try {
      await sleep(300); // the LISTEN connection is up
      await writer.events.transaction(async (tx) => {
        await tx.append('s', 'no-stream', [ev(1), ev(2)]);
        await sleep(200);
        expect(heard.filter((p) => p > 0)).toEqual([]); // not before the commit
      });
      await writer.events.transaction(async (tx) => {
        await tx.append('s', 2, [ev(3)]);
        throw new Error('rolled back');
      }).catch(() => undefined);
      await writer.events.append('s', 2, [ev(3)]);
      const deadline = Date.now() + 2000;
      while (!heard.includes(3) && Date.now() < deadline) await sleep(10);
      expect(heard.filter((p) => p > 0)).toEqual([2, 3]);
    } finally {
      unsubscribe();
      await writer.close();
      await other.close();
    }
  });
});

describe.runIf(isPostgres)('PostgreSQL: exports byte-identical to SQLite for the same ledger', () => {
  let pg: TestStore;
  let sqliteFile: string;
  const NOW = '2026-01-01T00:00:00.000Z';

  /** The seed, then the fictional test episode (issue 17) and an amended narrative, with fixed event ids. */
  async function build(store: Store) {
    await seed(store, { now: NOW });
    const ctx = { actor: 'test', now: NOW, correlationId: 'same-ledger', idempotencyKey: 'same-ledger-episode' };
    await importEpisode(store.events, checkRawBundle(bundleVariant('same'), writeRules(NOW)), ctx, { dryRun: false });
    const amend = { ...ctx, idempotencyKey: 'same-ledger-amend', expectedVersion: 1 };
    await amendNarrative(store.events, 'test-chip-same-rule', { changes: { name: '[test data] Chip rules (amended)', sort_order: 2 }, reason: 'test' }, amend);
  }

  beforeAll(async () => {
    pg = await openTempStore('same-ledger');
    await build(pg);
    sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-same-')), 'same.db');
    const lite = await openStore({ kind: 'sqlite', file: sqliteFile });
    await build(lite);
    await lite.close();
  }, 120_000);
  afterAll(async () => {
    await pg?.close();
  });

  // The one cell that may differ: meta=1's generated_at wall-clock time.
  const body = async (response: Response) => ({
    status: response.status,
    bytes: Buffer.from(Buffer.from(await response.arrayBuffer()).toString('latin1').replace(/^# generated_at: [^\r]*/m, '# generated_at: (now)'), 'latin1'),
    position: response.headers.get('x-impactline-position'),
  });
  async function onBoth(get: () => Promise<Response>) {
    pointAppAt(pg);
    const onPg = await body(await get());
    pointAppAt({ file: sqliteFile });
    const onLite = await body(await get());
    return { onPg, onLite };
  }

  const exports: [string, string][] = [
    ['timeline', ''],
    ['timeline', '?asOf=2025-01-28'],
    ['claims', '?position=60'],
    ['prices', '?tickers=NVDA,SPY,AVGO'],
    ['prices', '?tickers=NVDA&from=2025-01-01&to=2025-02-28&meta=1'],
    ['impacts', '?tickers=NVDA,AVGO&from=2025-01-01&to=2025-02-28'],
    ['narratives', '?tickers=NVDA'],
    ['timeline', '?narrative=test-chip-same-rule&meta=1'],
    ['claims', ''],
    ['ledger', ''],
    ['ledger', '?after=20&limit=50&bom=1'],
    // The event-study battery and the events × tickers matrix (issue 15).
    ['tests', '?narrative=market-reaction&tickers=NVDA,AMD&meta=1'],
    ['tests', '?pairs=nvda-record-one-day-loss@NVDA&returns=log'],
    ['heatmap', '?kind=market&tickers=NVDA,AMD,SPY'],
  ];
  it.each(exports)('GET /api/export/%s.csv%s', async (dataset, query) => {
    const { onPg, onLite } = await onBoth(() =>
      exportGET(new Request(`http://localhost/api/export/${dataset}.csv${query}`), { params: Promise.resolve({ dataset: `${dataset}.csv` }) }),
    );
    expect(onPg.status).toBe(200);
    expect(onLite.status).toBe(200);
    expect(onPg.position).toBe(onLite.position);
    expect(onPg.bytes.length).toBeGreaterThan(50);
    expect(onPg.bytes.equals(onLite.bytes), `${dataset}${query}: ${onPg.bytes.length} vs ${onLite.bytes.length} bytes`).toBe(true);
  });

  it('GET /api/impacts answers the same bytes', async () => {
    const { onPg, onLite } = await onBoth(() => impactsGET(new Request('http://localhost/api/impacts?event=nvda-record-one-day-loss&tickers=NVDA,AVGO,TSM')));
    expect(onPg.status).toBe(200);
    expect(onPg.bytes.equals(onLite.bytes)).toBe(true);
  });

  it('GET /api/narratives/definitions answers the same bytes, live and replayed before the amendment', async () => {
    const beforeAmendment = (await pg.events.latestPosition()) - 1;
    for (const query of ['', `?position=${beforeAmendment}`]) {
      const { onPg, onLite } = await onBoth(() => narrativeDefinitionsGET(new Request(`http://localhost/api/narratives/definitions${query}`)));
      expect(onPg.status).toBe(200);
      const text = onPg.bytes.toString();
      expect(text).toContain('"id":"test-chip-same-rule"');
      expect(text.includes('[test data] Chip rules (amended)')).toBe(query === '');
      expect(onPg.bytes.equals(onLite.bytes), `definitions${query}: ${text.slice(0, 300)}`).toBe(true);
    }
  });

  it('the whole ledger is the same events, in the same order', async () => {
    const lite = await openStore({ kind: 'sqlite', file: sqliteFile });
    const all = async (s: { events: { readAll: (o: { after: number; limit: number }) => Promise<StoredEvent[]> } }) => s.events.readAll({ after: 0, limit: 100_000 });
    expect(await all(pg)).toEqual(await all(lite));
    expect(await pg.admin.ledgerChecksum()).toEqual(await lite.admin.ledgerChecksum());
    await lite.close();
  });
});
