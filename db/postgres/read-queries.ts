// The read model's primitive queries on PostgreSQL (db/read-model.ts builds the rest on them),
// on the read pool: the primary, or a streaming replica (DATABASE_READ_URL). Long reads (price
// and ledger exports) go through a server-side cursor in one REPEATABLE READ snapshot, fetched a
// page at a time, so a large export holds one page in memory and every page comes from the
// same committed state of the ledger.
import { DEFAULT_BENCHMARK } from '@/lib/config';
import type { BarView, NarrativeView, TickerView } from '@/lib/contracts/read';
import type { LedgerRow } from '@/lib/mappings/ledger';
import type { BarPageQuery, ReadQueries, StateRow } from '../read-model';
import { run, translate, type Client, type Pool } from './connection';
import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './event-store';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

// Bars of one ticker at a clock (see db/sqlite/read-queries.ts): a replay shows each bar as it
// stood at the cut-off — bars first recorded later left out, later corrections undone.
const BARS_SQL = `SELECT date, open, high, low, close, adj_close, volume,
        (SELECT r.before FROM price_bar_revisions r
           WHERE r.ticker = b.ticker AND r.date = b.date
             AND (($4::bigint IS NOT NULL AND r.position > $4::bigint) OR ($5::text IS NOT NULL AND substr(r.recorded_at, 1, 10) > $5::text))
           ORDER BY r.position LIMIT 1) AS before
 FROM price_bars b
 WHERE ticker = $1
   AND ($2::text IS NULL OR date >= $2::text)
   AND ($3::text IS NULL OR date <= $3::text)
   AND ($4::bigint IS NULL OR first_position <= $4::bigint)
   AND ($6::text IS NULL OR date > $6::text)
 ORDER BY date`;

type BarRow = BarView & { before: string | null };
const toBar = ({ before, ...bar }: BarRow): BarView => (before ? { date: bar.date, ...(JSON.parse(before) as Omit<BarView, 'date'>) } : bar);

const barValues = (q: Omit<BarPageQuery, 'limit'>) => [q.ticker, q.from, q.to, q.position, q.asOf, q.after];

const LEDGER_SQL = `SELECT position, event_id, stream_id, stream_version, type, occurred_at, recorded_at, data::text AS data, metadata::text AS metadata
 FROM events
 WHERE position > $1 AND position <= $2
   AND ($3::text IS NULL OR stream_id = $3::text)
   AND ($4::text IS NULL OR type = $4::text)
 ORDER BY position`;

/** Rows of `sql` through a cursor, `pageSize` at a time, in one read-only snapshot (see cursorPages). */
export async function* cursorRows<R extends object>(pool: Pool, sql: string, values: unknown[], pageSize: number): AsyncGenerator<R> {
  for await (const rows of cursorPages<R>(pool, sql, values, pageSize)) yield* rows;
}

/**
 * The rows of `sql` a page (one FETCH, never empty) at a time through a cursor, in one read-only
 * snapshot. The connection is held until the iteration ends (or the consumer stops early: the
 * finally block closes it).
 */
