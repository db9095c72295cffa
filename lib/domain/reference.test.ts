import { describe, expect, it } from 'vitest';
import { sha256Hex } from '@/lib/hash';
import type { DomainEvent } from './events';
import type { PriceBar } from './schemas';
import { BARS_PER_EVENT, barsChecksum, barsOf, decideImportBars, decideListTicker, evolveTicker, initialTickerState, type TickerState } from './reference';

const listedEvent: DomainEvent = { type: 'TickerListed', data: { symbol: 'NVDA', name: 'NVIDIA', exchange: 'NASDAQ', role: 'subject', shares_outstanding: null } };
const listed = evolveTicker(initialTickerState, listedEvent);
const bar = (date: string, close: number): PriceBar => ({ date, open: close, high: close, low: close, close, adj_close: close, volume: 1 });
const given = (...events: DomainEvent[]): TickerState => events.reduce(evolveTicker, initialTickerState);
const imported = (...bars: PriceBar[]): DomainEvent => ({ type: 'PriceBarsImported', data: { source: 'a.csv', bars, checksum: barsChecksum(bars) } });

describe('ticker and price bar deciders', () => {
  it('lists a ticker once', () => {
    expect(decideListTicker({ symbol: 'NVDA', name: 'NVIDIA', exchange: null, role: 'subject', shares_outstanding: null }, initialTickerState)).toHaveLength(1);
    expect(() => decideListTicker({ symbol: 'NVDA', name: 'NVIDIA', exchange: null, role: 'subject', shares_outstanding: null }, listed)).toThrow(/already listed/);
  });

  it('refuses bars for an unlisted ticker, saying how to list it', () => {
    expect(() => decideImportBars({ symbol: 'XYZ', source: 'f.csv', bars: [bar('2025-01-02', 1)] }, initialTickerState)).toThrow(/POST \/api\/tickers/);
  });

  it('refuses a file that holds the same date twice', () => {
    expect(() => decideImportBars({ symbol: 'NVDA', source: 'f.csv', bars: [bar('2025-01-02', 1), bar('2025-01-02', 2)] }, listed)).toThrow(
      /2025-01-02 appears twice for NVDA/,
    );
  });

  it('folds the bars a ticker holds from its stream, corrections applied', () => {
    const state = given(listedEvent, imported(bar('2025-01-02', 1), bar('2025-01-03', 2)), {
      type: 'PriceBarsCorrected',
      data: { source: 'b.csv', corrections: [{ date: '2025-01-03', before: { ...bar('x', 2), date: undefined } as never, after: { open: 3, high: 3, low: 3, close: 3, adj_close: 3, volume: 1 } }], checksum: 'x' },
    });
    expect([...barsOf(state)]).toEqual([
      ['2025-01-02', { open: 1, high: 1, low: 1, close: 1, adj_close: 1, volume: 1 }],
      ['2025-01-03', { open: 3, high: 3, low: 3, close: 3, adj_close: 3, volume: 1 }],
    ]);
  });

  it('splits an import into new bars, unchanged bars and corrections with before and after', () => {
    const state = given(listedEvent, imported(bar('2025-01-02', 1), bar('2025-01-03', 2)));
    const { events, summary } = decideImportBars({ symbol: 'NVDA', source: 'f.csv', bars: [bar('2025-01-02', 1), bar('2025-01-03', 2.5), bar('2025-01-06', 3)] }, state);
    const list = [...events];
    expect(summary).toEqual({ inserted: 1, unchanged: 1, corrected: 1 });
    expect(list.map((e) => e.type)).toEqual(['PriceBarsImported', 'PriceBarsCorrected']);
    const corrected = list[1];
    if (corrected?.type !== 'PriceBarsCorrected') throw new Error('expected a correction');
    expect(corrected.data.corrections[0]).toEqual({
      date: '2025-01-03',
      before: { open: 2, high: 2, low: 2, close: 2, adj_close: 2, volume: 1 },
      after: { open: 2.5, high: 2.5, low: 2.5, close: 2.5, adj_close: 2.5, volume: 1 },
    });
  });

  it('records nothing when every bar is identical', () => {
    const state = given(listedEvent, imported(bar('2025-01-02', 1)));
    const { events, summary } = decideImportBars({ symbol: 'NVDA', source: 'f.csv', bars: [bar('2025-01-02', 1)] }, state);
    expect([...events]).toEqual([]);
    expect(summary).toEqual({ inserted: 0, unchanged: 1, corrected: 0 });
  });

  it('puts at most BARS_PER_EVENT bars in one event, in date order, with only the recorded fields', () => {
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const bars = Array.from({ length: BARS_PER_EVENT + 3 }, (_, i) => ({ ...bar(day(BARS_PER_EVENT + 2 - i), i + 1), line: i + 2, ticker: null }));
    const list = [...decideImportBars({ symbol: 'NVDA', source: 'f.csv', bars }, listed).events];
    expect(list.map((e) => (e.type === 'PriceBarsImported' ? e.data.bars.length : 0))).toEqual([BARS_PER_EVENT, 3]);
    const first = list[0]!;
    if (first.type !== 'PriceBarsImported') throw new Error('expected an import');
    expect(first.data.bars[0]).toEqual(bar(day(0), BARS_PER_EVENT + 3));
    expect(first.data.checksum).toBe(barsChecksum(first.data.bars));
  });

  it('checksums depend on every value, and any SHA-256 gives the same checksum', () => {
    expect(barsChecksum([bar('2025-01-02', 1)])).not.toBe(barsChecksum([bar('2025-01-02', 1.0001)]));
    expect(barsChecksum([bar('2025-01-02', 1)])).toBe(barsChecksum([bar('2025-01-02', 1)]));
    expect(barsChecksum([bar('2025-01-02', 1)])).toBe(`sha256:${sha256Hex('2025-01-02,1,1,1,1,1,1\n')}`);
  });
});
