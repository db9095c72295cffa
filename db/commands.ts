// Command handlers: load a stream, fold it with the pure evolve, decide, append (CAS).
// The API, the CLI scripts and the seed all write through these functions.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { AppError } from '@/lib/domain/errors';
import {
  decideClaim,
  evolveClaim,
  initialClaimState,
  type ClaimCommand,
  type ClaimState,
} from '@/lib/domain/cost-claim';
import { streamIds, validTimeOf, type BarCorrection, type BarValues, type DomainEvent, type TimelineEntry, type CostClaim } from '@/lib/domain/events';
import {
  decideDefineNarrative,
  barsChecksum,
  decideImportBars,
  decideListTicker,
  evolveNarrative,
  evolveTicker,
  initialNarrativeState,
  initialTickerState,
  type ImportSummary,
} from '@/lib/domain/reference';
import type { EntryChanges, NarrativeFields, PriceBar, Source, TickerFields } from '@/lib/domain/schemas';
import { slugify } from '@/lib/domain/slug';
import { decideEntry, evolveEntry, initialEntryState, type EntryCommand, type EntryState } from '@/lib/domain/timeline-entry';
import type { Db } from './client';
import { append, ConcurrencyError, readStream, type EventMetadata } from './event-store';
import { tickers } from './schema';

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

function metadataFor(ctx: CommandContext): EventMetadata {
  return {
    actor: ctx.actor,
    reason: ctx.reason ?? null,
    source: ctx.source ?? null,
    correlation_id: ctx.correlationId ?? null,
    causation_id: ctx.idempotencyKey ?? null,
  };
}

function eventIdsFor(ctx: CommandContext, count: number): (string | undefined)[] {
  return Array.from({ length: count }, (_, i) => (ctx.idempotencyKey ? `${ctx.idempotencyKey}#${i}` : undefined));
}

function findDuplicate(db: Db, ctx: CommandContext, id: string): CommandResult | null {
  if (!ctx.idempotencyKey) return null;
  // Event ids of a keyed command are "<key>#0", "<key>#1", …: a range on the unique index finds them
  // ('$' is the character after '#').
  const row = db.sqlite
    .prepare('SELECT position, stream_id, stream_version FROM events WHERE event_id >= ? AND event_id < ? ORDER BY position')
    .all(`${ctx.idempotencyKey}#`, `${ctx.idempotencyKey}$`) as { position: number; stream_id: string; stream_version: number }[];
  if (row.length === 0) return null;
  const last = row[row.length - 1]!;
  return {
    id: last.stream_id.replace(/^[a-z]+-/, '') || id,
    version: last.stream_version,
    position: last.position,
    positions: row.map((r) => r.position),
    duplicate: true,
  };
}

/** Load, check the caller's version, decide, append — all in one IMMEDIATE transaction. */
function handle<S>(
  db: Db,
  streamId: string,
  id: string,
  fold: { initial: S; evolve: (s: S, e: DomainEvent) => S },
  decide: (state: S) => DomainEvent[],
  ctx: CommandContext,
): CommandResult {
  const run = db.sqlite.transaction((): CommandResult => {
    const duplicate = findDuplicate(db, ctx, id);
    if (duplicate) return duplicate;
    const history = readStream(db, streamId);
    const version = history.length;
    if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== version) {
      const error = new ConcurrencyError(streamId, ctx.expectedVersion, version);
      Object.assign(error.details ?? {}, { unseen_events: history.filter((e) => e.stream_version > (ctx.expectedVersion ?? 0)) });
      throw error;
    }
    const state = history.reduce((s, e) => fold.evolve(s, { type: e.type, data: e.data } as DomainEvent), fold.initial);
    const decided = decide(state);
    const ids = eventIdsFor(ctx, decided.length);
    const result = append(
      db,
      streamId,
      version === 0 ? 'no-stream' : version,
      decided.map((e, i) => ({
        eventId: ids[i],
        type: e.type,
        data: e.data,
        metadata: metadataFor(ctx),
        occurredAt: validTimeOf(e, ctx.now),
      })),
      { recordedAt: ctx.now },
    );
    return { id, version: result.version, position: result.positions.at(-1)!, positions: result.positions, duplicate: result.duplicate };
  });
  return db.sqlite.inTransaction ? run() : run.immediate();
}

// ---- timeline entries ----

const entryFold = { initial: initialEntryState as EntryState, evolve: evolveEntry };

