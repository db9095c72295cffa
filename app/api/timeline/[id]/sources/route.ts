// POST /api/timeline/{id}/sources {source, reason, expectedVersion}
import { attachSource } from '@/db/commands';
import { commandRoute } from '@/lib/server/command-route';
import { attachSourceBody } from './schema';

export const POST = commandRoute<ReturnType<typeof attachSourceBody>, { id: string }>({
  body: attachSourceBody,
  run: ({ db, body, params, ctx }) => attachSource(db, params.id, { source: body.source, reason: body.reason }, ctx),
  location: (r) => `/api/timeline/${r.id}`,
});
