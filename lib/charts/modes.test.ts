// Given / when / then tests of what the price chart draws in each mode (TZ=UTC).
import { describe, expect, it } from 'vitest';
import type { DailyRow } from '@/lib/analytics/types';
import type { BarView, ImpactResult } from '@/lib/contracts/read';
import { axisLabel, emptyMessage, eventBand, eventDay, modeSeries, rebaseAnchor, valueFormat } from './modes';
import { toTime } from './timeline';

const bar = (date: string, close: number): BarView => ({ date, open: null, high: null, low: null, close, adj_close: null, volume: null });
const nvda = [bar('2025-01-23', 147.22), bar('2025-01-24', 142.62), bar('2025-01-27', 118.42), bar('2025-01-28', 128.99)];
const spy = [bar('2025-01-23', 609.75), bar('2025-01-24', 607.97), bar('2025-01-27', 599.37), bar('2025-01-28', 604.52)];
const bars = new Map([
  ['NVDA', nvda],
  ['SPY', spy],
]);

const row = (day: number, date: string, expected: number | null, car: number, ar: number | null): DailyRow => ({ day, date, return: null, benchmark_return: null, expected, ar, car });
const estimation = { start: '2024-07-01', end: '2025-01-10', n: 120, alpha: 0, beta: 1.5, sigma: 0.02, df: 118, r2: 0.5 };

function impact(ticker: string, daily: DailyRow[] | null, reason: string | null = null): ImpactResult {
  return {
    event_id: 'nvda-record-one-day-loss',
    event_date: '2025-01-27',
    event_time_utc: null,
    event_title: 'NVIDIA falls ~17%',
    ticker,
    benchmark: 'SPY',
    model: 'market',
    day0: daily ? { date: '2025-01-27', reason: 'same day' } : null,
    result: daily ? { estimation, daily, windows: [] } : null,
    reason,
    warnings: [],
  };
}

describe('eventDay and rebaseAnchor', () => {
  it('given a study with a day 0, the event day is day 0, not the calendar date', () => {
    expect(eventDay({ day0: { date: '2025-01-27', reason: 'weekend/holiday' } }, { date: '2025-01-25' })).toBe('2025-01-27');
  });

  it('given no study yet, the event day is the entry date; given no entry, null', () => {
    expect(eventDay(null, { date: '2025-01-25' })).toBe('2025-01-25');
    expect(eventDay({ day0: null }, null)).toBeNull();
  });

  it('in rebased mode anchors on the event day, else on the first visible day', () => {
    expect(rebaseAnchor('rebased', '2025-01-27', toTime('2025-01-02'))).toBe('2025-01-27');
    expect(rebaseAnchor('rebased', null, toTime('2025-01-02'))).toBe('2025-01-02');
  });

  it('in price and CAR mode has no anchor', () => {
    expect(rebaseAnchor('price', '2025-01-27', 0)).toBeNull();
    expect(rebaseAnchor('car', '2025-01-27', 0)).toBeNull();
  });
});

describe('modeSeries', () => {
  it('in price mode, gives one line of closes per ticker in the tickers\' order', () => {
    const series = modeSeries('price', ['SPY', 'NVDA'], bars, null, []);
    expect(series.map((s) => s.ticker)).toEqual(['SPY', 'NVDA']);
    expect(series[1]!.points.map((p) => p.value)).toEqual([147.22, 142.62, 118.42, 128.99]);
  });

  it('in rebased mode, puts every line at 100 on the anchor day', () => {
    const series = modeSeries('rebased', ['NVDA', 'SPY'], bars, '2025-01-24', []);
    expect(series.map((s) => s.points.find((p) => p.date === '2025-01-24')!.value)).toEqual([100, 100]);
    expect(series[0]!.points[2]!.value).toBeCloseTo((118.42 / 142.62) * 100, 10);
  });

  it('given a ticker without bars, gives it an empty line', () => {
    expect(modeSeries('price', ['AVGO'], bars, null, [])).toEqual([{ ticker: 'AVGO', points: [], note: null }]);
  });

  it('in CAR mode, charts each ticker\'s cumulative abnormal return in percent, with a note where there is no estimate', () => {
    const daily = [row(0, '2025-01-27', 0.01, -0.1323, -0.1323), row(1, '2025-01-28', 0.005, -0.08, 0.0523)];
    const series = modeSeries('car', ['NVDA', 'SPY'], bars, null, [impact('NVDA', daily), impact('AMD', null, 'not enough returns')]);
    expect(series[0]).toEqual({
      ticker: 'NVDA',
      note: null,
      points: [
        { date: '2025-01-27', t: toTime('2025-01-27'), value: -13.23, change: -0.1323 },
        { date: '2025-01-28', t: toTime('2025-01-28'), value: -8, change: 0.0523 },
      ],
    });
    expect(series[1]).toEqual({ ticker: 'AMD', note: 'not enough returns', points: [] });
  });
});

