// The first half of an import request, shared by the import and its preview: auth, ticker,
// query, content type and size, then the streamed parse and the plan. Checks run in the
// contract's order: 401, 400, 404, 415, 413, then the plan decides 422 or what to record.
import { getDb, type Db } from '@/db/client';
import { tickerExists } from '@/db/queries/market';
import { planImport, type ImportPlan } from '@/lib/csv/price-file/plan';
import type { PriceFileReport } from '@/lib/csv/price-file/types';
import { AppError } from '@/lib/domain/errors';
import { parseQuery, q } from '@/lib/http';
import { requireWriter, type Actor } from '@/lib/server/auth';
import { parsePriceFile } from '@/server/csv/read-price-file';
import { checkCsvContentType, checkDeclaredLength, IMPORT_MAX_BYTES, importQuery, streamChunks, tooLargeError } from './schema';

export type ImportRequest = {
  actor: Actor;
  symbol: string;
  query: { onInvalid?: 'reject' | 'skip' };
  db: Db;
  report: PriceFileReport;
  plan: ImportPlan;
};

export async function readImportRequest(request: Request, params: Promise<{ ticker: string }>): Promise<ImportRequest> {
  const actor = requireWriter(request);
  const raw = decodeURIComponent((await params).ticker);
  const parsed = q.symbol.safeParse(raw);
  if (!parsed.success) throw new AppError('validation', `ticker: "${raw}" is not a ticker symbol`);
  const symbol = parsed.data;
  const query = parseQuery(importQuery, new URL(request.url).searchParams);
  const db = getDb();
  if (!tickerExists(db, symbol))
    throw new AppError('not_found', `ticker "${symbol}" is not listed; list it first with POST /api/tickers`, { ticker: symbol });
  checkCsvContentType(request);
  checkDeclaredLength(request);
  const report = await parsePriceFile(streamChunks(request.body), { maxBytes: IMPORT_MAX_BYTES });
  if (report.tooLarge) throw tooLargeError(IMPORT_MAX_BYTES, undefined, report);
  const plan = planImport(report, symbol, { skipInvalid: query.onInvalid === 'skip' });
  return { actor, symbol, query, db, report, plan };
}
