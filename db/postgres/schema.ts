// PostgreSQL schema (drizzle; `npm run db:generate` writes db/postgres/migrations from it): the
// same tables as db/sqlite/schema.ts. Positions are bigints handed out by the event store under
// one transaction-scoped advisory lock (no sequence: a sequence leaves holes on rollback and lets
// transactions commit out of position order). JSON payloads are `json`, which keeps the text
// exactly as appended, so exports and checksums match the SQLite backend byte for byte; dates
// and times are ISO text for the same reason. Projections can always be dropped and rebuilt.
import { bigint, doublePrecision, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const events = pgTable(
  'events',
  {
    position: bigint('position', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull().unique(),
    streamId: text('stream_id').notNull(),
    streamVersion: integer('stream_version').notNull(),
    type: text('type').notNull(),
    schemaVersion: integer('schema_version').notNull().default(1),
    data: json('data').notNull(),
    metadata: json('metadata').notNull(),
    occurredAt: text('occurred_at').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('events_stream_version_unique').on(t.streamId, t.streamVersion), index('events_type_idx').on(t.type, t.position)],
);

export const projectionCheckpoints = pgTable('projection_checkpoints', {
  name: text('name').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull(),
});

// ---- projections (rows derived by db/projections; see db/sqlite/schema.ts) ----

export const timelineEntries = pgTable('timeline_entries', {
  id: text('id').primaryKey(),
  date: text('date').notNull(),
  timeUtc: text('time_utc'),
  kind: text('kind').notNull(),
  narrative: text('narrative').notNull(),
  status: text('status').notNull(),
  version: integer('version').notNull(),
  recordedAt: text('recorded_at').notNull(),
  lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  state: text('state').notNull(),
});

export const claims = pgTable('claims', {
  id: text('id').primaryKey(),
  assertedOn: text('asserted_on').notNull(),
  narrative: text('narrative').notNull(),
  entryId: text('entry_id'),
  status: text('status').notNull(),
  version: integer('version').notNull(),
  lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  state: text('state').notNull(),
});

export const narratives = pgTable('narratives', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  thesis: text('thesis').notNull(),
  color: text('color').notNull(),
  sortOrder: integer('sort_order').notNull(),
  version: integer('version').notNull(),
});

export const tickers = pgTable('tickers', {
  symbol: text('symbol').primaryKey(),
  name: text('name').notNull(),
  exchange: text('exchange'),
  role: text('role').notNull(),
  sharesOutstanding: doublePrecision('shares_outstanding'),
  version: integer('version').notNull(),
});

export const priceBars = pgTable(
  'price_bars',
  {
    ticker: text('ticker').notNull(),
    date: text('date').notNull(),
    open: doublePrecision('open'),
    high: doublePrecision('high'),
    low: doublePrecision('low'),
    close: doublePrecision('close').notNull(),
    adjClose: doublePrecision('adj_close'),
    volume: doublePrecision('volume'),
    firstPosition: bigint('first_position', { mode: 'number' }).notNull(),
    lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.date] })],
);

export const priceBarRevisions = pgTable(
  'price_bar_revisions',
  {
    ticker: text('ticker').notNull(),
    date: text('date').notNull(),
    position: bigint('position', { mode: 'number' }).notNull(),
    recordedAt: text('recorded_at').notNull(),
    before: text('before').notNull(),
    after: text('after').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.date, t.position] })],
);
