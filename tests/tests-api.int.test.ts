// The test battery, the matrix, the claim scatter and their CSVs (issue 15), through the route
// handlers on a real seeded database (SQLite, and PostgreSQL on npm test's second pass): the numbers against the independent SciPy/statsmodels
// reference (tests/reference/) to 1e-9, the parameter grammar (400s, 404s), log returns, and
// the bytes of the existing reads when log returns are not asked for.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as exportGET } from '@/app/api/export/[dataset]/route';
import { GET as impactsGET } from '@/app/api/impacts/route';
import { GET as matrixGET } from '@/app/api/impacts/matrix/route';
import { GET as testsGET } from '@/app/api/impacts/tests/route';
import { GET as claimReactionsGET } from '@/app/api/narratives/claim-reactions/route';
import { GET as narrativesGET } from '@/app/api/narratives/route';
import { TEST_NAMES } from '@/lib/analytics/battery';
import type { ClaimReactionsResponse, ImpactsResponse, MatrixResponse, NarrativesResponse, TestsResponse } from '@/lib/contracts/read';
import { openSeededStore, pointAppAt, type TestStore } from './db';

let db: TestStore;
const req = (path: string) => new Request(`http://localhost${path}`);

beforeAll(async () => {
  db = await openSeededStore('tests-api');
  pointAppAt(db);
});

async function body<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text.slice(0, 400)).toBe(status);
  return JSON.parse(text) as T;
}

type RefCase = {
  name: string;
  query: { events: string[]; tickers: string[]; window: string; model: string; returns: string };
  n: number;
  pairs: Record<string, number | string | null | boolean>[];
  excluded: { event: string; ticker: string; reason: string }[];
  caar: number;
  mean_bhar: number;
  tests: Record<string, { statistic: number; p_value: number; n: number; df?: number; r_bar?: number } | null>;
};
const reference = JSON.parse(fs.readFileSync('tests/reference/event-study-reference.json', 'utf8')) as { cases: RefCase[] };

function close(actual: number | null | undefined, expected: number | null | undefined, what: string) {
  if (expected === null || expected === undefined) return expect(actual ?? null, what).toBeNull();
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(Math.max(1e-9 * Math.abs(expected), 1e-15));
}

