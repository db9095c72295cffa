// SQLite schema (drizzle; `npm run db:generate` writes db/sqlite/migrations from it): the
// append-only ledger (events, projection_checkpoints) and the projections the UI
// reads. Projections can always be dropped and rebuilt from the ledger (`npm run db:rebuild`);
// the ledger itself is never updated.

import { integer, primaryKey, real, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

export const events = sqliteTable(
  'events',
  {
    position: integer('position').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull().unique(),
    streamId: text('stream_id').notNull(),
    streamVersion: integer('stream_version').notNull(),
    type: text('type').notNull(),
    schemaVersion: integer('schema_version').notNull().default(1),
    data: text('data', { mode: 'json' }).notNull(),
    metadata: text('metadata', { mode: 'json' }).notNull(),
    occurredAt: text('occurred_at').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('events_stream_version_unique').on(t.streamId, t.streamVersion),
    index('events_type_idx').on(t.type),
  ],
);

export const projectionCheckpoints = sqliteTable('projection_checkpoints', {
  name: text('name').primaryKey(),
  position: integer('position').notNull(),
});

// ---- projections ----

// Projection rows are written on every append, so their tables carry no secondary index (each
// would be one more page in every commit); reads scan them, and are cached by ledger position.
// Entries and claims are keyed by the position of their stream's first event (see migration
// 0003): their id is found through the events index.
// An entry's projection row: the decider state as JSON (lib/mappings/entry turns it into the
// read shape) plus the columns the timeline filters and orders on.
export const timelineEntries = sqliteTable(
  'timeline_entries',
  {
    firstPosition: integer('first_position').primaryKey(),
    id: text('id').notNull(),
    date: text('date').notNull(),
    timeUtc: text('time_utc'),
    kind: text('kind').notNull(),
    narrative: text('narrative').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    recordedAt: text('recorded_at').notNull(),
    lastPosition: integer('last_position').notNull(),
    state: text('state').notNull(),
  },
);

// A claim's projection row: the decider state as JSON (lib/mappings/claim) plus its keys.
export const claims = sqliteTable(
  'claims',
  {
    firstPosition: integer('first_position').primaryKey(),
    id: text('id').notNull(),
    assertedOn: text('asserted_on').notNull(),
    narrative: text('narrative').notNull(),
    entryId: text('entry_id'),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    lastPosition: integer('last_position').notNull(),
    state: text('state').notNull(),
  },
);

export const narratives = sqliteTable('narratives', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  thesis: text('thesis').notNull(),
  color: text('color').notNull(),
  sortOrder: integer('sort_order').notNull(),
  version: integer('version').notNull(),
});

export const tickers = sqliteTable('tickers', {
  symbol: text('symbol').primaryKey(),
  name: text('name').notNull(),
  exchange: text('exchange'),
  role: text('role').notNull(),
  sharesOutstanding: real('shares_outstanding'),
  version: integer('version').notNull(),
});

export const priceBars = sqliteTable(
  'price_bars',
  {
    ticker: text('ticker').notNull(),
    date: text('date').notNull(),
    open: real('open'),
    high: real('high'),
    low: real('low'),
    close: real('close').notNull(),
    adjClose: real('adj_close'),
    volume: real('volume'),
    firstPosition: integer('first_position').notNull(),
    lastPosition: integer('last_position').notNull(),
  },
  // A unique index rather than a primary key: a rebuild drops it, appends every bar, and builds
  // it again in one sorted pass, instead of a b-tree search per bar (db/sqlite/projectors.ts).
  (t) => [uniqueIndex('price_bars_ticker_date_unique').on(t.ticker, t.date)],
);

// Every correction of a bar, with the values before it: lets a position or as-of
// replay show prices as they were before the correction.
export const priceBarRevisions = sqliteTable(
  'price_bar_revisions',
  {
    ticker: text('ticker').notNull(),
    date: text('date').notNull(),
    position: integer('position').notNull(),
    recordedAt: text('recorded_at').notNull(),
    before: text('before', { mode: 'json' }).notNull(),
    after: text('after', { mode: 'json' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.date, t.position] })],
);
