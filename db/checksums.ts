// Per-table checksums of the projections: a rebuild must reproduce the live tables exactly.
import { createHash } from 'node:crypto';
import type { Db } from './client';
import { PROJECTION_TABLES } from './schema';

const ORDER: Record<(typeof PROJECTION_TABLES)[number], string> = {
  timeline_entries: 'id',
  claims: 'id',
  narratives: 'id',
  tickers: 'symbol',
  price_bars: 'ticker, date',
  price_bar_revisions: 'ticker, date, position',
};

export function projectionChecksums(db: Db): Record<string, { rows: number; sha256: string }> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of PROJECTION_TABLES) {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.sqlite.prepare(`SELECT * FROM ${table} ORDER BY ${ORDER[table]}`).iterate()) {
      hash.update(JSON.stringify(row));
      hash.update('\n');
      rows++;
    }
    out[table] = { rows, sha256: hash.digest('hex') };
  }
  return out;
}

/** A checksum of the ledger itself up to a position (for backups and audits). */
export function ledgerChecksum(db: Db, upTo?: number): { events: number; sha256: string } {
  const hash = createHash('sha256');
  let events = 0;
  const stmt = db.sqlite.prepare('SELECT * FROM events WHERE position <= ? ORDER BY position');
  for (const row of stmt.iterate(upTo ?? Number.MAX_SAFE_INTEGER)) {
    hash.update(JSON.stringify(row));
    hash.update('\n');
    events++;
  }
  return { events, sha256: hash.digest('hex') };
}
