// The read side of the API document (GET /api/openapi.json): one entry per GET route, holding the
// very query schemas the route parses with and the response schemas of lib/contracts/responses.
// Write routes describe themselves in server/write-routes.ts (body, query and answers), and
// server/openapi.ts builds the document from both lists. tests/openapi.int.test.ts fails when a
// route file under app/api has no entry here or there.
import { z } from 'zod';
import { EXPORT_DATASETS, type ExportDataset } from '@/lib/csv/export-url';
import {
  claimReactionsQuery,
  clockQuery,
  exportQueries,
  impactsRouteQuery,
  ledgerQuery,
  matrixQuery,
  narrativeDefinitionsQuery,
  narrativesQuery,
  pricesQuery,
  seriesQuery,
  sourcesQuery,
  testsQuery,
  timelinePageQuery,
} from './read-queries';
import { errorBody, responses } from './responses';

export type DocResponse = {
  description: string;
  /** JSON body; absent for a CSV (`csv: true`), an event stream (`eventStream: true`) or an empty answer. */
  schema?: z.ZodType;
  csv?: boolean;
  /** A text/event-stream body (server-sent events). */
  eventStream?: boolean;
  /** Response headers worth documenting, by name. */
  headers?: Record<string, string>;
};

export type DocParam = { description: string; schema: z.ZodType };

export type ReadOperation = {
  method: 'GET';
  /** The documented path ("/api/export/timeline.csv"). */
  path: string;
  /** The route file's path when it differs ("/api/export/{dataset}" serves every dataset). */
  route?: string;
  tag: string;
  summary: string;
  description?: string;
  params?: Record<string, DocParam>;
  query?: z.ZodObject;
  /**
   * Served by the read model server/reads.ts picks (storeForRead): the answer reflects at least
   * the `minPosition` parameter, the X-Impactline-Min-Position header or the session's last write
   * (read-your-writes with a read replica). The document lists both for these routes.
   */
  readYourWrites?: boolean;
  /** True for a route that never touches the database (no 503 'unavailable' documented). */
  noDatabase?: boolean;
  responses: Record<number, DocResponse>;
};

/** What each common query parameter means (the schema says what it accepts). */
export const PARAMETER_DOCS: Record<string, string> = {
  asOf: 'Valid time: show what was known on this day (YYYY-MM-DD).',
  position: 'Transaction time: replay the ledger up to this position.',
  from: 'First date of the range (YYYY-MM-DD).',
  to: 'Last date of the range (YYYY-MM-DD).',
  tickers: 'Ticker symbols, comma-separated or repeated; the first is the primary one.',
  ticker: 'Ticker symbols, comma-separated or repeated.',
  narrative: 'Narrative ids (GET /api/narratives/definitions), comma-separated or repeated; an unknown id is refused with the known ones.',
  kind: 'Entry kinds, comma-separated or repeated.',
  benchmark: 'The benchmark ticker (default SPY).',
  model: 'Expected-return model: market (default), market-adjusted or constant-mean.',
  estimation: 'Returns in the estimation window (default 120).',
  gap: 'Trading days between the estimation window and day 0 (default 10).',
  windows: 'Event windows from:to in trading days, comma-separated (default 0:0,-1:1,0:1,0:5,-5:5).',
  window: 'One event window from:to (default -1:1).',
  event: 'Event (timeline entry) ids, comma-separated or repeated; `events` is an alias.',
  events: 'Alias of `event`.',
  summary: '1: window statistics only, without daily rows and warning texts.',
  volume: '1: each result also carries the abnormal log volume over the same days and windows (result.volume).',
  returns: 'simple (default) or log returns; `returns` appears in params and the hash only when it is log.',
  pairs: 'Explicit (event, ticker) pairs eventId@TICKER, comma-separated or repeated (instead of events or a narrative with tickers).',
  after: 'Events after this position.',
  limit: 'At most this many rows (GET /api/timeline: entries per page, which makes the answer a page with `next_cursor`).',
  cursor: 'GET /api/timeline: the `next_cursor` of the previous page (with the same filters and clock); the page size defaults to 500 when `limit` is absent.',
  stream: 'Only this stream (e.g. entry-deepseek-v3-release).',
  type: 'Only this event type (e.g. TimelineEntryAmended).',
  bom: '1: start the file with a UTF-8 byte-order mark (for Excel).',
  meta: '1: start the file with "#" lines holding the ledger position, parameters, params hash and sources.',
  dryRun: '1: check and answer what would be recorded; write nothing.',
  onInvalid: 'skip: import the valid rows and skip the others (default reject: all or nothing).',
  minPosition:
    'Read your own writes: the ledger position the answer must reflect at least (a write answers with its `position`). With a read replica (PostgreSQL, DATABASE_READ_URL) the read waits briefly for the replica, else reads the primary; without one it changes nothing.',
};

