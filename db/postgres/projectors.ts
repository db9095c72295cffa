// The SQL side of each projection on PostgreSQL: store the rows db/projections derives, inside
// the append transaction (read-your-writes) and during rebuilds. Each apply() is a batch: the
// rows it needs are read in one query, folded in memory with the pure row functions, and written
// back in one statement (unnest arrays), so a rebuild or an import costs a few round trips per
// batch, not one per event.
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
import { run, type Client, type Queryable } from './connection';

export type PgProjector = {
  readonly name: ProjectionName;
  readonly types: ReadonlySet<string>;
  /** The tables this projection owns (emptied by a rebuild). */
  readonly tables: readonly string[];
  /** Apply events (already filtered to `types`), in position order, inside the caller's transaction. */
  apply(client: Client, events: readonly StoredEvent[]): Promise<void>;
  /**
   * For projections whose rows record the position that last changed them: the highest such
   * position. Their checkpoint is then read from the rows instead of being rewritten on every
   * append (one round trip fewer for the commonest commands), as on SQLite.
   */
  appliedThrough?(on: Queryable): Promise<number>;
};

const maxLastPosition = (table: string) => async (on: Queryable) =>
  (await run<{ p: number }>(on, `pj-applied-${table}`, `SELECT coalesce(max(last_position), 0) AS p FROM ${table}`))[0]?.p ?? 0;

const types = (name: ProjectionName) => new Set<string>(PROJECTION_EVENT_TYPES[name]);

/** The last row per key (an upsert may not touch one row twice in a statement). */
function lastPerKey<R>(rows: Iterable<R>, key: (r: R) => string): R[] {
  const out = new Map<string, R>();
  for (const r of rows) out.set(key(r), r);
  return [...out.values()];
}

const entries: PgProjector = {
  name: 'timeline_entries',
  types: types('timeline_entries'),
  tables: ['timeline_entries'],
  appliedThrough: maxLastPosition('timeline_entries'),
  async apply(client, events) {
    const ids = [...new Set(events.map((e) => entityIdOf(e.stream_id)))];
    const current = new Map<string, Pick<EntryRow, 'state' | 'recorded_at'>>();
    for (const r of await run<{ id: string; state: string; recorded_at: string }>(client, 'pj-entries-get', 'SELECT id, state, recorded_at FROM timeline_entries WHERE id = ANY($1::text[])', [ids]))
      current.set(r.id, { state: JSON.parse(r.state), recorded_at: r.recorded_at });
    const changed = new Map<string, EntryRow>();
    for (const event of events) {
      const id = entityIdOf(event.stream_id);
      const next = nextEntryRow(current.get(id) ?? null, event);
      if (!next) continue;
      current.set(id, next);
      changed.set(id, next);
    }
    if (changed.size === 0) return;
    const rows = [...changed.values()];
    await run(
      client,
      'pj-entries-put',
      `INSERT INTO timeline_entries (id, date, time_utc, kind, narrative, status, version, recorded_at, last_position, state)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::text[], $9::bigint[], $10::text[])
       ON CONFLICT (id) DO UPDATE SET date = excluded.date, time_utc = excluded.time_utc, kind = excluded.kind,
         narrative = excluded.narrative, status = excluded.status, version = excluded.version,
         last_position = excluded.last_position, state = excluded.state`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.date),
        rows.map((r) => r.time_utc),
        rows.map((r) => r.kind),
        rows.map((r) => r.narrative),
        rows.map((r) => r.status),
        rows.map((r) => r.version),
        rows.map((r) => r.recorded_at),
        rows.map((r) => r.last_position),
        rows.map((r) => JSON.stringify(r.state)),
      ],
    );
  },
};

const claims: PgProjector = {
  name: 'claims',
  types: types('claims'),
  tables: ['claims'],
  appliedThrough: maxLastPosition('claims'),
  async apply(client, events) {
    const ids = [...new Set(events.map((e) => entityIdOf(e.stream_id)))];
    const current = new Map<string, ClaimRow['state']>();
    for (const r of await run<{ id: string; state: string }>(client, 'pj-claims-get', 'SELECT id, state FROM claims WHERE id = ANY($1::text[])', [ids]))
      current.set(r.id, JSON.parse(r.state));
    const changed = new Map<string, ClaimRow>();
    for (const event of events) {
      const id = entityIdOf(event.stream_id);
      const next = nextClaimRow(current.get(id) ?? null, event);
      if (!next) continue;
      current.set(id, next.state);
      changed.set(id, next);
    }
    if (changed.size === 0) return;
    const rows = [...changed.values()];
    await run(
      client,
      'pj-claims-put',
      `INSERT INTO claims (id, asserted_on, narrative, entry_id, status, version, last_position, state)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::text[])
       ON CONFLICT (id) DO UPDATE SET asserted_on = excluded.asserted_on, narrative = excluded.narrative,
         entry_id = excluded.entry_id, status = excluded.status, version = excluded.version,
         last_position = excluded.last_position, state = excluded.state`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.asserted_on),
        rows.map((r) => r.narrative),
        rows.map((r) => r.entry_id),
        rows.map((r) => r.status),
        rows.map((r) => r.version),
        rows.map((r) => r.last_position),
        rows.map((r) => JSON.stringify(r.state)),
      ],
    );
  },
};

