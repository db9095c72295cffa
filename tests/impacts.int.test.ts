// Impacts and narratives against a real seeded SQLite file: computeImpacts/computeNarratives
// directly, and the route handlers for shapes, byte-identical responses, 400s and 404s.
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as impactsGET } from '@/app/api/impacts/route';
import { GET as narrativesGET } from '@/app/api/narratives/route';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { computeImpacts, computeNarratives, type ImpactResult } from '@/server/queries/impacts';
import { openSeededStore, pointAppAt, type TestStore } from './db';

let db: TestStore;
const url = (path: string) => new Request(`http://localhost${path}`);

beforeAll(async () => {
  db = await openSeededStore('impacts');
  pointAppAt(db);
});

function one(results: ImpactResult[], event: string, ticker = 'NVDA'): ImpactResult {
  const r = results.find((x) => x.event_id === event && x.ticker === ticker);
  if (!r) throw new Error(`no result for ${event}/${ticker}`);
  return r;
}

/** Raw (date, adj_close ?? close) straight from the seed's price file, date order: independent of the store. */
function rawPrices(symbol: string): { date: string; px: number }[] {
  const rows = parse(fs.readFileSync(`data/seed/prices/${symbol}.csv`, 'utf8'), { columns: true }) as { date: string; close: string; adj_close: string }[];
  return rows
    .map((b) => ({ date: b.date, px: Number(b.adj_close === '' ? b.close : b.adj_close) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

describe('computeImpacts: NVDA record one-day loss (2025-01-27)', () => {
  it('matches a plain-loop market model computed from the raw bars', async () => {
    const body = await computeImpacts(db.read, { events: ['nvda-record-one-day-loss'] });
    expect(body.results).toHaveLength(1);
    const r = one(body.results, 'nvda-record-one-day-loss');
    expect(r.day0).toEqual({ date: '2025-01-27', reason: 'same day' });
    expect(r.benchmark).toBe('SPY');
    expect(r.model).toBe('market');
    expect(r.event_date).toBe('2025-01-27');
    expect(r.event_title.length).toBeGreaterThan(0);

    // ---- independent reference: SPY calendar, simple returns, OLS on days -130..-11
    const spy = rawPrices('SPY');
    const nvda = new Map(rawPrices('NVDA').map((b) => [b.date, b.px]));
    const d0 = spy.findIndex((b) => b.date === '2025-01-27');
    expect(d0).toBeGreaterThan(130);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = d0 - 130; i <= d0 - 11; i++) {
      xs.push(spy[i]!.px / spy[i - 1]!.px - 1);
      ys.push(nvda.get(spy[i]!.date)! / nvda.get(spy[i - 1]!.date)! - 1);
    }
    expect(xs).toHaveLength(120);
    let mx = 0;
    let my = 0;
    for (let k = 0; k < 120; k++) {
      mx += xs[k]! / 120;
      my += ys[k]! / 120;
    }
    let sxx = 0;
    let sxy = 0;
    for (let k = 0; k < 120; k++) {
      sxx += (xs[k]! - mx) ** 2;
      sxy += (xs[k]! - mx) * (ys[k]! - my);
    }
    const beta = sxy / sxx;
    const alpha = my - beta * mx;
    let ssr = 0;
    for (let k = 0; k < 120; k++) ssr += (ys[k]! - alpha - beta * xs[k]!) ** 2;
    const sigma2 = ssr / 118;
    const ar = (i: number) => nvda.get(spy[i]!.date)! / nvda.get(spy[i - 1]!.date)! - 1 - (alpha + beta * (spy[i]!.px / spy[i - 1]!.px - 1));
    const car00 = ar(d0);
    const carM11 = ar(d0 - 1) + ar(d0) + ar(d0 + 1);

    const est = r.result!.estimation;
    expect(est.n).toBe(120);
    expect(est.df).toBe(118);
    expect(est.start).toBe(spy[d0 - 130]!.date);
    expect(est.end).toBe(spy[d0 - 11]!.date);
    expect(est.beta!).toBeCloseTo(beta, 10);

    const windows = r.result!.windows;
    expect(windows.map((w) => [w.from, w.to])).toEqual([
      [0, 0],
      [-1, 1],
      [0, 1],
      [0, 5],
      [-5, 5],
    ]);
    const w00 = windows[0]!;
    expect(w00.car!).toBeCloseTo(car00, 12);
    expect(w00.t!).toBeCloseTo(car00 / Math.sqrt(sigma2), 9);
    // the engine author's numbers against SPY with the defaults
    expect(w00.car!).toBeCloseTo(-0.13230471861273158, 10);
    expect(w00.t!).toBeCloseTo(-5.705488718148451, 6);
    expect(w00.p!).toBeLessThan(1e-6);
    expect(w00.n).toBe(1);
    expect(w00.cut).toBeNull();
    const wM11 = windows[1]!;
    expect(wM11.car!).toBeCloseTo(carM11, 12);
    expect(wM11.t!).toBeCloseTo(carM11 / Math.sqrt(3 * sigma2), 9);
    // shares outstanding are null in the seed: no dollar figure is made up
    expect(windows.every((w) => w.dollar_impact === null)).toBe(true);
  });

  it('names the other NVDA entries in the event window as overlaps', async () => {
    const r = one((await computeImpacts(db.read, { events: ['nvda-record-one-day-loss'] })).results, 'nvda-record-one-day-loss');
    const overlapIds = r.warnings.filter((w) => w.code === 'overlap_event_window').map((w) => w.event_id);
    // same-day NVDA entries, and the 2025-01-28 rebound (day +1), are in [-5,5]
    expect(overlapIds).toContain('nvidia-statement-test-time-scaling');
    expect(overlapIds).toContain('nvda-rebound-2025-01-28');
    expect(overlapIds).not.toContain('nvda-record-one-day-loss');
    // entries that do not list NVDA are not overlaps of an NVDA study
    expect(overlapIds).not.toContain('deepseek-limits-signups-attack');
  });

  it('maps an after-close event to the next trading day, and refuses a 2023 event with a reason', async () => {
    const body = await computeImpacts(db.read, { events: ['nvidia-q4-fy2025-earnings', 'altman-gpt4-over-100m'] });
    // ordered by event date: 2023 first
    expect(body.results.map((r) => r.event_id)).toEqual(['altman-gpt4-over-100m', 'nvidia-q4-fy2025-earnings']);
    const q4 = one(body.results, 'nvidia-q4-fy2025-earnings');
    expect(q4.event_date).toBe('2025-02-26');
    expect(q4.event_time_utc).toBe('22:00');
    expect(q4.day0).toEqual({ date: '2025-02-27', reason: 'after close' });
    expect(q4.result).not.toBeNull();
    const altman = one(body.results, 'altman-gpt4-over-100m');
    expect(altman.result).toBeNull();
    expect(altman.day0).toBeNull();
    expect(altman.reason).toMatch(/2023-04-17 is before the first trading day/);
  });

  it('at asOf 2025-01-28 cuts the windows that reach past it and hides later entries', async () => {
    const live = one((await computeImpacts(db.read, { events: ['nvda-record-one-day-loss'] })).results, 'nvda-record-one-day-loss');
    const body = await computeImpacts(db.read, { asOf: '2025-01-28' });
    const ids = body.results.map((r) => r.event_id);
    expect(ids).toContain('nvda-record-one-day-loss');
    expect(ids).not.toContain('semianalysis-deepseek-debates');
    const dated = await db.read.listEntries({}, {});
    expect(ids.every((id) => dated.find((e) => e.id === id)!.date <= '2025-01-28')).toBe(true);
    expect(body.params.asOf).toBe('2025-01-28');

    const r = one(body.results, 'nvda-record-one-day-loss');
    const w = Object.fromEntries(r.result!.windows.map((x) => [`${x.from}:${x.to}`, x]));
    expect(w['0:0']).toMatchObject({ cut: null, n: 1 });
    expect(w['-1:1']).toMatchObject({ cut: null, n: 3 });
    expect(w['0:1']).toMatchObject({ cut: null, n: 2 });
    expect(w['0:5']).toMatchObject({ cut: 'asOf', n: 2 });
    expect(w['-5:5']).toMatchObject({ cut: 'asOf', n: 7 });
    const cutWarnings = r.warnings.filter((x) => x.code === 'window_cut').map((x) => x.message);
    expect(cutWarnings).toHaveLength(2);
    expect(cutWarnings[0]).toMatch(/window \[0,5\] cut by asOf \(2025-01-28\): 2 of 6 trading days available, 2 returns/);
    // what was known then equals what is known now for the days up to asOf
    expect(w['0:0']!.car).toBe(live.result!.windows[0]!.car);
    expect(w['0:5']!.car).toBeCloseTo(live.result!.daily.find((d) => d.day === 1)!.car - live.result!.daily.find((d) => d.day === -1)!.car, 12);
    // the 2025-01-31 entry is also not an overlap candidate at this asOf
    expect(r.warnings.some((x) => x.event_id === 'semianalysis-deepseek-debates')).toBe(false);
    expect(live.warnings.some((x) => x.event_id === 'semianalysis-deepseek-debates')).toBe(true);
  });

  it('orders results by event date, event id, then tickers as requested', async () => {
    const body = await computeImpacts(db.read, {
      events: ['nvda-record-one-day-loss', 'deepseek-r1-release', 'bernstein-not-built-for-5m'],
      tickers: ['msft', 'NVDA', 'AVGO'],
    });
    expect(body.params.events).toEqual(['bernstein-not-built-for-5m', 'deepseek-r1-release', 'nvda-record-one-day-loss']);
    expect(body.params.tickers).toEqual(['MSFT', 'NVDA', 'AVGO']);
    expect(body.results.map((r) => `${r.event_id}/${r.ticker}`)).toEqual([
      'deepseek-r1-release/MSFT',
      'deepseek-r1-release/NVDA',
      'deepseek-r1-release/AVGO',
      'bernstein-not-built-for-5m/MSFT',
      'bernstein-not-built-for-5m/NVDA',
      'bernstein-not-built-for-5m/AVGO',
      'nvda-record-one-day-loss/MSFT',
      'nvda-record-one-day-loss/NVDA',
      'nvda-record-one-day-loss/AVGO',
    ]);
  });

  it('uses the requested model, benchmark and windows', async () => {
    const body = await computeImpacts(db.read, {
      events: ['nvda-record-one-day-loss'],
      model: 'market-adjusted',
      benchmark: 'qqq',
      windows: '0:0,-2:2',
    });
    expect(body.params).toMatchObject({ model: 'market-adjusted', benchmark: 'QQQ', windows: [[0, 0], [-2, 2]] });
    const r = body.results[0]!;
    const d = r.result!.daily.find((x) => x.day === 0)!;
    // market-adjusted: AR = R - Rm exactly
    expect(d.ar!).toBeCloseTo(d.return! - d.benchmark_return!, 15);
    expect(r.result!.windows[0]!.car).toBe(d.ar);
    expect(r.result!.estimation.beta).toBeNull();
    const qqq = rawPrices('QQQ');
    const i = qqq.findIndex((b) => b.date === '2025-01-27');
    expect(d.benchmark_return!).toBeCloseTo(qqq[i]!.px / qqq[i - 1]!.px - 1, 14);
  });

  it('reads entries at a ledger position', async () => {
    const row = (await db.events.readStream('entry-semianalysis-deepseek-debates'))[0]!;
    const before = await computeImpacts(db.read, { position: row.position - 1 });
    const at = await computeImpacts(db.read, { position: row.position });
    expect(before.position).toBe(row.position - 1);
    expect(before.results.some((r) => r.event_id === 'semianalysis-deepseek-debates')).toBe(false);
    expect(at.results.some((r) => r.event_id === 'semianalysis-deepseek-debates')).toBe(true);
    expect(before.params_hash).not.toBe(at.params_hash);
  });
});

describe('GET /api/impacts', () => {
  const get = (qs: string) => impactsGET(url(`/api/impacts${qs}`));

  it('summary=1 keeps the window statistics and drops daily rows and warning texts, counting the warnings', async () => {
    const qs = '?event=nvda-record-one-day-loss&tickers=NVDA&windows=-1:1';
    const full = (await (await get(qs)).json()) as { results: ImpactResult[] };
    const summary = (await (await get(`${qs}&summary=1`)).json()) as { results: (ImpactResult & { warnings_count: number })[] };
    const [f, s] = [full.results[0]!, summary.results[0]!];
    expect(s.result!.windows).toEqual(f.result!.windows);
    expect(s.result!.estimation).toEqual(f.result!.estimation);
    expect(s.day0).toEqual(f.day0);
    expect(s.result!.daily).toEqual([]);
    expect(f.result!.daily.length).toBe(3);
    expect(s.warnings).toEqual([]);
    expect(s.warnings_count).toBe(f.warnings.length);
    expect(f.warnings.length).toBeGreaterThan(0);
    expect((await get(`${qs}&summary=yes`)).status).toBe(400);
  });

  it('returns { position, params, params_hash, results } with the normalised params echoed', async () => {
    const res = await get('?event=nvda-record-one-day-loss&event=nvidia-q4-fy2025-earnings&tickers=nvda');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { results: ImpactResult[] };
    expect(Object.keys(body)).toEqual(['position', 'params', 'params_hash', 'results']);
    expect(body.position).toBe(105);
    expect(body.params).toEqual({
      events: ['nvda-record-one-day-loss', 'nvidia-q4-fy2025-earnings'],
      tickers: ['NVDA'],
      benchmark: 'SPY',
      model: 'market',
      estimation: 120,
      gap: 10,
      windows: [[0, 0], [-1, 1], [0, 1], [0, 5], [-5, 5]],
      asOf: null,
      position: null,
    });
    expect(body.params_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.results.map((r) => [r.event_id, r.day0?.date, r.day0?.reason])).toEqual([
      ['nvda-record-one-day-loss', '2025-01-27', 'same day'],
      ['nvidia-q4-fy2025-earnings', '2025-02-27', 'after close'],
    ]);
    expect(body.results[0]!.result!.windows[0]!.car).toBeCloseTo(-0.13230471861273158, 10);
  });

  it('omitting event gives every active entry visible at the clock', async () => {
    const body = (await (await get('')).json()) as { params: { events: unknown }; results: ImpactResult[] };
    expect(body.params.events).toBeNull();
    expect(body.results).toHaveLength(44);
    expect(new Set(body.results.map((r) => r.event_id)).size).toBe(44);
    // 2025-08 onwards is beyond the price data: null with a reason, never a number
    const late = body.results.find((r) => r.event_id === 'deepseek-v3-2-release')!;
    expect(late.result).toBeNull();
    expect(late.reason).toMatch(/after the last trading day available \(2025-06-30\)/);
  });

  it('gives byte-identical responses to identical requests, and a hash that tracks the params', async () => {
    const a = await (await get('?asOf=2025-02-10&tickers=NVDA,AVGO')).text();
    const b = await (await get('?asOf=2025-02-10&tickers=NVDA,AVGO')).text();
    expect(a).toBe(b);
    const hash = (s: string) => (JSON.parse(s) as { params_hash: string }).params_hash;
    // same parameters spelled differently: same normalised params, same hash
    const c = await (await get('?tickers=nvda&tickers=avgo&asOf=2025-02-10&windows=0:0,-1:1,0:1,0:5,-5:5&model=market')).text();
    expect(hash(c)).toBe(hash(a));
    expect(c).toBe(a);
    const e1 = await (await get('?event=nvda-record-one-day-loss,deepseek-r1-release')).text();
    const e2 = await (await get('?event=deepseek-r1-release&event=nvda-record-one-day-loss')).text();
    expect(e1).toBe(e2);
    // any change of parameter changes the hash
    const variants = [
      '?asOf=2025-02-11&tickers=NVDA,AVGO',
      '?asOf=2025-02-10&tickers=AVGO,NVDA',
      '?asOf=2025-02-10&tickers=NVDA,AVGO&gap=5',
      '?asOf=2025-02-10&tickers=NVDA,AVGO&estimation=100',
      '?asOf=2025-02-10&tickers=NVDA,AVGO&windows=0:0',
      '?asOf=2025-02-10&tickers=NVDA,AVGO&model=constant-mean',
      '?asOf=2025-02-10&tickers=NVDA,AVGO&benchmark=QQQ',
      '?asOf=2025-02-10&tickers=NVDA,AVGO&position=100',
    ];
    const hashes = new Set([hash(a)]);
    for (const v of variants) hashes.add(hash(await (await get(v)).text()));
    expect(hashes.size).toBe(variants.length + 1);
  });

  it.each([
    ['windows=1:0', 'windows', /starts after it ends/],
    ['windows=0:x', 'windows', /not a window/],
    ['windows=0.5:1', 'windows', /not a window/],
    ['windows=0:251', 'windows', /beyond ±250/],
    ['windows=0:0,,1:1', 'windows', /empty window/],
    [`windows=${Array.from({ length: 11 }, (_, i) => `0:${i}`).join(',')}`, 'windows', /at most 10 windows/],
    ['estimation=29', 'estimation', /at least 30/],
    ['estimation=501', 'estimation', /at most 500/],
    ['estimation=abc', 'estimation', /whole number/],
    ['gap=101', 'gap', /at most 100/],
    ['gap=-1', 'gap', /at least 0/],
    ['model=capm', 'model', /must be one of market, market-adjusted, constant-mean/],
    ['asOf=2025-13-01', 'asOf', /date/],
    ['position=-1', 'position', /0 or more/],
    ['tickers=NV%20DA', 'tickers', /ticker symbol/],
    ['colour=red', 'colour', /unknown parameter/],
  ])('400 for %s names %s', async (qs, field, message) => {
    const res = await get(`?${qs}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; problems: { field: string; message: string }[] };
    expect(body.error).toBe('validation');
    // list parameters are named with the item index (tickers.0), like the other routes
    expect(body.problems[0]!.field).toMatch(new RegExp(`^${field}(\\.\\d+)?$`));
    expect(body.problems[0]!.message).toMatch(message);
    expect(body.message).toContain(field);
  });

  it('404 for an unknown event, naming it', async () => {
    const res = await get('?event=nvda-record-one-day-loss,no-such-event');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: string; message: string; events: string[] };
    expect(body.error).toBe('not_found');
    expect(body.message).toContain('"no-such-event"');
    expect(body.message).not.toContain('"nvda-record-one-day-loss"');
    expect(body.events).toEqual(['no-such-event']);
  });

  it('404 for an event not yet recorded at asOf', async () => {
    const res = await get('?event=semianalysis-deepseek-debates&asOf=2025-01-28');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain('semianalysis-deepseek-debates');
  });

  it('404 for an unknown ticker or benchmark, naming it and pointing at /api/tickers', async () => {
    const t = await get('?tickers=NVDA,ZZZZ');
    expect(t.status).toBe(404);
    const tb = (await t.json()) as { message: string; ticker: string };
    expect(tb.message).toMatch(/"ZZZZ".*GET \/api\/tickers lists them/);
    expect(tb.ticker).toBe('ZZZZ');
    const b = await get('?benchmark=VOO');
    expect(b.status).toBe(404);
    const bb = (await b.json()) as { message: string; parameter: string };
    expect(bb.message).toMatch(/^benchmark: ticker "VOO" is not listed/);
    expect(bb.parameter).toBe('benchmark');
  });
});

describe('narratives', () => {
  type Row = {
    narrative: string;
    ticker: string;
    events: { event_id: string; date: string; car: number; cumulative: number }[];
    n: number;
    missing: number;
    mean_car: number | null;
    t_stat: number | null;
    p_value: number | null;
    cumulative_car: number | null;
    share_negative: number | null;
  };

  it('one row per (narrative, ticker), matching the per-event CARs of the window', async () => {
    const body = await computeNarratives(db.read, { tickers: ['NVDA', 'AVGO'] });
    expect(body.params).toEqual({
      tickers: ['NVDA', 'AVGO'],
      benchmark: 'SPY',
      model: 'market',
      estimation: 120,
      gap: 10,
      window: [-1, 1],
      asOf: null,
      position: null,
    });
    const rows = body.narratives as Row[];
    const narrativesInSeed = [...new Set((await db.read.listEntries({}, {})).map((e) => e.narrative))].sort();
    expect(rows.map((r) => `${r.narrative}/${r.ticker}`)).toEqual(narrativesInSeed.flatMap((n) => [`${n}/AVGO`, `${n}/NVDA`]));

    // independent aggregation of the per-event CAR[-1,1] from computeImpacts
    const impacts = (await computeImpacts(db.read, { tickers: ['NVDA', 'AVGO'], windows: [[-1, 1]] })).results;
    const entries = new Map((await db.read.listEntries({}, {})).map((e) => [e.id, e]));
    for (const row of rows) {
      const mine = impacts.filter((r) => r.ticker === row.ticker && entries.get(r.event_id)!.narrative === row.narrative);
      const cars = mine.map((r) => r.result?.windows[0]?.car ?? null);
      const present = cars.filter((c): c is number => c !== null);
      expect(row.n + row.missing).toBe(mine.length);
      expect(row.n).toBe(present.length);
      expect(row.missing).toBe(cars.length - present.length);
      if (present.length === 0) {
        expect(row.mean_car).toBeNull();
        continue;
      }
      let sum = 0;
      for (const c of present) sum += c;
      const mean = sum / present.length;
      expect(row.cumulative_car!).toBeCloseTo(sum, 12);
      expect(row.mean_car!).toBeCloseTo(mean, 12);
      expect(row.share_negative!).toBeCloseTo(present.filter((c) => c < 0).length / present.length, 12);
      if (present.length >= 2) {
        let ss = 0;
        for (const c of present) ss += (c - mean) ** 2;
        expect(row.t_stat!).toBeCloseTo(mean / (Math.sqrt(ss / (present.length - 1)) / Math.sqrt(present.length)), 9);
        expect(row.p_value!).toBeGreaterThan(0);
        expect(row.p_value!).toBeLessThanOrEqual(1);
      }
      expect(row.events.at(-1)!.cumulative).toBeCloseTo(sum, 12);
    }
    // the market-reaction NVDA row contains the record loss with its CAR[-1,1]
    const mr = rows.find((r) => r.narrative === 'market-reaction' && r.ticker === 'NVDA')!;
    const loss = one(impacts, 'nvda-record-one-day-loss');
    expect(mr.events.find((e) => e.event_id === 'nvda-record-one-day-loss')!.car).toBe(loss.result!.windows[0]!.car);
    // the 2023 entry (other narrative) counts as missing, not as zero
    const other = rows.find((r) => r.narrative === 'other' && r.ticker === 'NVDA')!;
    expect(other.missing).toBeGreaterThanOrEqual(1);
    expect(other.events.some((e) => e.event_id === 'altman-gpt4-over-100m')).toBe(false);
  });

  it('GET /api/narratives: shape, window param, determinism and 400s', async () => {
    const get = (qs: string) => narrativesGET(url(`/api/narratives${qs}`));
    const res = await get('?window=0:0&asOf=2025-01-28');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(await (await get('?asOf=2025-01-28&window=0:0&tickers=nvda')).text()).toBe(text);
    const body = JSON.parse(text) as { position: number; params: { window: number[] }; params_hash: string; narratives: Row[] };
    expect(Object.keys(body)).toEqual(['position', 'params', 'params_hash', 'narratives']);
    expect(body.params.window).toEqual([0, 0]);
    const mr = body.narratives.find((r) => r.narrative === 'market-reaction')!;
    expect(mr.ticker).toBe('NVDA');
    // at 2025-01-28: every market-reaction entry dated by then (whatever tickers it lists), date then id order;
    // the rebound at 21:00 UTC is 16:00 New York, not after the close, so its day 0 is 2025-01-28 itself
    expect(mr.events.map((e) => e.event_id)).toEqual([
      'nvda-record-one-day-loss',
      'nvidia-statement-test-time-scaling',
      'us-indexes-chip-selloff-2025-01-27',
      'nvda-rebound-2025-01-28',
    ]);
    expect(mr.missing).toBe(0);
    expect(mr.events[0]!.car).toBeCloseTo(-0.13230471861273158, 10);
    const rebound = one(
      (await computeImpacts(db.read, { events: ['nvda-rebound-2025-01-28'], windows: '0:0', asOf: '2025-01-28' })).results,
      'nvda-rebound-2025-01-28',
    );
    expect(rebound.day0).toEqual({ date: '2025-01-28', reason: 'same day' });
    expect(mr.events[3]!.car).toBe(rebound.result!.windows[0]!.car);
    expect(mr.events[3]!.car).toBeGreaterThan(0);
    expect(mr.cumulative_car!).toBeCloseTo(mr.events.reduce((a, e) => a + e.car, 0), 12);

    const bad = await get('?window=2:1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { problems: { field: string }[] }).problems[0]!.field).toBe('window');
    const unknown = await get('?windows=0:0');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/windows: unknown parameter/);
    expect((await get('?tickers=ZZZZ')).status).toBe(404);
  });
});