describe('eventBand', () => {
  const daily = [row(0, '2025-01-27', 0.01, -0.1323, -0.1323)];

  it('in price mode, starts at the close before the window and compounds the expected return', () => {
    const band = eventBand('price', impact('NVDA', daily), nvda, null)!;
    expect(band.map((b) => b.date)).toEqual(['2025-01-24', '2025-01-27']);
    expect(band[0]).toMatchObject({ expected: 142.62, lo: 142.62, hi: 142.62, actual: 142.62 });
    expect(band[1]!.expected).toBeCloseTo(142.62 * 1.01, 10);
    expect(band[1]!.hi).toBeCloseTo(142.62 * 1.01 * 1.04, 10);
    expect(band[1]!.actual).toBe(118.42);
  });

  it('in rebased mode, is in the same units as the rebased line', () => {
    const band = eventBand('rebased', impact('NVDA', daily), nvda, '2025-01-24')!;
    expect(band[0]!.expected).toBeCloseTo(100, 10);
    expect(band[1]!.expected).toBeCloseTo(101, 10);
    expect(band[1]!.actual).toBeCloseTo((118.42 / 142.62) * 100, 10);
  });

  it('in rebased mode with no bar on or after the anchor, falls back to prices', () => {
    expect(eventBand('rebased', impact('NVDA', daily), nvda, '2026-01-01')![0]!.expected).toBe(142.62);
  });

  it('given a window that starts on the first bar, has no day before and so no points', () => {
    expect(eventBand('price', impact('NVDA', [row(0, '2025-01-23', 0.01, 0, 0)]), nvda, null)).toEqual([]);
  });

  it('in CAR mode, without a study, or with no daily rows, is null', () => {
    expect(eventBand('car', impact('NVDA', daily), nvda, null)).toBeNull();
    expect(eventBand('price', null, nvda, null)).toBeNull();
    expect(eventBand('price', impact('NVDA', null, 'no data'), nvda, null)).toBeNull();
    expect(eventBand('price', impact('NVDA', []), nvda, null)).toBeNull();
  });
});

describe('axis text', () => {
  it('formats values per mode', () => {
    expect(valueFormat('car')(-13.234)).toBe('-13.2%');
    expect(valueFormat('rebased')(99.6)).toBe('100');
    expect([1234.5, 142.6, 42.456].map(valueFormat('price'))).toEqual(['1235', '143', '42.46']);
  });

  it('labels the y axis per mode', () => {
    expect(axisLabel('car', 'NVIDIA falls ~17%', null)).toBe('CAR % around NVIDIA falls ~17%');
    expect(axisLabel('car', null, null)).toBe('CAR % around event');
    expect(axisLabel('rebased', null, '2025-01-27')).toBe('Rebased to 100 on 2025-01-27');
    expect(axisLabel('price', null, null)).toBe('Close (USD / index points)');
  });
});

describe('emptyMessage', () => {
  const empty = [{ ticker: 'NVDA', points: [], note: null }];
  const drawn = [{ ticker: 'NVDA', points: [{ date: '2025-01-27', t: 0, value: 1, change: null }], note: null }];

  it('in CAR mode without a selected event, asks for one', () => {
    expect(emptyMessage('car', false, true, empty, null)).toMatch(/^Select an event/);
  });

  it('while loading, or with a line to draw, says nothing', () => {
    expect(emptyMessage('price', false, true, empty, null)).toBeNull();
    expect(emptyMessage('price', false, false, drawn, null)).toBeNull();
  });

  it('given no points once loaded, says why', () => {
    expect(emptyMessage('price', false, false, empty, null)).toBe('No prices in this range for the selected tickers.');
    expect(emptyMessage('car', true, false, empty, 'event after the last price')).toBe('No abnormal returns for this event: event after the last price');
    expect(emptyMessage('car', true, false, empty, undefined)).toBe('No abnormal returns for this event: no data');
  });
});
