// Administration on PostgreSQL: projection and ledger checksums (a rebuild must reproduce the
// live tables exactly; read through a cursor, so a million bars never sit in memory), and an
// online backup with pg_dump that never stops writers. The backup's ledger position and
// checksum are computed in the very snapshot pg_dump copies (pg_export_snapshot), so
// "ledgerChecksum(source, position) = ledgerChecksum(restored copy, position)" holds exactly.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { StoreAdmin, TableChecksum } from '../store';
import { run, translate, type Client, type Pool } from './connection';
import { EVENT_COLUMNS } from './event-store';
import { cursorRows } from './read-queries';

/** Every projection table, with the order that makes its checksum independent of insertion. */
const PROJECTION_TABLE_ORDER: Record<string, string> = {
  timeline_entries: 'id',
  claims: 'id',
  narratives: 'id',
  tickers: 'symbol',
  price_bars: 'ticker, date',
  price_bar_revisions: 'ticker, date, position',
};

const PAGE = 5000;

async function tableChecksum(pool: Pool, table: string, order: string): Promise<TableChecksum> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const row of cursorRows<object>(pool, `SELECT * FROM ${table} ORDER BY ${order}`, [], PAGE)) {
    hash.update(JSON.stringify(row));
    hash.update('\n');
    rows++;
  }
  return { rows, sha256: hash.digest('hex') };
}

/** The ledger checksum in the caller's snapshot (on `client`) or a fresh one (on the pool). */
async function ledgerChecksumOn(rows: AsyncIterable<object>): Promise<{ events: number; sha256: string }> {
  const hash = createHash('sha256');
  let events = 0;
  for await (const row of rows) {
    hash.update(JSON.stringify(row));
    hash.update('\n');
    events++;
  }
  return { events, sha256: hash.digest('hex') };
}

const LEDGER_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE position <= $1 ORDER BY position`;

/** Rows of a query through a cursor on a connection that is already in a transaction. */
async function* inTransaction(client: Client, sql: string, values: unknown[]): AsyncGenerator<object> {
  await run(client, undefined, `DECLARE impactline_checksum NO SCROLL CURSOR FOR ${sql}`, values);
  for (;;) {
    const rows = await run<object>(client, undefined, `FETCH ${PAGE} FROM impactline_checksum`);
    yield* rows;
    if (rows.length < PAGE) break;
  }
  await run(client, undefined, 'CLOSE impactline_checksum');
}

/** A PostgreSQL client program (pg_dump, pg_restore, psql) of the newest installed version. */
export function pgProgram(name: string): string {
  const dirs: string[] = [];
  if (process.env.IMPACTLINE_PG_BIN) dirs.push(process.env.IMPACTLINE_PG_BIN);
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base))
    for (const major of fs
      .readdirSync(base)
      .filter((d) => /^\d+$/.test(d))
      .sort((a, b) => Number(b) - Number(a)))
      dirs.push(path.join(base, major, 'bin'));
  for (const dir of dirs) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error(`${name} is not installed (Debian: apt-get install -y postgresql-client)`);
}

/** A URL without its password, and the password for PGPASSWORD (never on a command line). */
export function splitPassword(url: string): { url: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password };
}

function runProgram(program: string, args: string[], password: string | null): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

export function pgAdmin(pool: Pool, url: string): StoreAdmin {
  return {
    async projectionChecksums() {
      const out: Record<string, TableChecksum> = {};
      for (const [table, order] of Object.entries(PROJECTION_TABLE_ORDER)) out[table] = await tableChecksum(pool, table, order);
      return out;
    },
    ledgerChecksum: (upTo) => ledgerChecksumOn(cursorRows<object>(pool, LEDGER_SQL, [upTo ?? Number.MAX_SAFE_INTEGER], PAGE)),
    async backup(target) {
      if (fs.existsSync(target)) throw new Error(`${target} already exists`);
      const pgDump = pgProgram('pg_dump');
      let client: Client;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translate(error);
      }
      try {
        // One snapshot for the position, the checksum and pg_dump's copy; writers go on meanwhile.
        await run(client, undefined, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const [snap] = await run<{ id: string; p: number }>(client, undefined, 'SELECT pg_export_snapshot() AS id, (SELECT coalesce(max(position), 0) FROM events) AS p');
        const position = snap!.p;
        const { url: bare, password } = splitPassword(url);
        const dumping = runProgram(pgDump, ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snap!.id}`, `--file=${target}`, `--dbname=${bare}`], password);
        const checksum = await ledgerChecksumOn(inTransaction(client, LEDGER_SQL, [position]));
        const dumped = await dumping;
        if (dumped.code !== 0) throw new Error(`pg_dump failed (exit ${dumped.code}): ${dumped.stderr.trim()}`);
        // The archive must be readable in full: pg_restore lists its table of contents.
        const listed = await runProgram(pgProgram('pg_restore'), ['--list', target], null);
        const integrity = listed.code === 0 ? 'ok' : `pg_restore --list failed: ${listed.stderr.trim()}`;
        return { position, ...checksum, integrity };
      } finally {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
      }
    },
  };
}
