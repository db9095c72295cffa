// Bars of a (possibly multi-ticker) file, per ticker and in date order, as the ledger stores them.
import type { PriceBar } from '@/lib/domain/schemas';
import type { ParsedBar } from './types';

/**
 * Groups parsed bars per ticker (rows without a ticker column go under `defaultTicker`),
 * each list sorted by date, with the parser's `ticker`/`line` bookkeeping stripped.
 */
export function groupBarsByTicker(bars: readonly ParsedBar[], defaultTicker: string): Map<string, PriceBar[]> {
  const out = new Map<string, PriceBar[]>();
  for (const b of bars) {
    const key = b.ticker ?? defaultTicker;
    let list = out.get(key);
    if (list === undefined) {
      list = [];
      out.set(key, list);
    }
    list.push({ date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adj_close: b.adj_close, volume: b.volume });
  }
  for (const list of out.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return out;
}
