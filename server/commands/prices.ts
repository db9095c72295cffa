// Price import as a command like the others: the ticker's state is folded from its own stream
// (listing, imports, corrections), the pure decider says what changes, and the events are
// appended with compare-and-set on the stream version, all in one transaction: all or nothing.
import { createHash } from 'node:crypto';
import type { LedgerWriter } from '@/db/store';
import type { DomainEvent } from '@/lib/domain/events';
import { decideImportBars, type ImportSummary, type TickerState } from '@/lib/domain/reference';
import type { PriceBar } from '@/lib/domain/schemas';
import { streamIds } from '@/lib/domain/stream-ids';
import type { Sha256Hex } from '@/lib/hash';
import { checkExpectedVersion, foldStream, replayedResult, toNewEvents, versionOf, type CommandContext } from './handle';
import { tickerFold } from './reference';

export type ImportResult = ImportSummary & { ticker: string; positions: number[]; position: number | null };

/** The platform's SHA-256: imports hash megabytes of bars (lib/hash's pure one is ~10× slower). */
const nativeSha256: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Events appended per round trip: bounds what a big import holds in memory at once. */
const EVENTS_PER_APPEND = 20;

/** The ticker's state and version, folded from its stream. */
export async function tickerStateOf(store: LedgerWriter, symbol: string): Promise<{ state: TickerState; version: number }> {
  const history = await store.readStream(streamIds.ticker(symbol));
  return { state: foldStream(history, tickerFold), version: versionOf(history) };
}

/**
 * Record `bars` for `symbol`: new dates imported, changed dates corrected (before/after kept),
 * identical dates change nothing. Extra fields on the bars (the parser's `ticker`/`line`) are
 * not recorded. Unlisted ticker → 404; the same date twice → 400.
 */
export async function importPriceBars(
  store: LedgerWriter,
  symbol: string,
  bars: readonly PriceBar[],
  input: { source: string },
  ctx: CommandContext,
): Promise<ImportResult> {
  const streamId = streamIds.ticker(symbol);
  return store.transaction(async (tx) => {
    if (ctx.idempotencyKey) {
      const prior = await tx.readByIdempotencyKey(ctx.idempotencyKey);
      // A retried keyed import answers with the first one's positions and writes nothing.
      if (prior.length > 0) {
        const first = replayedResult(prior, symbol);
        return { ticker: symbol, inserted: 0, unchanged: bars.length, corrected: 0, positions: first.positions, position: first.position };
      }
    }
    const history = await tx.readStream(streamId);
    checkExpectedVersion(streamId, history, ctx.expectedVersion);
    let version = versionOf(history);
    const decision = decideImportBars({ symbol, source: input.source, bars }, foldStream(history, tickerFold), nativeSha256);
    const positions: number[] = [];
    // The decider yields events lazily; append them a few at a time so only those are held.
    let pending: DomainEvent[] = [];
    let numbered = 0;
    const flush = async () => {
      const result = await tx.append(streamId, version, toNewEvents(pending, ctx, numbered), { recordedAt: ctx.now });
      numbered += pending.length;
      version = result.version;
      positions.push(...result.positions);
      pending = [];
    };
    for (const event of decision.events) {
      pending.push(event);
      if (pending.length >= EVENTS_PER_APPEND) await flush();
    }
    if (pending.length > 0) await flush();
    return { ticker: symbol, ...decision.summary, positions, position: positions.at(-1) ?? null };
  });
}
