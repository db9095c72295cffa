import { getDb } from '@/db/client';
import { computeImpacts } from '@/db/queries/impacts';
import { parseQuery, toResponse } from '@/lib/http';
import { impactsQuery } from './schema';

export async function GET(request: Request) {
  try {
    const query = parseQuery(impactsQuery, new URL(request.url).searchParams);
    const events = [...(query.event ?? []), ...(query.events ?? [])];
    const body = computeImpacts(getDb(), {
      events: events.length > 0 ? events : null,
      tickers: query.tickers,
      benchmark: query.benchmark,
      model: query.model,
      estimation: query.estimation,
      gap: query.gap,
      windows: query.windows,
      asOf: query.asOf,
      position: query.position,
    });
    return Response.json(body);
  } catch (error) {
    return toResponse(error);
  }
}
