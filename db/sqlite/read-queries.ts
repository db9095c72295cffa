// The read model's primitive queries on SQLite (db/read-model.ts builds the rest on them).
// All run on the reader connection, which in WAL mode sees only committed transactions.
import { DEFAULT_BENCHMARK } from '@/lib/config';
import type { BarView, NarrativeView, TickerView } from '@/lib/contracts/read';
import type { LedgerRow } from '@/lib/mappings/ledger';
import type { BarPageQuery, ReadQueries, StateRow } from '../read-model';
import type { Connection } from './connection';
import { toStoredEvent } from './event-store';

const EVENT_COLUMNS = 'position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at';

// Bars of one ticker at a clock, one keyset page at a time (`date > @after`, LIMIT). A replay shows
// each bar as it stood at the cut-off: bars first recorded later are left out, and a bar corrected
// later shows the values from before its first later correction.
const BARS_PAGE_SQL = `SELECT date, open, high, low, close, adj_close, volume,
        (SELECT r.before FROM price_bar_revisions r
           WHERE r.ticker = b.ticker AND r.date = b.date
             AND ((@position IS NOT NULL AND r.position > @position) OR (@asOf IS NOT NULL AND substr(r.recorded_at, 1, 10) > @asOf))
           ORDER BY r.position LIMIT 1) AS before
 FROM price_bars b
 WHERE ticker = @ticker
   AND (@from IS NULL OR date >= @from)
   AND (@to IS NULL OR date <= @to)
   AND (@position IS NULL OR first_position <= @position)
   AND (@after IS NULL OR date > @after)
 ORDER BY date
 LIMIT @limit`;

export function sqliteReadQueries(conn: Connection): ReadQueries {
  const s = {
    latest: conn.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
    entryRows: conn.prepare<Record<string, unknown>, StateRow>(
      'SELECT state, version FROM timeline_entries WHERE (@from IS NULL OR date >= @from) AND (@to IS NULL OR date <= @to)',
    ),
    entryRow: conn.prepare<[string], StateRow>('SELECT state, version FROM timeline_entries WHERE id = ?'),
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
    entryRow: async (id) => s.entryRow.get(id) ?? null,
    claimRows: async () => s.claimRows.all(),
    eventsOfTypes: async (types, upTo) => s.eventsOfTypes.all(JSON.stringify(types), upToOrAll(upTo)).map(toStoredEvent),
    readStream: async (streamId, upTo) => s.stream.all(streamId, upToOrAll(upTo)).map(toStoredEvent),
    readAll: async (f) => s.all.all({ after: f.after ?? 0, stream: f.stream ?? null, type: f.type ?? null, limit: f.limit ?? 1000 }).map(toStoredEvent),
    tickers: async () => s.tickers.all().map((r) => ({ ...r, default_benchmark: r.symbol === DEFAULT_BENCHMARK })),
    tickerExists: async (symbol) => s.tickerExists.get(symbol) !== undefined,
    narratives: async () => s.narratives.all(),
    barsPage: async (query: BarPageQuery) =>
      s.barsPage.all(query).map(({ before, ...bar }) => (before ? { date: bar.date, ...(JSON.parse(before) as Omit<BarView, 'date'>) } : bar)),
    priceSourcesOf: async (streamId, position) =>
      s.priceSources
        .all(streamId, position)
        .map((r) => r.source)
        .filter((x): x is string => Boolean(x)),
    ledgerPage: async (f, after, upTo, limit) => s.ledgerPage.all({ ...f, after, upTo, limit }),
  };
}
