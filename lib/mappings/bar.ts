// The one mapping of a daily price bar: its recorded values, and its CSV record.
import type { BarView } from '@/lib/contracts/read';
import { formatCell, formatNumber, type ExportRecord } from '@/lib/csv/cells';
import { encodeRows, EXPORT_COLUMNS, recordToCells } from '@/lib/csv/export';
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

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const num = (v: number | null) => (v === null ? '' : formatNumber(v));

/**
 * The CSV lines of one ticker's bars: byte for byte what the general encoder (csvChunks) writes
 * for their priceRecords, without a cells array and a csv-stringify call per row — the prices
 * export's hot path (a million bars a download). A ticker or date that would need quoting or
 * neutralising goes through the general encoder.
 */
export function priceCsvLines(ticker: string, bars: readonly BarView[]): string {
  const general = (bar: BarView) => encodeRows([recordToCells(EXPORT_COLUMNS.prices, priceRecord(ticker, bar))]);
  const tickerCell = formatCell(ticker);
  if (encodeRows([[tickerCell]]) !== `${tickerCell}\r\n`) return bars.map(general).join('');
  let out = '';
  for (const b of bars) {
    if (!PLAIN_DATE.test(b.date)) out += general(b);
    else
      out += `${tickerCell},${b.date},${num(b.open)},${num(b.high)},${num(b.low)},${num(b.close)},${num(b.adj_close)},${num(b.volume)}\r\n`;
  }
  return out;
}