describe('GET /api/impacts/tests against the SciPy/statsmodels reference', () => {
  for (const c of reference.cases) {
    it(c.name, async () => {
      const q = c.query;
      const narrative = c.name.startsWith('nvda-true-cost') ? 'narrative=true-cost' : `events=${q.events.join(',')}`;
      const b = await body<TestsResponse>(testsGET(req(`/api/impacts/tests?${narrative}&tickers=${q.tickers.join(',')}&window=${q.window}&model=${q.model}&returns=${q.returns}`)));
      expect(b.n).toBe(c.n);
      expect(b.window).toEqual({ from: Number(q.window.split(':')[0]), to: Number(q.window.split(':')[1]) });
      expect(b.excluded.filter((e) => e.scope === 'sample').map((e) => [e.event, e.ticker])).toEqual(c.excluded.map((e) => [e.event, e.ticker]));
      c.pairs.forEach((ref, i) => {
        const p = b.pairs[i]!;
        expect([p.event, p.ticker, p.day0, p.estimation_n]).toEqual([ref.event, ref.ticker, ref.day0, ref.estimation_n]);
        for (const f of ['car', 't', 'p', 'scar', 'bhar', 'cav', 'cav_t', 'sigma'] as const) close(p[f], ref[f] as number | null, `${p.event}@${p.ticker} ${f}`);
      });
      close(b.caar, c.caar, 'caar');
      close(b.mean_bhar, c.mean_bhar, 'mean_bhar');
      for (const name of TEST_NAMES) {
        const ref = c.tests[name];
        if (!ref) continue;
        close(b.tests[name].statistic, ref.statistic, `${name} statistic`);
        close(b.tests[name].p_value, ref.p_value, `${name} p`);
        expect(b.tests[name].n).toBe(ref.n);
        if (ref.df !== undefined) expect(b.tests[name].df).toBe(ref.df);
        if (ref.r_bar !== undefined) close(b.tests[name].r_bar, ref.r_bar, `${name} r_bar`);
      }
    });
  }

  it('explicit pairs give the same battery as events × tickers', async () => {
    const tickers = ['NVDA', 'AVGO', 'TSM', 'AMD', 'MU', 'SMCI', 'ASML'];
    const a = await body<TestsResponse>(testsGET(req(`/api/impacts/tests?events=nvda-record-one-day-loss&tickers=${tickers.join(',')}`)));
    const b = await body<TestsResponse>(testsGET(req(`/api/impacts/tests?pairs=${[...tickers].reverse().map((t) => `nvda-record-one-day-loss@${t}`).join(',')}`)));
    expect(b.n).toBe(7);
    for (const name of TEST_NAMES) expect(b.tests[name].statistic!).toBeCloseTo(a.tests[name].statistic!, 12);
    expect(b.params.pairs).toHaveLength(7);
    expect(b.params_hash).not.toBe(a.params_hash);
  });

  it('the benchmark and pairs without data are excluded with their reasons; SOX has no volume', async () => {
    const b = await body<TestsResponse>(testsGET(req('/api/impacts/tests?events=nvda-record-one-day-loss,deepseek-v3-2-release&tickers=NVDA,SPY,SOX')));
    expect(b.pairs.map((p) => `${p.event}@${p.ticker}`)).toEqual(['nvda-record-one-day-loss@NVDA', 'nvda-record-one-day-loss@SOX']);
    expect(b.excluded).toEqual([
      { event: 'nvda-record-one-day-loss', ticker: 'SPY', reason: 'SPY is the benchmark: its abnormal return is zero by construction', scope: 'sample' },
      { event: 'nvda-record-one-day-loss', ticker: 'SOX', reason: 'no volume in the estimation window', scope: 'volume' },
      expect.objectContaining({ event: 'deepseek-v3-2-release', ticker: 'NVDA', scope: 'sample', reason: expect.stringMatching(/after the last trading day/) }),
      expect.objectContaining({ event: 'deepseek-v3-2-release', ticker: 'SPY', scope: 'sample' }),
      expect.objectContaining({ event: 'deepseek-v3-2-release', ticker: 'SOX', scope: 'sample' }),
    ]);
    expect(b.pairs[1]!.cav).toBeNull();
    expect(b.tests.volume_t).toMatchObject({ statistic: null, n: 1, reason: 'fewer than 2 pairs' });
  });

  it('as of the sell-off day the -1:1 window is not known yet: every pair is excluded, tests are null with reasons', async () => {
    const b = await body<TestsResponse>(testsGET(req('/api/impacts/tests?events=nvda-record-one-day-loss&tickers=NVDA,AMD&asOf=2025-01-27')));
    expect(b.n).toBe(0);
    expect(b.excluded[0]!.reason).toMatch(/window \[-1,1\] incomplete: 2 of 3 trading days before the as-of date/);
    for (const name of TEST_NAMES) expect(b.tests[name]).toMatchObject({ statistic: null, p_value: null });
    expect(b.caar).toBeNull();
    const at00 = await body<TestsResponse>(testsGET(req('/api/impacts/tests?events=nvda-record-one-day-loss&tickers=NVDA,AMD&asOf=2025-01-27&window=0:0')));
    expect(at00.n).toBe(2);
  });

  it('same request, same bytes; log returns are part of the params and the hash', async () => {
    const path = '/api/impacts/tests?narrative=market-reaction&tickers=NVDA,AVGO';
    const [a, b] = await Promise.all([testsGET(req(path)).then((r) => r.text()), testsGET(req(path)).then((r) => r.text())]);
    expect(a).toBe(b);
    const simple = JSON.parse(a) as TestsResponse;
    const explicit = await body<TestsResponse>(testsGET(req(`${path}&returns=simple`)));
    const log = await body<TestsResponse>(testsGET(req(`${path}&returns=log`)));
    expect(simple.params).not.toHaveProperty('returns');
    expect(explicit.params_hash).toBe(simple.params_hash);
    expect(log.params.returns).toBe('log');
    expect(log.params_hash).not.toBe(simple.params_hash);
    expect(log.pairs[0]!.car).not.toBe(simple.pairs[0]!.car);
  });

  it('refuses a bad sample with a 400 naming the parameter, and unknown things with a 404', async () => {
    const bad = async (q: string, field: string, status = 400) => {
      const b = await body<{ message: string; problems?: { field: string }[] }>(testsGET(req(`/api/impacts/tests?${q}`)), status);
      expect(b.message, q).toContain(field);
    };
    await bad('tickers=NVDA', 'events');
    await bad('events=nvda-record-one-day-loss&narrative=true-cost', 'narrative');
    await bad('pairs=nvda-record-one-day-loss@NVDA&tickers=AMD', 'pairs');
    await bad('pairs=nvda-record-one-day-loss', 'pairs');
    await bad('pairs=x@NV%20DA', 'pairs');
    await bad('events=nvda-record-one-day-loss&window=2:1', 'window');
    await bad('events=nvda-record-one-day-loss&windows=0:0', 'windows');
    await bad('events=nvda-record-one-day-loss&returns=percent', 'returns');
    await bad('narrative=True%20Cost', 'narrative');
    await bad(`pairs=${Array.from({ length: 5001 }, (_, i) => `e${i}@NVDA`).join(',')}`, 'at most 5000 pairs');
    await bad('narrative=no-such-narrative', 'known narratives: ');
    await bad('events=no-such-event', 'no-such-event', 404);
    await bad('events=nvda-record-one-day-loss&tickers=ZZZZ', 'ZZZZ', 404);
  });
});

