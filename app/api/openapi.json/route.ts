// GET /api/openapi.json: the OpenAPI 3.1 document of every route (server/openapi.ts).
import { toResponse } from '@/server/http';
import { buildOpenApi } from '@/server/openapi';

export async function GET() {
  try {
    return Response.json(buildOpenApi(), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toResponse(error);
  }
}
