// The one mapping of a daily price bar: its recorded values, and its CSV record.
import type { BarView } from '@/lib/contracts/read';
import type { ExportRecord } from '@/lib/csv/cells';
import type { BarValues } from '@/lib/domain/events';
import type { PriceBar } from '@/lib/domain/schemas';

/** Only the recorded values of a bar, whatever else the caller's object carries. */
export function barValues(b: BarValues): BarValues {
  return { open: b.open, high: b.high, low: b.low, close: b.close, adj_close: b.adj_close, volume: b.volume };
}

/** Only the recorded fields of a dated bar (drops e.g. the parser's `ticker`/`line`). */
export function cleanBar(b: PriceBar): PriceBar {
  return { date: b.date, ...barValues(b) };
}

export function sameBarValues(a: BarValues, b: BarValues): boolean {
  return a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.adj_close === b.adj_close && a.volume === b.volume;
}

export function priceRecord(ticker: string, bar: BarView): ExportRecord {
  return {
    ticker,
    date: bar.date,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    adj_close: bar.adj_close,
    volume: bar.volume,
  };
}
