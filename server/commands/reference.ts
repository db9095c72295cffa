// Reference data commands: define a narrative, list a ticker.
import type { LedgerWriter } from '@/db/store';
import {
  decideDefineNarrative,
  decideListTicker,
  evolveNarrative,
  evolveTicker,
  initialNarrativeState,
  initialTickerState,
  type TickerState,
} from '@/lib/domain/reference';
import type { NarrativeFields, TickerFields } from '@/lib/domain/schemas';
import { streamIds } from '@/lib/domain/stream-ids';
import { handleCommand, type CommandContext } from './handle';

export const tickerFold = { initial: initialTickerState as TickerState, evolve: evolveTicker };

export function defineNarrative(store: LedgerWriter, input: NarrativeFields & { id: string; sort_order: number }, ctx: CommandContext) {
  const fold = { initial: initialNarrativeState, evolve: evolveNarrative };
  return handleCommand(store, streamIds.narrative(input.id), input.id, fold, (s) => decideDefineNarrative(input, s), ctx);
}

export function listTicker(store: LedgerWriter, input: TickerFields & { symbol: string }, ctx: CommandContext) {
  return handleCommand(store, streamIds.ticker(input.symbol), input.symbol, tickerFold, (s) => decideListTicker(input, s), ctx);
}
