import { describe, expect, it } from 'vitest';
import { mapDay0s, newWindowTable, studyWindows } from './batch';
import { DEFAULT_PARAMS, runEventStudy } from './event-study';
import { prepareBenchmark, prepareSeries } from './returns';
import { barsFromReturns, lcg, weekdays } from './test-helpers';
import type { Bar, EventStudyParams, ModelName } from './types';

// A year of weekdays, a benchmark and two tickers (one with holes), and events spread over it.
const n = 300;
const rnd = lcg(99);
const dates = weekdays('2023-01-02', n);
const rm = dates.map(() => (rnd() - 0.5) * 0.03);
const r1 = rm.map((m) => 0.0005 + 1.2 * m + (rnd() - 0.5) * 0.01);
const r2 = rm.map((m) => -0.0002 + 0.8 * m + (rnd() - 0.5) * 0.02);
const benchBars = barsFromReturns(dates, rm, 400);
const full = barsFromReturns(dates, r1, 50);
const holes: Bar[] = barsFromReturns(dates, r2, 20).filter((_, i) => i % 37 !== 5);
const events = [5, 100, 150, 150, 151, 200, 290, 299].map((i) => ({ date: dates[i]!, time_utc: i === 151 ? '22:00' : null }));

describe('studyWindows: the many-pair path gives runEventStudy numbers to the last bit', () => {
  for (const model of ['market', 'market-adjusted', 'constant-mean'] as ModelName[])
    for (const asOf of [null, dates[200]!])
      it(`${model}, asOf ${asOf ?? 'none'}`, () => {
        const params: EventStudyParams = { ...DEFAULT_PARAMS, model, windows: [[0, 0], [-1, 1], [0, 5], [-5, 5], [2, 30]] };
        const bench = prepareBenchmark(benchBars);
        for (const bars of [full, holes]) {
          const series = prepareSeries(bars, bench, asOf);
          const day0 = mapDay0s(bench.calendar, events, series.end);
          const table = newWindowTable(events.length, params.windows.length);
          studyWindows(series, day0.index, params, series.end, table);
          events.forEach((ev, k) => {
            const one = runEventStudy({ event: { id: `e${k}`, ...ev }, ticker: 'T', benchmark: 'B', params, series, daily: false });
            const windows = one.result?.windows ?? [];
            expect(table.fitN[k]).toBe(one.result?.estimation.n ?? 0);
            params.windows.forEach((_, w) => {
              const o = k * params.windows.length + w;
              const expected = windows[w];
              expect(Object.is(table.car[o], expected?.car ?? NaN), `car ${k}/${w}`).toBe(true);
              expect(Object.is(table.t[o], expected?.t ?? NaN), `t ${k}/${w}`).toBe(true);
              expect(Object.is(table.p[o], expected?.p ?? NaN), `p ${k}/${w}`).toBe(true);
              expect(table.n[o]).toBe(expected?.n ?? 0);
            });
          });
        }
      });

  it('daily: false leaves the rows out and changes nothing else', () => {
    const series = prepareSeries(full, benchBars);
    const input = { event: { id: 'e', date: dates[150]! }, ticker: 'T', benchmark: 'B', params: DEFAULT_PARAMS, series };
    const withRows = runEventStudy(input);
    const without = runEventStudy({ ...input, daily: false });
    expect(withRows.result!.daily.length).toBeGreaterThan(0);
    expect(without).toEqual({ ...withRows, result: { ...withRows.result!, daily: [] } });
  });
});
