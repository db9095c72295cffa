// What the SQLite and PostgreSQL event stores share: reads forwarded to the adapter's ledger
// reader, one append as a one-append transaction, and the in-process lock their write
// transactions take turns on. Each adapter supplies its transaction, checkpoints and rebuild.
import { Mutex } from './mutex';
import type { AppendResult, EventStore, ExpectedVersion, LedgerReader, LedgerWriter, NewEvent, ReadAllOptions, RebuildReport } from './store';

export abstract class BaseEventStore<R extends LedgerReader> implements EventStore {
  protected readonly mutex = new Mutex();

  protected constructor(protected readonly r: R) {}

  readStream(streamId: string, options?: { upToPosition?: number }) {
    return this.r.readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions) {
    return this.r.readAll(options);
  }
  streamVersion(streamId: string) {
    return this.r.streamVersion(streamId);
  }
  readByIdempotencyKey(key: string) {
    return this.r.readByIdempotencyKey(key);
  }
  latestPosition() {
    return this.r.latestPosition();
  }

  append(streamId: string, expected: ExpectedVersion, events: readonly NewEvent[], options?: { recordedAt?: string }): Promise<AppendResult> {
    return this.transaction((tx) => tx.append(streamId, expected, events, options));
  }

  abstract transaction<T>(work: (tx: LedgerWriter) => Promise<T>): Promise<T>;
  abstract checkpoints(): Promise<Record<string, number>>;
  abstract projectionNames(): readonly string[];
  abstract rebuild(options?: { projections?: readonly string[]; batchSize?: number }): Promise<RebuildReport>;
}
