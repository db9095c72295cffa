// POST /api/prices/{ticker}/import: record a daily price file (Yahoo, Stooq or our own export,
// sent as the text/csv body) in the ledger, all or nothing unless ?onInvalid=skip.
// The body is streamed into the parser; nothing is written unless the plan says so.
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db/client';
import { importPriceBars } from '@/db/commands';
import { tickerExists } from '@/db/queries/market';
import { parsePriceFile } from '@/lib/csv/price-file';
import { AppError } from '@/lib/domain/errors';
import { parseQuery, q, toResponse } from '@/lib/http';
import { requireWriter } from '@/lib/server/auth';
import {
  checkCsvContentType,
  checkDeclaredLength,
  IMPORT_MAX_BYTES,
  importQuery,
  importResponse,
  planImport,
  reportFields,
  sourceLabel,
  streamChunks,
  tooLargeError,
} from './schema';

export async function POST(request: Request, context: { params: Promise<{ ticker: string }> }) {
  try {
    const actor = requireWriter(request);
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
    if (!plan.ok) {
      const hint = plan.skipped > 0 && plan.bars.length > 0 && query.onInvalid !== 'skip' ? ' (add ?onInvalid=skip to import the valid rows and skip the others)' : '';
      throw new AppError('unprocessable', `${plan.message}; nothing was recorded${hint}`, { ticker: symbol.data, ...reportFields(report, plan) });
    }

    const fileName = request.headers.get('x-file-name');
    const source = sourceLabel(report.format, 'api', fileName ? safeDecode(fileName) : null);
    const result = importPriceBars(db, symbol.data, plan.bars, { source }, {
      actor: actor.actor,
      now: new Date().toISOString(),
      source,
      reason: plan.skipped > 0 ? `imported with onInvalid=skip: ${plan.skipped} invalid rows left out` : null,
      correlationId: randomUUID(),
      // No idempotency key: a retried import is idempotent by content (identical bars record nothing).
    });
    const body = importResponse(symbol.data, report, plan, result);
    // Something recorded: 201. Nothing changed (every bar already recorded as is): 200, with a message.
    return Response.json(body, { status: result.inserted + result.corrected > 0 ? 201 : 200 });
  } catch (error) {
    return toResponse(error);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
