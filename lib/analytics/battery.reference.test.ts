// The battery against the independent SciPy/statsmodels reference (tests/reference/): the same
// seed prices and entries, every statistic to 1e-9 (relative). The reference is regenerated with
//   /usr/bin/python3 tests/reference/event-study-reference.py > tests/reference/event-study-reference.json
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapDay0s } from './batch';
import { addPair, createSample, runBattery, TEST_NAMES, type TestResult } from './battery';
import { prepareBenchmark, prepareSeries } from './returns';
import type { Bar, ModelName, ReturnsKind } from './types';

const ROOT = path.resolve(__dirname, '../..');

type RefPair = Record<string, number | string | null | boolean>;
type RefCase = {
  name: string;
  query: { events: string[]; tickers: string[]; window: string; model: ModelName; returns: ReturnsKind; benchmark: string; estimation: number; gap: number };
  n: number;
  pairs: RefPair[];
  excluded: { event: string; ticker: string; reason: string }[];
  caar: number;
  mean_bhar: number;
  tests: Record<string, Partial<TestResult> | null>;
};

const reference = JSON.parse(readFileSync(path.join(ROOT, 'tests/reference/event-study-reference.json'), 'utf8')) as { cases: RefCase[] };
const entries = JSON.parse(readFileSync(path.join(ROOT, 'data/seed/events.json'), 'utf8')) as { id: string; date: string; time_utc?: string | null }[];

function readBars(symbol: string): Bar[] {
  const lines = readFileSync(path.join(ROOT, 'data/seed/prices', `${symbol}.csv`), 'utf8').trim().split(/\r?\n/);
  const head = lines[0]!.split(',');
  const col = (name: string) => head.indexOf(name);
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    const num = (name: string) => (f[col(name)] === '' || f[col(name)] === undefined ? null : Number(f[col(name)]));
    return { date: f[col('date')]!, close: Number(f[col('close')]), adj_close: num('adj_close'), volume: num('volume') };
  });
}

/** |actual − expected| ≤ 1e-9 relative (1e-15 absolute floor for values at zero). */
function expectClose(actual: number | null | undefined, expected: number | null | undefined, what: string): void {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const tol = Math.max(1e-9 * Math.abs(expected), 1e-15);
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('test battery vs the SciPy/statsmodels reference', () => {
  for (const c of reference.cases) {
    it(c.name, () => {
      const q = c.query;
      const [t1, t2] = q.window.split(':').map(Number) as [number, number];
      const bench = prepareBenchmark(readBars(q.benchmark), q.returns);
      const end = bench.calendar.length;
      const events = q.events.map((id) => entries.find((e) => e.id === id)!);
      const day0 = mapDay0s(bench.calendar, events, end);
      const sample = createSample({ model: q.model, estimation: q.estimation, gap: q.gap, window: [t1, t2] }, q.returns, events.length * q.tickers.length);
      const order: { event: string; ticker: string }[] = [];
      const excluded: { event: string; ticker: string }[] = [];
      for (let e = 0; e < events.length; e++)
        for (const ticker of q.tickers) {
          const series = prepareSeries(readBars(ticker), bench);
          const reason = day0.index[e]! < 0 ? day0.reasons[e] : addPair(sample, series, day0.index[e]!, end);
          if (reason === null) order.push({ event: events[e]!.id, ticker });
          else excluded.push({ event: events[e]!.id, ticker });
        }
      expect(sample.size).toBe(c.n);
      expect(excluded).toEqual(c.excluded.map(({ event, ticker }) => ({ event, ticker })));
      c.pairs.forEach((ref, i) => {
        const label = `${ref.event}@${ref.ticker}`;
        expect(order[i]).toEqual({ event: ref.event, ticker: ref.ticker });
        expect(sample.M[i], label).toBe(ref.estimation_n);
        for (const [field, col] of [
          ['car', sample.car],
          ['t', sample.t],
          ['p', sample.p],
          ['scar', sample.scar],
          ['bhar', sample.bhar],
          ['sigma', sample.sigma],
        ] as const)
          expectClose(col[i], ref[field] as number, `${label} ${field}`);
        const cav = sample.cav[i]!;
        expectClose(Number.isNaN(cav) ? null : cav, ref.cav as number | null, `${label} cav`);
        const cavT = sample.cavT[i]!;
        expectClose(Number.isNaN(cavT) ? null : cavT, ref.cav_t as number | null, `${label} cav_t`);
      });
      const tests = runBattery(sample);
      for (const name of TEST_NAMES) {
        const ref = c.tests[name];
        const got = tests[name];
        if (!ref) {
          expect(got.statistic, name).toBeNull();
          continue;
        }
        expectClose(got.statistic, ref.statistic, `${name} statistic`);
        expectClose(got.p_value, ref.p_value, `${name} p`);
        expect(got.n, `${name} n`).toBe(ref.n);
        if (ref.df !== undefined) expect(got.df, `${name} df`).toBe(ref.df);
        if (ref.r_bar !== undefined) expectClose(got.r_bar, ref.r_bar, `${name} r_bar`);
        if (ref.p_hat !== undefined) expectClose(got.p_hat, ref.p_hat, `${name} p_hat`);
        if (ref.positive !== undefined) expect(got.positive, `${name} positive`).toBe(ref.positive);
      }
    });
  }
});