function entryCommand(db: Db, id: string, command: EntryCommand, ctx: CommandContext): CommandResult {
  return handle(db, streamIds.entry(id), id, entryFold, (s) => decideEntry(command, s), ctx);
}

/** A new entry's id: the dataset's own id when given, else a slug of the title plus a short suffix. */
export function newEntryId(title: string, suffix: string = randomBytes(3).toString('hex')): string {
  return `${slugify(title).slice(0, 60) || 'entry'}-${suffix}`;
}

export function recordEntry(db: Db, entry: TimelineEntry, ctx: CommandContext): CommandResult {
  return entryCommand(db, entry.id, { type: 'RecordTimelineEntry', entry }, ctx);
}
export function amendEntry(db: Db, id: string, input: { changes: EntryChanges; reason: string }, ctx: CommandContext) {
  return entryCommand(db, id, { type: 'AmendTimelineEntry', ...input }, { ...ctx, reason: input.reason });
}
export function attachSource(db: Db, id: string, input: { source: Source; reason?: string }, ctx: CommandContext) {
  return entryCommand(db, id, { type: 'AttachSource', source: input.source }, { ...ctx, reason: input.reason ?? ctx.reason, source: input.source.url });
}
export function retractEntry(db: Db, id: string, input: { reason: string }, ctx: CommandContext) {
  return entryCommand(db, id, { type: 'RetractTimelineEntry', reason: input.reason }, { ...ctx, reason: input.reason });
}

// ---- cost claims ----

const claimFold = { initial: initialClaimState as ClaimState, evolve: evolveClaim };

export function claimCommand(db: Db, id: string, command: ClaimCommand, ctx: CommandContext): CommandResult {
  return handle(db, streamIds.claim(id), id, claimFold, (s) => decideClaim(command, s), ctx);
}
export function assertClaim(db: Db, claim: CostClaim, ctx: CommandContext): CommandResult {
  return claimCommand(db, claim.id, { type: 'AssertCostClaim', claim }, ctx);
}

// ---- narratives and tickers ----

export function defineNarrative(db: Db, input: NarrativeFields & { id: string; sort_order: number }, ctx: CommandContext) {
  return handle(
    db,
    streamIds.narrative(input.id),
    input.id,
    { initial: initialNarrativeState, evolve: evolveNarrative },
    (s) => decideDefineNarrative(input, s),
    ctx,
  );
}

export function listTicker(db: Db, input: TickerFields & { symbol: string }, ctx: CommandContext) {
  return handle(
    db,
    streamIds.ticker(input.symbol),
    input.symbol,
    // Only TickerListed matters for the ticker's state; bar events are skipped by evolveTicker.
    { initial: initialTickerState, evolve: evolveTicker },
    (s) => decideListTicker(input, s),
    ctx,
  );
}

/** Bars per PriceBarsImported (and corrections per PriceBarsCorrected) event: keeps each ledger
 *  row a manageable size, and bounds what one batch of a big import holds in memory. */
export const BARS_PER_EVENT = 5000;

export type ImportResult = ImportSummary & { ticker: string; positions: number[]; position: number | null };

