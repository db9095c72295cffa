// POST /api/timeline/{id}/retract {reason, expectedVersion}
import { retractEntry } from '@/db/commands';
import { commandRoute } from '@/lib/server/command-route';
import { retractEntryBody } from './schema';

export const POST = commandRoute<ReturnType<typeof retractEntryBody>, { id: string }>({
  body: retractEntryBody,
  run: ({ db, body, params, ctx }) => retractEntry(db, params.id, { reason: body.reason }, ctx),
  location: (r) => `/api/timeline/${r.id}`,
});
