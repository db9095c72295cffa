import { getStore } from '@/db';
import { toResponse } from '@/server/http';

export async function GET() {
  try {
    const store = await getStore();
    return Response.json({ ok: true, position: await store.read.latestPosition() });
  } catch (error) {
    return toResponse(error);
  }
}
