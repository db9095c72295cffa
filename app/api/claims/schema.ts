// POST /api/claims body: a new cost claim.
import { claimFieldsSchema } from '@/lib/domain/schemas';
import type { Rules } from '@/lib/server/command-route';

export const assertClaimBody = (r: Rules) =>
  claimFieldsSchema
    .extend({
      id: r.id.optional(),
      asserted_on: r.date,
      entry: r.id.nullable().default(null),
      sources: r.sources,
      reason: r.optionalReason,
    })
    .strict();
