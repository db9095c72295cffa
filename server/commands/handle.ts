// Command handling (STYLE habit 4): in one transaction, answer a retried idempotency key with
// its first result, read the stream from the ledger, check the caller's expected version, fold
// the state with the pure evolve, decide, and append with compare-and-set on the version.
// The API, the CLI scripts and the seed all write through here.
import { validTimeOf, type DomainEvent } from '@/lib/domain/events';
import { entityIdOf } from '@/lib/domain/stream-ids';
import { ConcurrencyError, type EventMetadata, type LedgerWriter, type NewEvent, type StoredEvent } from '@/db/store';

export type CommandContext = {
  actor: string;
  now: string;
  reason?: string | null;
  source?: string | null;
  correlationId?: string | null;
  /** The caller's idempotency key: a retry with the same key returns the first result and writes nothing. */
  idempotencyKey?: string | null;
  /** When given, the command is refused with 409 if the stream has moved on. */
  expectedVersion?: number;
};

export type CommandResult = { id: string; version: number; position: number; positions: number[]; duplicate: boolean };

export function metadataFor(ctx: CommandContext): EventMetadata {
  return {
    actor: ctx.actor,
    reason: ctx.reason ?? null,
    source: ctx.source ?? null,
    correlation_id: ctx.correlationId ?? null,
    causation_id: ctx.idempotencyKey ?? null,
  };
}

/** The stored form of decided events: ids "<key>#<n>" under an idempotency key (numbered from `first`). */
export function toNewEvents(decided: Iterable<DomainEvent>, ctx: CommandContext, first = 0): NewEvent[] {
  const out: NewEvent[] = [];
  let i = first;
  for (const e of decided) {
    out.push({
      eventId: ctx.idempotencyKey ? `${ctx.idempotencyKey}#${i}` : undefined,
      type: e.type,
      data: e.data,
      metadata: metadataFor(ctx),
      occurredAt: validTimeOf(e, ctx.now),
    });
    i++;
  }
  return out;
}

/** The first answer to a keyed command, rebuilt from the events it wrote. */
export function replayedResult(prior: readonly StoredEvent[], fallbackId: string): CommandResult {
  const last = prior[prior.length - 1]!;
  return {
    id: entityIdOf(last.stream_id) || fallbackId,
    version: last.stream_version,
    position: last.position,
    positions: prior.map((e) => e.position),
    duplicate: true,
  };
}

export type Fold<S> = { initial: S; evolve: (state: S, event: DomainEvent) => S };

export function foldStream<S>(history: readonly StoredEvent[], fold: Fold<S>): S {
  let state = fold.initial;
  for (const e of history) state = fold.evolve(state, { type: e.type, data: e.data } as DomainEvent);
  return state;
}

export function versionOf(history: readonly StoredEvent[]): number {
  return history.length > 0 ? history[history.length - 1]!.stream_version : 0;
}

/** Refuse with 409 when the caller's expected version is not the stream's; lists what they missed. */
export function checkExpectedVersion(streamId: string, history: readonly StoredEvent[], expected: number | undefined): void {
  const version = versionOf(history);
  if (expected !== undefined && expected !== version)
    throw new ConcurrencyError(streamId, expected, version, { unseen_events: history.filter((e) => e.stream_version > expected) });
}

export async function handleCommand<S>(
  store: LedgerWriter,
  streamId: string,
  id: string,
  fold: Fold<S>,
  decide: (state: S) => DomainEvent[],
  ctx: CommandContext,
): Promise<CommandResult> {
  return store.transaction(async (tx) => {
    if (ctx.idempotencyKey) {
      const prior = await tx.readByIdempotencyKey(ctx.idempotencyKey);
      if (prior.length > 0) return replayedResult(prior, id);
    }
    const history = await tx.readStream(streamId);
    checkExpectedVersion(streamId, history, ctx.expectedVersion);
    const version = versionOf(history);
    const decided = decide(foldStream(history, fold));
    const result = await tx.append(streamId, version === 0 ? 'no-stream' : version, toNewEvents(decided, ctx), { recordedAt: ctx.now });
    return { id, version: result.version, position: result.positions.at(-1)!, positions: result.positions, duplicate: result.duplicate };
  });
}