const byDate = (a: PriceBar, b: PriceBar) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * Record `bars` for `symbol`: new dates are imported, changed dates corrected (before/after kept),
 * identical dates change nothing. All batches commit in one transaction: all or nothing.
 *
 * Big imports are decided and appended batch by batch (BARS_PER_EVENT bars, in date order), so
 * besides the caller's `bars` only one batch's existing bars and events are held at a time.
 * Extra fields on the bars (e.g. the parser's `ticker`/`line`) are not recorded.
 */
export function importPriceBars(
  db: Db,
  symbol: string,
  bars: readonly PriceBar[],
  input: { source: string },
  ctx: CommandContext,
): ImportResult {
  const run = db.sqlite.transaction((): ImportResult => {
    const listed = db.orm.select().from(tickers).where(eq(tickers.symbol, symbol)).get();
    const tickerState = listed
      ? {
          status: 'listed' as const,
          ticker: {
            symbol,
            name: listed.name,
            exchange: listed.exchange,
            role: listed.role as TickerFields['role'],
            shares_outstanding: listed.sharesOutstanding,
          },
        }
      : initialTickerState;
    // Not listed: the decider refuses with 404 before anything is read or written.
    if (!listed) decideImportBars({ symbol, source: input.source, bars: [] }, tickerState, new Map());

    // Date order (references only, no copy of the bars); the same date twice cannot be recorded.
    const sorted = [...bars].sort(byDate);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.date === sorted[i - 1]!.date)
        throw new AppError('validation', `bars: ${sorted[i]!.date} appears twice for ${symbol}`, { date: sorted[i]!.date });
    }

    const existingStmt = db.sqlite.prepare(
      `SELECT date, open, high, low, close, adj_close, volume FROM price_bars WHERE ticker = ? AND date >= ? AND date <= ?`,
    );
    const streamId = streamIds.ticker(symbol);
    const summary: ImportSummary = { inserted: 0, unchanged: 0, corrected: 0 };
    const positions: number[] = [];
    let batchIndex = 0;
    const write = (event: DomainEvent) => {
      const eventId = ctx.idempotencyKey ? `${ctx.idempotencyKey}#${batchIndex}` : undefined;
      batchIndex++;
      const result = append(
        db,
        streamId,
        'any',
        [{ eventId, type: event.type, data: event.data, metadata: metadataFor(ctx), occurredAt: validTimeOf(event, ctx.now) }],
        { recordedAt: ctx.now },
      );
      positions.push(...result.positions);
    };
    let pending: BarCorrection[] = [];
    const flushCorrections = () => {
      for (const part of splitBarEvent(correctionEvent(input.source, pending))) write(part);
      pending = [];
    };

    for (let i = 0; i < sorted.length; i += BARS_PER_EVENT) {
      const batch = sorted.slice(i, i + BARS_PER_EVENT);
      const existing = new Map<string, BarValues>();
      const rows = existingStmt.all(symbol, batch[0]!.date, batch[batch.length - 1]!.date) as ({ date: string } & BarValues)[];
      for (const { date, ...values } of rows) existing.set(date, values);
      const decided = decideImportBars({ symbol, source: input.source, bars: batch }, tickerState, existing);
      summary.inserted += decided.summary.inserted;
      summary.unchanged += decided.summary.unchanged;
      summary.corrected += decided.summary.corrected;
      for (const event of decided.events) {
        if (event.type === 'PriceBarsCorrected') {
          // Corrections are gathered into one PriceBarsCorrected (split only past BARS_PER_EVENT).
          pending.push(...event.data.corrections);
          if (pending.length >= BARS_PER_EVENT) flushCorrections();
        } else {
          for (const part of splitBarEvent(event)) write(part);
        }
      }
    }
    if (pending.length > 0) flushCorrections();
    return { ticker: symbol, ...summary, positions, position: positions.at(-1) ?? null };
  });
  return db.sqlite.inTransaction ? run() : run.immediate();
}

function correctionEvent(source: string, corrections: BarCorrection[]): DomainEvent {
  const afterBars = corrections.map((c) => ({ date: c.date, ...c.after }));
  return { type: 'PriceBarsCorrected', data: { source, corrections, checksum: barsChecksum(afterBars) } };
}

/** Only the recorded fields of a bar, whatever else the caller's object carries. */
function cleanBar(b: PriceBar): PriceBar {
  return { date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adj_close: b.adj_close, volume: b.volume };
}

/** Split bar events into parts of at most BARS_PER_EVENT bars (or corrections), with clean bars. */
function splitBarEvent(event: DomainEvent): DomainEvent[] {
  if (event.type === 'PriceBarsImported') {
    const { bars, source } = event.data;
    if (bars.length <= BARS_PER_EVENT) return [{ type: 'PriceBarsImported', data: { ...event.data, bars: bars.map(cleanBar) } }];
    const parts: DomainEvent[] = [];
    for (let i = 0; i < bars.length; i += BARS_PER_EVENT) {
      const chunk = bars.slice(i, i + BARS_PER_EVENT).map(cleanBar);
      parts.push({ type: 'PriceBarsImported', data: { source, bars: chunk, checksum: barsChecksum(chunk) } });
    }
    return parts;
  }
  if (event.type === 'PriceBarsCorrected' && event.data.corrections.length > BARS_PER_EVENT) {
    const parts: DomainEvent[] = [];
    for (let i = 0; i < event.data.corrections.length; i += BARS_PER_EVENT)
      parts.push(correctionEvent(event.data.source, event.data.corrections.slice(i, i + BARS_PER_EVENT)));
    return parts;
  }
  return [event];
}