/** What a parameter of PARAMETER_DOCS means where a route takes one value, not a list. */
export const SINGLE_PARAMETER_DOCS: Record<string, string> = {
  narrative: 'One narrative id (GET /api/narratives/definitions); an unknown id is refused with the known ones.',
  ticker: 'One ticker symbol.',
};

/** The header twin of `minPosition` (server/reads.ts reads both, and the session cookie). */
export const MIN_POSITION_HEADER_DOC = {
  name: 'X-Impactline-Min-Position',
  description: 'The same as the `minPosition` query parameter, as a header.',
};

/** Every route that reads or writes the database may answer this (server/http.ts). */
export const UNAVAILABLE: DocResponse = {
  description: 'The database is unavailable (down, restarting, unreachable): nothing was written; retry after the Retry-After seconds.',
  schema: errorBody,
  headers: { 'Retry-After': 'Seconds to wait before retrying.' },
};
const BAD_QUERY: DocResponse = { description: 'A parameter is malformed or unknown (the message names it).', schema: errorBody };
const notFound = (what: string): DocResponse => ({ description: `${what} not found.`, schema: errorBody });
const json = (description: string, schema: z.ZodType): DocResponse => ({ description, schema });
/** Answers of the routes cached by ledger position (server/http.ts cachedJsonResponse). */
const ETAG_HEADERS = {
  ETag: 'A weak entity tag for this body at the ledger position it reflects; send it back as If-None-Match.',
  'Cache-Control': 'no-cache: keep the body, but revalidate it (If-None-Match) before each use.',
};
const cachedJson = (description: string, schema: z.ZodType): DocResponse => ({ description, schema, headers: ETAG_HEADERS });
const NOT_MODIFIED: DocResponse = {
  description: 'If-None-Match named the current ETag: the ledger has not moved for this request, so the body the client holds is current (no body).',
  headers: ETAG_HEADERS,
};
const CLOCK = 'Two clocks: `asOf` replays what was known on a day, `position` replays the ledger to an event.';

const CSV_HEADERS = {
  'X-Impactline-Position': 'The ledger position the rows reflect; re-run with position=<this> for the same rows.',
  'X-Impactline-Params-Hash': 'SHA-256 of the dataset and its normalised parameters.',
};

const EXPORT_SUMMARY: Record<ExportDataset, string> = {
  timeline: 'The timeline entries as CSV (the import columns of POST /api/timeline/import included)',
  claims: 'The cost claims as CSV',
  prices: 'Daily bars of the tickers as CSV',
  impacts: 'Event-study results as CSV, one row per event, ticker and window',
  narratives: 'Narrative aggregates as CSV, one row per narrative and ticker',
  tests: 'The event-study test battery as CSV, one row per test (GET /api/impacts/tests)',
  heatmap: 'The events × tickers matrix as CSV, one row per event and ticker (GET /api/impacts/matrix)',
  ledger: 'The raw ledger as CSV',
};

