// The append-only event store on PostgreSQL (DESIGN "Event store"): the same guarantees as on
// SQLite, for many app processes sharing one database.
//
// Global order without holes: every write transaction first takes one transaction-scoped
// advisory lock (pg_advisory_xact_lock), so appends from all processes run one after another and
// commit in position order. A position is the head + 1, read under that lock, so positions are
// gapless (a rolled-back append leaves no hole, unlike a sequence) and a reader can never see
// position 11 committed while 10 is still in flight and then skip 10 for good.
// Inside a process, writers queue on a mutex before taking a connection, so waiting writers hold
// no pooled connection (reads never starve behind a long import).
// Optimistic concurrency is the version check under the lock, backed by the unique
// (stream_id, stream_version) index: a 23505 there becomes a ConcurrencyError (409).
// On commit the new head is published with pg_notify (delivered after commit) to every process.
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/domain/errors';
import { BaseEventStore } from '../event-store-base';
import {
  ConcurrencyError,
  type AppendResult,
  type EventMetadata,
  type ExpectedVersion,
  type LedgerReader,
  type LedgerWriter,
  type NewEvent,
  type ReadAllOptions,
  type RebuildReport,
  type StoredEvent,
} from '../store';
import { pgCode, pgConstraint, run, translate, type Client, type Pool, type Queryable } from './connection';
import type { PgProjector } from './projectors';

/** The advisory lock every append takes (one per database): "Impactline ledger". */
export const LEDGER_LOCK = 0x1d_0000_0001;
/** The NOTIFY channel that carries each committed ledger head. */
export const POSITION_CHANNEL = 'impactline_ledger';

export type EventRow = {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  occurred_at: string;
  recorded_at: string;
};

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    event_id: row.event_id,
    stream_id: row.stream_id,
    stream_version: row.stream_version,
    type: row.type,
    schema_version: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata) as EventMetadata,
    occurred_at: row.occurred_at,
    recorded_at: row.recorded_at,
  };
}

/** The JSON columns as the text that was appended (json keeps it verbatim). */
export const EVENT_COLUMNS = 'position, event_id, stream_id, stream_version, type, schema_version, data::text AS data, metadata::text AS metadata, occurred_at, recorded_at';
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** Ledger reads, on the pool (committed data) or inside a transaction (its own appends too). */
class Reads implements LedgerReader {
  constructor(readonly on: Queryable) {}

  async readStream(streamId: string, options: { upToPosition?: number } = {}) {
    const rows = await run<EventRow>(
      this.on,
      'ev-stream',
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND position <= $2 ORDER BY stream_version`,
      [streamId, options.upToPosition ?? NO_LIMIT],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(o: ReadAllOptions = {}) {
    const rows = await run<EventRow>(
      this.on,
      'ev-all',
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE position > $1 AND position <= $2
         AND ($3::text IS NULL OR stream_id = $3)
         AND ($4::text IS NULL OR type = $4)
         AND ($5::text[] IS NULL OR type = ANY($5::text[]))
       ORDER BY position LIMIT $6`,
      [o.after ?? 0, o.upTo ?? NO_LIMIT, o.stream ?? null, o.type ?? null, o.types ? [...o.types] : null, o.limit ?? 1000],
    );
    return rows.map(toStoredEvent);
  }

  async streamVersion(streamId: string) {
    const [row] = await run<{ v: number }>(this.on, 'ev-version', 'SELECT coalesce(max(stream_version), 0)::int AS v FROM events WHERE stream_id = $1', [streamId]);
    return row?.v ?? 0;
  }

  async readByIdempotencyKey(key: string) {
    // Event ids of a keyed command are "<key>#0", "<key>#1", …: a range on the unique index ('$' follows '#').
    const rows = await run<EventRow>(this.on, 'ev-bykey', `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id >= $1 AND event_id < $2 ORDER BY position`, [
      `${key}#`,
      `${key}$`,
    ]);
    return rows.map(toStoredEvent);
  }

