// Read side for tickers, price bars (live or replayed) and narratives.
import { asc } from 'drizzle-orm';
import { DEFAULT_BENCHMARK } from '@/lib/config';
import type { BarView, NarrativeView, TickerView } from '@/lib/contracts/read';
import type { Db } from '../client';
import { narratives } from '../schema';
import type { Clock } from './timeline';

export function listTickers(db: Db): TickerView[] {
  const rows = db.sqlite
    .prepare(
      `SELECT t.symbol, t.name, t.exchange, t.role, t.shares_outstanding,
              min(b.date) AS first_date, max(b.date) AS last_date, count(b.date) AS bars
       FROM tickers t LEFT JOIN price_bars b ON b.ticker = t.symbol
       GROUP BY t.symbol
       ORDER BY CASE t.role WHEN 'subject' THEN 0 WHEN 'peer' THEN 1 ELSE 2 END, t.symbol`,
    )
    .all() as Omit<TickerView, 'default_benchmark'>[];
  return rows.map((r) => ({ ...r, default_benchmark: r.symbol === DEFAULT_BENCHMARK }));
}

export function tickerExists(db: Db, symbol: string): boolean {
  return db.sqlite.prepare('SELECT 1 FROM tickers WHERE symbol = ?').get(symbol) !== undefined;
}

export type PriceFilter = { from?: string | null; to?: string | null };

/** Rows per page when bars are streamed (exports). */
export const PRICE_PAGE = 2000;

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

/**
 * Bars of one ticker, read page by page so a long export never holds a statement open across
 * writes (an open better-sqlite3 iterator would block every write on the connection).
 */
export function* iterateBars(
  db: Db,
  ticker: string,
  filter: PriceFilter = {},
  clock: Clock = {},
  pageSize: number = PRICE_PAGE,
): Generator<BarView> {
  const to = [filter.to, clock.asOf].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
  const stmt = db.sqlite.prepare(BARS_PAGE_SQL);
  const base = { ticker, from: filter.from ?? null, to, position: clock.position ?? null, asOf: clock.asOf ?? null, limit: pageSize };
  let after: string | null = null;
  for (;;) {
    const rows = stmt.all({ ...base, after }) as (BarView & { before: string | null })[];
    for (const { before, ...bar } of rows) {
      yield before ? { date: bar.date, ...(JSON.parse(before) as Omit<BarView, 'date'>) } : bar;
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.date;
  }
}

/** Bars of one ticker at a clock, all at once (one query). */
export function listBars(db: Db, ticker: string, filter: PriceFilter = {}, clock: Clock = {}): BarView[] {
  return Array.from(iterateBars(db, ticker, filter, clock, Number.MAX_SAFE_INTEGER));
}

export function listNarratives(db: Db): NarrativeView[] {
  return db.orm
    .select({ id: narratives.id, name: narratives.name, thesis: narratives.thesis, color: narratives.color })
    .from(narratives)
    .orderBy(asc(narratives.sortOrder))
    .all();
}
