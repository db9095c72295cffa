// Deciders for reference data: tickers (with their price bars; narratives are in ./narrative). A ticker's state
// is folded from its own stream — the listing and every import and correction — so an import is
// decided against the ledger, never against a read model.
import { DomainError } from './errors';
import type { BarCorrection, BarValues, DomainEvent } from './events';
import type { PriceBar, TickerFields } from './schemas';
import { sha256Hex, type Sha256Hex } from '@/lib/hash';
import { barValues, cleanBar, sameBarValues } from '@/lib/mappings/bar';

// ---- tickers ----

/** What the ticker's stream recorded about its bars, in order: imports and corrections. */
export type BarLogItem = { imported: readonly PriceBar[] } | { corrected: readonly BarCorrection[] };

export type TickerState =
  | { status: 'none' }
  | { status: 'listed'; ticker: TickerFields & { symbol: string }; barLog: readonly BarLogItem[] };
export const initialTickerState: TickerState = { status: 'none' };

/** The events of a ticker stream that carry bars. */
export const BAR_EVENT_TYPES = ['PriceBarsImported', 'PriceBarsCorrected'] as const;

export function decideListTicker(input: TickerFields & { symbol: string }, state: TickerState): DomainEvent[] {
  if (state.status !== 'none') throw new DomainError('conflict', `ticker "${input.symbol}" is already listed`);
  return [{ type: 'TickerListed', data: input }];
}

export function evolveTicker(state: TickerState, event: DomainEvent): TickerState {
  switch (event.type) {
    case 'TickerListed':
      return { status: 'listed', ticker: event.data, barLog: [] };
    case 'PriceBarsImported':
      return state.status === 'listed' ? { ...state, barLog: [...state.barLog, { imported: event.data.bars }] } : state;
    case 'PriceBarsCorrected':
      return state.status === 'listed' ? { ...state, barLog: [...state.barLog, { corrected: event.data.corrections }] } : state;
    default:
      return state;
  }
}

/** The bars a ticker holds now, by date: every import, with later corrections applied. */
export function barsOf(state: TickerState): Map<string, BarValues> {
  const out = new Map<string, BarValues>();
  if (state.status !== 'listed') return out;
  for (const item of state.barLog) {
    if ('imported' in item) for (const b of item.imported) out.set(b.date, barValues(b));
    else for (const c of item.corrected) out.set(c.date, c.after);
  }
  return out;
}

// ---- price bars ----

/** Bars per PriceBarsImported (and corrections per PriceBarsCorrected) event: keeps each ledger
 *  row a manageable size, and bounds what one batch of a big import holds in memory. */
export const BARS_PER_EVENT = 5000;

export type ImportSummary = { inserted: number; unchanged: number; corrected: number };

/** A stable checksum of bars: lets anyone verify which data an import recorded. */
export function barsChecksum(bars: readonly PriceBar[], hash: Sha256Hex = sha256Hex): string {
  let text = '';
  for (const b of bars) text += `${b.date},${b.open},${b.high},${b.low},${b.close},${b.adj_close},${b.volume}\n`;
  return `sha256:${hash(text)}`;
}

const byDate = (a: PriceBar, b: PriceBar) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

export type BarImportDecision = {
  summary: ImportSummary;
  /**
   * The events to append, produced lazily: new bars in date order, one PriceBarsImported per
   * BARS_PER_EVENT input bars; changed bars gathered into PriceBarsCorrected events (before and
   * after kept), split only past BARS_PER_EVENT. Identical bars record nothing.
   */
  events: Iterable<DomainEvent>;
};

/**
 * Decide what an import of `input.bars` into a ticker records, given the ticker's state folded
 * from its stream. Refuses an unlisted ticker (404) and a file that holds a date twice (400).
 * Only the recorded fields of each bar go into the ledger, whatever else the objects carry.
 */
export function decideImportBars(
  input: { symbol: string; source: string; bars: readonly PriceBar[] },
  state: TickerState,
  hash: Sha256Hex = sha256Hex,
): BarImportDecision {
  if (state.status !== 'listed')
    throw new DomainError('not_found', `ticker "${input.symbol}" is not listed; list it first with POST /api/tickers`);
  // Date order (references only, no copy of the bars); the same date twice cannot be recorded.
  const sorted = [...input.bars].sort(byDate);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.date === sorted[i - 1]!.date)
      throw new DomainError('validation', `bars: ${sorted[i]!.date} appears twice for ${input.symbol}`, { date: sorted[i]!.date });
  }
  const existing = barsOf(state);
  const summary: ImportSummary = { inserted: 0, unchanged: 0, corrected: 0 };
  for (const bar of sorted) {
    const before = existing.get(bar.date);
    if (!before) summary.inserted++;
    else if (sameBarValues(before, bar)) summary.unchanged++;
    else summary.corrected++;
  }
  return { summary, events: barEvents(input.source, sorted, existing, hash) };
}

function* barEvents(source: string, sorted: readonly PriceBar[], existing: ReadonlyMap<string, BarValues>, hash: Sha256Hex): Generator<DomainEvent> {
  let pending: BarCorrection[] = [];
  for (let i = 0; i < sorted.length; i += BARS_PER_EVENT) {
    const fresh: PriceBar[] = [];
    for (const bar of sorted.slice(i, i + BARS_PER_EVENT)) {
      const before = existing.get(bar.date);
      if (!before) fresh.push(cleanBar(bar));
      else if (!sameBarValues(before, bar)) pending.push({ date: bar.date, before, after: barValues(bar) });
    }
    if (fresh.length > 0) yield { type: 'PriceBarsImported', data: { source, bars: fresh, checksum: barsChecksum(fresh, hash) } };
    if (pending.length >= BARS_PER_EVENT) {
      yield* correctionEvents(source, pending, hash);
      pending = [];
    }
  }
  if (pending.length > 0) yield* correctionEvents(source, pending, hash);
}

function* correctionEvents(source: string, corrections: readonly BarCorrection[], hash: Sha256Hex): Generator<DomainEvent> {
  for (let i = 0; i < corrections.length; i += BARS_PER_EVENT) {
    const part = corrections.slice(i, i + BARS_PER_EVENT);
    const afterBars = part.map((c) => ({ date: c.date, ...c.after }));
    yield { type: 'PriceBarsCorrected', data: { source, corrections: part, checksum: barsChecksum(afterBars, hash) } };
  }
}