export const readOperations: ReadOperation[] = [
  {
    method: 'GET',
    path: '/api/health',
    tag: 'System',
    summary: 'Liveness and the latest ledger position',
    responses: { 200: json('The server answers; `position` is the ledger head.', responses.health) },
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    tag: 'System',
    summary: 'This document',
    description: 'OpenAPI 3.1, generated from the zod schemas the routes validate with. Readable at /api.',
    noDatabase: true,
    responses: { 200: json('The API document.', responses.openapi) },
  },
  {
    method: 'GET',
    path: '/api/live',
    tag: 'System',
    summary: 'Live ledger positions (server-sent events)',
    description:
      'A text/event-stream that first sends the current ledger head, then each new one as it is written, by this app process or any other (PostgreSQL LISTEN/NOTIFY; a shared poll on SQLite): `event: position` with `data: {"position": N}`. A comment every 15 s keeps proxies from closing the idle stream; `retry: 2000` tells EventSource to reconnect after 2 s.',
    responses: { 200: { description: 'The stream of `position` events, open until the client leaves.', eventStream: true } },
  },
  {
    method: 'GET',
    path: '/api/timeline',
    readYourWrites: true,
    tag: 'Timeline',
    summary: 'Timeline entries, filtered, at a clock',
    description: CLOCK,
    query: timelinePageQuery,
    responses: {
      200: cachedJson('The entries in timeline order; with `limit` or `cursor`, one page of them and `next_cursor` (null on the last page).', responses.timeline),
      304: NOT_MODIFIED,
      400: BAD_QUERY,
    },
  },
  {
    method: 'GET',
    path: '/api/timeline/{id}',
    readYourWrites: true,
    tag: 'Timeline',
    summary: 'One entry with its stream history',
    params: { id: { description: 'The entry id.', schema: z.string() } },
    query: clockQuery,
    responses: { 200: json('The entry at the clock, with every event of its stream.', responses.entry), 400: BAD_QUERY, 404: notFound('No such entry at this clock') },
  },
  {
    method: 'GET',
    path: '/api/claims',
    readYourWrites: true,
    tag: 'Claims',
    summary: 'Cost claims with current value, status, relations and history',
    description: CLOCK,
    query: clockQuery,
    responses: { 200: json('The claims in assertion order.', responses.claims), 400: BAD_QUERY },
  },
  {
    method: 'GET',
    path: '/api/tickers',
    readYourWrites: true,
    tag: 'Prices',
    summary: 'The listed tickers',
    responses: { 200: json('Tickers with name, role and the range of their bars.', responses.tickers) },
  },
  {
    method: 'GET',
    path: '/api/prices/{ticker}',
    readYourWrites: true,
    tag: 'Prices',
    summary: 'Daily bars of one ticker',
    description: CLOCK,
    params: { ticker: { description: 'A listed ticker symbol.', schema: z.string() } },
    query: pricesQuery,
    responses: { 200: json('The bars in date order.', responses.prices), 400: BAD_QUERY, 404: notFound('Ticker') },
  },
  {
    method: 'GET',
    path: '/api/series',
    readYourWrites: true,
    tag: 'Prices',
    summary: 'Daily bars of several tickers, in columns',
    description: `The dashboard's chart data: per ticker its dates, close, adjusted close and volume as parallel arrays (open, high and low are left out), about a third of the bytes of /api/prices. An unlisted ticker comes back with \`listed: false\` and empty columns. ${CLOCK}`,
    query: seriesQuery,
    responses: { 200: cachedJson('Per ticker, in the order asked (duplicates once), its bars in date order.', responses.series), 304: NOT_MODIFIED, 400: BAD_QUERY },
  },
  {
    method: 'GET',
    path: '/api/sources',
    readYourWrites: true,
    tag: 'Prices',
    summary: 'Where the prices of tickers came from',
    description: 'The distinct sources of each ticker\'s price imports and corrections up to the position: the sources line of chart images and CSV meta lines.',
    query: sourcesQuery,
    responses: { 200: json('Per ticker, its sources in order of first use.', responses.sources), 400: BAD_QUERY, 404: notFound('Ticker') },
  },
  {
    method: 'GET',
    path: '/api/impacts',
    readYourWrites: true,
    tag: 'Event study',
    summary: 'Abnormal returns and CARs per event and ticker',
    description: `Market model by default; the same request on the same ledger returns the same bytes. ${CLOCK}`,
    query: impactsRouteQuery,
    responses: {
      200: cachedJson('Per event × ticker: day 0, estimation, daily AR/CAR rows, windows (CAR, t, p) and warnings.', responses.impacts),
      304: NOT_MODIFIED,
      400: BAD_QUERY,
      404: notFound('Event or ticker'),
    },
  },
  {
    method: 'GET',
    path: '/api/impacts/tests',
    readYourWrites: true,
    tag: 'Event study',
    summary: 'The event-study test battery over a sample of (event, ticker) pairs',
    description: `The sample: events (\`events\`, or a \`narrative\`'s entries) × \`tickers\` (default the subject), or explicit \`pairs\`; at most 5,000 pairs; one window (default -1:1). Cross-sectional t, Patell, BMP, Kolari–Pynnönen, Corrado rank, generalised sign, Wilcoxon, BHAR t and abnormal volume t; a test over too few pairs is null with a reason. ${CLOCK}`,
    query: testsQuery,
    responses: { 200: cachedJson('The pairs with their per-pair numbers, the pairs left out and why, CAAR, mean BHAR and the tests.', responses.tests), 304: NOT_MODIFIED, 400: BAD_QUERY, 404: notFound('Event or ticker') },
  },
  {
    method: 'GET',
    path: '/api/impacts/matrix',
    readYourWrites: true,
    tag: 'Event study',
    summary: 'Events × tickers: CAR, t and p of one window per cell',
    description: `Rows are events (explicit, a \`narrative\`'s, or every visible entry; filtered by \`kind\` and the \`from\`/\`to\` event dates), columns tickers (default the subject and its peers); row and column summaries with CAAR and the BMP test. ${CLOCK}`,
    query: matrixQuery,
    responses: { 200: cachedJson('The cells (null with a reason where a value is missing) and the row and column summaries.', responses.matrix), 304: NOT_MODIFIED, 400: BAD_QUERY, 404: notFound('Event or ticker') },
  },
  {
    method: 'GET',
    path: '/api/narratives',
    readYourWrites: true,
    tag: 'Narratives',
    summary: 'Per narrative and ticker: event CARs, their mean with a t-test, cumulative CAR, and the test battery over the same pairs',
    query: narrativesQuery,
    responses: { 200: cachedJson('The aggregates.', responses.narratives), 304: NOT_MODIFIED, 400: BAD_QUERY, 404: notFound('Ticker') },
  },
  {
    method: 'GET',
    path: '/api/narratives/claim-reactions',
    readYourWrites: true,
    tag: 'Narratives',
    summary: 'Each dollar cost claim against the ticker\'s CAR at the date it was asserted',
    description: `The OLS fit of CAR on log10(USD) with its t and R²; \`conclusive\` from 8 claims. Claims that are not dollar amounts, or without a complete window, are listed in \`excluded\` with the reason. ${CLOCK}`,
    query: claimReactionsQuery,
    responses: { 200: cachedJson('The points, the claims left out and the fit.', responses.claimReactions), 304: NOT_MODIFIED, 400: BAD_QUERY, 404: notFound('Ticker') },
  },
  {
    method: 'GET',
    path: '/api/narratives/definitions',
    readYourWrites: true,
    tag: 'Narratives',
    summary: 'The narratives the ledger defines, in lane order',
    description: 'Narratives have no valid time: only a ledger position replays their definitions and amendments.',
    query: narrativeDefinitionsQuery,
    responses: { 200: json('id, label (`name`), description (`thesis`), colour and display order of each narrative.', responses.narrativeDefinitions), 400: BAD_QUERY },
  },
  {
    method: 'GET',
    path: '/api/ledger',
    readYourWrites: true,
    tag: 'Ledger',
    summary: 'Raw ledger events in position order',
    query: ledgerQuery,
    responses: { 200: json('A page of events (default 100, at most 1000).', responses.ledger), 400: BAD_QUERY },
  },
  ...EXPORT_DATASETS.map(
    (dataset): ReadOperation => ({
      method: 'GET',
      path: `/api/export/${dataset}.csv`,
      route: '/api/export/{dataset}',
      readYourWrites: true,
      tag: 'Exports',
      summary: EXPORT_SUMMARY[dataset],
      description: 'RFC 4180, UTF-8, snake_case header, ISO dates, full-precision numbers, lists joined with " | ". The same filters as the JSON endpoint, plus `bom` and `meta`.',
      query: exportQueries[dataset],
      responses: { 200: { description: 'The CSV file, streamed.', csv: true, headers: CSV_HEADERS }, 400: BAD_QUERY, 404: notFound('Ticker or event') },
    }),
  ),
];
