import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '@/lib/analytics';
import { abnormalOn, eventsOnDay, prepareAbnormal, readLines, snapDay, stepDay, tradingDays } from './crosshair';
import { buildSeries } from './timeline';

function bars(ticker: string) {
  const text = fs.readFileSync(path.join(__dirname, `../../data/seed/prices/${ticker}.csv`), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [date, open, high, low, close, adj, volume] = line.split(',');
      return { date: date!, open: Number(open), high: Number(high), low: Number(low), close: Number(close), adj_close: adj ? Number(adj) : null, volume: volume ? Number(volume) : null };
    });
}
const nvda = bars('NVDA');
const spy = bars('SPY');

describe('snapping to trading days', () => {
  const days = ['2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28'];
  it('snaps a weekend to the nearer trading day, and clamps outside the range', () => {
    expect(snapDay(days, '2025-01-25')).toBe('2025-01-24');
    expect(snapDay(days, '2025-01-26')).toBe('2025-01-27');
    expect(snapDay(days, '2024-01-01')).toBe('2025-01-23');
    expect(snapDay(days, '2026-01-01')).toBe('2025-01-28');
    expect(snapDay([], '2025-01-01')).toBeNull();
  });
  it('steps by trading days and stops at the ends', () => {
    expect(stepDay(days, '2025-01-24', 1)).toBe('2025-01-27');
    expect(stepDay(days, '2025-01-28', 1)).toBe('2025-01-28');
    expect(stepDay(days, null, 1)).toBe('2025-01-23');
    expect(stepDay(days, null, -1)).toBe('2025-01-28');
  });
  it('collects the union of the lines’ dates', () => {
    const s = [buildSeries(nvda.slice(0, 3), 'NVDA', 'price', null), buildSeries(spy.slice(1, 4), 'SPY', 'price', null)];
    expect(tradingDays(s)).toEqual(nvda.slice(0, 4).map((b) => b.date));
  });
});

describe('the readout on 2025-01-27', () => {
  const series = [buildSeries(nvda, 'NVDA', 'price', null), buildSeries(spy, 'SPY', 'price', null)];
  it('reads every line with its daily change', () => {
    const [n, s] = readLines(series, '2025-01-27');
    expect(n).toMatchObject({ ticker: 'NVDA', value: 118.42 });
    expect(n!.change).toBeCloseTo(118.42 / 142.62 - 1, 10);
    expect(s!.ticker).toBe('SPY');
    expect(readLines(series, '2025-01-26')[0]).toEqual({ ticker: 'NVDA', value: null, change: null });
  });
  it('gives NVDA’s abnormal return that day: the event table’s [0,0] (−13.23%, t −5.71)', () => {
    const prepared = prepareAbnormal(nvda, spy, null);
    const a = abnormalOn(prepared, '2025-01-27', DEFAULT_PARAMS, { ticker: 'NVDA', benchmark: 'SPY' });
    expect(a.ar! * 100).toBeCloseTo(-13.23, 2);
    expect(a.t!).toBeCloseTo(-5.71, 2);
    expect(a.p!).toBeLessThan(0.0001);
  });
  it('says why there is no abnormal return before enough history', () => {
    const a = abnormalOn(prepareAbnormal(nvda, spy, null), '2024-02-01', DEFAULT_PARAMS, { ticker: 'NVDA', benchmark: 'SPY' });
    expect(a.ar).toBeNull();
    expect(a.reason).toMatch(/estimation|returns/);
  });
  it('lists the events that meet the market that day, weekend ones included', () => {
    const days = tradingDays(series);
    const entries = [{ date: '2025-01-24' }, { date: '2025-01-26' }, { date: '2025-01-27' }, { date: '2025-01-28' }];
    expect(eventsOnDay(entries, days, '2025-01-27')).toEqual([{ date: '2025-01-26' }, { date: '2025-01-27' }]);
  });
});
