// GET /api/openapi.json: the OpenAPI 3.1 document of every route (server/openapi.ts).
import { json, toResponse } from '@/server/http';
import { buildOpenApi } from '@/server/openapi';

export async function GET() {
  try {
    return json(buildOpenApi(), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toResponse(error);
  }
}
