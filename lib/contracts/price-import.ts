// Response shapes of POST /api/prices/{ticker}/import and its preview, shared by the routes,
// `npm run import:prices` and the import form.
import type { ParsedBar, PriceFileFormat, PriceProblem } from '@/lib/csv/price-file/types';
import type { ImportSummary } from '@/lib/domain/reference';

/** The problem report as returned by the API (422 body, preview, and the skip summary). */
export type ImportReportFields = {
  format: PriceFileFormat | null;
  rows: number;
  valid: number;
  errorCount: number;
  errors: PriceProblem[];
  warningCount: number;
  warnings: PriceProblem[];
  skipped: number;
  skippedLines: number[];
  ignored: Record<string, number>;
};

export type ImportResponse = {
  ticker: string;
  format: PriceFileFormat | null;
  rows: number;
  inserted: number;
  unchanged: number;
  corrected: number;
  skipped: number;
  ignored: Record<string, number>;
  warnings: number;
  /** Position of the last event written, or null when nothing changed. */
  position: number | null;
  positions: number[];
  message: string;
  problems: { errors: PriceProblem[]; errorCount: number; warnings: PriceProblem[]; skippedLines: number[] };
};

/** POST /api/prices/{ticker}/import/preview: the report, the first rows and what the import would record. */
export type PreviewResponse = ImportReportFields & {
  ticker: string;
  ok: boolean;
  message: string;
  would: ImportSummary | null;
  preview: (Omit<ParsedBar, 'ticker'> & { line: number })[];
};

/** The 422/413 body: the error and, for 422, the report. */
export type RefusedResponse = { error: string; message: string } & Partial<ImportReportFields>;

/** Largest price file accepted over HTTP (bytes, UTF-8): ~350,000 daily rows. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
