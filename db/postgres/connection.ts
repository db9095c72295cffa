// Connecting to PostgreSQL: the URL (checked, and never printed with its password), connection
// pools, the committed drizzle migrations, and the translation of driver errors into the app's
// vocabulary: a server that is down or restarting is 503 "unavailable" (the pool reconnects by
// itself on the next request), and start-up problems become one line that names the problem.
// Only this adapter folder touches `pg`.
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { AppError } from '@/lib/domain/errors';

export type Pool = pg.Pool;
export type Client = pg.PoolClient;

/** Ledger positions and counts are bigints: read them as numbers (exact up to 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export class DatabaseConfigError extends Error {}

export function isPostgresUrl(url: string | undefined | null): boolean {
  return /^postgres(ql)?:\/\//i.test(url?.trim() ?? '');
}

/** The URL without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

/** Check a postgres:// URL; a DatabaseConfigError names what is wrong (without the password). */
export function checkUrl(url: string, name = 'DATABASE_URL'): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DatabaseConfigError(`${name} is not a valid URL (expected postgres://user:password@host:5432/database): ${redactUrl(url)}`);
  }
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new DatabaseConfigError(`${name} must start with postgres:// or postgresql://, not ${u.protocol}//`);
  if (!u.hostname && !u.searchParams.get('host')) throw new DatabaseConfigError(`${name} names no host: ${redactUrl(url)}`);
  if (u.pathname.replace(/^\//, '') === '') throw new DatabaseConfigError(`${name} names no database (…/database at the end): ${redactUrl(url)}`);
  return u;
}

export function describeTarget(url: string): string {
  const u = new URL(url);
  return `${u.hostname || u.searchParams.get('host')}:${u.port || 5432}/${decodeURIComponent(u.pathname.slice(1))}`;
}

export type PoolOptions = { max?: number; applicationName?: string };

export function openPool(url: string, options: PoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'impactline',
    // A server that does not answer fails the request quickly (503) instead of hanging it.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Idle pooled connections never keep a script or test process alive.
    allowExitOnIdle: true,
    types,
  });
  // An idle connection that the server closed (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on the next request.
  pool.on('error', (error) => console.error(`[impactline] PostgreSQL connection lost (${describeDriverError(error)}); reconnecting on the next request`));
  // A checked-out connection that dies between two queries emits 'error' on the client, which the
  // pool does not handle while it is checked out: without this listener the process would crash.
  // The query in flight (or the next one) fails and is answered 503; the client is then discarded.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

// ---- errors ----

type DriverError = Error & { code?: string; errno?: number; cause?: unknown; constraint?: string; routine?: string };

/** The SQLSTATE or system error code, also when drizzle wrapped the driver's error (on .cause). */
export function pgCode(error: unknown): string | undefined {
  for (let e = error as DriverError | undefined, depth = 0; e && depth < 4; e = e.cause as DriverError | undefined, depth++)
    if (typeof e.code === 'string') return e.code;
  return undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  for (let e = error as DriverError | undefined, depth = 0; e && depth < 4; e = e.cause as DriverError | undefined, depth++)
    if (typeof e.constraint === 'string') return e.constraint;
  return undefined;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '40001', // serialization_failure (a standby cancelled the query)
]);

/** Is this the database being unreachable (down, restarting, connection lost) rather than a bug? */
export function isUnavailable(error: unknown): boolean {
  const code = pgCode(error);
  if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly|not queryable/i.test(message);
}

/** Rethrow connection-class failures as 503 "unavailable" (with the cause kept); others unchanged. */
export function translate(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (isUnavailable(error))
    return new AppError('unavailable', 'the database is unavailable (restarting or unreachable); nothing was written by this request — retry in a moment', { retry_after: 2 }, { cause: error });
  return error;
}

/** One line for the operator that names the problem, never the password. */
export function describeDriverError(error: unknown, url?: string): string {
  const code = pgCode(error);
  const target = url ? safeTarget(url) : 'the database';
  const user = url ? safeUser(url) : 'the user';
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot connect to PostgreSQL at ${target}: connection refused (is the server running on that host and port?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to PostgreSQL at ${target}: host not found`;
    case 'ETIMEDOUT':
      return `cannot connect to PostgreSQL at ${target}: timed out`;
    case '28P01':
      return `PostgreSQL at ${target} refused the password for user "${user}" (password authentication failed)`;
    case '28000':
      return `PostgreSQL at ${target} refused user "${user}" (no pg_hba.conf entry or role does not exist)`;
    case '3D000':
      return `database ${target} does not exist: create it first (createdb, or CREATE DATABASE) or fix DATABASE_URL`;
    case '57P03':
      return `PostgreSQL at ${target} is starting up or shutting down; try again in a moment`;
    default: {
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
      if (/timeout/i.test(message)) return `cannot connect to PostgreSQL at ${target}: timed out`;
      return `PostgreSQL at ${target}: ${url ? message.replaceAll(url, redactUrl(url)) : message}${code ? ` (${code})` : ''}`;
    }
  }
}

function safeTarget(url: string): string {
  try {
    return describeTarget(url);
  } catch {
    return redactUrl(url);
  }
}

function safeUser(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || process.env.USER || 'postgres';
  } catch {
    return '?';
  }
}

/** A pool or one checked-out connection: what a read runs on. */
export type Queryable = Pick<Pool, 'query'> | Pick<Client, 'query'>;

export async function run<R extends object>(on: Queryable, name: string | undefined, text: string, values: unknown[] = []): Promise<R[]> {
  try {
    const result = await (on as Pool).query<R>(name ? { name, text, values } : { text, values });
    return result.rows;
  } catch (error) {
    throw translate(error);
  }
}

// ---- migrations ----

const MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/postgres/migrations');
/** Session advisory lock that serialises migrations when several processes start at once. */
const MIGRATION_LOCK = 0x1d_0000_0002;

/** Apply the committed drizzle migrations, one process at a time. */
export async function migrateDatabase(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      // Quiet the NOTICEs of "CREATE SCHEMA IF NOT EXISTS" on every start.
      await client.query('SET client_min_messages = warning');
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      await client.query('RESET client_min_messages');
    }
  } finally {
    client.release();
  }
}
