// The store port (DESIGN "Architecture"; STYLE habit 7): what the rest of the app may ask of a
// database. Two async interfaces — the append-only event store and the read model the routes
// need — implemented once per database in an adapter folder (db/sqlite/, later db/postgres/).
// Callers see only these types; no SQL and no driver leaks past an adapter.
import type {
  BarView,
  ClaimView,
  EntryView,
  HistoryItem,
  LedgerEventView,
  NarrativeView,
  TickerView,
} from '@/lib/contracts/read';
import { AppError } from '@/lib/domain/errors';
import type { LedgerRow } from '@/lib/mappings/ledger';

// ---- the ledger ----

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
  /** Client-supplied or generated; a retried append with the same ids writes nothing. */
  eventId?: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** Valid time: when the fact happened in the world (ISO 8601). */
  occurredAt: string;
  schemaVersion?: number;
};

export type StoredEvent = LedgerEventView & { metadata: EventMetadata };

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
    extra: Record<string, unknown> = {},
  ) {
    super('conflict', `stream "${streamId}" is at version ${currentVersion}, expected ${String(expected)}`, {
      stream_id: streamId,
      expected_version: expected,
      current_version: currentVersion,
      ...extra,
    });
    this.name = 'ConcurrencyError';
  }
}

export type ReadAllOptions = {
  /** Events with a position greater than this (default 0). */
  after?: number;
  /** At most this many events (default 1000). */
  limit?: number;
  stream?: string;
  type?: string;
  /** Only events of these types. */
  types?: readonly string[];
  /** Only events up to and including this position. */
  upTo?: number;
};

/** Reading the ledger: the same on the store and inside a transaction. */
export interface LedgerReader {
  readStream(streamId: string, options?: { upToPosition?: number }): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** The stream's version (0 when it has no events). */
  streamVersion(streamId: string): Promise<number>;
  /** Events written under an idempotency key (event ids "<key>#<n>"), in position order. */
  readByIdempotencyKey(key: string): Promise<StoredEvent[]>;
  latestPosition(): Promise<number>;
}

/** Appending: compare-and-set on the stream version, inline projections in the same transaction. */
export interface LedgerWriter extends LedgerReader {
  append(
    streamId: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    options?: { recordedAt?: string },
  ): Promise<AppendResult>;
  /**
   * Run `work` in one transaction: every append inside commits together or not at all, and
   * reads inside see the transaction's own appends. Nested calls are savepoints.
   */
  transaction<T>(work: (tx: LedgerWriter) => Promise<T>): Promise<T>;
}

export type RebuildReport = {
  /** Projections rebuilt, each with the events it replayed. */
  projections: { name: string; events: number; position: number }[];
  position: number;
};

export interface EventStore extends LedgerWriter {
  /** Each projection's checkpoint: the last ledger position it applied. */
  checkpoints(): Promise<Record<string, number>>;
  /** The projections this store keeps (the names `rebuild` accepts). */
  projectionNames(): readonly string[];
  /**
   * Drop the named projections (default: all) and replay the ledger into them from position 0,
   * `batchSize` events per read, in one transaction (readers see the old rows until it commits).
   */
  rebuild(options?: { projections?: readonly string[]; batchSize?: number }): Promise<RebuildReport>;
}

// ---- the read model ----

/** Valid time (asOf) and transaction time (position): DESIGN "Two clocks". */
export type Clock = { asOf?: string | null; position?: number | null };

export function isReplay(clock: Clock): boolean {
  return Boolean(clock.asOf) || (clock.position !== undefined && clock.position !== null);
}

export type TimelineFilter = {
  from?: string | null;
  to?: string | null;
  narrative?: readonly string[] | null;
  kind?: readonly string[] | null;
  ticker?: readonly string[] | null;
};

export type PriceFilter = { from?: string | null; to?: string | null };

export type LedgerFilter = { after?: number | null; limit?: number | null; stream?: string | null; type?: string | null };

export type EntryWithHistory = EntryView & { history: HistoryItem[] };

export interface ReadModel {
  latestPosition(): Promise<number>;
  /** The position a read at `clock` reflects: the requested position, capped at the latest. */
  effectivePosition(clock?: Clock): Promise<number>;

  listEntries(filter?: TimelineFilter, clock?: Clock): Promise<EntryView[]>;
  getEntry(id: string, clock?: Clock): Promise<EntryWithHistory | null>;
  listClaims(clock?: Clock): Promise<ClaimView[]>;

  listTickers(): Promise<TickerView[]>;
  tickerExists(symbol: string): Promise<boolean>;
  /** Narratives in lane order; a `position` replays their definitions and amendments up to it. */
  listNarratives(clock?: Clock): Promise<NarrativeView[]>;

  /** Bars of one ticker at a clock, all at once. */
  listBars(ticker: string, filter?: PriceFilter, clock?: Clock): Promise<BarView[]>;
  /** The same bars, read in pages so a long export holds neither the rows nor the database. */
  iterateBars(ticker: string, filter?: PriceFilter, clock?: Clock, pageSize?: number): AsyncIterable<BarView>;
  /** The same bars a page at a time (never an empty page): a long export handles rows in bulk. */
  iterateBarPages(ticker: string, filter?: PriceFilter, clock?: Clock, pageSize?: number): AsyncIterable<readonly BarView[]>;
  /** The distinct `source` of each ticker's price imports and corrections, up to `position`. */
  priceSources(symbols: readonly string[], position: number): Promise<string[]>;
  /** The same for one ticker, as a list (in order of first use). */
  tickerPriceSources(symbol: string, position: number): Promise<string[]>;

  listLedger(filter: { after?: number; limit?: number; stream?: string; type?: string }): Promise<LedgerEventView[]>;
  /** Raw ledger rows (JSON as stored) in position order up to `upTo`, in pages. */
  iterateLedger(filter: LedgerFilter, upTo: number, pageSize?: number): AsyncIterable<LedgerRow>;
}

// ---- administration (scripts) ----

export type TableChecksum = { rows: number; sha256: string };

export interface StoreAdmin {
  /** Per-table checksums of the projections: a rebuild must reproduce the live tables exactly. */
  projectionChecksums(): Promise<Record<string, TableChecksum>>;
  /** A checksum of the ledger up to a position (for backups and audits). */
  ledgerChecksum(upTo?: number): Promise<{ events: number; sha256: string }>;
  /** An online copy of the database that does not stop writers. */
  backup(target: string): Promise<{ position: number; events: number; sha256: string; integrity: string }>;
}

export type Store = {
  /** 'sqlite' or 'postgres'. */
  readonly kind: string;
  /** Where the data lives, for logs (never a password). */
  readonly description: string;
  readonly events: EventStore;
  /** The read model (on PostgreSQL with DATABASE_READ_URL: the replica). */
  readonly read: ReadModel;
  readonly admin: StoreAdmin;
  /**
   * Read-your-writes: a read model that reflects at least ledger `position` — the replica once
   * it has replayed that far (waiting briefly), else the primary. Without replicas: `read`.
   */
  readAtLeast?(position: number): Promise<ReadModel>;
  /**
   * New ledger heads as they commit, from this process and (PostgreSQL: LISTEN/NOTIFY) every
   * other process. Returns the unsubscribe function. Absent: callers poll `read.latestPosition()`.
   */
  subscribe?(listener: (position: number) => void): () => void;
  close(): Promise<void>;
};
