import { describe, expect, it } from 'vitest';
import { prepareBenchmark, prepareSeries, returnPrice, SERIES_WORDS } from './returns';
import type { Bar } from './types';

const bench: Bar[] = [
  { date: '2025-01-06', close: 100, adj_close: 100 },
  { date: '2025-01-03', close: 99, adj_close: 98 }, // unsorted on purpose
  { date: '2025-01-07', close: 102, adj_close: null },
  { date: '2025-01-08', close: 101, adj_close: 101 },
  { date: '2025-01-09', close: 103.02, adj_close: 103.02 },
];

describe('returns and calendar alignment', () => {
  it('uses adj_close, falling back to close per bar', () => {
    expect(returnPrice({ date: '2025-01-01', close: 10, adj_close: 9 })).toBe(9);
    expect(returnPrice({ date: '2025-01-01', close: 10, adj_close: null })).toBe(10);
    expect(Number.isNaN(returnPrice({ date: '2025-01-01', close: 0, adj_close: null }))).toBe(true);
  });

  it('builds a sorted calendar with benchmark returns', () => {
    const b = prepareBenchmark(bench);
    expect(b.calendar).toEqual(['2025-01-03', '2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09']);
    expect(Number.isNaN(b.mret[0])).toBe(true);
    expect(b.mret[1]).toBeCloseTo(100 / 98 - 1, 15);
    expect(b.mret[2]).toBeCloseTo(0.02, 15); // 102 (close fallback) / 100
    expect(b.mret[3]).toBeCloseTo(101 / 102 - 1, 15);
  });

  it('a missing ticker day gives missing returns on that day and the next; off-calendar bars are ignored', () => {
    const ticker: Bar[] = [
      { date: '2025-01-03', close: 10, adj_close: 10 },
      { date: '2025-01-04', close: 50, adj_close: 50 }, // Saturday: not on the calendar
      { date: '2025-01-06', close: 11, adj_close: 11 },
      // 2025-01-07 missing
      { date: '2025-01-08', close: 12, adj_close: 12 },
      { date: '2025-01-09', close: 13.2, adj_close: null },
    ];
    const s = prepareSeries(ticker, bench);
    expect(s.end).toBe(5);
    expect(s.ret[1]).toBeCloseTo(0.1, 15);
    expect(Number.isNaN(s.ret[2])).toBe(true);
    expect(Number.isNaN(s.ret[3])).toBe(true);
    expect(s.ret[4]).toBeCloseTo(0.1, 15);
    expect(Number.isNaN(s.close[2])).toBe(true);
    expect(s.close[4]).toBe(13.2);
  });

  it('asOf limits the usable days', () => {
    const s = prepareSeries([], bench, '2025-01-07');
    expect(s.end).toBe(3);
    expect(s.asOf).toBe('2025-01-07');
  });
});

describe('log returns, volume and the lent buffer', () => {
  it('log returns are ln(P_t/P_{t-1}) for the benchmark and the ticker', () => {
    const b = prepareBenchmark(bench, 'log');
    expect(b.returns).toBe('log');
    expect(b.mret[1]).toBeCloseTo(Math.log(100 / 98), 15);
    const s = prepareSeries(bench, b);
    expect(s.returns).toBe('log');
    expect(s.ret[2]).toBeCloseTo(Math.log(1.02), 15);
    expect(() => prepareSeries(bench, b, null, { returns: 'simple' })).toThrow(/log returns/);
  });

  it('volume is kept per calendar day (NaN when unknown or invalid)', () => {
    const ticker: Bar[] = [
      { date: '2025-01-03', close: 10, adj_close: 10, volume: 1000 },
      { date: '2025-01-06', close: 11, adj_close: 11, volume: null },
      { date: '2025-01-07', close: 12, adj_close: 12, volume: -5 },
      { date: '2025-01-08', close: 12, adj_close: 12 },
      { date: '2025-01-09', close: 13, adj_close: 13, volume: 0 },
    ];
    const s = prepareSeries(ticker, bench);
    expect(Array.from(s.volume)).toEqual([1000, NaN, NaN, NaN, 0]);
  });

  it('gap counts tell how many days miss a return (or a benchmark return)', () => {
    const ticker: Bar[] = [
      { date: '2025-01-03', close: 10, adj_close: 10 },
      { date: '2025-01-06', close: 11, adj_close: 11 },
      { date: '2025-01-08', close: 12, adj_close: 12 },
      { date: '2025-01-09', close: 13, adj_close: 13 },
    ];
    const s = prepareSeries(ticker, bench);
    // day 0 has no previous day; 01-07 missing → 01-07 and 01-08 have no return
    expect(Array.from(s.retGaps)).toEqual([1, 1, 2, 3, 3]);
    expect(Array.from(s.gaps)).toEqual([1, 1, 2, 3, 3]);
  });

  it('a lent buffer holds the series without allocating; off-calendar input still aligns', () => {
    const buffer = new Float64Array(SERIES_WORDS * 5);
    const gappy: Bar[] = [
      { date: '2025-01-03', close: 10, adj_close: 10 },
      { date: '2025-01-08', close: 12, adj_close: 12 },
    ];
    const a = prepareSeries(gappy, bench, null, { buffer });
    expect(a.ret.buffer).toBe(buffer.buffer);
    expect(Number.isNaN(a.ret[4])).toBe(true);
    expect(a.close[3]).toBe(12);
    const fresh = prepareSeries(gappy, bench);
    expect(Array.from(a.ret)).toEqual(Array.from(fresh.ret));
    expect(Array.from(a.gaps)).toEqual(Array.from(fresh.gaps));
  });
});
