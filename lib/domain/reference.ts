// Deciders for reference data: narratives and tickers (with their price bars).
import { createHash } from 'node:crypto';
import { DomainError } from './errors';
import type { BarCorrection, BarValues, DomainEvent } from './events';
import type { NarrativeFields, PriceBar, TickerFields } from './schemas';

// ---- narratives ----
export type NarrativeState = { status: 'none' } | { status: 'defined'; narrative: NarrativeFields & { id: string } };
export const initialNarrativeState: NarrativeState = { status: 'none' };

export function decideDefineNarrative(
  input: NarrativeFields & { id: string; sort_order: number },
  state: NarrativeState,
): DomainEvent[] {
  if (state.status !== 'none') throw new DomainError('conflict', `narrative "${input.id}" already exists`);
  return [{ type: 'NarrativeDefined', data: input }];
}

export function evolveNarrative(state: NarrativeState, event: DomainEvent): NarrativeState {
  return event.type === 'NarrativeDefined' ? { status: 'defined', narrative: event.data } : state;
}

// ---- tickers ----
export type TickerState = { status: 'none' } | { status: 'listed'; ticker: TickerFields & { symbol: string } };
export const initialTickerState: TickerState = { status: 'none' };

export function decideListTicker(input: TickerFields & { symbol: string }, state: TickerState): DomainEvent[] {
  if (state.status !== 'none') throw new DomainError('conflict', `ticker "${input.symbol}" is already listed`);
  return [{ type: 'TickerListed', data: input }];
}

export function evolveTicker(state: TickerState, event: DomainEvent): TickerState {
  return event.type === 'TickerListed' ? { status: 'listed', ticker: event.data } : state;
}

// ---- price bars ----
export type ImportSummary = { inserted: number; unchanged: number; corrected: number };

export function barValues(b: PriceBar): BarValues {
  return { open: b.open, high: b.high, low: b.low, close: b.close, adj_close: b.adj_close, volume: b.volume };
}

function sameBar(a: BarValues, b: BarValues): boolean {
  return (
    a.open === b.open &&
    a.high === b.high &&
    a.low === b.low &&
    a.close === b.close &&
    a.adj_close === b.adj_close &&
    a.volume === b.volume
  );
}

/** A stable checksum of bars: lets anyone verify which data an import recorded. */
export function barsChecksum(bars: readonly PriceBar[]): string {
  const h = createHash('sha256');
  for (const b of bars) h.update(`${b.date},${b.open},${b.high},${b.low},${b.close},${b.adj_close},${b.volume}\n`);
  return `sha256:${h.digest('hex')}`;
}

/**
 * Decide what an import of `incoming` bars records, given the bars already held
 * for the same dates (`existing`, looked up by the handler). New dates become one
 * PriceBarsImported; changed dates become one PriceBarsCorrected holding before and
 * after; identical bars record nothing.
 */
export function decideImportBars(
  input: { symbol: string; source: string; bars: readonly PriceBar[] },
  ticker: TickerState,
  existing: ReadonlyMap<string, BarValues>,
): { events: DomainEvent[]; summary: ImportSummary } {
  if (ticker.status !== 'listed')
    throw new DomainError('not_found', `ticker "${input.symbol}" is not listed; list it first with POST /api/tickers`);
  const fresh: PriceBar[] = [];
  const corrections: BarCorrection[] = [];
  let unchanged = 0;
  for (const bar of input.bars) {
    const before = existing.get(bar.date);
    const after = barValues(bar);
    if (!before) fresh.push(bar);
    else if (sameBar(before, after)) unchanged++;
    else corrections.push({ date: bar.date, before, after });
  }
  const events: DomainEvent[] = [];
  if (fresh.length > 0)
    events.push({ type: 'PriceBarsImported', data: { source: input.source, bars: fresh, checksum: barsChecksum(fresh) } });
  if (corrections.length > 0) {
    const afterBars = corrections.map((c) => ({ date: c.date, ...c.after }));
    events.push({
      type: 'PriceBarsCorrected',
      data: { source: input.source, corrections, checksum: barsChecksum(afterBars) },
    });
  }
  return { events, summary: { inserted: fresh.length, unchanged, corrected: corrections.length } };
}
