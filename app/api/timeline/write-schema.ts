// POST /api/timeline body: a new timeline entry (the GET query schema lives in ./schema.ts).
import { z } from 'zod';
import { entryFieldsSchema } from '@/lib/domain/schemas';
import type { Rules } from '@/lib/server/command-route';

export const recordEntryBody = (r: Rules) =>
  entryFieldsSchema
    .extend({
      /** Optional slug; generated from the title when omitted. */
      id: r.id.optional(),
      date: r.date,
      sources: r.sources,
      reason: r.optionalReason,
    })
    .strict();
export type RecordEntryBody = z.infer<ReturnType<typeof recordEntryBody>>;
