// The read model's primitive queries on SQLite (db/read-model.ts builds the rest on them).
// All run on the reader connection, which in WAL mode sees only committed transactions.
import { DEFAULT_BENCHMARK } from '@/lib/config';
import type { BarView, NarrativeView, TickerView } from '@/lib/contracts/read';
import { streamIds } from '@/lib/domain/stream-ids';
import type { LedgerRow } from '@/lib/mappings/ledger';
import type { BarPageQuery, ReadQueries, StateRow } from '../read-model';
import type { Connection } from './connection';
import { toStoredEvent } from './event-store';

const EVENT_COLUMNS = 'position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at';

// Bars of one ticker at a clock, one keyset page at a time. The date range is written so that
// the (ticker, date) index bounds the scan: `date >= @lo` with `@lo` the last page's date (then
// excluded) or `from`, and an upper bound that is `to` or a string above every date (U+10FFFF).
// Written as `(@after IS NULL OR date > @after)` it could not bound the scan, and every page
// re-read the ticker's bars from its first date.
const BAR_RANGE = `ticker = @ticker
   AND date >= @lo AND (date > @lo OR @inclusive)
   AND date <= coalesce(@to, char(1114111))
   AND (@position IS NULL OR first_position <= @position)`;

// A replay shows each bar as it stood at the cut-off: bars first recorded later are left out,
// and a bar corrected later shows the values from before its first later correction.
const BARS_PAGE_SQL = `SELECT date, open, high, low, close, adj_close, volume,
        (SELECT r.before FROM price_bar_revisions r
           WHERE r.ticker = b.ticker AND r.date = b.date
             AND ((@position IS NOT NULL AND r.position > @position) OR (@asOf IS NOT NULL AND substr(r.recorded_at, 1, 10) > @asOf))
           ORDER BY r.position LIMIT 1) AS before
 FROM price_bars b
 WHERE ${BAR_RANGE}
 ORDER BY date
 LIMIT @limit`;

// The same page when no revision of the ticker is later than the clock (the usual case, and
// always for a live read): no correlated lookup per bar, and rows as arrays (better-sqlite3
// builds an object per row through the V8 API, which costs more than the query).
const BARS_PAGE_UNREVISED_SQL = `SELECT date, open, high, low, close, adj_close, volume
 FROM price_bars
 WHERE ${BAR_RANGE}
 ORDER BY date
 LIMIT @limit`;

type BarRow = [string, number | null, number | null, number | null, number, number | null, number | null];

/** The parameters of a bar page: the lower bound is the keyset (exclusive) or `from` (inclusive). */
function barRange(q: BarPageQuery) {
  const lo = q.after ?? q.from;
  return { ticker: q.ticker, lo: lo ?? '', inclusive: q.after === null ? 1 : 0, to: q.to, position: q.position, asOf: q.asOf, limit: q.limit };
}

const LATER_REVISION_SQL = `SELECT 1 AS x FROM price_bar_revisions r
 WHERE r.ticker = @ticker
   AND ((@position IS NOT NULL AND r.position > @position) OR (@asOf IS NOT NULL AND substr(r.recorded_at, 1, 10) > @asOf))
 LIMIT 1`;