describe('GET /api/narratives carries the battery per narrative × ticker', () => {
  it('each aggregate has every test; its cross-sectional t is the aggregate t when every window is complete', async () => {
    const b = await body<NarrativesResponse>(narrativesGET(req('/api/narratives?tickers=NVDA,AMD')));
    expect(b.narratives.length).toBeGreaterThan(4);
    for (const a of b.narratives) {
      expect(Object.keys(a.tests)).toEqual([...TEST_NAMES]);
      if (a.tests.cross_sectional_t.n === a.n && a.t_stat !== null) expect(a.tests.cross_sectional_t.statistic).toBeCloseTo(a.t_stat, 12);
    }
    const log = await body<NarrativesResponse>(narrativesGET(req('/api/narratives?tickers=NVDA&returns=log')));
    expect(log.params.returns).toBe('log');
  });
});

describe('GET /api/impacts: returns and volume are extensions', () => {
  it('returns=simple is the default: same bytes as no returns parameter; log changes the numbers', async () => {
    const base = '/api/impacts?event=nvda-record-one-day-loss&tickers=NVDA,AMD';
    const a = await (await impactsGET(req(base))).text();
    const b = await (await impactsGET(req(`${base}&returns=simple`))).text();
    expect(b).toBe(a);
    expect(a).not.toContain('"returns"');
    expect(a).not.toContain('"volume"');
    const log = await body<ImpactsResponse>(impactsGET(req(`${base}&returns=log`)));
    expect(log.params.returns).toBe('log');
    const simple = JSON.parse(a) as ImpactsResponse;
    const d0 = (r: ImpactsResponse) => r.results[0]!.result!.daily.find((d) => d.day === 0)!;
    expect(d0(log).return).toBeCloseTo(Math.log(1 + d0(simple).return!), 14);
  });

  it('volume=1 adds the abnormal volume over the same days and windows', async () => {
    const b = await body<ImpactsResponse>(impactsGET(req('/api/impacts?event=nvda-record-one-day-loss&tickers=NVDA,SOX&volume=1')));
    const nvda = b.results[0]!.result!.volume!;
    expect(b.params.volume).toBe(true);
    expect(nvda.reason).toBeNull();
    expect(nvda.estimation!.n).toBe(120);
    expect(nvda.daily.map((d) => d.day)).toEqual(b.results[0]!.result!.daily.map((d) => d.day));
    const day0 = nvda.daily.find((d) => d.day === 0)!;
    expect(day0.av).toBeCloseTo(Math.log1p(day0.volume!) - nvda.estimation!.mean, 12);
    expect(day0.av!).toBeGreaterThan(1); // NVIDIA traded far more than usual that day
    const w = nvda.windows.find((x) => x.from === -1 && x.to === 1)!;
    expect(w.t).toBeCloseTo(w.cav! / (nvda.estimation!.sd * Math.sqrt(3)), 12);
    expect(b.results[1]!.result!.volume).toEqual({ reason: 'no volume in the estimation window', estimation: null, daily: [], windows: [] });
  });
});