const narratives: PgProjector = {
  name: 'narratives',
  types: types('narratives'),
  tables: ['narratives'],
  async apply(client, events) {
    // NarrativeAmended folds onto the row before it: read the rows of the batch once.
    const ids = [...new Set(events.map((e) => entityIdOf(e.stream_id)))];
    const current = new Map<string, NarrativeRow>();
    for (const r of await run<NarrativeRow>(
      client,
      'pj-narratives-get',
      'SELECT id, name, thesis, color, sort_order, version FROM narratives WHERE id = ANY($1::text[])',
      [ids],
    ))
      current.set(r.id, r);
    const changed = new Map<string, NarrativeRow>();
    for (const event of events) {
      const id = entityIdOf(event.stream_id);
      const next = nextNarrativeRow(current.get(id) ?? null, event);
      if (!next) continue;
      current.set(id, next);
      changed.set(id, next);
    }
    if (changed.size === 0) return;
    const rows = [...changed.values()];
    await run(
      client,
      'pj-narratives-put',
      `INSERT INTO narratives (id, name, thesis, color, sort_order, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, thesis = excluded.thesis, color = excluded.color,
         sort_order = excluded.sort_order, version = excluded.version`,
      [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.thesis), rows.map((r) => r.color), rows.map((r) => r.sort_order), rows.map((r) => r.version)],
    );
  },
};

const tickers: PgProjector = {
  name: 'tickers',
  types: types('tickers'),
  tables: ['tickers'],
  async apply(client, events) {
    const rows = lastPerKey(
      events.map(tickerRow).filter((r) => r !== null),
      (r) => r.symbol,
    );
    if (rows.length === 0) return;
    await run(
      client,
      'pj-tickers-put',
      `INSERT INTO tickers (symbol, name, exchange, role, shares_outstanding, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[])
       ON CONFLICT (symbol) DO UPDATE SET name = excluded.name, exchange = excluded.exchange, role = excluded.role,
         shares_outstanding = excluded.shares_outstanding, version = excluded.version`,
      [rows.map((r) => r.symbol), rows.map((r) => r.name), rows.map((r) => r.exchange), rows.map((r) => r.role), rows.map((r) => r.shares_outstanding), rows.map((r) => r.version)],
    );
  },
};

const priceBars: PgProjector = {
  name: 'price_bars',
  types: types('price_bars'),
  tables: ['price_bars', 'price_bar_revisions'],
  async apply(client, events) {
    for (const event of events) {
      const ticker = entityIdOf(event.stream_id);
      const p = event.position;
      if (event.type === 'PriceBarsImported') {
        const bars = (event.data as { bars: PriceBar[] }).bars;
        await run(
          client,
          'pj-bars-insert',
          `INSERT INTO price_bars (ticker, date, open, high, low, close, adj_close, volume, first_position, last_position)
           SELECT $1, d, o, h, l, c, a, v, $2, $2 FROM unnest($3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[]) AS u(d, o, h, l, c, a, v)`,
          [
            ticker,
            p,
            bars.map((b) => b.date),
            bars.map((b) => b.open),
            bars.map((b) => b.high),
            bars.map((b) => b.low),
            bars.map((b) => b.close),
            bars.map((b) => b.adj_close),
            bars.map((b) => b.volume),
          ],
        );
      } else {
        const corrections = (event.data as { corrections: BarCorrection[] }).corrections;
        const after = corrections.map((c) => c.after);
        await run(
          client,
          'pj-bars-correct',
          `UPDATE price_bars b SET open = u.o, high = u.h, low = u.l, close = u.c, adj_close = u.a, volume = u.v, last_position = $2
           FROM unnest($3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[]) AS u(d, o, h, l, c, a, v)
           WHERE b.ticker = $1 AND b.date = u.d`,
          [
            ticker,
            p,
            corrections.map((c) => c.date),
            after.map((a) => a.open),
            after.map((a) => a.high),
            after.map((a) => a.low),
            after.map((a) => a.close),
            after.map((a) => a.adj_close),
            after.map((a) => a.volume),
          ],
        );
        await run(
          client,
          'pj-bars-revision',
          `INSERT INTO price_bar_revisions (ticker, date, position, recorded_at, before, after)
           SELECT $1, d, $2, $3, b, a FROM unnest($4::text[], $5::text[], $6::text[]) AS u(d, b, a)`,
          [ticker, p, event.recorded_at, corrections.map((c) => c.date), corrections.map((c) => JSON.stringify(c.before)), corrections.map((c) => JSON.stringify(c.after))],
        );
      }
    }
  },
};

/** Every projection of the read model, in the order the SQLite adapter applies them. */
export function pgProjectors(): PgProjector[] {
  return [entries, claims, narratives, tickers, priceBars];
}