export function sqliteReadQueries(conn: Connection): ReadQueries {
  const s = {
    latest: conn.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
    entryRows: conn.prepare<Record<string, unknown>, StateRow>(
      'SELECT state, version FROM timeline_entries WHERE (@from IS NULL OR date >= @from) AND (@to IS NULL OR date <= @to)',
    ),
    // Rows are keyed by the position of the stream's first event, found through the events index.
    entryRow: conn.prepare<[string], StateRow>(
      'SELECT state, version FROM timeline_entries WHERE first_position = (SELECT position FROM events WHERE stream_id = ? AND stream_version = 1)',
    ),
    claimRows: conn.prepare<[], StateRow>('SELECT state, version FROM claims'),
    eventsOfTypes: conn.prepare<[string, number], Parameters<typeof toStoredEvent>[0]>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE type IN (SELECT value FROM json_each(?)) AND position <= ? ORDER BY position`,
    ),
    stream: conn.prepare<[string, number], Parameters<typeof toStoredEvent>[0]>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND position <= ? ORDER BY stream_version`,
    ),
    all: conn.prepare<Record<string, unknown>, Parameters<typeof toStoredEvent>[0]>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE position > @after AND (@stream IS NULL OR stream_id = @stream) AND (@type IS NULL OR type = @type)
       ORDER BY position LIMIT @limit`,
    ),
    tickers: conn.prepare<[], Omit<TickerView, 'default_benchmark'>>(
      `SELECT t.symbol, t.name, t.exchange, t.role, t.shares_outstanding,
              min(b.date) AS first_date, max(b.date) AS last_date, count(b.date) AS bars
       FROM tickers t LEFT JOIN price_bars b ON b.ticker = t.symbol
       GROUP BY t.symbol
       ORDER BY CASE t.role WHEN 'subject' THEN 0 WHEN 'peer' THEN 1 ELSE 2 END, t.symbol`,
    ),
    tickerExists: conn.prepare<[string], { x: number }>('SELECT 1 AS x FROM tickers WHERE symbol = ?'),
    narratives: conn.prepare<[], NarrativeView>('SELECT id, name, thesis, color, sort_order, version FROM narratives ORDER BY sort_order, id'),
    barsPage: conn.prepare<Record<string, unknown>, BarView & { before: string | null }>(BARS_PAGE_SQL),
    barsPageUnrevised: conn.prepare<Record<string, unknown>, BarRow>(BARS_PAGE_UNREVISED_SQL).raw(),
    laterRevision: conn.prepare<Record<string, unknown>, { x: number }>(LATER_REVISION_SQL),
    priceSources: conn.prepare<[string, number], { source: string | null }>(
      `SELECT json_extract(data, '$.source') AS source FROM events
       WHERE stream_id = ? AND type IN ('PriceBarsImported', 'PriceBarsCorrected') AND position <= ?
       GROUP BY source ORDER BY min(position)`,
    ),
    ledgerPage: conn.prepare<Record<string, unknown>, LedgerRow>(
      `SELECT position, event_id, stream_id, stream_version, type, occurred_at, recorded_at, data, metadata
       FROM events
       WHERE position > @after AND position <= @upTo
         AND (@stream IS NULL OR stream_id = @stream)
         AND (@type IS NULL OR type = @type)
       ORDER BY position
       LIMIT @limit`,
    ),
  };
  const upToOrAll = (upTo: number | null) => upTo ?? Number.MAX_SAFE_INTEGER;

  return {
    latestPosition: async () => s.latest.get()?.p ?? 0,
    entryRows: async (range) => s.entryRows.all(range),
    entryRow: async (id) => s.entryRow.get(streamIds.entry(id)) ?? null,
    claimRows: async () => s.claimRows.all(),
    eventsOfTypes: async (types, upTo) => s.eventsOfTypes.all(JSON.stringify(types), upToOrAll(upTo)).map(toStoredEvent),
    readStream: async (streamId, upTo) => s.stream.all(streamId, upToOrAll(upTo)).map(toStoredEvent),
    readAll: async (f) => s.all.all({ after: f.after ?? 0, stream: f.stream ?? null, type: f.type ?? null, limit: f.limit ?? 1000 }).map(toStoredEvent),
    tickers: async () => s.tickers.all().map((r) => ({ ...r, default_benchmark: r.symbol === DEFAULT_BENCHMARK })),
    tickerExists: async (symbol) => s.tickerExists.get(symbol) !== undefined,
    narratives: async () => s.narratives.all(),
    barsPage: async (query: BarPageQuery) => {
      const { ticker, position, asOf } = query;
      const params = barRange(query);
      if (s.laterRevision.get({ ticker, position, asOf }) === undefined)
        return s.barsPageUnrevised
          .all(params)
          .map((r): BarView => ({ date: r[0], open: r[1], high: r[2], low: r[3], close: r[4], adj_close: r[5], volume: r[6] }));
      return s.barsPage.all(params).map(({ before, ...bar }) => (before ? { date: bar.date, ...(JSON.parse(before) as Omit<BarView, 'date'>) } : bar));
    },
    priceSourcesOf: async (streamId, position) =>
      s.priceSources
        .all(streamId, position)
        .map((r) => r.source)
        .filter((x): x is string => Boolean(x)),
    ledgerPage: async (f, after, upTo, limit) => s.ledgerPage.all({ ...f, after, upTo, limit }),
  };
}
