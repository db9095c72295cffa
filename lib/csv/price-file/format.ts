// The header row: which column holds which field, and which export it came from. Yahoo writes
// `Date,Open,High,Low,Close,Adj Close,Volume`, Stooq the same without Adj Close, Impactline
// `date,open,high,low,close,adj_close,volume`, optionally led by `ticker`; any case, any order.
// A header that cannot be a price file (wrong delimiter, HTML, JSON, data, no date/close) is
// refused with a problem that says what the file looks like instead.
import { ISO_DATE } from './checks';
import { show, where, type ProblemLog } from './problems';
import { NUMERIC_FIELDS, type ColumnLayout, type Field, type PriceFileFormat } from './types';

const HEADER_ALIASES: Record<string, Field> = {
  date: 'date',
  open: 'open',
  high: 'high',
  low: 'low',
  close: 'close',
  'adj close': 'adj_close',
  adjclose: 'adj_close',
  volume: 'volume',
  ticker: 'ticker',
};

/** "Adj Close", " adj_close ", "ADJ_CLOSE" → "adj close": the key the aliases are written in. */
export function normalizeHeader(name: string): string {
  return name
    .replace(/^\ufeff/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

function fieldOf(name: string): Field | undefined {
  return HEADER_ALIASES[normalizeHeader(name)];
}

/**
 * Reads the header record at `line`. Returns the layout, or null when the file is refused (the
 * reason is in `log`). Unknown columns are accepted with a warning and ignored.
 */
export function readHeader(fields: string[], line: number, log: ProblemLog): ColumnLayout | null {
  const columns: Partial<Record<Field, number>> = {};
  const fieldByIndex: (Field | null)[] = fields.map(() => null);
  const unknown: { index: number; name: string }[] = [];
  let duplicated = false;
  fields.forEach((name, index) => {
    const field = fieldOf(name);
    if (field === undefined) {
      unknown.push({ index, name: name.trim() });
      return;
    }
    const earlier = columns[field];
    if (earlier !== undefined) {
      // Every duplicate is named, not only the first.
      log.error(line, field, 'duplicate_column', `${where(line, field)}: the header names column ${field} twice (fields ${earlier + 1} and ${index + 1})`);
      duplicated = true;
      return;
    }
    columns[field] = index;
    fieldByIndex[index] = field;
  });
  if (duplicated) return null;

  const missing = (['date', 'close'] as const).filter((f) => columns[f] === undefined);
  if (missing.length > 0) {
    refuseHeader(fields, line, columns, missing, log);
    return null;
  }

  for (const u of unknown) {
    const column = u.name === '' ? null : u.name;
    const what = u.name === '' ? `#${u.index + 1} has no name` : `"${u.name}" is not a price column`;
    log.warning(line, column, 'unknown_column', `${where(line, column)}: column ${what} and is ignored`);
  }

  return {
    format: formatOf(fields, columns),
    columns,
    width: fields.length,
    numericColumns: NUMERIC_FIELDS.flatMap((field) => {
      const index = columns[field];
      return index === undefined ? [] : [{ field, index }];
    }),
    fieldByIndex,
  };
}

/** A ticker column or a snake_case adj_close is our own export; Adj Close is Yahoo; neither is Stooq. */
function formatOf(fields: string[], columns: Partial<Record<Field, number>>): PriceFileFormat {
  const adjIndex = columns.adj_close;
  const adjUnderscore = adjIndex !== undefined && (fields[adjIndex] ?? '').includes('_');
  if (columns.ticker !== undefined || adjUnderscore) return 'impactline';
  return adjIndex !== undefined ? 'yahoo' : 'stooq';
}

/** The header lacks date or close: say why in the most useful terms. */
function refuseHeader(
  fields: string[],
  line: number,
  columns: Partial<Record<Field, number>>,
  missing: readonly ('date' | 'close')[],
  log: ProblemLog,
): void {
  const first = (fields[0] ?? '').trim();
  const looksHtml = /^<(!doctype|html|head|body|\?xml|!--|[a-z])/i.test(first);
  const looksJson = /^[[{]/.test(first);
  if (!looksHtml && !looksJson) {
    const delimiter = otherDelimiter(fields.join(','));
    if (delimiter !== null) {
      log.error(
        line,
        null,
        'wrong_delimiter',
        `${where(line, null)}: fields are separated by ${describeDelimiter(delimiter)}, not commas; export the file as comma-separated (CSV) with a dot as the decimal separator`,
      );
      return;
    }
  }
  if (looksHtml || looksJson || Object.keys(columns).length === 0) {
    const hint = looksHtml
      ? 'looks like HTML, e.g. an error page saved as .csv'
      : looksJson
        ? 'looks like JSON'
        : ISO_DATE.test(first)
          ? 'the first line looks like data: is the header row missing?'
          : `found: ${fields.map((f) => show(f.trim())).join(', ').slice(0, 200)}`;
    log.error(line, null, 'missing_column', `${where(line, null)}: this is not a CSV price file (header has no date/close columns; ${hint})`);
    return;
  }
  const present = fields.map((f) => f.trim()).join(', ');
  for (const f of missing) {
    log.error(line, f, 'missing_column', `${where(line, null)}: the header has no ${f} column (found: ${present}); a price file needs at least date and close`);
  }
}

/** The delimiter a European or tab-separated export used, when splitting on it reveals date or close. */
function otherDelimiter(headerLine: string): string | null {
  for (const d of [';', '\t', '|']) {
    const parts = headerLine.split(d).map((p) => fieldOf(p.replace(/^"|"$/g, '')));
    if (parts.length > 1 && (parts.includes('date') || parts.includes('close'))) return d;
  }
  return null;
}

function describeDelimiter(d: string): string {
  return d === ';' ? "';' (semicolon)" : d === '\t' ? 'tabs' : `'${d}'`;
}
