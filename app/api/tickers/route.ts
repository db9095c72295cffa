import { getDb } from '@/db/client';
import { listTicker } from '@/db/commands';
import { listTickers } from '@/db/queries/market';
import { AppError } from '@/lib/domain/errors';
import { tickerFieldsSchema, tickerSymbolSchema } from '@/lib/domain/schemas';
import { toResponse, validationError } from '@/lib/http';
import { requireWriter } from '@/lib/server/auth';

export async function GET() {
  try {
    return Response.json({ tickers: listTickers(getDb()) });
  } catch (error) {
    return toResponse(error);
  }
}

/** POST body: the ticker to list. exchange and shares_outstanding are optional. */
const listTickerBody = tickerFieldsSchema.extend({ symbol: tickerSymbolSchema }).strict();

/** List a new ticker: 201 {id, version, position}; 409 when it is already listed. */
export async function POST(request: Request) {
  try {
    const actor = requireWriter(request);
    const type = request.headers.get('content-type') ?? '';
    if (!type.toLowerCase().includes('application/json'))
      throw new AppError('unsupported_media_type', `send the ticker as JSON with Content-Type: application/json (got ${type ? `"${type}"` : 'none'})`);
    let raw: unknown;
    try {
      raw = await request.json();
    } catch {
      throw new AppError('validation', '(body): is not valid JSON');
    }
    const parsed = listTickerBody.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error);
    const { symbol, ...fields } = parsed.data;
    const result = listTicker(getDb(), { symbol, ...fields }, { actor: actor.actor, now: new Date().toISOString() });
    return Response.json(
      { id: result.id, version: result.version, position: result.position },
      { status: 201, headers: { location: `/api/prices/${encodeURIComponent(result.id)}` } },
    );
  } catch (error) {
    return toResponse(error);
  }
}
