// The SQL side of each projection on SQLite: prepared statements that store the rows
// db/projections derives. Run inside the append transaction (read-your-writes) and by rebuilds.
// The event store is handed these (createSqliteStore); it never imports them itself.
import type { BarCorrection } from '@/lib/domain/events';
import type { PriceBar } from '@/lib/domain/schemas';
import { entityIdOf } from '@/lib/domain/stream-ids';
import {
  nextClaimRow,
  nextEntryRow,
  nextNarrativeRow,
  PROJECTION_EVENT_TYPES,
  tickerRow,
  type EntryRow,
  type NarrativeRow,
  type ProjectionName,
} from '../projections';
import type { StoredEvent } from '../store';
import type { Connection } from './connection';

export type SqliteProjector = {
  readonly name: ProjectionName;
  readonly types: ReadonlySet<string>;
  /** The tables this projection owns (emptied by a rebuild). */
  readonly tables: readonly string[];
  /** Apply events (already filtered to `types`), in position order, inside the caller's transaction. */
  apply(events: readonly StoredEvent[]): void;
  /**
   * For projections whose rows record the position that last changed them: the highest such
   * position. Their checkpoint is then read from the rows instead of being rewritten on every
   * append (one page fewer in each commit of the hottest commands).
   */
  appliedThrough?(on: Connection): number;
};

const types = (name: ProjectionName) => new Set<string>(PROJECTION_EVENT_TYPES[name]);

function entriesProjector(conn: Connection): SqliteProjector {
  const get = conn.prepare<[string], { state: string; recorded_at: string }>('SELECT state, recorded_at FROM timeline_entries WHERE id = ?');
  const put = conn.prepare(
    `INSERT INTO timeline_entries (id, date, time_utc, kind, narrative, status, version, recorded_at, last_position, state)
     VALUES (@id, @date, @time_utc, @kind, @narrative, @status, @version, @recorded_at, @last_position, @state)
     ON CONFLICT(id) DO UPDATE SET date = excluded.date, time_utc = excluded.time_utc, kind = excluded.kind,
       narrative = excluded.narrative, status = excluded.status, version = excluded.version,
       last_position = excluded.last_position, state = excluded.state`,
  );
  return {
    name: 'timeline_entries',
    types: types('timeline_entries'),
    tables: ['timeline_entries'],
    appliedThrough: (on) => (on.prepare('SELECT max(last_position) AS p FROM timeline_entries').get() as { p: number | null }).p ?? 0,
    apply(events) {
      for (const event of events) {
        const row = get.get(entityIdOf(event.stream_id));
        const next: EntryRow | null = nextEntryRow(row ? { state: JSON.parse(row.state), recorded_at: row.recorded_at } : null, event);
        if (next) put.run({ ...next, state: JSON.stringify(next.state) });
      }
    },
  };
}

function claimsProjector(conn: Connection): SqliteProjector {
  const get = conn.prepare<[string], { state: string }>('SELECT state FROM claims WHERE id = ?');
  const put = conn.prepare(
    `INSERT INTO claims (id, asserted_on, narrative, entry_id, status, version, last_position, state)
     VALUES (@id, @asserted_on, @narrative, @entry_id, @status, @version, @last_position, @state)
     ON CONFLICT(id) DO UPDATE SET asserted_on = excluded.asserted_on, narrative = excluded.narrative,
       entry_id = excluded.entry_id, status = excluded.status, version = excluded.version,
       last_position = excluded.last_position, state = excluded.state`,
  );
  return {
    name: 'claims',
    types: types('claims'),
    tables: ['claims'],
    appliedThrough: (on) => (on.prepare('SELECT max(last_position) AS p FROM claims').get() as { p: number | null }).p ?? 0,
    apply(events) {
      for (const event of events) {
        const row = get.get(entityIdOf(event.stream_id));
        const next = nextClaimRow(row ? JSON.parse(row.state) : null, event);
        if (next) put.run({ ...next, state: JSON.stringify(next.state) });
      }
    },
  };
}

function narrativesProjector(conn: Connection): SqliteProjector {
  const get = conn.prepare<[string], NarrativeRow>('SELECT id, name, thesis, color, sort_order, version FROM narratives WHERE id = ?');
  const put = conn.prepare(
    `INSERT INTO narratives (id, name, thesis, color, sort_order, version) VALUES (@id, @name, @thesis, @color, @sort_order, @version)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, thesis = excluded.thesis, color = excluded.color,
       sort_order = excluded.sort_order, version = excluded.version`,
  );
  return {
    name: 'narratives',
    types: types('narratives'),
    tables: ['narratives'],
    apply(events) {
      for (const event of events) {
        const row = nextNarrativeRow(get.get(entityIdOf(event.stream_id)) ?? null, event);
        if (row) put.run(row);
      }
    },
  };
}

function tickersProjector(conn: Connection): SqliteProjector {
  const put = conn.prepare(
    `INSERT INTO tickers (symbol, name, exchange, role, shares_outstanding, version)
     VALUES (@symbol, @name, @exchange, @role, @shares_outstanding, @version)
     ON CONFLICT(symbol) DO UPDATE SET name = excluded.name, exchange = excluded.exchange, role = excluded.role,
       shares_outstanding = excluded.shares_outstanding, version = excluded.version`,
  );
  return {
    name: 'tickers',
    types: types('tickers'),
    tables: ['tickers'],
    apply(events) {
      for (const event of events) {
        const row = tickerRow(event);
        if (row) put.run(row);
      }
    },
  };
}

function priceBarsProjector(conn: Connection): SqliteProjector {
  const insert = conn.prepare(
    `INSERT INTO price_bars (ticker, date, open, high, low, close, adj_close, volume, first_position, last_position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = conn.prepare(
    `UPDATE price_bars SET open = ?, high = ?, low = ?, close = ?, adj_close = ?, volume = ?, last_position = ?
     WHERE ticker = ? AND date = ?`,
  );
  const revision = conn.prepare(
    'INSERT INTO price_bar_revisions (ticker, date, position, recorded_at, before, after) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    name: 'price_bars',
    types: types('price_bars'),
    tables: ['price_bars', 'price_bar_revisions'],
    apply(events) {
      for (const event of events) {
        const ticker = entityIdOf(event.stream_id);
        const p = event.position;
        if (event.type === 'PriceBarsImported') {
          for (const b of (event.data as { bars: PriceBar[] }).bars)
            insert.run(ticker, b.date, b.open, b.high, b.low, b.close, b.adj_close, b.volume, p, p);
        } else {
          for (const c of (event.data as { corrections: BarCorrection[] }).corrections) {
            const a = c.after;
            update.run(a.open, a.high, a.low, a.close, a.adj_close, a.volume, p, ticker, c.date);
            revision.run(ticker, c.date, p, event.recorded_at, JSON.stringify(c.before), JSON.stringify(c.after));
          }
        }
      }
    },
  };
}

/** Every projection of the read model, bound to `conn` (the writer connection). */
export function sqliteProjectors(conn: Connection): SqliteProjector[] {
  return [entriesProjector(conn), claimsProjector(conn), narrativesProjector(conn), tickersProjector(conn), priceBarsProjector(conn)];
}
