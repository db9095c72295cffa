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
  type ClaimRow,
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
  /**
   * For a replay into emptied tables: `begin` drops what makes each row costly to insert (an
   * index), `end` builds it again in one pass. Both run inside the replay's transaction.
   */
  readonly bulkLoad?: { begin(): void; end(): void };
};

const types = (name: ProjectionName) => new Set<string>(PROJECTION_EVENT_TYPES[name]);

/**
 * The position of a stream's first event: the key of its entry or claim row. For the first
 * event itself that is its own position; later events find it through the events index.
 */
function firstPositionOf(conn: Connection) {
  const lookup = conn.prepare<[string], { position: number }>('SELECT position FROM events WHERE stream_id = ? AND stream_version = 1');
  return (event: StoredEvent) => (event.stream_version === 1 ? event.position : lookup.get(event.stream_id)?.position ?? null);
}

/**
 * Fold events into rows keyed by the stream's first position: each row is read at most once
 * and written once per call, however many of its events the call holds (a rebuild batch holds
 * many; an append one). A stream's first event has no row before it, so nothing is read for it.
 */
function foldRows<R>(
  events: readonly StoredEvent[],
  firstPosition: (event: StoredEvent) => number | null,
  read: (key: number) => R | null,
  next: (previous: R | null, event: StoredEvent) => R | null,
  write: (key: number, row: R) => void,
): void {
  if (events.length === 1) {
    const event = events[0]!;
    const key = firstPosition(event);
    if (key === null) return; // a stream without its first event holds no row
    const row = next(event.stream_version === 1 ? null : read(key), event);
    if (row) write(key, row);
    return;
  }
  const changed = new Map<number, R>();
  for (const event of events) {
    const key = firstPosition(event);
    if (key === null) continue;
    const previous = changed.get(key) ?? (event.stream_version === 1 ? null : read(key));
    const row = next(previous, event);
    if (row) changed.set(key, row);
  }
  for (const [key, row] of changed) write(key, row);
}

function entriesProjector(conn: Connection): SqliteProjector {
  const firstPosition = firstPositionOf(conn);
  const get = conn.prepare<[number], { state: string; recorded_at: string }>('SELECT state, recorded_at FROM timeline_entries WHERE first_position = ?');
  const put = conn.prepare<unknown[]>(
    `INSERT INTO timeline_entries (first_position, id, date, time_utc, kind, narrative, status, version, recorded_at, last_position, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(first_position) DO UPDATE SET date = excluded.date, time_utc = excluded.time_utc, kind = excluded.kind,
       narrative = excluded.narrative, status = excluded.status, version = excluded.version,
       last_position = excluded.last_position, state = excluded.state`,
  );
  const read = (key: number): EntryRow | null => {
    const row = get.get(key);
    return row ? ({ state: JSON.parse(row.state), recorded_at: row.recorded_at } as EntryRow) : null;
  };
  const write = (key: number, r: EntryRow) =>
    put.run(key, r.id, r.date, r.time_utc, r.kind, r.narrative, r.status, r.version, r.recorded_at, r.last_position, JSON.stringify(r.state));
  return {
    name: 'timeline_entries',
    types: types('timeline_entries'),
    tables: ['timeline_entries'],
    appliedThrough: (on) => (on.prepare('SELECT max(last_position) AS p FROM timeline_entries').get() as { p: number | null }).p ?? 0,
    apply: (events) => foldRows(events, firstPosition, read, nextEntryRow, write),
  };
}

