// The prices export's fast encoder must write exactly the bytes of the general one.
import { describe, expect, it } from 'vitest';
import type { BarView } from '@/lib/contracts/read';
import { encodeRows, EXPORT_COLUMNS, recordToCells } from '@/lib/csv/export';
import { priceCsvLines, priceRecord } from './bar';

const general = (ticker: string, bars: readonly BarView[]) =>
  bars.map((b) => encodeRows([recordToCells(EXPORT_COLUMNS.prices, priceRecord(ticker, b))])).join('');

/** A small deterministic generator (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('priceCsvLines', () => {
  it('given bars of every shape, when encoded, then the bytes equal the general encoder', () => {
    const rand = prng(11);
    const value = (): number | null => {
      const k = rand();
      if (k < 0.1) return null;
      if (k < 0.2) return Math.round(rand() * 1e8) / 1e4;
      if (k < 0.3) return rand() * 10 ** (Math.floor(rand() * 50) - 25); // 1e-7 and 1e+21 style exponents
      if (k < 0.4) return Math.fround(rand() * 1000); // float32 noise like Yahoo's 118.4200012207031
      if (k < 0.5) return 0;
      if (k < 0.6) return Math.round(rand() * 1e12);
      return rand() * 1000;
    };
    const bars: BarView[] = Array.from({ length: 5000 }, (_, i) => ({
      date: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      open: value(),
      high: value(),
      low: value(),
      close: value() ?? 1,
      adj_close: value(),
      volume: value(),
    }));
    for (const ticker of ['NVDA', '^GSPC', 'BRK.B', 'ES=F', '=X', '-A', '+B', '@C'])
      expect(priceCsvLines(ticker, bars), ticker).toBe(general(ticker, bars));
  });

  it('given a date that is not a plain ISO date, when encoded, then that row goes through the general encoder', () => {
    const bars: BarView[] = [
      { date: '2025-01-27', open: 1, high: 2, low: 0.5, close: 1.5, adj_close: null, volume: 10 },
      { date: '=2025,"x"', open: null, high: null, low: null, close: 1, adj_close: 1, volume: null },
    ];
    expect(priceCsvLines('NVDA', bars)).toBe(general('NVDA', bars));
    expect(priceCsvLines('NVDA', bars)).toContain(`"'=2025,""x"""`);
  });

  it('given no bars, then no text', () => {
    expect(priceCsvLines('NVDA', [])).toBe('');
  });
});
