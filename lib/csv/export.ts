// CSV exports (issue 6): the columns of each dataset, how a value becomes a cell, and how rows
// become RFC 4180 text in chunks. Pure: no I/O; db/queries/export reads the rows and the route
// streams the chunks.
//
// Cells: ISO dates as stored, numbers as JavaScript's shortest round-trip form (`.` decimals, no
// thousands separators, never toLocaleString), null -> empty, lists joined with " | ". Text cells
// that a spreadsheet would run as a formula (leading = + - @ tab CR) get a leading apostrophe
// (OWASP "CSV injection"); numeric columns are never touched, so a CAR of -0.13 stays -0.13.
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';
import type { NarrativeAggregate } from '@/lib/analytics/narratives';
import { canonicalJson } from '@/lib/analytics/params';
import type { EventWindow } from '@/lib/analytics/params';
import type { BarView, ClaimView, EntryView, ImpactResult } from '@/lib/contracts/read';
import type { Figure } from '@/lib/domain/schemas';
import type { ExportDataset } from './export-url';

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
};

export type Cell = string | number | null | undefined | readonly string[];
/** One output row, keyed by column name. */
export type ExportRecord = Readonly<Record<string, Cell>>;

export const MULTI_SEPARATOR = ' | ';
const FORMULA_START = /^[=+\-@\t\r]/;

/** Full-precision, locale-free: String(n) is the shortest text that parses back to n. */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** OWASP CSV injection: a text cell starting with = + - @ tab or CR gets a leading '. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A number is written as a number whatever its column; text is always neutralised, even in a
 * numeric column (never expected there, but a spreadsheet must not run it). Column types say
 * which columns hold numbers; they never switch neutralising off for text.
 */
export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  const text = typeof value === 'string' ? value : value.join(MULTI_SEPARATOR);
  return neutraliseFormula(text);
}

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

/**
 * The CSV text in chunks: the first holds the BOM, meta lines and header; then each chunk holds
 * rows up to ~chunkChars. Records are pulled lazily, so nothing but one chunk is held at a time.
 */
export function* csvChunks(dataset: ExportDataset, records: Iterable<ExportRecord>, options: CsvChunkOptions = {}): Generator<string> {
  const columns = EXPORT_COLUMNS[dataset];
  const chunkChars = options.chunkChars ?? 64 * 1024;
  const maxRows = options.maxRowsPerChunk ?? 2000;
  yield (options.bom ? BOM : '') + (options.meta ?? '') + encodeRows([columns.map((c) => c.name)]);
  let batch: string[][] = [];
  let size = 0;
  for (const record of records) {
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

/**
 * A byte stream that produces the next chunk only when the consumer pulls (backpressure).
 * Cancelling the stream closes the generator (its `finally` blocks run).
 */
export function chunksToStream(chunks: Iterable<string>, onError?: (error: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: Iterator<string> | null = null;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        try {
          iterator ??= chunks[Symbol.iterator]();
          const next = iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          onError?.(error);
          controller.error(error);
        }
      },
      cancel() {
        iterator?.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}

// ---- records per dataset (from the JSON read shapes, so CSV and JSON agree) ----

/** "label: value unit" (value_text when the source gives the figure only in words). */
export function formatFigure(f: Figure): string {
  const value = f.value !== null ? formatNumber(f.value) : (f.value_text ?? '');
  const body = [value, f.unit].filter((s) => s !== '').join(' ');
  return f.label ? `${f.label}: ${body}` : body;
}

export function timelineRecord(e: EntryView): ExportRecord {
  return {
    id: e.id,
    date: e.date,
    time_utc: e.time_utc,
    kind: e.kind,
    narrative: e.narrative,
    title: e.title,
    summary: e.summary,
    tickers: e.tickers,
    entities: e.entities,
    figures: e.figures.map(formatFigure),
    source_urls: e.sources.map((s) => s.url),
    status: e.status,
    version: e.version,
  };
}

export function claimRecord(c: ClaimView): ExportRecord {
  return {
    id: c.id,
    asserted_on: c.asserted_on,
    subject: c.subject,
    metric: c.metric,
    value: c.value,
    unit: c.unit,
    qualifier: c.qualifier,
    scope: c.scope,
    claimant: c.claimant,
    status: c.status,
    current_value: c.current_value,
    relation_type: c.relation?.type ?? null,
    relation_target: c.relation?.target ?? null,
    entry_id: c.entry_id,
    source_urls: c.sources.map((s) => s.url),
  };
}

export function priceRecord(ticker: string, bar: BarView): ExportRecord {
  return {
    ticker,
    date: bar.date,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    adj_close: bar.adj_close,
    volume: bar.volume,
  };
}

/** "code: message" per warning; a result-less study leads with "no_result: <reason>". */
export function impactWarnings(r: ImpactResult): string[] {
  const out = r.result === null && r.reason ? [`no_result: ${r.reason}`] : [];
  return out.concat(r.warnings.map((w) => `${w.code}: ${w.message}`));
}

/** One row per (event, ticker, window); a study without a result still gives one row per window. */
export function impactRecords(r: ImpactResult, windows: readonly EventWindow[]): ExportRecord[] {
  const warnings = impactWarnings(r);
  const est = r.result?.estimation ?? null;
  const base = {
    event_id: r.event_id,
    event_date: r.event_date,
    day0: r.day0?.date ?? null,
    day0_reason: r.day0?.reason ?? null,
    ticker: r.ticker,
    benchmark: r.benchmark,
    model: r.model,
  };
  const stats = {
    alpha: est?.alpha ?? null,
    beta: est?.beta ?? null,
    sigma: est?.sigma ?? null,
    estimation_n: est?.n ?? null,
    warnings,
  };
  if (r.result === null) {
    return windows.map(([from, to]) => ({ ...base, window_from: from, window_to: to, car: null, t_stat: null, p_value: null, n: null, ...stats }));
  }
  return r.result.windows.map((w) => ({ ...base, window_from: w.from, window_to: w.to, car: w.car, t_stat: w.t, p_value: w.p, n: w.n, ...stats }));
}

/** `events` lists the ids of the events with a CAR, in date order. */
export function narrativeRecord(a: NarrativeAggregate): ExportRecord {
  return {
    narrative: a.narrative,
    ticker: a.ticker,
    events: a.events.map((e) => e.event_id),
    mean_car: a.mean_car,
    t_stat: a.t_stat,
    p_value: a.p_value,
    cumulative_car: a.cumulative_car,
    share_negative: a.share_negative,
  };
}

export type LedgerRow = {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  occurred_at: string;
  recorded_at: string;
  /** The stored JSON text, as is. */
  data: string;
  metadata: string;
};

export function ledgerRecord(row: LedgerRow): ExportRecord {
  return {
    position: row.position,
    event_id: row.event_id,
    stream_id: row.stream_id,
    stream_version: row.stream_version,
    type: row.type,
    occurred_at: row.occurred_at,
    recorded_at: row.recorded_at,
    data_json: row.data,
    metadata_json: row.metadata,
  };
}
