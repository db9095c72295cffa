import { getDb } from '@/db/client';
import { cachedJson, jsonResponse } from '@/db/queries/cache';
import { computeNarratives } from '@/db/queries/impacts';
import { parseQuery, toResponse } from '@/lib/http';
import { narrativesQuery } from '../impacts/schema';

export async function GET(request: Request) {
  try {
    const query = parseQuery(narrativesQuery, new URL(request.url).searchParams);
    const db = getDb();
    const url = new URL(request.url);
    const body = cachedJson(db, `narratives:${url.search}`, () => computeNarratives(db, {
      tickers: query.tickers,
      benchmark: query.benchmark,
      model: query.model,
      estimation: query.estimation,
      gap: query.gap,
      window: query.window,
      asOf: query.asOf,
      position: query.position,
    }));
    return jsonResponse(body);
  } catch (error) {
    return toResponse(error);
  }
}