export async function* cursorPages<R extends object>(pool: Pool, sql: string, values: unknown[], pageSize: number): AsyncGenerator<R[]> {
  let client: Client;
  try {
    client = await pool.connect();
  } catch (error) {
    throw translate(error);
  }
  let broken = false;
  try {
    await run(client, undefined, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await run(client, undefined, `DECLARE impactline_export NO SCROLL CURSOR FOR ${sql}`, values);
    for (;;) {
      const rows = await run<R>(client, undefined, `FETCH ${Math.max(1, Math.floor(pageSize))} FROM impactline_export`);
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) break;
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    try {
      await client.query('ROLLBACK'); // read-only: nothing to commit; also closes the cursor
    } catch {
      broken = true;
    }
    client.release(broken);
  }
}

export function pgReadQueries(pool: Pool): ReadQueries & Required<Pick<ReadQueries, 'iterateBarPages' | 'iterateLedgerRows'>> {
  const upToOrAll = (upTo: number | null) => upTo ?? NO_LIMIT;
  return {
    latestPosition: async () => (await run<{ p: number }>(pool, 'rq-head', 'SELECT coalesce(max(position), 0) AS p FROM events'))[0]?.p ?? 0,
    // Ordered by id like SQLite's primary-key scan, so ties elsewhere resolve the same way.
    entryRows: async (range) =>
      run<StateRow>(
        pool,
        'rq-entries',
        'SELECT state, version FROM timeline_entries WHERE ($1::text IS NULL OR date >= $1::text) AND ($2::text IS NULL OR date <= $2::text) ORDER BY id',
        [range.from, range.to],
      ),
    entryRow: async (id) => (await run<StateRow>(pool, 'rq-entry', 'SELECT state, version FROM timeline_entries WHERE id = $1', [id]))[0] ?? null,
    claimRows: async () => run<StateRow>(pool, 'rq-claims', 'SELECT state, version FROM claims ORDER BY id'),
    eventsOfTypes: async (types, upTo) =>
      (
        await run<EventRow>(pool, 'rq-of-types', `SELECT ${EVENT_COLUMNS} FROM events WHERE type = ANY($1::text[]) AND position <= $2 ORDER BY position`, [
          [...types],
          upToOrAll(upTo),
        ])
      ).map(toStoredEvent),
    readStream: async (streamId, upTo) =>
      (
        await run<EventRow>(pool, 'rq-stream', `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND position <= $2 ORDER BY stream_version`, [
          streamId,
          upToOrAll(upTo),
        ])
      ).map(toStoredEvent),
    readAll: async (f) =>
      (
        await run<EventRow>(
          pool,
          'rq-all',
          `SELECT ${EVENT_COLUMNS} FROM events
           WHERE position > $1 AND ($2::text IS NULL OR stream_id = $2::text) AND ($3::text IS NULL OR type = $3::text)
           ORDER BY position LIMIT $4`,
          [f.after ?? 0, f.stream ?? null, f.type ?? null, f.limit ?? 1000],
        )
      ).map(toStoredEvent),
    tickers: async () =>
      (
        await run<Omit<TickerView, 'default_benchmark'>>(
          pool,
          'rq-tickers',
          `SELECT t.symbol, t.name, t.exchange, t.role, t.shares_outstanding,
                  min(b.date) AS first_date, max(b.date) AS last_date, count(b.date)::int AS bars
           FROM tickers t LEFT JOIN price_bars b ON b.ticker = t.symbol
           GROUP BY t.symbol
           ORDER BY CASE t.role WHEN 'subject' THEN 0 WHEN 'peer' THEN 1 ELSE 2 END, t.symbol`,
        )
      ).map((r) => ({ ...r, default_benchmark: r.symbol === DEFAULT_BENCHMARK })),
    tickerExists: async (symbol) => (await run(pool, 'rq-ticker-exists', 'SELECT 1 AS x FROM tickers WHERE symbol = $1', [symbol])).length > 0,
    narratives: async () => run<NarrativeView>(pool, 'rq-narratives', 'SELECT id, name, thesis, color, sort_order, version FROM narratives ORDER BY sort_order, id'),
    barsPage: async (query) => (await run<BarRow>(pool, 'rq-bars', `${BARS_SQL} LIMIT $7`, [...barValues(query), query.limit])).map(toBar),
    async *iterateBarPages(query, pageSize) {
      for await (const rows of cursorPages<BarRow>(pool, BARS_SQL, barValues(query), pageSize)) yield rows.map(toBar);
    },
    priceSourcesOf: async (streamId, position) =>
      (
        await run<{ source: string | null }>(
          pool,
          'rq-price-sources',
          `SELECT data->>'source' AS source FROM events
           WHERE stream_id = $1 AND type IN ('PriceBarsImported', 'PriceBarsCorrected') AND position <= $2
           GROUP BY source ORDER BY min(position)`,
          [streamId, position],
        )
      )
        .map((r) => r.source)
        .filter((x): x is string => Boolean(x)),
    ledgerPage: async (f, after, upTo, limit) => run<LedgerRow>(pool, 'rq-ledger', `${LEDGER_SQL} LIMIT $5`, [after, upTo, f.stream, f.type, limit]),
    iterateLedgerRows: (f, after, upTo, limit, pageSize) =>
      cursorRows<LedgerRow>(pool, `${LEDGER_SQL}${limit === null ? '' : ` LIMIT ${Math.floor(limit)}`}`, [after, upTo, f.stream, f.type], pageSize),
  };
}
