// Reference data commands: list a ticker (narratives: ./narratives).
import type { LedgerWriter } from '@/db/store';
import { decideListTicker, evolveTicker, initialTickerState, type TickerState } from '@/lib/domain/reference';
import type { TickerFields } from '@/lib/domain/schemas';
import { streamIds } from '@/lib/domain/stream-ids';
import { handleCommand, type CommandContext } from './handle';

export const tickerFold = { initial: initialTickerState as TickerState, evolve: evolveTicker };

export function listTicker(store: LedgerWriter, input: TickerFields & { symbol: string }, ctx: CommandContext) {
  return handleCommand(store, streamIds.ticker(input.symbol), input.symbol, tickerFold, (s) => decideListTicker(input, s), ctx);
}
