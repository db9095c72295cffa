import { describe, expect, it } from 'vitest';
import type { PriceBar } from './schemas';
import { barsChecksum, decideImportBars, decideListTicker, evolveTicker, initialTickerState } from './reference';

const listed = evolveTicker(initialTickerState, { type: 'TickerListed', data: { symbol: 'NVDA', name: 'NVIDIA', exchange: 'NASDAQ', role: 'subject', shares_outstanding: null } });
const bar = (date: string, close: number): PriceBar => ({ date, open: close, high: close, low: close, close, adj_close: close, volume: 1 });

describe('ticker and price bar deciders', () => {
  it('lists a ticker once', () => {
    expect(decideListTicker({ symbol: 'NVDA', name: 'NVIDIA', exchange: null, role: 'subject', shares_outstanding: null }, initialTickerState)).toHaveLength(1);
    expect(() => decideListTicker({ symbol: 'NVDA', name: 'NVIDIA', exchange: null, role: 'subject', shares_outstanding: null }, listed)).toThrow(/already listed/);
  });

  it('refuses bars for an unlisted ticker, saying how to list it', () => {
    expect(() => decideImportBars({ symbol: 'XYZ', source: 'f.csv', bars: [bar('2025-01-02', 1)] }, initialTickerState, new Map())).toThrow(/POST \/api\/tickers/);
  });

  it('splits an import into new bars, unchanged bars and corrections with before and after', () => {
    const existing = new Map([
      ['2025-01-02', { open: 1, high: 1, low: 1, close: 1, adj_close: 1, volume: 1 }],
      ['2025-01-03', { open: 2, high: 2, low: 2, close: 2, adj_close: 2, volume: 1 }],
    ]);
    const { events, summary } = decideImportBars(
      { symbol: 'NVDA', source: 'f.csv', bars: [bar('2025-01-02', 1), bar('2025-01-03', 2.5), bar('2025-01-06', 3)] },
      listed,
      existing,
    );
    expect(summary).toEqual({ inserted: 1, unchanged: 1, corrected: 1 });
    expect(events.map((e) => e.type)).toEqual(['PriceBarsImported', 'PriceBarsCorrected']);
    const corrected = events[1];
    if (corrected?.type !== 'PriceBarsCorrected') throw new Error('expected a correction');
    expect(corrected.data.corrections[0]).toEqual({ date: '2025-01-03', before: existing.get('2025-01-03'), after: { open: 2.5, high: 2.5, low: 2.5, close: 2.5, adj_close: 2.5, volume: 1 } });
  });

  it('records nothing when every bar is identical', () => {
    const existing = new Map([['2025-01-02', { open: 1, high: 1, low: 1, close: 1, adj_close: 1, volume: 1 }]]);
    const { events, summary } = decideImportBars({ symbol: 'NVDA', source: 'f.csv', bars: [bar('2025-01-02', 1)] }, listed, existing);
    expect(events).toEqual([]);
    expect(summary).toEqual({ inserted: 0, unchanged: 1, corrected: 0 });
  });

  it('checksums depend on every value', () => {
    expect(barsChecksum([bar('2025-01-02', 1)])).not.toBe(barsChecksum([bar('2025-01-02', 1.0001)]));
    expect(barsChecksum([bar('2025-01-02', 1)])).toBe(barsChecksum([bar('2025-01-02', 1)]));
  });
});
