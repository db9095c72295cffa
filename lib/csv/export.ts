// CSV exports (issue 6): the columns of each dataset and how records become RFC 4180 text in
// chunks. Pure: the server reads the records (lib/mappings turns each entity into one) and
// streams the chunks; cells are formatted by ./cells.
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';
import { canonicalJson } from '@/lib/analytics/params';
import { formatCell, MULTI_SEPARATOR, type ExportRecord } from './cells';
import type { ExportDataset } from './export-url';

export { formatCell, formatNumber, MULTI_SEPARATOR, neutraliseFormula } from './cells';
export type { Cell, ExportRecord } from './cells';

export { EXPORT_DATASETS, exportFilename, exportFilenameFor, exportUrl, isExportDataset } from './export-url';
export type { ExportDataset, ExportParams, FilenameParts } from './export-url';

export type ColumnType = 'text' | 'number';
export type Column = { readonly name: string; readonly type: ColumnType };

const t = (name: string): Column => ({ name, type: 'text' });
const n = (name: string): Column => ({ name, type: 'number' });

/** Column order is part of the contract: append new columns at the end, never reorder. */
export const EXPORT_COLUMNS: Record<ExportDataset, readonly Column[]> = {
  timeline: [
    t('id'), t('date'), t('time_utc'), t('kind'), t('narrative'), t('title'), t('summary'),
    t('tickers'), t('entities'), t('figures'), t('source_urls'), t('status'), n('version'),
    // Appended for POST /api/timeline/import (an exported CSV imports back): each source's title,
    // URL, publisher and date as parallel lists, one item per source.
    t('source_title'), t('source_url'), t('source_publisher'), t('source_published'),
  ],
  claims: [
    t('id'), t('asserted_on'), t('subject'), t('metric'), n('value'), t('unit'), t('qualifier'), t('scope'),
    t('claimant'), t('status'), n('current_value'), t('relation_type'), t('relation_target'), t('entry_id'), t('source_urls'),
  ],
  prices: [t('ticker'), t('date'), n('open'), n('high'), n('low'), n('close'), n('adj_close'), n('volume')],
  impacts: [
    t('event_id'), t('event_date'), t('day0'), t('day0_reason'), t('ticker'), t('benchmark'), t('model'),
    n('window_from'), n('window_to'), n('car'), n('t_stat'), n('p_value'), n('n'), n('alpha'), n('beta'), n('sigma'),
    n('estimation_n'), t('warnings'),
  ],
  narratives: [t('narrative'), t('ticker'), t('events'), n('mean_car'), n('t_stat'), n('p_value'), n('cumulative_car'), n('share_negative')],
  ledger: [
    n('position'), t('event_id'), t('stream_id'), n('stream_version'), t('type'), t('occurred_at'), t('recorded_at'),
    t('data_json'), t('metadata_json'),
  ],
  tests: [
    t('test'), t('label'), n('statistic'), n('p_value'), n('n'), t('distribution'), n('df'), t('reason'),
    n('window_from'), n('window_to'), t('benchmark'), t('model'), t('returns'), n('estimation'), n('gap'), t('as_of'),
    n('position'), t('params_hash'), t('pairs'),
  ],
  heatmap: [
    t('event_id'), t('event_date'), t('event_title'), t('narrative'), t('kind'), t('ticker'), n('car'), n('t_stat'), n('p_value'),
    t('reason'), n('window_from'), n('window_to'), t('benchmark'), t('model'), t('returns'), n('estimation'), n('gap'), t('as_of'),
    n('position'), t('params_hash'),
  ],
};

export function recordToCells(columns: readonly Column[], record: ExportRecord): string[] {
  return columns.map((c) => formatCell(record[c.name]));
}

// CRLF records (RFC 4180). csv-stringify quotes fields holding the delimiter, a quote or the full
// record delimiter; a lone CR or LF, or a '#', must be quoted too, so that parsers read the
// field back intact and comment-aware readers (meta=1) never take a data line for a comment.
const STRINGIFY_OPTIONS: StringifyOptions = { record_delimiter: 'windows', quoted_match: /[\r\n#]/ };

export function encodeRows(rows: readonly (readonly string[])[]): string {
  return rows.length === 0 ? '' : stringify(rows as string[][], STRINGIFY_OPTIONS);
}

export const BOM = '\uFEFF';

export type ExportMeta = {
  dataset: ExportDataset;
  position: number;
  generatedAt: string;
  params: unknown;
  paramsHash: string;
  dataSources: readonly string[];
};

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** `# key: value` lines that go before the header when meta=1. */
export function metaLines(meta: ExportMeta): string {
  const lines = [
    `Impactline export: ${meta.dataset}`,
    `ledger_position: ${meta.position}`,
    `generated_at: ${meta.generatedAt}`,
    `parameters: ${canonicalJson(meta.params)}`,
    `params_hash: ${meta.paramsHash}`,
    `data_sources: ${meta.dataSources.join(MULTI_SEPARATOR) || '(none)'}`,
  ];
  return lines.map((l) => `# ${oneLine(l)}\r\n`).join('');
}

export type CsvChunkOptions = {
  bom?: boolean;
  /** Pre-rendered meta lines (see metaLines), or null. */
  meta?: string | null;
  /** Flush a chunk once its cells add up to about this many characters. */
  chunkChars?: number;
  /** ...or once it holds this many rows. */
  maxRowsPerChunk?: number;
};

/** The first chunk of every export: the BOM, the meta lines and the header row. */
export function csvHead(dataset: ExportDataset, options: Pick<CsvChunkOptions, 'bom' | 'meta'> = {}): string {
  return (options.bom ? BOM : '') + (options.meta ?? '') + encodeRows([EXPORT_COLUMNS[dataset].map((c) => c.name)]);
}

/**
 * The same file when the rows come already encoded (a dataset's own encoder, byte-identical to
 * what csvChunks writes for its records): the head, then each non-empty piece of text as a chunk.
 */
export async function* csvTextChunks(
  dataset: ExportDataset,
  rows: Iterable<string> | AsyncIterable<string>,
  options: Pick<CsvChunkOptions, 'bom' | 'meta'> = {},
): AsyncGenerator<string> {
  yield csvHead(dataset, options);
  for await (const text of rows) if (text.length > 0) yield text;
}

/**
 * The CSV text in chunks: the first holds the BOM, meta lines and header; then each chunk holds
 * rows up to ~chunkChars. Records are pulled lazily, so nothing but one chunk is held at a time.
 */
export async function* csvChunks(
  dataset: ExportDataset,
  records: Iterable<ExportRecord> | AsyncIterable<ExportRecord>,
  options: CsvChunkOptions = {},
): AsyncGenerator<string> {
  const columns = EXPORT_COLUMNS[dataset];
  const chunkChars = options.chunkChars ?? 64 * 1024;
  const maxRows = options.maxRowsPerChunk ?? 2000;
  yield csvHead(dataset, options);
  let batch: string[][] = [];
  let size = 0;
  for await (const record of records) {
    const cells = recordToCells(columns, record);
    batch.push(cells);
    for (const c of cells) size += c.length + 1;
    if (size >= chunkChars || batch.length >= maxRows) {
      yield encodeRows(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) yield encodeRows(batch);
}
