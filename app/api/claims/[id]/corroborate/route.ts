// POST /api/claims/{id}/corroborate {by, reason, source, on?, expectedVersion}
import { claimCommand } from '@/db/commands';
import { commandRoute } from '@/lib/server/command-route';
import { corroborateClaimBody } from './schema';

export const POST = commandRoute<ReturnType<typeof corroborateClaimBody>, { id: string }>({
  body: corroborateClaimBody,
  run: ({ db, body, params, ctx, rules }) =>
    claimCommand(
      db,
      params.id,
      { type: 'CorroborateCostClaim', by: body.by, source: body.source, on: body.on ?? rules.now.slice(0, 10) },
      { ...ctx, reason: body.reason, source: body.source.url },
    ),
  location: (r) => `/api/claims#${r.id}`,
});
