// Given / when / then tests of the dashboard's time axis (TZ=UTC, see vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { clampDomain, dataExtent, inDomain, lastPriceDate, listedExtent, listedLastPrice, presetDomain, urlDomain, type Domain } from './domain';
import { toTime } from './timeline';

const d = (date: string) => ({ date });
const range = (from: string, to: string): Domain => [toTime(from), toTime(to)];

describe('dataExtent', () => {
  it('given bars of two tickers and entries, spans the earliest to the latest date of any of them', () => {
    const nvda = [d('2024-01-02'), d('2025-06-30')];
    const spy = [d('2024-01-03'), d('2025-06-27')];
    const entries = [d('2023-04-17'), d('2025-12-02')];
    expect(dataExtent([nvda, spy], entries)).toEqual(range('2023-04-17', '2025-12-02'));
  });

  it('given an empty ticker next to one with bars, ignores the empty one', () => {
    expect(dataExtent([[], [d('2025-01-02'), d('2025-01-31')]], [])).toEqual(range('2025-01-02', '2025-01-31'));
  });

  it('given nothing loaded yet, spans 2024-01-01 to 2025-12-31', () => {
    expect(dataExtent([], [])).toEqual(range('2024-01-01', '2025-12-31'));
  });

  it('reads a Map iterator of bars, as the dashboard passes it', () => {
    const bars = new Map([['NVDA', [d('2025-01-02'), d('2025-01-03')]]]);
    expect(dataExtent(bars.values(), [d('2025-01-10')])).toEqual(range('2025-01-02', '2025-01-10'));
  });
});

describe('lastPriceDate', () => {
  it('given bars, is the last bar date', () => {
    expect(lastPriceDate([d('2025-06-27'), d('2025-06-30')], range('2023-04-17', '2025-12-02'))).toBe('2025-06-30');
  });

  it('given no bars, is the end of the extent', () => {
    expect(lastPriceDate([], range('2023-04-17', '2025-12-02'))).toBe('2025-12-02');
  });
});

describe('presetDomain', () => {
  const extent = range('2023-04-17', '2025-12-02');

  it('given no as-of date, ends a 1M preset at the last price', () => {
    expect(presetDomain('1M', null, '2025-06-30', extent)).toEqual(range('2025-05-30', '2025-06-30'));
  });

  it('given an as-of date before the last price, ends the preset there', () => {
    expect(presetDomain('3M', '2025-01-28', '2025-06-30', extent)).toEqual(range('2024-10-28', '2025-01-28'));
  });

  it('given an as-of date after the last price, still ends at the last price', () => {
    expect(presetDomain('YTD', '2025-08-01', '2025-06-30', extent)).toEqual(range('2025-01-01', '2025-06-30'));
  });

  it('given All, is the whole extent', () => {
    expect(presetDomain('All', '2025-01-28', '2025-06-30', extent)).toEqual(extent);
  });

  it('given a preset reaching before the data, starts at the extent', () => {
    expect(presetDomain('1Y', null, '2024-02-01', range('2024-01-02', '2025-06-30'))).toEqual(range('2024-01-02', '2024-02-01'));
  });
});

describe('urlDomain', () => {
  const extent = range('2023-04-17', '2025-12-02');

  it('given from before to in the URL, is that range', () => {
    expect(urlDomain({ from: '2025-01-01', to: '2025-01-31', asOf: null }, '2025-06-30', extent)).toEqual(range('2025-01-01', '2025-01-31'));
  });

  it('given no range, is the six months up to the last price', () => {
    expect(urlDomain({ from: null, to: null, asOf: null }, '2025-06-30', extent)).toEqual(range('2024-12-30', '2025-06-30'));
  });

  it('given no range and an as-of date, is the six months up to the as-of date', () => {
    expect(urlDomain({ from: null, to: null, asOf: '2025-01-28' }, '2025-06-30', extent)).toEqual(range('2024-07-28', '2025-01-28'));
  });

  it('given from after to, or only one end, falls back to the default preset', () => {
    const fallback = range('2024-12-30', '2025-06-30');
    expect(urlDomain({ from: '2025-02-01', to: '2025-01-01', asOf: null }, '2025-06-30', extent)).toEqual(fallback);
    expect(urlDomain({ from: '2025-01-01', to: '2025-01-01', asOf: null }, '2025-06-30', extent)).toEqual(fallback);
    expect(urlDomain({ from: '2025-01-01', to: null, asOf: null }, '2025-06-30', extent)).toEqual(fallback);
  });
});

describe('clampDomain and inDomain', () => {
  const extent = range('2024-01-02', '2025-06-30');

  it('given a zoom past both ends of the data, clamps it to the extent', () => {
    expect(clampDomain(range('2023-06-01', '2026-01-01'), extent)).toEqual(extent);
  });

  it('given a domain inside the extent, leaves it alone', () => {
    expect(clampDomain(range('2025-01-02', '2025-01-31'), extent)).toEqual(range('2025-01-02', '2025-01-31'));
  });

  it('counts both ends of the domain as inside', () => {
    const jan = range('2025-01-01', '2025-01-31');
    expect(['2024-12-31', '2025-01-01', '2025-01-15', '2025-01-31', '2025-02-01'].map((x) => inDomain(x, jan))).toEqual([false, true, true, true, false]);
  });
});

describe('extent from the ticker list', () => {
  const tickers = [
    { symbol: 'NVDA', first_date: '2024-01-02', last_date: '2025-06-30' },
    { symbol: 'SPY', first_date: '2023-12-01', last_date: '2025-06-27' },
    { symbol: 'NEW', first_date: null, last_date: null },
  ];
  it('spans the selected tickers and the entries, before any bar has loaded', () => {
    expect(listedExtent(tickers, ['NVDA'], [{ date: '2025-12-01' }])).toEqual([toTime('2024-01-02'), toTime('2025-12-01')]);
    expect(listedExtent(tickers, ['NVDA', 'SPY', 'NEW'], [])).toEqual([toTime('2023-12-01'), toTime('2025-06-30')]);
  });
  it('takes the last price date of the primary from the list', () => {
    expect(listedLastPrice(tickers, 'SPY', [], [0, 1])).toBe('2025-06-27');
    expect(listedLastPrice(tickers, 'ZZZ', [{ date: '2025-01-02' }], [0, 1])).toBe('2025-01-02');
  });
});
