// How a value becomes a CSV cell (issue 6). ISO dates as stored, numbers as JavaScript's
// shortest round-trip form (`.` decimals, no thousands separators, never toLocaleString),
// null -> empty, lists joined with " | ". Text cells that a spreadsheet would run as a formula
// (leading = + - @ tab CR) get a leading apostrophe (OWASP "CSV injection"); numbers are never
// touched, so a CAR of -0.13 stays -0.13.

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
 * numeric column (never expected there, but a spreadsheet must not run it).
 */
export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  const text = typeof value === 'string' ? value : value.join(MULTI_SEPARATOR);
  return neutraliseFormula(text);
}
