import { getDb } from '@/db/client';
import { latestPosition } from '@/db/event-store';
import { toResponse } from '@/lib/http';

export async function GET() {
  try {
    return Response.json({ ok: true, position: latestPosition(getDb()) });
  } catch (error) {
    return toResponse(error);
  }
}
