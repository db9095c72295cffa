// The append-only event store on SQLite (DESIGN "Event store"). Appends are compare-and-set on
// the stream's version, in one IMMEDIATE transaction that also runs the inline projections.
//
// Two connections: writes (and reads inside a transaction) use the writer; every other read uses
// the reader, which in WAL mode sees only committed data. A transaction may await between its
// statements, so in-process writers queue on a mutex; other processes queue on SQLite's lock.
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/domain/errors';
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
import type { Connection } from './connection';
import { BaseEventStore } from '../event-store-base';
import type { SqliteProjector } from './projectors';

type EventRow = {
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

const COLUMNS = 'position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at';
const NO_LIMIT = Number.MAX_SAFE_INTEGER;
/** JSON text parsed and applied at a time during a replay (see Writes.replay). */
const REPLAY_GROUP_BYTES = 256 * 1024;

/** The read statements, prepared once per connection. */
class Reads implements LedgerReader {
  private readonly stream;
  private readonly all;
  private readonly version;
  private readonly byKey;
  private readonly latest;

  constructor(readonly conn: Connection) {
    this.stream = conn.prepare<[string, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND position <= ? ORDER BY stream_version`);
    this.all = conn.prepare<Record<string, unknown>, EventRow>(
      `SELECT ${COLUMNS} FROM events
       WHERE position > @after AND position <= @upTo
         AND (@stream IS NULL OR stream_id = @stream)
         AND (@type IS NULL OR type = @type)
         AND (@types IS NULL OR type IN (SELECT value FROM json_each(@types)))
       ORDER BY position LIMIT @limit`,
    );
    this.version = conn.prepare<[string], { version: number | null }>('SELECT max(stream_version) AS version FROM events WHERE stream_id = ?');
    // Event ids of a keyed command are "<key>#0", "<key>#1", …: a range on the unique index ('$' follows '#').
    this.byKey = conn.prepare<[string, string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id >= ? AND event_id < ? ORDER BY position`);
    this.latest = conn.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events');
  }

  readStreamNow(streamId: string, upTo = NO_LIMIT): StoredEvent[] {
    return this.stream.all(streamId, upTo).map(toStoredEvent);
  }
  readAllNow(o: ReadAllOptions = {}): StoredEvent[] {
    return this.readAllRowsNow(o).map(toStoredEvent);
  }
  /** The same rows with their JSON still as text. */
  readAllRowsNow(o: ReadAllOptions = {}): EventRow[] {
    return this.all.all({
      after: o.after ?? 0,
      upTo: o.upTo ?? NO_LIMIT,
      stream: o.stream ?? null,
      type: o.type ?? null,
      types: o.types ? JSON.stringify(o.types) : null,
      limit: o.limit ?? 1000,
    });
  }
  streamVersionNow(streamId: string): number {
    return this.version.get(streamId)?.version ?? 0;
  }
  latestNow(): number {
    return this.latest.get()?.p ?? 0;
  }

  async readStream(streamId: string, options: { upToPosition?: number } = {}) {
    return this.readStreamNow(streamId, options.upToPosition ?? NO_LIMIT);
  }
  async readAll(options?: ReadAllOptions) {
    return this.readAllNow(options);
  }
  async streamVersion(streamId: string) {
    return this.streamVersionNow(streamId);
  }
  async readByIdempotencyKey(key: string) {
    return this.byKey.all(`${key}#`, `${key}$`).map(toStoredEvent);
  }
  async latestPosition() {
    return this.latestNow();
  }
}

/** The writer connection's statements and the synchronous heart of an append. */
class Writes extends Reads {
  private readonly insert;
  private readonly existing;
  private readonly checkpoint;
  /** Event type → the projectors that fold it. */
  private readonly byType = new Map<string, SqliteProjector[]>();
  /**
   * Stream versions this write transaction has already read or written, so that a command's
   * append does not ask again for the version its own read just returned. Valid only while the
   * transaction holds the write lock (IMMEDIATE): cleared when a transaction begins or ends and
   * when a savepoint rolls back.
   */
  private readonly versions = new Map<string, number>();

  constructor(
    conn: Connection,
    readonly projectors: readonly SqliteProjector[],
  ) {
    super(conn);
    for (const p of projectors) for (const type of p.types) this.byType.set(type, [...(this.byType.get(type) ?? []), p]);
    this.insert = conn.prepare<unknown[]>(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.existing = conn.prepare<[string], { position: number; event_id: string; stream_id: string; stream_version: number }>(
      'SELECT position, event_id, stream_id, stream_version FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
    );
    this.checkpoint = conn.prepare(
      `INSERT INTO projection_checkpoints (name, position) VALUES (?, ?)
       ON CONFLICT(name) DO UPDATE SET position = excluded.position`,
    );
  }

  forgetVersions(): void {
    this.versions.clear();
  }

  override readStreamNow(streamId: string, upTo = NO_LIMIT): StoredEvent[] {
    const events = super.readStreamNow(streamId, upTo);
    if (upTo === NO_LIMIT) this.versions.set(streamId, events.length > 0 ? events[events.length - 1]!.stream_version : 0);
    return events;
  }

  override streamVersionNow(streamId: string): number {
    return this.versions.get(streamId) ?? super.streamVersionNow(streamId);
  }

  /** The positions of a retried append (every id already on this stream), or null for a new one. */
  private retried(streamId: string, ids: string[]): AppendResult | null {
    const already = this.existing.all(JSON.stringify(ids));
    if (already.length === 0) return null;
    const byId = new Map(already.map((r) => [r.event_id, r]));
    if (already.length !== ids.length || already.some((r) => r.stream_id !== streamId))
      throw new AppError('conflict', 'some of these event ids are already recorded on another stream or in another batch', {
        event_ids: already.map((r) => r.event_id),
      });
    const rows = ids.map((id) => byId.get(id)!);
    return { streamId, positions: rows.map((r) => r.position), version: Math.max(...rows.map((r) => r.stream_version)), duplicate: true };
  }

  /** Must run inside a write transaction on this connection. */
  appendNow(streamId: string, expected: ExpectedVersion, events: readonly NewEvent[], recordedAt: string): AppendResult {
    if (events.length === 0) throw new AppError('validation', 'append needs at least one event');
    // Generated ids cannot collide, so only caller-supplied ids need the retry lookup.
    if (events.some((e) => e.eventId !== undefined)) {
      const retry = this.retried(streamId, events.map((e) => e.eventId ?? randomUUID()));
      if (retry) return retry;
    }
    const current = this.streamVersionNow(streamId);
    const ok = expected === 'any' || (expected === 'no-stream' ? current === 0 : expected === current);
    if (!ok) throw new ConcurrencyError(streamId, expected, current);

    const stored: StoredEvent[] = events.map((e, i) => {
      const version = current + i + 1;
      const eventId = e.eventId ?? randomUUID();
      const schemaVersion = e.schemaVersion ?? 1;
      // The rowid is the position (INTEGER PRIMARY KEY); RETURNING would cost an extra result row.
      const position = Number(
        this.insert.run(
          eventId,
          streamId,
          version,
          e.type,
          schemaVersion,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
          e.occurredAt,
          recordedAt,
        ).lastInsertRowid,
      );
      return {
        position,
        event_id: eventId,
        stream_id: streamId,
        stream_version: version,
        type: e.type,
        schema_version: schemaVersion,
        data: e.data,
        metadata: e.metadata,
        occurred_at: e.occurredAt,
        recorded_at: recordedAt,
      };
    });
    const last = stored[stored.length - 1]!;
    this.versions.set(streamId, last.stream_version);
    this.project(stored);
    return { streamId, positions: stored.map((e) => e.position), version: last.stream_version, duplicate: false };
  }

  /** Feed events to the projections that fold their types, and move those checkpoints. */
  project(stored: readonly StoredEvent[]): void {
    // One event (the common append) goes straight to its projectors; a batch is split by projector.
    if (stored.length === 1) {
      for (const p of this.byType.get(stored[0]!.type) ?? []) {
        p.apply(stored);
        if (!p.appliedThrough) this.checkpoint.run(p.name, stored[0]!.position);
      }
      return;
    }
    for (const p of this.projectors) {
      const mine = stored.filter((e) => p.types.has(e.type));
      if (mine.length === 0) continue;
      p.apply(mine);
      if (!p.appliedThrough) this.checkpoint.run(p.name, mine[mine.length - 1]!.position);
    }
  }

  /**
   * Replay the ledger into `targets` (each from its own position) in one pass, `batchSize` events
   * per read, then set each one's checkpoint to the ledger head. Inside a write transaction.
   * Returns the events each projection applied.
   */
  replay(targets: readonly { projector: SqliteProjector; after: number; emptied?: boolean }[], batchSize = 1000): Map<string, number> {
    const counts = new Map(targets.map((t) => [t.projector.name, 0]));
    if (targets.length === 0) return counts;
    for (const t of targets) if (t.emptied) t.projector.bulkLoad?.begin();
    const types = [...new Set(targets.flatMap((t) => [...t.projector.types]))];
    let cursor = Math.min(...targets.map((t) => t.after));
    let group: StoredEvent[] = [];
    let bytes = 0;
    const flush = () => {
      for (const { projector, after } of targets) {
        const mine = group.filter((e) => e.position > after && projector.types.has(e.type));
        if (mine.length === 0) continue;
        projector.apply(mine);
        counts.set(projector.name, counts.get(projector.name)! + mine.length);
      }
      group = [];
      bytes = 0;
    };
    for (;;) {
      const rows = this.readAllRowsNow({ after: cursor, types, limit: batchSize });
      if (rows.length === 0) break;
      // Parse and apply in groups of about REPLAY_GROUP_BYTES of JSON: the parsed payloads of a
      // whole batch (a price event holds thousands of bars) are then never alive at once, and
      // die young instead of being copied by the garbage collector.
      for (const row of rows) {
        group.push(toStoredEvent(row));
        bytes += row.data.length;
        if (bytes >= REPLAY_GROUP_BYTES) flush();
      }
      flush();
      cursor = rows[rows.length - 1]!.position;
    }
    for (const t of targets) if (t.emptied) t.projector.bulkLoad?.end();
    const head = this.latestNow();
    for (const { projector } of targets) this.checkpoint.run(projector.name, head);
    return counts;
  }
}

/** A transaction in progress: reads and appends on the writer; nested transactions are savepoints. */
class TxLedger implements LedgerWriter {
  constructor(
    private readonly w: Writes,
    private readonly depth: number,
  ) {}
  readStream(streamId: string, options?: { upToPosition?: number }) {
    return this.w.readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions) {
    return this.w.readAll(options);
  }
  streamVersion(streamId: string) {
    return this.w.streamVersion(streamId);
  }
  readByIdempotencyKey(key: string) {
    return this.w.readByIdempotencyKey(key);
  }
  latestPosition() {
    return this.w.latestPosition();
  }
  async append(streamId: string, expected: ExpectedVersion, events: readonly NewEvent[], options: { recordedAt?: string } = {}) {
    return this.w.appendNow(streamId, expected, events, options.recordedAt ?? new Date().toISOString());
  }
  async transaction<T>(work: (tx: LedgerWriter) => Promise<T>): Promise<T> {
    const name = `sp${this.depth}`;
    this.w.conn.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(new TxLedger(this.w, this.depth + 1));
      this.w.conn.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      this.w.conn.exec(`ROLLBACK TO ${name}`);
      this.w.conn.exec(`RELEASE ${name}`);
      this.w.forgetVersions();
      throw error;
    }
  }
}

export class SqliteEventStore extends BaseEventStore<Reads> {
  private readonly w: Writes;

  constructor(writer: Connection, reader: Connection, projectors: readonly SqliteProjector[]) {
    super(new Reads(reader));
    this.w = new Writes(writer, projectors);
  }

  async transaction<T>(work: (tx: LedgerWriter) => Promise<T>): Promise<T> {
    const release = await this.mutex.lock();
    const conn = this.w.conn;
    try {
      // IMMEDIATE takes the write lock up front, so another process cannot slip an append in
      // between this transaction's version check and its insert.
      conn.exec('BEGIN IMMEDIATE');
      this.w.forgetVersions();
      try {
        const result = await work(new TxLedger(this.w, 1));
        conn.exec('COMMIT');
        return result;
      } catch (error) {
        if (conn.inTransaction) conn.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.w.forgetVersions();
      release();
    }
  }

  /**
   * The stored checkpoint of each projection (set by rebuilds and, for most projections, by
   * every append), or, where a projection's rows record their last position, the later of the
   * two. A projection without a stored checkpoint has none: it is due for a rebuild.
   */
  async checkpoints(): Promise<Record<string, number>> {
    const rows = this.r.conn.prepare('SELECT name, position FROM projection_checkpoints ORDER BY name').all() as { name: string; position: number }[];
    const stored = new Map(rows.map((r) => [r.name, r.position]));
    const out: Record<string, number> = {};
    for (const [name, position] of stored) {
      const p = this.w.projectors.find((x) => x.name === name);
      out[name] = p?.appliedThrough ? Math.max(position, p.appliedThrough(this.r.conn)) : position;
    }
    return out;
  }

  projectionNames(): readonly string[] {
    return this.w.projectors.map((p) => p.name);
  }

  async rebuild(options: { projections?: readonly string[]; batchSize?: number } = {}): Promise<RebuildReport> {
    const chosen = this.pick(options.projections);
    return this.transaction(async () => {
      const head = this.w.latestNow();
      for (const p of chosen) for (const table of p.tables) this.w.conn.exec(`DELETE FROM ${table}`);
      const counts = this.w.replay(
        chosen.map((projector) => ({ projector, after: 0, emptied: true })),
        options.batchSize,
      );
      return { projections: chosen.map((p) => ({ name: p.name, events: counts.get(p.name)!, position: head })), position: head };
    });
  }

  /**
   * Bring every projection up to the ledger head when the store opens: one without a checkpoint
   * (new, or reshaped by a migration that removed it) is rebuilt from position 0; one whose
   * events go past its checkpoint replays what it missed. Inline projections never lag, so this
   * is normally a no-op; it is what lets a migration reshape a projection with no manual step.
   */
  async catchUp(): Promise<RebuildReport | null> {
    const checkpoints = await this.checkpoints();
    const todo = this.w.projectors.filter((p) => {
      const at = checkpoints[p.name];
      return at === undefined || this.r.readAllNow({ after: at, types: [...p.types], limit: 1 }).length > 0;
    });
    if (todo.length === 0) return null;
    return this.transaction(async () => {
      const head = this.w.latestNow();
      for (const p of todo) if (checkpoints[p.name] === undefined) for (const table of p.tables) this.w.conn.exec(`DELETE FROM ${table}`);
      const counts = this.w.replay(
        todo.map((projector) => ({ projector, after: checkpoints[projector.name] ?? 0, emptied: checkpoints[projector.name] === undefined })),
      );
      return { projections: todo.map((p) => ({ name: p.name, events: counts.get(p.name)!, position: head })), position: head };
    });
  }

  private pick(requested?: readonly string[]): SqliteProjector[] {
    const known = this.projectionNames();
    if (!requested || requested.length === 0) return [...this.w.projectors];
    const unknown = requested.filter((n) => !known.includes(n));
    if (unknown.length > 0)
      throw new AppError('validation', `projections: unknown ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${known.join(', ')})`);
    return this.w.projectors.filter((p) => requested.includes(p.name));
  }
}
