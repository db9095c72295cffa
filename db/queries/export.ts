// Rows of the CSV exports (issue 6). Small datasets reuse the JSON read functions, so a CSV cell
// holds exactly the value the JSON endpoint returns. Prices and the ledger can be large: they are
// read from SQLite in keyset pages, one bounded page at a time.
//
// Why pages and not one long stmt.iterate(): better-sqlite3 marks the connection busy while an
// iterator is open, and the app shares one connection. An iterator held open across the awaits of
// a streamed response would make every write in the process fail ("connection is busy") until the
// download ends. Each page is read in full inside one synchronous pull, so the connection is free
// between pulls. Consistency across pages comes from the clock: a read with no position is pinned
// to the ledger position at its start, so bars recorded or corrected mid-download are not mixed in.
import { DEFAULT_SUBJECT } from '@/lib/config';
import { AppError } from '@/lib/domain/errors';
import {
  claimRecord,
  impactRecords,
  ledgerRecord,
  narrativeRecord,
  priceRecord,
  timelineRecord,
  type ExportRecord,
  type LedgerRow,
} from '@/lib/csv/export';
import type { Db } from '../client';
import { computeImpacts, computeNarratives } from './impacts';
import { effectivePosition, latestPosition } from './ledger';
import { iterateBars, PRICE_PAGE, tickerExists, type PriceFilter } from './market';
export { iterateBars, PRICE_PAGE };
import { listClaims, listEntries, type Clock, type TimelineFilter } from './timeline';
import type { ImpactParamsInput, NarrativeParamsInput } from '@/lib/analytics/params';

export type ExportSource = {
  /** Lazily produced rows; iterate once. */
  records: Iterable<ExportRecord>;
  /** The ledger position the rows reflect (X-Impactline-Position). */
  position: number;
  /** Where the numbers come from, for the meta lines (read only when asked). */
  dataSources: () => string[];
  /** Normalised parameters, when the query function normalises them itself (impacts, narratives). */
  params?: Record<string, unknown>;
};

const LEDGER_SOURCE = 'Impactline ledger (events table); each row keeps its own sources';

// ---- small datasets: the JSON query functions ----

export function exportTimeline(db: Db, filter: TimelineFilter, clock: Clock): ExportSource {
  const entries = listEntries(db, filter, clock);
  return {
    records: entries.map(timelineRecord),
    position: effectivePosition(db, clock),
    dataSources: () => [`${LEDGER_SOURCE} (timeline entries; see source_urls)`],
  };
}

export function exportClaims(db: Db, clock: Clock): ExportSource {
  const claims = listClaims(db, clock);
  return {
    records: claims.map(claimRecord),
    position: effectivePosition(db, clock),
    dataSources: () => [`${LEDGER_SOURCE} (cost claims; see source_urls)`],
  };
}

export function exportImpacts(db: Db, input: ImpactParamsInput, range: PriceFilter = {}): ExportSource {
  const body = computeImpacts(db, input);
  const inRange = body.results.filter((r) => (!range.from || r.event_date >= range.from) && (!range.to || r.event_date <= range.to));
  const windows = body.params.windows;
  return {
    records: inRange.flatMap((r) => impactRecords(r, windows)),
    position: body.position,
    params: { ...body.params, from: range.from ?? null, to: range.to ?? null },
    dataSources: () => priceSources(db, [...body.params.tickers, body.params.benchmark], body.position),
  };
}

export function exportNarratives(db: Db, input: NarrativeParamsInput): ExportSource {
  const body = computeNarratives(db, input);
  return {
    records: body.narratives.map(narrativeRecord),
    position: body.position,
    params: { ...body.params },
    dataSources: () => priceSources(db, [...body.params.tickers, body.params.benchmark], body.position),
  };
}

// ---- prices: keyset pages of listBars's own query (db/queries/market.ts iterateBars) ----

/**
 * One row per (ticker, date): tickers in the order asked, dates ascending. A read without a
 * position is pinned to the position at its start (same rows as a live read at that moment).
 * Unlisted tickers are refused before anything is streamed.
 */
export function exportPrices(
  db: Db,
  tickers: readonly string[],
  filter: PriceFilter,
  clock: Clock,
  options: { pageSize?: number } = {},
): ExportSource {
  const symbols = tickers.length > 0 ? [...new Set(tickers)] : [DEFAULT_SUBJECT];
  for (const s of symbols) {
    if (!tickerExists(db, s))
      throw new AppError('not_found', `tickers: ticker "${s}" is not listed (GET /api/tickers lists them)`, { parameter: 'tickers', ticker: s });
  }
  const position = effectivePosition(db, clock);
  const pinned: Clock = { asOf: clock.asOf ?? null, position };
  function* records(): Generator<ExportRecord> {
    for (const s of symbols) for (const bar of iterateBars(db, s, filter, pinned, options.pageSize)) yield priceRecord(s, bar);
  }
  return { records: records(), position, dataSources: () => priceSources(db, symbols, position) };
}

/** The distinct `source` of the price imports and corrections of each ticker, up to `position`. */
export function priceSources(db: Db, symbols: readonly string[], position: number): string[] {
  const stmt = db.sqlite.prepare(
    `SELECT json_extract(data, '$.source') AS source FROM events
     WHERE stream_id = ? AND type IN ('PriceBarsImported', 'PriceBarsCorrected') AND position <= ?
     GROUP BY source ORDER BY min(position)`,
  );
  const out: string[] = [];
  for (const s of [...new Set(symbols)]) {
    const sources = (stmt.all(`ticker-${s}`, position) as { source: string | null }[]).map((r) => r.source).filter((x): x is string => Boolean(x));
    out.push(`${s}: ${sources.length > 0 ? sources.join(', ') : '(no price data)'}`);
  }
  return out;
}

// ---- ledger: keyset pages over position ----

// Ledger rows can be large (a price import holds up to 5,000 bars): keep pages small.
export const LEDGER_PAGE = 32;

const LEDGER_PAGE_SQL = `SELECT position, event_id, stream_id, stream_version, type, occurred_at, recorded_at, data, metadata
 FROM events
 WHERE position > @after AND position <= @upTo
   AND (@stream IS NULL OR stream_id = @stream)
   AND (@type IS NULL OR type = @type)
 ORDER BY position
 LIMIT @limit`;

export type LedgerExportFilter = { after?: number | null; limit?: number | null; stream?: string | null; type?: string | null };

/**
 * The ledger in position order with the JSON endpoint's filters (after, stream, type); `limit`
 * caps the rows (none = all). Pinned to the latest position at the start of the read.
 */
export function exportLedger(db: Db, filter: LedgerExportFilter, options: { pageSize?: number } = {}): ExportSource {
  const upTo = latestPosition(db);
  const pageSize = options.pageSize ?? LEDGER_PAGE;
  const stmt = db.sqlite.prepare(LEDGER_PAGE_SQL);
  function* records(): Generator<ExportRecord> {
    let after = filter.after ?? 0;
    let left = filter.limit ?? Number.POSITIVE_INFINITY;
    while (left > 0) {
      const limit = Math.min(pageSize, left);
      const rows = stmt.all({ after, upTo, stream: filter.stream ?? null, type: filter.type ?? null, limit }) as LedgerRow[];
      for (const row of rows) yield ledgerRecord(row);
      left -= rows.length;
      if (rows.length < limit) return;
      after = rows[rows.length - 1]!.position;
    }
  }
  return { records: records(), position: upTo, dataSources: () => [LEDGER_SOURCE] };
}
