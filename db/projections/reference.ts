// Projections: narratives, tickers and price bars (with the history of corrections).
import type { DomainEvent, EventOf } from '@/lib/domain/events';
import type { Db } from '../client';
import type { StoredEvent } from '../event-store';
import { narratives, priceBarRevisions, tickers } from '../schema';

export const REFERENCE_EVENT_TYPES = new Set(['NarrativeDefined', 'TickerListed', 'PriceBarsImported', 'PriceBarsCorrected']);

const BAR_CHUNK = 1000;

export function applyReferenceEvent(db: Db, stored: StoredEvent): void {
  const event = { type: stored.type, data: stored.data } as DomainEvent;
  switch (event.type) {
    case 'NarrativeDefined': {
      const d = event.data;
      const values = { id: d.id, name: d.name, thesis: d.thesis, color: d.color, sortOrder: d.sort_order, version: stored.stream_version };
      db.orm.insert(narratives).values(values).onConflictDoUpdate({ target: narratives.id, set: values }).run();
      return;
    }
    case 'TickerListed': {
      const d = event.data;
      const values = {
        symbol: d.symbol,
        name: d.name,
        exchange: d.exchange,
        role: d.role,
        sharesOutstanding: d.shares_outstanding,
        version: stored.stream_version,
      };
      db.orm.insert(tickers).values(values).onConflictDoUpdate({ target: tickers.symbol, set: values }).run();
      return;
    }
    case 'PriceBarsImported':
      insertBars(db, stored, event);
      return;
    case 'PriceBarsCorrected':
      correctBars(db, stored, event);
      return;
  }
}

function tickerOf(stored: StoredEvent): string {
  return stored.stream_id.replace(/^ticker-/, '');
}

function insertBars(db: Db, stored: StoredEvent, event: EventOf<'PriceBarsImported'>): void {
  const ticker = tickerOf(stored);
  // Prepared statement: imports write up to millions of rows, so skip the query builder's per-row cost.
  const stmt = db.sqlite.prepare(
    `INSERT INTO price_bars (ticker, date, open, high, low, close, adj_close, volume, first_position, last_position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const b of event.data.bars)
    stmt.run(ticker, b.date, b.open, b.high, b.low, b.close, b.adj_close, b.volume, stored.position, stored.position);
}

function correctBars(db: Db, stored: StoredEvent, event: EventOf<'PriceBarsCorrected'>): void {
  const ticker = tickerOf(stored);
  const update = db.sqlite.prepare(
    `UPDATE price_bars SET open = ?, high = ?, low = ?, close = ?, adj_close = ?, volume = ?, last_position = ?
     WHERE ticker = ? AND date = ?`,
  );
  for (const c of event.data.corrections) {
    const a = c.after;
    update.run(a.open, a.high, a.low, a.close, a.adj_close, a.volume, stored.position, ticker, c.date);
  }
  for (let i = 0; i < event.data.corrections.length; i += BAR_CHUNK) {
    const chunk = event.data.corrections.slice(i, i + BAR_CHUNK);
    db.orm
      .insert(priceBarRevisions)
      .values(chunk.map((c) => ({ ticker, date: c.date, position: stored.position, recordedAt: stored.recorded_at, before: c.before, after: c.after })))
      .run();
  }
}
