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

/**
 * Bars of one ticker. A replay shows each bar as it stood at the cut-off: bars first recorded
 * later are left out, and a bar corrected later shows the values from before its first later correction.
 */
export function listBars(db: Db, ticker: string, filter: PriceFilter = {}, clock: Clock = {}): BarView[] {
  const to = [filter.to, clock.asOf].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
  const position = clock.position ?? null;
  const asOf = clock.asOf ?? null;
  const rows = db.sqlite
    .prepare(
      `SELECT date, open, high, low, close, adj_close, volume,
              (SELECT r.before FROM price_bar_revisions r
                 WHERE r.ticker = b.ticker AND r.date = b.date
                   AND ((@position IS NOT NULL AND r.position > @position) OR (@asOf IS NOT NULL AND substr(r.recorded_at, 1, 10) > @asOf))
                 ORDER BY r.position LIMIT 1) AS before
       FROM price_bars b
       WHERE ticker = @ticker
         AND (@from IS NULL OR date >= @from)
         AND (@to IS NULL OR date <= @to)
         AND (@position IS NULL OR first_position <= @position)
       ORDER BY date`,
    )
    .all({ ticker, from: filter.from ?? null, to, position, asOf }) as (BarView & { before: string | null })[];
  return rows.map(({ before, ...bar }) => (before ? { date: bar.date, ...(JSON.parse(before) as Omit<BarView, 'date'>) } : bar));
}

export function listNarratives(db: Db): NarrativeView[] {
  return db.orm
    .select({ id: narratives.id, name: narratives.name, thesis: narratives.thesis, color: narratives.color })
    .from(narratives)
    .orderBy(asc(narratives.sortOrder))
    .all();
}