describe('GET /api/impacts/matrix', () => {
  it('events by date × the subject and peers, cells equal the impacts of the same window, summaries with BMP', async () => {
    const m = await body<MatrixResponse>(matrixGET(req('/api/impacts/matrix?narrative=market-reaction')));
    expect(m.tickers[0]).toBe('NVDA');
    expect(m.tickers).toContain('AVGO');
    expect(m.tickers).not.toContain('SPY');
    const dates = m.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(m.events.every((e) => e.narrative === 'market-reaction')).toBe(true);
    expect(m.cells).toHaveLength(m.events.length);
    expect(m.reasons.every((r, i) => r.length === m.tickers.length && m.cells[i]!.length === m.tickers.length)).toBe(true);
    const r = m.events.findIndex((e) => e.id === 'nvda-record-one-day-loss');
    const imp = await body<ImpactsResponse>(impactsGET(req(`/api/impacts?event=nvda-record-one-day-loss&tickers=${m.tickers.join(',')}&windows=-1:1`)));
    m.tickers.forEach((t, c) => {
      const w = imp.results.find((x) => x.ticker === t)!.result!.windows[0]!;
      expect(m.cells[r]![c]).toEqual({ car: w.car, t: w.t, p: w.p });
    });
    const cars = m.cells[r]!.filter((x) => x !== null).map((x) => x!.car);
    expect(m.rows[r]!.caar).toBeCloseTo(cars.reduce((a, b) => a + b, 0) / cars.length, 14);
    expect(m.rows[r]!.bmp.statistic!).toBeLessThan(-2); // the sell-off across the subject and all 13 peers
    expect(m.rows[r]!.bmp.p_value!).toBeLessThan(0.01);
    const late = m.events.findIndex((e) => e.date > '2025-07-01');
    expect(m.cells[late]!.every((x) => x === null)).toBe(true);
    expect(m.reasons[late]![0]).toMatch(/after the last trading day/);
  });

  it('filters by kind and date range; refuses bad parameters', async () => {
    const m = await body<MatrixResponse>(matrixGET(req('/api/impacts/matrix?kind=market&from=2025-01-01&to=2025-03-31&tickers=NVDA,AMD')));
    expect(m.events.length).toBeGreaterThan(2);
    expect(m.events.every((e) => e.kind === 'market' && e.date >= '2025-01-01' && e.date <= '2025-03-31')).toBe(true);
    expect(m.tickers).toEqual(['NVDA', 'AMD']);
    expect((await matrixGET(req('/api/impacts/matrix?kind=rumour'))).status).toBe(400);
    expect((await matrixGET(req('/api/impacts/matrix?from=2025-03-01&to=2025-01-01'))).status).toBe(400);
    expect((await matrixGET(req('/api/impacts/matrix?narrative=nope'))).status).toBe(400);
  });
});

