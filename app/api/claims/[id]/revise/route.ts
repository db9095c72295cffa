// POST /api/claims/{id}/revise {value, reason, source, on?, expectedVersion}
import { claimCommand } from '@/db/commands';
import { commandRoute } from '@/lib/server/command-route';
import { reviseClaimBody } from './schema';

export const POST = commandRoute<ReturnType<typeof reviseClaimBody>, { id: string }>({
  body: reviseClaimBody,
  run: ({ db, body, params, ctx, rules }) =>
    claimCommand(
      db,
      params.id,
      { type: 'ReviseCostClaim', value: body.value, reason: body.reason, source: body.source, on: body.on ?? rules.now.slice(0, 10) },
      { ...ctx, reason: body.reason, source: body.source.url },
    ),
  location: (r) => `/api/claims#${r.id}`,
});