  async latestPosition() {
    const [row] = await run<{ p: number }>(this.on, 'ev-head', 'SELECT coalesce(max(position), 0) AS p FROM events');
    return row?.p ?? 0;
  }
}

/** A unique-index clash on (stream_id, stream_version): turned into a ConcurrencyError once rolled back. */
class StreamVersionClash extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    options: { cause: unknown },
  ) {
    super(`stream "${streamId}" was appended to concurrently`, options);
  }
}

type TxState = {
  /** The ledger head as this transaction sees it (null: read it again, e.g. after a savepoint rollback). */
  head: number | null;
  /** The highest position appended (published with NOTIFY at commit). */
  appended: number;
};

type Existing = { position: number; event_id: string; stream_id: string; stream_version: number };

/** A transaction in progress on one connection, holding the ledger lock; nested transactions are savepoints. */
class TxLedger extends Reads implements LedgerWriter {
  constructor(
    readonly client: Client,
    private readonly projectors: readonly PgProjector[],
    private readonly state: TxState,
    private readonly depth: number,
  ) {
    super(client);
  }

  async append(streamId: string, expected: ExpectedVersion, events: readonly NewEvent[], options: { recordedAt?: string } = {}): Promise<AppendResult> {
    if (events.length === 0) throw new AppError('validation', 'append needs at least one event');
    const recordedAt = options.recordedAt ?? new Date().toISOString();
    const ids = events.map((e) => e.eventId ?? randomUUID());
    // Generated ids cannot collide, so only caller-supplied ids need the retry lookup.
    const supplied = events.some((e) => e.eventId !== undefined);
    const [check] = await run<{ version: number; head: number; existing: Existing[] | null }>(
      this.client,
      'ev-append-check',
      `SELECT (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1)::int AS version,
              (SELECT coalesce(max(position), 0) FROM events) AS head,
              (SELECT json_agg(json_build_object('position', position, 'event_id', event_id, 'stream_id', stream_id, 'stream_version', stream_version))
                 FROM events WHERE $3 AND event_id = ANY($2::text[])) AS existing`,
      [streamId, ids, supplied],
    );
    const existing = check!.existing ?? [];
    if (existing.length > 0) {
      const byId = new Map(existing.map((r) => [r.event_id, r]));
      if (existing.length !== ids.length || existing.some((r) => r.stream_id !== streamId))
        throw new AppError('conflict', 'some of these event ids are already recorded on another stream or in another batch', { event_ids: existing.map((r) => r.event_id) });
      const rows = ids.map((id) => byId.get(id)!);
      return { streamId, positions: rows.map((r) => r.position), version: Math.max(...rows.map((r) => r.stream_version)), duplicate: true };
    }
    const current = check!.version;
    const ok = expected === 'any' || (expected === 'no-stream' ? current === 0 : expected === current);
    if (!ok) throw new ConcurrencyError(streamId, expected, current);

    const head = check!.head;
    const stored: StoredEvent[] = events.map((e, i) => ({
      position: head + i + 1,
      event_id: ids[i]!,
      stream_id: streamId,
      stream_version: current + i + 1,
      type: e.type,
      schema_version: e.schemaVersion ?? 1,
      data: e.data,
      metadata: e.metadata,
      occurred_at: e.occurredAt,
      recorded_at: recordedAt,
    }));
    try {
      await this.client.query({
        name: 'ev-insert',
        text: `INSERT INTO events (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
               SELECT p, e, $3, v, t, s, d::json, m::json, o, $9
               FROM unnest($1::bigint[], $2::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $10::text[]) AS u(p, e, v, t, s, d, m, o)`,
        values: [
          stored.map((e) => e.position),
          ids,
          streamId,
          stored.map((e) => e.stream_version),
          stored.map((e) => e.type),
          stored.map((e) => e.schema_version),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
          recordedAt,
          events.map((e) => e.occurredAt),
        ],
      });
    } catch (error) {
      if (pgCode(error) === '23505' && pgConstraint(error) === 'events_stream_version_unique') throw new StreamVersionClash(streamId, expected, { cause: error });
      if (pgCode(error) === '23505') throw new AppError('conflict', 'these event ids were recorded concurrently by another writer', {}, { cause: error });
      throw translate(error);
    }
    const last = stored[stored.length - 1]!;
    this.state.head = last.position;
    this.state.appended = Math.max(this.state.appended, last.position);
    await project(this.client, this.projectors, stored);
    return { streamId, positions: stored.map((e) => e.position), version: last.stream_version, duplicate: false };
  }

