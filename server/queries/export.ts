// Rows of the CSV exports (issue 6). Small datasets reuse the JSON read functions, so a CSV cell
// holds exactly the value the JSON endpoint returns. Prices and the ledger can be large: they are
// read in keyset pages, one bounded page at a time, so a download never holds the rows in memory
// nor a statement open across the awaits of a streamed response. Consistency across pages comes
// from the clock: a read with no position is pinned to the ledger position at its start, so bars
// recorded or corrected mid-download are not mixed in.
import type { ImpactParamsInput, MatrixParamsInput, NarrativeParamsInput, TestsParamsInput } from '@/lib/analytics/params';
import { DEFAULT_SUBJECT } from '@/lib/config';
import type { ExportRecord } from '@/lib/csv/cells';
import { AppError } from '@/lib/domain/errors';
import { priceCsvLines, priceRecord } from '@/lib/mappings/bar';
import { claimRecord } from '@/lib/mappings/claim';
import { timelineRecord } from '@/lib/mappings/entry';
import { heatmapRecords, testRecords } from '@/lib/mappings/battery';
import { impactRecords, narrativeRecord } from '@/lib/mappings/impact';
import { ledgerRecord } from '@/lib/mappings/ledger';
import type { Clock, LedgerFilter, PriceFilter, ReadModel, TimelineFilter } from '@/db/store';
import { computeImpacts, computeNarratives } from './impacts';
import { computeMatrix, computeTests } from './tests';

export type ExportSource = {
  /** Lazily produced rows; iterate once. */
  records: Iterable<ExportRecord> | AsyncIterable<ExportRecord>;
  /**
   * The same rows already encoded as CSV text, when the dataset has a faster encoder than
   * records → cells (byte-identical; tested). Iterate this or `records`, not both.
   */
  csv?: AsyncIterable<string>;
  /** The ledger position the rows reflect (X-Impactline-Position). */
  position: number;
  /** Where the numbers come from, for the meta lines (read only when asked). */
  dataSources: () => Promise<string[]>;
  /** Normalised parameters, when the query function normalises them itself (impacts, narratives). */
  params?: Record<string, unknown>;
};

const LEDGER_SOURCE = 'Impactline ledger (events table); each row keeps its own sources';

// ---- small datasets: the JSON query functions ----

export async function exportTimeline(read: ReadModel, filter: TimelineFilter, clock: Clock): Promise<ExportSource> {
  const entries = await read.listEntries(filter, clock);
  return {
    records: entries.map(timelineRecord),
    position: await read.effectivePosition(clock),
    dataSources: async () => [`${LEDGER_SOURCE} (timeline entries; see source_urls)`],
  };
}

export async function exportClaims(read: ReadModel, clock: Clock): Promise<ExportSource> {
  const claims = await read.listClaims(clock);
  return {
    records: claims.map(claimRecord),
    position: await read.effectivePosition(clock),
    dataSources: async () => [`${LEDGER_SOURCE} (cost claims; see source_urls)`],
  };
}

export async function exportImpacts(read: ReadModel, input: ImpactParamsInput, range: PriceFilter = {}): Promise<ExportSource> {
  const body = await computeImpacts(read, input);
  const inRange = body.results.filter((r) => (!range.from || r.event_date >= range.from) && (!range.to || r.event_date <= range.to));
  const windows = body.params.windows;
  return {
    records: inRange.flatMap((r) => impactRecords(r, windows)),
    position: body.position,
    params: { ...body.params, from: range.from ?? null, to: range.to ?? null },
    dataSources: () => read.priceSources([...body.params.tickers, body.params.benchmark], body.position),
  };
}

export async function exportNarratives(read: ReadModel, input: NarrativeParamsInput): Promise<ExportSource> {
  const body = await computeNarratives(read, input);
  return {
    records: body.narratives.map(narrativeRecord),
    position: body.position,
    params: { ...body.params },
    dataSources: () => read.priceSources([...body.params.tickers, body.params.benchmark], body.position),
  };
}

export async function exportTests(read: ReadModel, input: TestsParamsInput): Promise<ExportSource> {
  const body = await computeTests(read, input);
  const tickers = [...new Set(body.pairs.map((p) => p.ticker))];
  return {
    records: testRecords(body),
    position: body.position,
    params: { ...body.params },
    dataSources: () => read.priceSources([...tickers, body.params.benchmark], body.position),
  };
}

export async function exportHeatmap(read: ReadModel, input: MatrixParamsInput): Promise<ExportSource> {
  const body = await computeMatrix(read, input);
  return {
    records: heatmapRecords(body),
    position: body.position,
    params: { ...body.params },
    dataSources: () => read.priceSources([...body.tickers, body.params.benchmark], body.position),
  };
}

/**
 * One row per (ticker, date): tickers in the order asked, dates ascending. A read without a
 * position is pinned to the position at its start (same rows as a live read at that moment).
 * Unlisted tickers are refused before anything is streamed.
 */
export async function exportPrices(
  read: ReadModel,
  tickers: readonly string[],
  filter: PriceFilter,
  clock: Clock,
  options: { pageSize?: number } = {},
): Promise<ExportSource> {
  const symbols = tickers.length > 0 ? [...new Set(tickers)] : [DEFAULT_SUBJECT];
  for (const s of symbols) {
    if (!(await read.tickerExists(s)))
      throw new AppError('not_found', `tickers: ticker "${s}" is not listed (GET /api/tickers lists them)`, { parameter: 'tickers', ticker: s });
  }
  const position = await read.effectivePosition(clock);
  const pinned: Clock = { asOf: clock.asOf ?? null, position };
  async function* records(): AsyncGenerator<ExportRecord> {
    for (const s of symbols) for await (const bar of read.iterateBars(s, filter, pinned, options.pageSize)) yield priceRecord(s, bar);
  }
  // A page of bars becomes one piece of CSV text: no per-row record, cells or generator step.
  async function* csv(): AsyncGenerator<string> {
    for (const s of symbols) for await (const page of read.iterateBarPages(s, filter, pinned, options.pageSize)) yield priceCsvLines(s, page);
  }
  return { records: records(), csv: csv(), position, dataSources: () => read.priceSources(symbols, position) };
}

/**
 * The ledger in position order with the JSON endpoint's filters (after, stream, type); `limit`
 * caps the rows (none = all). Pinned to the latest position at the start of the read.
 */
export async function exportLedger(read: ReadModel, filter: LedgerFilter, options: { pageSize?: number } = {}): Promise<ExportSource> {
  const upTo = await read.latestPosition();
  async function* records(): AsyncGenerator<ExportRecord> {
    for await (const row of read.iterateLedger(filter, upTo, options.pageSize)) yield ledgerRecord(row);
  }
  return { records: records(), position: upTo, dataSources: async () => [LEDGER_SOURCE] };
}
