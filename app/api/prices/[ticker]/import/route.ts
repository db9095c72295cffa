// POST /api/prices/{ticker}/import: record a daily price file (Yahoo, Stooq or our own export,
// sent as the text/csv body) in the ledger, all or nothing unless ?onInvalid=skip.
// The body is streamed into the parser; nothing is written unless the plan says so.
import { randomUUID } from 'node:crypto';
import { importPriceBars } from '@/db/commands';
import { importResponse, reportFields, sourceLabel } from '@/lib/csv/price-file/plan';
import { AppError } from '@/lib/domain/errors';
import { toResponse } from '@/lib/http';
import { readImportRequest } from './read-request';

export async function POST(request: Request, context: { params: Promise<{ ticker: string }> }) {
  try {
    const { actor, symbol, query, db, report, plan } = await readImportRequest(request, context.params);
    if (!plan.ok) {
      const hint = plan.skipped > 0 && plan.bars.length > 0 && query.onInvalid !== 'skip' ? ' (add ?onInvalid=skip to import the valid rows and skip the others)' : '';
      throw new AppError('unprocessable', `${plan.message}; nothing was recorded${hint}`, { ticker: symbol, ...reportFields(report, plan) });
    }

    const fileName = request.headers.get('x-file-name');
    const source = sourceLabel(report.format, 'api', fileName ? safeDecode(fileName) : null);
    const result = importPriceBars(db, symbol, plan.bars, { source }, {
      actor: actor.actor,
      now: new Date().toISOString(),
      source,
      reason: plan.skipped > 0 ? `imported with onInvalid=skip: ${plan.skipped} invalid rows left out` : null,
      correlationId: randomUUID(),
      // No idempotency key: a retried import is idempotent by content (identical bars record nothing).
    });
    const body = importResponse(symbol, report, plan, result);
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
