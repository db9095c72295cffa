import { getStore } from '@/db';
import { json, toResponse } from '@/server/http';

export async function GET() {
  try {
    const store = await getStore();
    // The ledger head on the primary (the database every write goes to), not a replica's.
    return json({ ok: true, position: await store.events.latestPosition() });
  } catch (error) {
    return toResponse(error);
  }
}