function claimsProjector(conn: Connection): SqliteProjector {
  const firstPosition = firstPositionOf(conn);
  const get = conn.prepare<[number], { state: string }>('SELECT state FROM claims WHERE first_position = ?');
  const put = conn.prepare<unknown[]>(
    `INSERT INTO claims (first_position, id, asserted_on, narrative, entry_id, status, version, last_position, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(first_position) DO UPDATE SET asserted_on = excluded.asserted_on, narrative = excluded.narrative,
       entry_id = excluded.entry_id, status = excluded.status, version = excluded.version,
       last_position = excluded.last_position, state = excluded.state`,
  );
  const read = (key: number): ClaimRow | null => {
    const row = get.get(key);
    return row ? ({ state: JSON.parse(row.state) } as ClaimRow) : null;
  };
  const write = (key: number, r: ClaimRow) =>
    put.run(key, r.id, r.asserted_on, r.narrative, r.entry_id, r.status, r.version, r.last_position, JSON.stringify(r.state));
  return {
    name: 'claims',
    types: types('claims'),
    tables: ['claims'],
    appliedThrough: (on) => (on.prepare('SELECT max(last_position) AS p FROM claims').get() as { p: number | null }).p ?? 0,
    apply: (events) => foldRows(events, firstPosition, read, (previous, event) => nextClaimRow(previous?.state ?? null, event), write),
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

/** Bars per multi-row INSERT: one statement step per chunk instead of one per bar. */
const BAR_CHUNK = 50;
const BAR_COLUMNS = 10;
const BAR_ROW = `(${Array(BAR_COLUMNS).fill('?').join(', ')})`;

function priceBarsProjector(conn: Connection): SqliteProjector {
  const insertSql = (rows: number) =>
    `INSERT INTO price_bars (ticker, date, open, high, low, close, adj_close, volume, first_position, last_position)
     VALUES ${Array(rows).fill(BAR_ROW).join(', ')}`;
  const insertOne = conn.prepare<unknown[]>(insertSql(1));
  const insertChunk = conn.prepare<unknown[]>(insertSql(BAR_CHUNK));
  const chunk: unknown[] = new Array(BAR_CHUNK * BAR_COLUMNS);
  const update = conn.prepare(
    `UPDATE price_bars SET open = ?, high = ?, low = ?, close = ?, adj_close = ?, volume = ?, last_position = ?
     WHERE ticker = ? AND date = ?`,
  );
  const revision = conn.prepare(
    'INSERT INTO price_bar_revisions (ticker, date, position, recorded_at, before, after) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // The unique index on (ticker, date), as migration 0004 creates it. Dropped while a rebuild
  // appends bars, built again at its end (or before a correction needs to find a bar).
  const INDEX = 'price_bars_ticker_date_unique';
  let indexed = true;
  const ensureIndexed = () => {
    if (indexed) return;
    // The migration's own statement, so that the schema reads the same after a rebuild.
    conn.exec(`CREATE UNIQUE INDEX IF NOT EXISTS \`${INDEX}\` ON \`price_bars\` (\`ticker\`,\`date\`)`);
    indexed = true;
  };
  const insertBars = (ticker: string, bars: readonly PriceBar[], p: number) => {
    let i = 0;
    for (; i + BAR_CHUNK <= bars.length; i += BAR_CHUNK) {
      let k = 0;
      for (let j = i; j < i + BAR_CHUNK; j++) {
        const b = bars[j]!;
        chunk[k++] = ticker;
        chunk[k++] = b.date;
        chunk[k++] = b.open;
        chunk[k++] = b.high;
        chunk[k++] = b.low;
        chunk[k++] = b.close;
        chunk[k++] = b.adj_close;
        chunk[k++] = b.volume;
        chunk[k++] = p;
        chunk[k++] = p;
      }
      // Spread, not the array: better-sqlite3 reads an array element by element through the V8 API.
      insertChunk.run(...chunk);
    }
    for (; i < bars.length; i++) {
      const b = bars[i]!;
      insertOne.run(ticker, b.date, b.open, b.high, b.low, b.close, b.adj_close, b.volume, p, p);
    }
  };
  return {
    name: 'price_bars',
    types: types('price_bars'),
    tables: ['price_bars', 'price_bar_revisions'],
    bulkLoad: {
      begin() {
        conn.exec(`DROP INDEX IF EXISTS ${INDEX}`);
        indexed = false;
      },
      end: ensureIndexed,
    },
    apply(events) {
      for (const event of events) {
        const ticker = entityIdOf(event.stream_id);
        const p = event.position;
        if (event.type === 'PriceBarsImported') insertBars(ticker, (event.data as { bars: PriceBar[] }).bars, p);
        else {
          ensureIndexed(); // a correction updates a bar found by (ticker, date)
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
