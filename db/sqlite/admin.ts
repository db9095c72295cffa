// Administration on SQLite: projection and ledger checksums (a rebuild must reproduce the live
// tables exactly), and an online backup that never stops writers.
import { createHash } from 'node:crypto';
import type { StoreAdmin, TableChecksum } from '../store';
import { openConnection, type Connection } from './connection';

/** Every projection table, with the order that makes its checksum independent of insertion. */
const PROJECTION_TABLE_ORDER: Record<string, string> = {
  timeline_entries: 'id',
  claims: 'id',
  narratives: 'id',
  tickers: 'symbol',
  price_bars: 'ticker, date',
  price_bar_revisions: 'ticker, date, position',
};

export function projectionChecksums(conn: Connection): Record<string, TableChecksum> {
  const out: Record<string, TableChecksum> = {};
  for (const [table, order] of Object.entries(PROJECTION_TABLE_ORDER)) {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of conn.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      rows++;
    }
    out[table] = { rows, sha256: hash.digest('hex') };
  }
  return out;
}

export function ledgerChecksum(conn: Connection, upTo?: number): { events: number; sha256: string } {
  const hash = createHash('sha256');
  let events = 0;
  const stmt = conn.prepare('SELECT * FROM events WHERE position <= ? ORDER BY position');
  for (const row of stmt.iterate(upTo ?? Number.MAX_SAFE_INTEGER)) {
    hash.update(JSON.stringify(row));
    hash.update('\n');
    events++;
  }
  return { events, sha256: hash.digest('hex') };
}

export function sqliteAdmin(reader: Connection): StoreAdmin {
  return {
    projectionChecksums: async () => projectionChecksums(reader),
    ledgerChecksum: async (upTo) => ledgerChecksum(reader, upTo),
    async backup(target) {
      // Copy every remaining page in one step: one read transaction, so concurrent writers can
      // neither restart the copy nor leave it half old, half new (WAL readers do not block writers).
      await reader.backup(target, { progress: () => 0x7fffffff });
      const copy = openConnection(target);
      try {
        const position = (copy.prepare('SELECT max(position) AS p FROM events').get() as { p: number | null }).p ?? 0;
        const checksum = ledgerChecksum(copy, position);
        const integrity = String(copy.pragma('integrity_check', { simple: true }));
        return { position, ...checksum, integrity };
      } finally {
        copy.close();
      }
    },
  };
}
