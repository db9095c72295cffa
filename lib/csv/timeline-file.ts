// A timeline CSV (POST /api/timeline/import) as an episode bundle: the header is checked, each row
// becomes an entry in the shape of POST /api/timeline, and the bundle goes through the same
// checks and plan as a JSON bundle. The import columns are the timeline export's, so an exported
// CSV imports back: lists are joined with " | " (tickers, entities, and the four source columns
// as parallel lists, one item per source), and a cell the export neutralised for spreadsheets
// ("'=...") is read back as written. Pure: the server parses the CSV text into rows.
import type { Problem } from '@/lib/contracts/write';
import { MULTI_SEPARATOR } from './cells';

/** The columns an import reads (the timeline export carries all of them). */
export const TIMELINE_IMPORT_COLUMNS = [
  'date',
  'time_utc',
  'kind',
  'narrative',
  'title',
  'summary',
  'tickers',
  'entities',
  'source_title',
  'source_url',
  'source_publisher',
  'source_published',
] as const;
export const REQUIRED_COLUMNS = ['date', 'kind', 'narrative', 'title', 'source_title', 'source_url'] as const;
/**
 * Columns of the timeline export that an import accepts: `id` names the entry (so a re-import
 * finds it again), `status` leaves retracted entries out; the others are read-only (figures are
 * recorded through the JSON commands), and `source_urls` stands in for `source_url`.
 */
export const EXPORT_ONLY_COLUMNS = ['id', 'figures', 'source_urls', 'status', 'version'] as const;
const KNOWN = new Set<string>([...TIMELINE_IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);

export type CsvRecord = { line: number; cells: string[] };

export type TimelineRows = {
  /** A raw bundle `{entries}`, checked by lib/domain/episode like any other. */
  bundle: { entries: Record<string, unknown>[] };
  /** The CSV line of each entry of the bundle. */
  lines: number[];
  rows: number;
  skipped: { line: number; message: string }[];
  /** Columns read but not imported, with why. */
  ignored: string[];
};

const FORMULA_PREFIXED = /^'[=+\-@\t\r]/;

/** A cell as written before the export's spreadsheet guard ("'=x" → "=x"). */
export function unneutralise(cell: string): string {
  return FORMULA_PREFIXED.test(cell) ? cell.slice(1) : cell;
}

/** A list cell: " | "-separated; an empty cell is an empty list. */
export function splitList(cell: string | undefined): string[] {
  if (cell === undefined || cell === '') return [];
  return cell.split(MULTI_SEPARATOR).map((s) => unneutralise(s.trim()));
}

export class TimelineFileProblems extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'TimelineFileProblems';
  }
}

const expected = `expected columns: ${TIMELINE_IMPORT_COLUMNS.join(',')} (any order; ${REQUIRED_COLUMNS.join(', ')} required; the export's ${EXPORT_ONLY_COLUMNS.join(', ')} are accepted too)`;

