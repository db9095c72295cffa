// The vocabulary of a price-file check, shared by the validator, the import plan, the routes,
// the CLI and the import form: formats, problems, parsed bars and the report.
import type { PriceBar } from '@/lib/domain/schemas';

export type PriceFileFormat = 'yahoo' | 'stooq' | 'impactline';

export type PriceProblemCode =
  | 'empty_file'
  | 'missing_column'
  | 'duplicate_column'
  | 'unknown_column'
  | 'wrong_delimiter'
  | 'malformed_row'
  | 'null_row'
  | 'missing_value'
  | 'unparseable_date'
  | 'weekend_date'
  | 'non_numeric'
  | 'negative_price'
  | 'negative_volume'
  | 'high_below_low'
  | 'close_outside_range'
  | 'duplicate_date'
  | 'invalid_ticker'
  | 'too_large';

export type PriceProblem = {
  /** 1-based physical line in the file (the header is line 1 unless blank lines precede it). */
  line: number;
  /** Canonical field name (date, open, high, low, close, adj_close, volume, ticker), the header
   *  text for an unknown column, or null when the problem concerns the whole row/file. */
  column: string | null;
  code: PriceProblemCode | (string & {});
  message: string;
  severity: 'error' | 'warning';
};

export type ParsedBar = PriceBar & { ticker: string | null; line: number };

export type PriceFileReport = {
  format: PriceFileFormat | null;
  /** Data rows seen (blank lines and the header are not counted). */
  rows: number;
  /** Valid rows (rows with an error are excluded; warnings do not exclude), in file order. */
  bars: ParsedBar[];
  /** First MAX_REPORTED errors only. */
  errors: PriceProblem[];
  errorCount: number;
  /** First MAX_REPORTED warnings only. */
  warnings: PriceProblem[];
  warningCount: number;
  /** Lines of data rows rejected because of an error. */
  skippedLines: number[];
  tooLarge: boolean;
};

/** Problems kept per list (errors, warnings, skipped lines in a plan); counts go on past it. */
export const MAX_REPORTED = 200;

export type Field = 'date' | 'open' | 'high' | 'low' | 'close' | 'adj_close' | 'volume' | 'ticker';
export const NUMERIC_FIELDS = ['open', 'high', 'low', 'close', 'adj_close', 'volume'] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/** What the header says about the data rows (see format.ts). */
export type ColumnLayout = {
  format: PriceFileFormat;
  /** Index of each field present in the header. */
  columns: Partial<Record<Field, number>>;
  /** Number of header cells: every data row must have as many. */
  width: number;
  /** The numeric fields present, in NUMERIC_FIELDS order. */
  numericColumns: { field: NumericField; index: number }[];
  /** Field of each header cell, null for an ignored column. */
  fieldByIndex: (Field | null)[];
};
