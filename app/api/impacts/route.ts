import { getDb } from '@/db/client';
import { cachedJson, jsonResponse } from '@/db/queries/cache';
import { computeImpacts } from '@/db/queries/impacts';
import { parseQuery, toResponse } from '@/lib/http';
import { impactsQuery } from './schema';

export async function GET(request: Request) {
  try {
    const query = parseQuery(impactsQuery, new URL(request.url).searchParams);
    const events = [...(query.event ?? []), ...(query.events ?? [])];
    const db = getDb();
    const url = new URL(request.url);
    const body = cachedJson(db, `impacts:${url.search}`, () => computeImpacts(db, {
      events: events.length > 0 ? events : null,
      tickers: query.tickers,
      benchmark: query.benchmark,
      model: query.model,
      estimation: query.estimation,
      gap: query.gap,
      windows: query.windows,
      asOf: query.asOf,
      position: query.position,
    }));
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}