/** Column index by name; problems name what is wrong with the header and the columns expected. */
export function readHeader(header: readonly string[]): Map<string, number> {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!KNOWN.has(name)) problems.push({ field: 'header', message: `unknown column "${raw.slice(0, 60)}"; ${expected}` });
    else if (index.has(name)) problems.push({ field: 'header', message: `column "${name}" appears twice` });
    else index.set(name, i);
  });
  if (index.has('source_urls') && !index.has('source_url')) index.set('source_url', index.get('source_urls')!);
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) problems.push({ field: 'header', message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ${expected}` });
  if (problems.length > 0) throw new TimelineFileProblems(problems);
  return index;
}

/**
 * Rows (the header first) as a raw bundle of entries. Problems that the bundle's checks cannot
 * name — a row with the wrong number of fields, sources whose lists do not line up, an unknown
 * status — are thrown here, each naming its line.
 */
export function timelineRowsToBundle(records: readonly CsvRecord[]): TimelineRows {
  if (records.length === 0) throw new TimelineFileProblems([{ field: 'header', message: `the file is empty; ${expected}` }]);
  const [head, ...body] = records;
  const index = readHeader(head!.cells);
  const cell = (r: CsvRecord, name: string): string | undefined => {
    const i = index.get(name);
    return i === undefined ? undefined : unneutralise(r.cells[i] ?? '');
  };
  const problems: Problem[] = [];
  const out: TimelineRows = { bundle: { entries: [] }, lines: [], rows: body.length, skipped: [], ignored: [] };
  if (index.has('figures')) out.ignored.push('figures (record figures with POST /api/timeline or a JSON bundle)');
  if (index.has('version')) out.ignored.push('version (the ledger numbers versions itself)');

  for (const r of body) {
    if (r.cells.length !== head!.cells.length) {
      problems.push({ field: `line ${r.line}`, message: `has ${r.cells.length} fields; the header has ${head!.cells.length}` });
      continue;
    }
    const status = (cell(r, 'status') ?? '').trim();
    if (status === 'retracted') {
      out.skipped.push({ line: r.line, message: 'left out: the entry is retracted' });
      continue;
    }
    if (status !== '' && status !== 'active') {
      problems.push({ field: `line ${r.line}, status`, message: 'must be active, retracted or empty' });
      continue;
    }
    const lists = {
      title: splitList(cell(r, 'source_title')),
      url: splitList(cell(r, 'source_url')),
      publisher: splitList(cell(r, 'source_publisher')),
      published: splitList(cell(r, 'source_published')),
    };
    const n = Math.max(lists.title.length, lists.url.length);
    const misaligned = (Object.entries(lists) as [string, string[]][]).filter(([, l]) => l.length !== 0 && l.length !== n);
    if (misaligned.length > 0) {
      problems.push({
        field: `line ${r.line}, ${misaligned.map(([k]) => `source_${k}`).join(', ')}`,
        message: `lists ${misaligned.map(([k, l]) => `${l.length} ${k === 'url' ? 'URLs' : `${k}s`}`).join(' and ')} for ${n} sources; give one item per source, joined with " | "`,
      });
      continue;
    }
    const sources = Array.from({ length: n }, (_, k) => ({
      title: lists.title[k] ?? '',
      url: lists.url[k] ?? '',
      ...(lists.publisher[k] ? { publisher: lists.publisher[k] } : {}),
      ...(lists.published[k] ? { published: lists.published[k] } : {}),
    }));
    const id = cell(r, 'id')?.trim();
    const time = cell(r, 'time_utc')?.trim();
    out.bundle.entries.push({
      ...(id ? { id } : {}),
      date: (cell(r, 'date') ?? '').trim(),
      ...(time ? { time_utc: time } : {}),
      kind: (cell(r, 'kind') ?? '').trim(),
      narrative: (cell(r, 'narrative') ?? '').trim(),
      title: cell(r, 'title') ?? '',
      summary: cell(r, 'summary') ?? '',
      tickers: splitList(cell(r, 'tickers')),
      entities: splitList(cell(r, 'entities')),
      sources,
    });
    out.lines.push(r.line);
  }
  if (problems.length > 0) throw new TimelineFileProblems(problems);
  return out;
}

const SOURCE_COLUMN: Record<string, string> = { title: 'source_title', url: 'source_url', publisher: 'source_publisher', published: 'source_published' };

/** A bundle problem (`entries[3].sources[0].url`) as the CSV's line and column (`line 5, source_url`). */
export function csvField(field: string, lines: readonly number[]): string {
  const m = /^entries\[(\d+)\](?:\.(\w+))?(?:\[(\d+)\])?(?:\.(\w+))?/.exec(field);
  if (!m) return field;
  const line = lines[Number(m[1])];
  if (line === undefined) return field;
  const [, , column, item, sub] = m;
  if (!column) return `line ${line}`;
  if (column === 'sources') return `line ${line}, ${sub ? SOURCE_COLUMN[sub] ?? sub : 'source_url'}${item !== undefined ? ` (source ${Number(item) + 1})` : ''}`;
  if ((column === 'tickers' || column === 'entities') && item !== undefined) return `line ${line}, ${column} (item ${Number(item) + 1})`;
  return `line ${line}, ${column}`;
}
