import { z } from 'zod';
import { entryFieldsSchema } from '@/lib/domain/schemas';
import type { Rules } from '@/lib/server/command-route';

const fields = entryFieldsSchema.shape;

/**
 * The fields an amendment may change. Built here without the record schema's defaults: a
 * `.partial()` of entryFieldsSchema would fill entities/tickers/figures with [] and so wipe
 * them on every amendment that does not mention them.
 */
export const amendEntryBody = (r: Rules) =>
  z
    .object({
      changes: z
        .object({
          date: r.date,
          time_utc: fields.time_utc.unwrap(),
          kind: fields.kind,
          title: fields.title,
          summary: fields.summary,
          narrative: fields.narrative,
          entities: fields.entities.unwrap(),
          tickers: fields.tickers.unwrap(),
          figures: fields.figures.unwrap(),
          confidence: fields.confidence.unwrap(),
        })
        .partial()
        .strict()
        .refine((c) => Object.keys(c).length > 0, { message: 'changes must name at least one field' }),
      reason: r.reason,
      expectedVersion: r.expectedVersion,
    })
    .strict();
