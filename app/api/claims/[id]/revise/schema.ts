import { z } from 'zod';
import type { Rules } from '@/lib/server/command-route';

export const reviseClaimBody = (r: Rules) =>
  z
    .object({
      value: z.number({ message: 'must be a number (not a string)' }).finite({ message: 'must be a finite number' }),
      reason: r.reason,
      source: r.source,
      /** The day of the revision (valid time); today when omitted. */
      on: r.date.optional(),
      expectedVersion: r.expectedVersion,
    })
    .strict();