describe('GET /api/narratives/claim-reactions', () => {
  it('dollar claims against the subject CAR at their dates, with the OLS slope; too few to conclude', async () => {
    const b = await body<ClaimReactionsResponse>(claimReactionsGET(req('/api/narratives/claim-reactions')));
    expect(b.ticker).toBe('NVDA');
    expect(b.points.map((p) => p.claim)).toContain('v3-training-run-cost');
    expect(b.points.every((p) => p.value_usd > 0 && Math.abs(p.log10_usd - Math.log10(p.value_usd)) < 1e-12)).toBe(true);
    expect(b.excluded.map((e) => e.claim)).toEqual(expect.arrayContaining(['gpu-count-wang', 'top-salary-semianalysis', 'r1-rl-cost', 'gpt4-training-cost']));
    expect(b.excluded.find((e) => e.claim === 'r1-rl-cost')!.reason).toMatch(/after the last trading day/);
    expect(b.fit.n).toBe(b.points.length);
    expect(b.fit.conclusive).toBe(b.points.length >= 8);
    // independent OLS of the returned points
    const xs = b.points.map((p) => p.log10_usd);
    const ys = b.points.map((p) => p.car);
    const mx = xs.reduce((a, c) => a + c, 0) / xs.length;
    const my = ys.reduce((a, c) => a + c, 0) / ys.length;
    const sxy = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
    const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
    expect(b.fit.slope!).toBeCloseTo(sxy / sxx, 12);
    const point = b.points.find((p) => p.claim === 'v3-training-run-cost')!;
    const tests = await body<TestsResponse>(testsGET(req(`/api/impacts/tests?events=deepseek-v3-technical-report&tickers=NVDA`)));
    expect(point.car).toBe(tests.pairs[0]!.car); // asserted the day of its entry
  });
});

describe('CSV exports: tests.csv and heatmap.csv', () => {
  async function csv(path: string) {
    const u = new URL(`http://localhost${path}`);
    const res = await exportGET(new Request(u), { params: Promise.resolve({ dataset: u.pathname.replace('/api/export/', '') }) });
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(200);
    return { res, text, rows: parse(text, { columns: true }) as Record<string, string>[] };
  }

  it('tests.csv: one row per test with the JSON numbers and the stamp', async () => {
    const q = 'events=nvda-record-one-day-loss&tickers=NVDA,AVGO,TSM,AMD,MU,SMCI,ASML&window=0:0';
    const json = await body<TestsResponse>(testsGET(req(`/api/impacts/tests?${q}`)));
    const { res, rows, text } = await csv(`/api/export/tests.csv?${q}&asOf=2025-06-30`);
    expect(text.startsWith('test,label,statistic,p_value,n,distribution,df,reason,window_from,window_to,benchmark,model,returns,estimation,gap,as_of,position,params_hash,pairs\r\n')).toBe(true);
    expect(rows.map((r) => r.test)).toEqual([...TEST_NAMES]);
    const patell = rows.find((r) => r.test === 'patell')!;
    expect(Number(patell.statistic)).toBeCloseTo(json.tests.patell.statistic!, 12);
    expect(patell).toMatchObject({ window_from: '0', window_to: '0', benchmark: 'SPY', model: 'market', returns: 'simple', estimation: '120', gap: '10', as_of: '2025-06-30' });
    expect(patell.pairs!.split(' | ')).toHaveLength(7);
    expect(res.headers.get('Content-Disposition')).toContain('impactline-tests_asof-2025-06-30.csv');
    expect(Number(res.headers.get('X-Impactline-Position'))).toBe(Number(patell.position));
    expect((await exportGET(req('/api/export/tests.csv?tickers=NVDA'), { params: Promise.resolve({ dataset: 'tests.csv' }) })).status).toBe(400);
  });

  it('heatmap.csv: one row per event × ticker, equal to the matrix', async () => {
    const q = 'narrative=market-reaction&tickers=NVDA,AMD&returns=log';
    const m = await body<MatrixResponse>(matrixGET(req(`/api/impacts/matrix?${q}`)));
    const { rows } = await csv(`/api/export/heatmap.csv?${q}`);
    expect(rows).toHaveLength(m.events.length * 2);
    const r0 = rows[0]!;
    expect([r0.event_id, r0.ticker, r0.returns]).toEqual([m.events[0]!.id, 'NVDA', 'log']);
    rows.forEach((row, k) => {
      const cell = m.cells[Math.floor(k / 2)]![k % 2];
      expect(row.car === '' ? null : Number(row.car)).toBe(cell ? cell.car : null);
      expect(row.reason === '' ? null : row.reason).toBe(m.reasons[Math.floor(k / 2)]![k % 2]);
    });
  });
});
