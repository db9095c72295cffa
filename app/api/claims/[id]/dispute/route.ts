// POST /api/claims/{id}/dispute {by, argument, reason, source, on?, expectedVersion}
import { claimCommand } from '@/db/commands';
import { commandRoute } from '@/lib/server/command-route';
import { disputeClaimBody } from './schema';

export const POST = commandRoute<ReturnType<typeof disputeClaimBody>, { id: string }>({
  body: disputeClaimBody,
  run: ({ db, body, params, ctx, rules }) =>
    claimCommand(
      db,
      params.id,
      { type: 'DisputeCostClaim', by: body.by, argument: body.argument, source: body.source, on: body.on ?? rules.now.slice(0, 10) },
      { ...ctx, reason: body.reason, source: body.source.url },
    ),
  location: (r) => `/api/claims#${r.id}`,
});
