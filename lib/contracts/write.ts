// Write contracts (zod): the body of every command the API accepts, checked against the
// request's clock (dates run from 1990-01-01 to today + 1 day). Shared by the write routes,
// the CLI and the tests; the write gate (server/write-gate.ts) applies them.
import { z } from 'zod';
import { addDays } from '@/lib/dates';
import { markContrastProblem } from '@/lib/charts/palette';
import { cleanText, entryFieldsSchema, isoDate, claimFieldsSchema, narrativeIdSchema, sourceSchema, tickerFieldsSchema, tickerSymbolSchema } from '@/lib/domain/schemas';

export const MIN_DATE = '1990-01-01';

export type Problem = { field: string; message: string };

// ---- rules shared by the write schemas (they depend on the request clock) ----

export type Rules = ReturnType<typeof writeRules>;

/** Field rules for a request whose clock says `now` (ISO). Dates run from 1990-01-01 to today + 1 day. */
export function writeRules(now: string) {
  const maxDate = addDays(now.slice(0, 10), 1);
  const date = isoDate.refine((d) => d >= MIN_DATE && d <= maxDate, {
    message: `must be between ${MIN_DATE} and ${maxDate} (today + 1 day)`,
  });
  const inRange = (p: string) => {
    const head = p.trim().split(' ')[0] ?? '';
    return head >= MIN_DATE.slice(0, head.length) && head <= maxDate.slice(0, head.length);
  };
  const source = sourceSchema.superRefine((s, ctx) => {
    if (s.published !== undefined && !inRange(s.published))
      ctx.addIssue({ code: 'custom', path: ['published'], message: `must be between ${MIN_DATE} and ${maxDate}` });
  });
  return {
    now,
    maxDate,
    date,
    source,
    sources: z.array(source).min(1, { message: 'add at least one source' }).max(100, { message: 'must be at most 100 sources' }),
    reason: cleanText(1000, 1),
    optionalReason: cleanText(1000, 1).optional(),
    expectedVersion: z
      .number({ message: 'must be the stream version you last saw (a whole number)' })
      .int({ message: 'must be a whole number' })
      .min(0, { message: 'must be 0 or more' }),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,119}$/, { message: 'must be a slug: lower-case letters, digits and dashes, at most 120 characters' }),
  };
}


// ---- command bodies ----

// POST /api/timeline: a new timeline entry.

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

export const attachSourceBody = (r: Rules) =>
  z.object({ source: r.source, reason: r.reason, expectedVersion: r.expectedVersion }).strict();

export const retractEntryBody = (r: Rules) => z.object({ reason: r.reason, expectedVersion: r.expectedVersion }).strict();

// POST /api/claims: a new cost claim.

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

export const corroborateClaimBody = (r: Rules) =>
  z
    .object({
      by: cleanText(200, 1),
      reason: r.reason,
      source: r.source,
      on: r.date.optional(),
      expectedVersion: r.expectedVersion,
    })
    .strict();

// POST /api/narratives and /api/narratives/{id}/amend. The API's label and description are stored
// as the narrative's name and thesis (the ledger's field names since the first dataset).

/** A narrative's colour: #rrggbb with at least 3:1 contrast on every chart background. */
export const narrativeColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a #rrggbb colour', abort: true })
  .superRefine((c, ctx) => {
    const problem = markContrastProblem(c);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: '#rrggbb with at least 3:1 contrast on the chart backgrounds (#ffffff, #f3f5f8)' });

const narrativeLabel = cleanText(100, 1);
const narrativeDescription = cleanText(1000);
const sortOrder = z
  .number({ message: 'must be a whole number' })
  .int({ message: 'must be a whole number' })
  .min(0, { message: 'must be 0 or more' })
  .max(100_000, { message: 'must be at most 100000' });

export const defineNarrativeBody = (r: Rules) =>
  z
    .object({
      id: narrativeIdSchema,
      label: narrativeLabel,
      description: narrativeDescription.optional(),
      /** Absent: the first palette colour no narrative uses yet. */
      color: narrativeColor.optional(),
      /** Lane order; absent: after the last narrative. */
      sort_order: sortOrder.optional(),
      reason: r.optionalReason,
    })
    .strict();
export type DefineNarrativeBody = z.infer<ReturnType<typeof defineNarrativeBody>>;

export const amendNarrativeBody = (r: Rules) =>
  z
    .object({
      changes: z
        .object({ label: narrativeLabel, description: narrativeDescription, color: narrativeColor, sort_order: sortOrder })
        .partial()
        .strict()
        .refine((c) => Object.keys(c).length > 0, { message: 'changes must name at least one field' }),
      reason: r.reason,
      expectedVersion: r.expectedVersion,
    })
    .strict();

/** The ledger's fields for the API's narrative fields (label → name, description → thesis). */
export function narrativeFieldsFrom(body: { label?: string; description?: string; color?: string; sort_order?: number }) {
  return {
    ...(body.label !== undefined ? { name: body.label } : {}),
    ...(body.description !== undefined ? { thesis: body.description } : {}),
    ...(body.color !== undefined ? { color: body.color.toLowerCase() } : {}),
    ...(body.sort_order !== undefined ? { sort_order: body.sort_order } : {}),
  };
}

/** POST /api/tickers: the ticker to list. exchange and shares_outstanding are optional. */
export const listTickerBody = () => tickerFieldsSchema.extend({ symbol: tickerSymbolSchema }).strict();

/** POST /api/session (JSON form): the admin token to exchange for a session cookie. */
export const signInBody = () => z.object({ token: z.unknown().optional() });

/** Query of POST /api/prices/{ticker}/import (and its preview). */
export const importQuery = z.object({
  onInvalid: z.enum(['reject', 'skip'], { message: 'must be reject or skip' }).optional(),
});
