// The append-only event store (DESIGN "Event store"). Appends are compare-and-set on
// the stream's version, in one SQLite transaction that also runs the inline projections.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { AppError } from '@/lib/domain/errors';
import type { Db } from './client';
import { applyProjections } from './projections';
import { events, projectionCheckpoints, streams } from './schema';

export type ExpectedVersion = number | 'no-stream' | 'any';

export type EventMetadata = {
  actor: string;
  reason?: string | null;
  source?: string | null;
  correlation_id?: string | null;
  causation_id?: string | null;
  [key: string]: unknown;
};

export type NewEvent = {
  eventId?: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: string;
  schemaVersion?: number;
};

export type StoredEvent = {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  occurred_at: string;
  recorded_at: string;
};

export type AppendResult = {
  streamId: string;
  positions: number[];
  version: number;
  /** true when every event id was already recorded: nothing was written. */
  duplicate: boolean;
};

export class ConcurrencyError extends AppError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly currentVersion: number,
  ) {
    super('conflict', `stream "${streamId}" is at version ${currentVersion}, expected ${String(expected)}`, {
      stream_id: streamId,
      expected_version: expected,
      current_version: currentVersion,
    });
    this.name = 'ConcurrencyError';
  }
}

type EventRow = typeof events.$inferSelect;

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    event_id: row.eventId,
    stream_id: row.streamId,
    stream_version: row.streamVersion,
    type: row.type,
    schema_version: row.schemaVersion,
    data: row.data,
    metadata: row.metadata as EventMetadata,
    occurred_at: row.occurredAt,
    recorded_at: row.recordedAt,
  };
}

export function currentStreamVersion(db: Db, streamId: string): number {
  const row = db.orm.select({ version: streams.version }).from(streams).where(eq(streams.streamId, streamId)).get();
  return row?.version ?? 0;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * Append `newEvents` to `streamId` if its version matches `expectedVersion`.
 * Retrying with the same event ids returns the original positions and writes nothing.
 */
export function append(
  db: Db,
  streamId: string,
  expectedVersion: ExpectedVersion,
  newEvents: readonly NewEvent[],
  options: { recordedAt?: string } = {},
): AppendResult {
  if (newEvents.length === 0) throw new AppError('validation', 'append needs at least one event');
  const withIds = newEvents.map((e) => ({ ...e, eventId: e.eventId ?? randomUUID() }));
  const recordedAt = options.recordedAt ?? new Date().toISOString();

  const run = db.sqlite.transaction((): AppendResult => {
    const ids = withIds.map((e) => e.eventId);
    const already = db.orm
      .select({ position: events.position, eventId: events.eventId, streamId: events.streamId, streamVersion: events.streamVersion })
      .from(events)
      .where(inArray(events.eventId, ids))
      .all();
    if (already.length > 0) {
      const byId = new Map(already.map((r) => [r.eventId, r]));
      const allSame = already.length === ids.length && already.every((r) => r.streamId === streamId);
      if (!allSame)
        throw new AppError('conflict', 'some of these event ids are already recorded on another stream or in another batch', {
          event_ids: already.map((r) => r.eventId),
        });
      const rows = ids.map((id) => byId.get(id)!);
      return {
        streamId,
        positions: rows.map((r) => r.position),
        version: Math.max(...rows.map((r) => r.streamVersion)),
        duplicate: true,
      };
    }

    const current = currentStreamVersion(db, streamId);
    const ok =
      expectedVersion === 'any' ||
      (expectedVersion === 'no-stream' ? current === 0 : expectedVersion === current);
    if (!ok) throw new ConcurrencyError(streamId, expectedVersion, current);

    let inserted: EventRow[];
    try {
      inserted = db.orm
        .insert(events)
        .values(
          withIds.map((e, i) => ({
            eventId: e.eventId,
            streamId,
            streamVersion: current + i + 1,
            type: e.type,
            schemaVersion: e.schemaVersion ?? 1,
            data: e.data,
            metadata: e.metadata,
            occurredAt: e.occurredAt,
            recordedAt,
          })),
        )
        .returning()
        .all();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConcurrencyError(streamId, expectedVersion, currentStreamVersion(db, streamId));
      throw error;
    }
    const version = current + withIds.length;
    const lastPosition = inserted[inserted.length - 1]!.position;
    db.orm
      .insert(streams)
      .values({ streamId, version, lastPosition })
      .onConflictDoUpdate({ target: streams.streamId, set: { version, lastPosition } })
      .run();
    const stored = inserted.map(toStoredEvent);
    applyProjections(db, stored);
    db.orm
      .insert(projectionCheckpoints)
      .values({ name: 'inline', position: lastPosition })
      .onConflictDoUpdate({ target: projectionCheckpoints.name, set: { position: lastPosition } })
      .run();
    return { streamId, positions: stored.map((e) => e.position), version, duplicate: false };
  });
  // IMMEDIATE takes the write lock up front, so the version check and the insert cannot interleave
  // with another process's append.
  return db.sqlite.inTransaction ? run() : run.immediate();
}

export function readStream(db: Db, streamId: string, options: { upToPosition?: number } = {}): StoredEvent[] {
  const where = options.upToPosition
    ? and(eq(events.streamId, streamId), lte(events.position, options.upToPosition))
    : eq(events.streamId, streamId);
  return db.orm.select().from(events).where(where).orderBy(asc(events.streamVersion)).all().map(toStoredEvent);
}

export function readAll(
  db: Db,
  options: { after?: number; limit?: number; stream?: string; type?: string } = {},
): StoredEvent[] {
  const conditions = [gt(events.position, options.after ?? 0)];
  if (options.stream) conditions.push(eq(events.streamId, options.stream));
  if (options.type) conditions.push(eq(events.type, options.type));
  return db.orm
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.position))
    .limit(options.limit ?? 1000)
    .all()
    .map(toStoredEvent);
}

/** Iterate the whole ledger in position order without loading it at once. */
export function* iterateAll(db: Db, options: { after?: number; upTo?: number; batch?: number } = {}): Generator<StoredEvent> {
  let after = options.after ?? 0;
  const batch = options.batch ?? 500;
  for (;;) {
    const rows = readAll(db, { after, limit: batch });
    for (const row of rows) {
      if (options.upTo !== undefined && row.position > options.upTo) return;
      yield row;
    }
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.position;
  }
}

export function latestPosition(db: Db): number {
  const row = db.orm.select({ p: sql<number | null>`max(${events.position})` }).from(events).get();
  return row?.p ?? 0;
}
