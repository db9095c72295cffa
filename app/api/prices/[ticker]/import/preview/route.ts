// POST /api/prices/{ticker}/import/preview: a dry run of the import with the same parser and plan.
// Returns the validation report, the first parsed rows and what the import would record; writes nothing.
import { getDb } from '@/db/client';
import { listBars, tickerExists } from '@/db/queries/market';
import { parsePriceFile } from '@/lib/csv/price-file';
import { AppError } from '@/lib/domain/errors';
import { decideImportBars, type ImportSummary } from '@/lib/domain/reference';
import type { BarValues } from '@/lib/domain/events';
import { parseQuery, q, toResponse } from '@/lib/http';
import { requireWriter } from '@/lib/server/auth';
import {
  checkCsvContentType,
  checkDeclaredLength,
  IMPORT_MAX_BYTES,
  importQuery,
  planImport,
  reportFields,
  streamChunks,
  tooLargeError,
} from '../schema';

const PREVIEW_ROWS = 20;

export async function POST(request: Request, context: { params: Promise<{ ticker: string }> }) {
  try {
    requireWriter(request);
    const raw = decodeURIComponent((await context.params).ticker);
    const symbol = q.symbol.safeParse(raw);
    if (!symbol.success) throw new AppError('validation', `ticker: "${raw}" is not a ticker symbol`);
    const query = parseQuery(importQuery, new URL(request.url).searchParams);
    const db = getDb();
    if (!tickerExists(db, symbol.data))
      throw new AppError('not_found', `ticker "${symbol.data}" is not listed; list it first with POST /api/tickers`, { ticker: symbol.data });
    checkCsvContentType(request);
    checkDeclaredLength(request);

    const report = await parsePriceFile(streamChunks(request.body), { maxBytes: IMPORT_MAX_BYTES });
    if (report.tooLarge) throw tooLargeError(IMPORT_MAX_BYTES, undefined, report);
    const plan = planImport(report, symbol.data, { skipInvalid: query.onInvalid === 'skip' });

    // What the import would record, decided by the same pure decider against the bars held now.
    let would: ImportSummary | null = null;
    if (plan.ok) {
      let min = plan.bars[0]!.date;
      let max = min;
      for (const b of plan.bars) {
        if (b.date < min) min = b.date;
        if (b.date > max) max = b.date;
      }
      const existing = new Map<string, BarValues>();
      for (const { date, ...values } of listBars(db, symbol.data, { from: min, to: max })) existing.set(date, values);
      // The ticker is listed (checked above); the decider only needs to know that.
      const listed = { status: 'listed' as const, ticker: { symbol: symbol.data, name: symbol.data, exchange: null, role: 'peer' as const, shares_outstanding: null } };
      would = decideImportBars({ symbol: symbol.data, source: 'preview', bars: plan.bars }, listed, existing).summary;
    }
    return Response.json({
      ticker: symbol.data,
      ok: plan.ok,
      message: plan.message,
      ...reportFields(report, plan),
      would,
      preview: plan.bars.slice(0, PREVIEW_ROWS).map((b) => ({
        line: b.line,
        date: b.date,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        adj_close: b.adj_close,
        volume: b.volume,
      })),
    });
  } catch (error) {
    return toResponse(error);
  }
}