  async transaction<T>(work: (tx: LedgerWriter) => Promise<T>): Promise<T> {
    const name = `sp${this.depth}`;
    await run(this.client, undefined, `SAVEPOINT ${name}`);
    const appendedBefore = this.state.appended;
    try {
      const result = await work(new TxLedger(this.client, this.projectors, this.state, this.depth + 1));
      await run(this.client, undefined, `RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await run(this.client, undefined, `ROLLBACK TO SAVEPOINT ${name}`);
      await run(this.client, undefined, `RELEASE SAVEPOINT ${name}`);
      this.state.head = null;
      this.state.appended = appendedBefore;
      throw error;
    }
  }

  override async latestPosition() {
    if (this.state.head !== null) return this.state.head;
    return super.latestPosition();
  }
}

/** Feed events to the projections that fold their types, and move those checkpoints. */
async function project(client: Client, projectors: readonly PgProjector[], stored: readonly StoredEvent[]): Promise<void> {
  const names: string[] = [];
  const positions: number[] = [];
  for (const p of projectors) {
    const mine = stored.filter((e) => p.types.has(e.type));
    if (mine.length === 0) continue;
    await p.apply(client, mine);
    if (p.appliedThrough) continue; // its rows carry their positions
    names.push(p.name);
    positions.push(mine[mine.length - 1]!.position);
  }
  if (names.length > 0) await setCheckpoints(client, names, positions);
}

async function setCheckpoints(on: Queryable, names: string[], positions: number[]): Promise<void> {
  await run(
    on,
    'ev-checkpoints',
    `INSERT INTO projection_checkpoints (name, position) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    [names, positions],
  );
}

export class PgEventStore extends BaseEventStore<Reads> {
  /** Called with the new head after each commit that appended (this process's own writes). */
  onCommit: ((position: number) => void) | null = null;

  constructor(
    private readonly writePool: Pool,
    readPool: Pool,
    private readonly projectors: readonly PgProjector[],
  ) {
    // The event store's own reads (commands outside a transaction, scripts) go to the primary.
    super(new Reads(readPool));
  }

  async transaction<T>(work: (tx: LedgerWriter) => Promise<T>): Promise<T> {
    const release = await this.mutex.lock();
    let client: Client | null = null;
    let broken = false;
    try {
      try {
        client = await this.writePool.connect();
      } catch (error) {
        throw translate(error);
      }
      const state: TxState = { head: null, appended: 0 };
      try {
        // One round trip: open the transaction and queue for the ledger lock.
        await run(client, undefined, `BEGIN; SELECT pg_advisory_xact_lock(${LEDGER_LOCK})`);
        const result = await work(new TxLedger(client, this.projectors, state, 1));
        // NOTIFY is delivered to listeners only if and when the transaction commits.
        await run(client, undefined, state.appended > 0 ? `SELECT pg_notify('${POSITION_CHANNEL}', '${state.appended}'); COMMIT` : 'COMMIT');
        if (state.appended > 0) this.onCommit?.(state.appended);
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection itself failed: drop it from the pool
        }
        if (error instanceof StreamVersionClash) {
          const current = await this.r.streamVersion(error.streamId);
          throw new ConcurrencyError(error.streamId, error.expected, current);
        }
        throw translate(error);
      }
    } finally {
      client?.release(broken);
      release();
    }
  }

  /**
   * The stored checkpoint of each projection (set by rebuilds and, for most projections, by
   * every append), or, where a projection's rows record their last position, the later of the
   * two. A projection without a stored checkpoint has none: it is due for a rebuild.
   */
  async checkpoints(): Promise<Record<string, number>> {
    return this.checkpointsOn(this.r.on);
  }

  private async checkpointsOn(on: Queryable): Promise<Record<string, number>> {
    const rows = await run<{ name: string; position: number }>(on, 'ev-checkpoint-list', 'SELECT name, position FROM projection_checkpoints ORDER BY name');
    const out: Record<string, number> = {};
    for (const { name, position } of rows) {
      const p = this.projectors.find((x) => x.name === name);
      out[name] = p?.appliedThrough ? Math.max(position, await p.appliedThrough(on)) : position;
    }
    return out;
  }

  projectionNames(): readonly string[] {
    return this.projectors.map((p) => p.name);
  }

  async rebuild(options: { projections?: readonly string[]; batchSize?: number } = {}): Promise<RebuildReport> {
    const chosen = this.pick(options.projections);
    return this.withLockedClient(async (client) => {
      const head = await new Reads(client).latestPosition();
      const projections: RebuildReport['projections'] = [];
      for (const p of chosen) {
        // DELETE, not TRUNCATE: readers keep seeing the old rows until this commits.
        for (const table of p.tables) await run(client, undefined, `DELETE FROM ${table}`);
        projections.push({ name: p.name, events: await this.replay(client, p, 0, options.batchSize), position: head });
      }
      return { projections, position: head };
    });
  }

  /**
   * Bring every projection up to the ledger head when the store opens: one without a checkpoint
   * (new, or reshaped by a migration that removed it) is rebuilt from position 0; one whose
   * events go past its checkpoint replays what it missed. Normally a no-op.
   */
  async catchUp(): Promise<RebuildReport | null> {
    const checkpoints = await this.checkpoints();
    const behind = async (p: PgProjector) => {
      const at = checkpoints[p.name];
      return at === undefined || (await this.r.readAll({ after: at, types: [...p.types], limit: 1 })).length > 0;
    };
    const todo: PgProjector[] = [];
    for (const p of this.projectors) if (await behind(p)) todo.push(p);
    if (todo.length === 0) return null;
    return this.withLockedClient(async (client) => {
      // Read the checkpoints again under the lock: another process may have caught up meanwhile.
      const now = await this.checkpointsOn(client);
      const head = await new Reads(client).latestPosition();
      const projections: RebuildReport['projections'] = [];
      for (const p of todo) {
        const at = now[p.name] as number | undefined;
        if (at === undefined) for (const table of p.tables) await run(client, undefined, `DELETE FROM ${table}`);
        projections.push({ name: p.name, events: await this.replay(client, p, at ?? 0), position: head });
      }
      return { projections, position: head };
    });
  }

  private async withLockedClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    let result!: T;
    await this.transaction(async (tx) => {
      result = await work((tx as TxLedger).client);
    });
    return result;
  }

  private pick(requested?: readonly string[]): PgProjector[] {
    const known = this.projectionNames();
    if (!requested || requested.length === 0) return [...this.projectors];
    const unknown = requested.filter((n) => !known.includes(n));
    if (unknown.length > 0)
      throw new AppError('validation', `projections: unknown ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${known.join(', ')})`);
    return this.projectors.filter((p) => requested.includes(p.name));
  }

  /** Apply the projection's events after `after`, `batchSize` at a time, then checkpoint it at the head. */
  private async replay(client: Client, p: PgProjector, after: number, batchSize = 1000): Promise<number> {
    const reads = new Reads(client);
    const types = [...p.types];
    let cursor = after;
    let count = 0;
    for (;;) {
      const batch = await reads.readAll({ after: cursor, types, limit: batchSize });
      if (batch.length === 0) break;
      await p.apply(client, batch);
      count += batch.length;
      cursor = batch[batch.length - 1]!.position;
    }
    await setCheckpoints(client, [p.name], [await reads.latestPosition()]);
    return count;
  }
}
