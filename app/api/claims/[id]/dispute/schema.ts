import { z } from 'zod';
import { cleanText } from '@/lib/domain/schemas';
import type { Rules } from '@/lib/server/command-route';

export const disputeClaimBody = (r: Rules) =>
  z
    .object({
      by: cleanText(200, 1),
      argument: cleanText(4000, 1),
      reason: r.reason,
      source: r.source,
      on: r.date.optional(),
      expectedVersion: r.expectedVersion,
    })
    .strict();
