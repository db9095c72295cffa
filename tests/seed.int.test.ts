// Seeding through the command handlers: the dataset's ids, provenance, and idempotence.
import { describe, expect, it } from 'vitest';
import { seed, seedIfEmpty } from '@/server/seed';
import { openTempStore } from './db';

describe('seed', () => {
  it('seeds an empty ledger once; a second run adds nothing', async () => {
    const db = await openTempStore();
    const first = await seedIfEmpty(db, { now: '2026-01-01T00:00:00.000Z' });
    expect(first.seeded).toBe(true);
    expect(first.events).toBe(105); // 5 narratives + 21 tickers + 21 price imports + 44 entries + 14 claims
    const again = await seedIfEmpty(db);
    expect(again).toEqual({ seeded: false, events: 0, position: 105 });
    const forced = await seed(db);
    expect(forced.events).toBe(0);
    expect(await db.events.latestPosition()).toBe(105);
  });

  it('keeps the dataset ids, sources and figures, with actor "seed"', async () => {
    const db = await openTempStore();
    await seed(db);
    const entries = await db.read.listEntries({}, {});
    expect(entries).toHaveLength(44);
    const v3 = entries.find((e) => e.id === 'deepseek-v3-release');
    expect(v3?.date).toBe('2024-12-26');
    expect(v3?.sources.length).toBeGreaterThan(0);
    const amodei = entries.find((e) => e.id === 'amodei-export-controls-essay');
    expect(amodei?.figures.find((f) => f.value_text === 'a few tens of')).toMatchObject({ value: null, unit: 'million USD' });
    const stream = await db.events.readStream('entry-deepseek-v3-release');
    expect(stream[0]?.metadata).toMatchObject({ actor: 'seed', source: 'data/seed/events.json' });
    const claims = await db.read.listClaims({});
    expect(claims.map((c) => c.id)).toContain('v3-training-run-cost');
    expect(await db.events.readAll({ type: 'CostClaimAsserted', limit: 100 })).toHaveLength(14);
  });

  it('lists tickers with roles from the price files; SPY is the default benchmark', async () => {
    const db = await openTempStore();
    await seed(db);
    const tickers = await db.read.listTickers();
    expect(tickers).toHaveLength(21);
    const role = (s: string) => tickers.find((t) => t.symbol === s)?.role;
    expect(role('NVDA')).toBe('subject');
    expect(['AVGO', 'TSM', 'ASML', 'AMD', 'MU', 'MSFT', 'META', 'GOOGL', 'AMZN', 'ORCL', 'SMCI', 'VST', 'CEG'].map(role)).toEqual(Array(13).fill('peer'));
    expect(['SPY', 'QQQ', 'SMH', 'SOXX', 'GSPC', 'NDX', 'SOX'].map(role)).toEqual(Array(7).fill('benchmark'));
    expect(tickers.filter((t) => t.default_benchmark).map((t) => t.symbol)).toEqual(['SPY']);
    expect(tickers.every((t) => t.bars === 374)).toBe(true);
    const nvda = await db.read.listBars('NVDA', { from: '2025-01-24', to: '2025-01-28' }, {});
    expect(nvda.map((b) => [b.date, b.close])).toEqual([
      ['2025-01-24', 142.62],
      ['2025-01-27', 118.42],
      ['2025-01-28', 128.99],
    ]);
    // GSPC has no adjusted close in the dataset: stored as null, never filled in
    expect((await db.read.listBars('GSPC', { from: '2025-01-27', to: '2025-01-27' }, {}))[0]?.adj_close).toBeNull();
  });
});
