// The PostgreSQL adapter: a primary (DATABASE_URL) and optionally a streaming replica for reads
// (DATABASE_READ_URL). Three pools: writes (one transaction at a time per process; the ledger
// lock serialises processes), reads on the primary (the event store's own reads, read-your-writes
// fallback, admin), and reads on the replica. One LISTEN connection, opened on demand, tells this
// process of every commit. Opening the store applies the committed migrations (one process at a
// time) and catches projections up with the ledger.
import { AppError } from '@/lib/domain/errors';
import { createReadModel } from '../read-model';
import type { ReadModel, Store } from '../store';
import { pgAdmin } from './admin';
import { checkUrl, describeDriverError, describeTarget, isUnavailable, migrateDatabase, openPool, pgCode, redactUrl, type Pool } from './connection';
import { PgEventStore } from './event-store';
import { PositionListener } from './listener';
import { pgProjectors } from './projectors';
import { pgReadQueries } from './read-queries';

export { DatabaseConfigError, isPostgresUrl, redactUrl } from './connection';

/** The database cannot be reached or refused us: `problem` is one line for the operator (no password). */
export class DatabaseConnectError extends AppError {
  constructor(
    readonly problem: string,
    cause: unknown,
  ) {
    super('unavailable', 'the database is unavailable (restarting or unreachable); nothing was written by this request — retry in a moment', { retry_after: 2 }, { cause });
    this.name = 'DatabaseConnectError';
  }
}

export type PostgresConfig = { url: string; readUrl?: string | null };

/** How long a read carrying a minimum position waits for the replica before using the primary. */
const REPLICA_WAIT_MS = 500;
const REPLICA_POLL_MS = 10;

export type PostgresStore = Store & { readonly primaryRead: ReadModel; readonly replicaRead: ReadModel | null };

export async function openPostgresStore(config: PostgresConfig): Promise<PostgresStore> {
  checkUrl(config.url);
  if (config.readUrl) checkUrl(config.readUrl, 'DATABASE_READ_URL');
  const writePool = openPool(config.url, { max: 2, applicationName: 'impactline-write' });
  const readPool = openPool(config.url, { max: 10, applicationName: 'impactline-read' });
  const replicaPool = config.readUrl ? openPool(config.readUrl, { max: 10, applicationName: 'impactline-replica' }) : null;
  const pools = [writePool, readPool, replicaPool].filter((p): p is Pool => p !== null);
  const closePools = () => Promise.all(pools.map((p) => p.end().catch(() => {})));

  const events = new PgEventStore(writePool, readPool, pgProjectors());
  const fail = async (error: unknown, url: string, what: string) => {
    await closePools();
    if (isUnavailable(error) || /^(28|3D)/.test(pgCode(error) ?? '') || pgCode(error) === 'ENOTFOUND')
      return new DatabaseConnectError(`${what}: ${describeDriverError(error, url)}`, error);
    return error;
  };
  try {
    await migrateDatabase(writePool);
    await events.catchUp();
  } catch (error) {
    throw await fail(error, config.url, 'DATABASE_URL');
  }
  if (replicaPool)
    try {
      await replicaPool.query('SELECT 1');
    } catch (error) {
      throw await fail(error, config.readUrl!, 'DATABASE_READ_URL');
    }

  const primaryRead = createReadModel(pgReadQueries(readPool));
  const replicaRead = replicaPool ? createReadModel(pgReadQueries(replicaPool)) : null;
  const listener = new PositionListener(config.url, () => primaryRead.latestPosition());
  events.onCommit = (position) => listener.publish(position);

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function readAtLeast(position: number): Promise<ReadModel> {
    if (!replicaRead) return primaryRead;
    const deadline = Date.now() + REPLICA_WAIT_MS;
    for (;;) {
      try {
        if ((await replicaRead.latestPosition()) >= position) return replicaRead;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'unavailable')) throw error;
        return primaryRead; // replica down: the primary answers
      }
      if (Date.now() >= deadline) return primaryRead;
      await sleep(REPLICA_POLL_MS);
    }
  }

  const target = describeTarget(config.url);
  return {
    kind: 'postgres',
    description: `PostgreSQL ${target}${config.readUrl ? ` (reads: ${describeTarget(config.readUrl)})` : ''}`,
    events,
    read: replicaRead ?? primaryRead,
    primaryRead,
    replicaRead,
    admin: pgAdmin(readPool, config.url),
    // Only with a replica: without one every read already sees every committed write.
    readAtLeast: replicaRead ? readAtLeast : undefined,
    subscribe: replicaRead ? (fn) => listener.subscribe((p) => void readAtLeast(p).then(() => fn(p), () => fn(p))) : (fn) => listener.subscribe(fn),
    async close() {
      await listener.close();
      await closePools();
    },
  };
}

/** For messages: the URL without its password. */
export const describeUrl = redactUrl;
