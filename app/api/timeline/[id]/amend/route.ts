// POST /api/timeline/{id}/amend {changes, reason, expectedVersion}
import { amendEntry } from '@/db/commands';
import { commandRoute } from '@/lib/server/command-route';
import { amendEntryBody } from './schema';

export const POST = commandRoute<ReturnType<typeof amendEntryBody>, { id: string }>({
  body: amendEntryBody,
  run: ({ db, body, params, ctx }) => amendEntry(db, params.id, { changes: body.changes, reason: body.reason }, ctx),
  location: (r) => `/api/timeline/${r.id}`,
});
