import { getDb } from '@/db/client';
import { computeNarratives } from '@/db/queries/impacts';
import { parseQuery, toResponse } from '@/lib/http';
import { narrativesQuery } from '../impacts/schema';

export async function GET(request: Request) {
  try {
    const query = parseQuery(narrativesQuery, new URL(request.url).searchParams);
    const body = computeNarratives(getDb(), {
      tickers: query.tickers,
      benchmark: query.benchmark,
      model: query.model,
      estimation: query.estimation,
      gap: query.gap,
      window: query.window,
      asOf: query.asOf,
      position: query.position,
    });
    return Response.json(body);
  } catch (error) {
    return toResponse(error);
  }
}
