// zod schemas for the ledger's event payloads and the values inside them.
// These are the boundary checks every command passes through (API, CLI, seed).
import { z } from 'zod';

export const KINDS = ['release', 'claim', 'market', 'report', 'policy', 'corporate'] as const;
export const METRICS = [
  'training_run_cost',
  'hardware_capex',
  'operating_cost',
  'total_investment',
  'gpu_count',
  'salary',
  'other',
] as const;
export const RELATION_TYPES = ['disputes', 'revises', 'corroborates', 'compares'] as const;
export const TICKER_ROLES = ['subject', 'peer', 'benchmark'] as const;

/** No control characters except newline (and tab in long text). */
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const cleanText = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, { message: min === 1 ? 'must not be empty' : `must be at least ${min} characters` })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), { message: 'must not contain control characters' });

export const isoDate = z.iso.date({ message: 'must be an ISO date (YYYY-MM-DD)' });
export const timeUtc = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM (24-hour, UTC)' });

export const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL' },
  );

/**
 * A narrative's id: a slug of lower-case ASCII letters and digits in dash-separated words, at most
 * 60 characters. Which narratives exist is ledger data (NarrativeDefined), checked by the commands
 * against the ledger; the schemas check only the form.
 */
export const NARRATIVE_ID_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const NARRATIVE_SLUG_RULE = 'must be a slug: lower-case letters a-z, digits and single dashes between words (e.g. "chip-export-rule"), at most 60 characters';
export const narrativeIdSchema = z
  .string({ message: NARRATIVE_SLUG_RULE })
  .max(60, { message: NARRATIVE_SLUG_RULE })
  .regex(new RegExp(NARRATIVE_ID_PATTERN), { message: NARRATIVE_SLUG_RULE });

export const sourceSchema = z
  .object({
    title: cleanText(500, 1),
    url: httpUrl,
    publisher: cleanText(300).optional(),
    // Sources are often dated only to the month; an optional note in brackets may follow.
    published: z
      .string()
      .trim()
      .max(100)
      .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?( \([^()\u0000-\u001f]{1,80}\))?$/, {
        message: 'must be a date: YYYY-MM-DD, YYYY-MM or YYYY (optionally followed by a note in brackets)',
      })
      .optional(),
  })
  .strict();
export type Source = z.infer<typeof sourceSchema>;

/**
 * A figure quoted by an entry. `value` is a finite number; a few sources state a
 * figure only in words ("a few tens of", "7-10"), which the dataset keeps verbatim
 * as `value_text` rather than turning it into a made-up number.
 */
export const figureSchema = z
  .object({
    label: cleanText(300).optional(),
    value: z.number().finite().nullable(),
    value_text: cleanText(100).optional(),
    unit: cleanText(100, 1),
  })
  .strict()
  .refine((f) => f.value !== null || (f.value_text !== undefined && f.value_text.length > 0), {
    message: 'a figure needs a numeric value or a value_text',
    path: ['value'],
  });
export type Figure = z.infer<typeof figureSchema>;

/** A ticker symbol: 1–20 letters, digits or ^ . - = (the one definition; HTML forms use the pattern). */
export const TICKER_SYMBOL_PATTERN = '[A-Za-z0-9^.\\-=]{1,20}';
export const TICKER_SYMBOL = new RegExp(`^${TICKER_SYMBOL_PATTERN}$`);
export const isTickerSymbol = (s: string): boolean => TICKER_SYMBOL.test(s);

const symbol = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(TICKER_SYMBOL, { message: 'must be a ticker symbol (letters, digits, ^ . - =)' });

// The entry's fields without defaults: shared by the record schema (which adds defaults) and the
// amend schema (where an absent list must stay absent, not become []).
const entryShape = {
  date: isoDate,
  time_utc: timeUtc.optional(),
  kind: z.enum(KINDS),
  title: cleanText(200, 1),
  summary: cleanText(4000),
  narrative: narrativeIdSchema,
  entities: z.array(cleanText(200, 1)).max(100),
  tickers: z.array(symbol).max(100),
  figures: z.array(figureSchema).max(100),
  sources: z.array(sourceSchema).max(100),
  confidence: z.enum(['verified', 'reported']).optional(),
};

export const entryFieldsSchema = z
  .object({
    ...entryShape,
    entities: entryShape.entities.default([]),
    tickers: entryShape.tickers.default([]),
    figures: entryShape.figures.default([]),
    sources: entryShape.sources.default([]),
  })
  .strict();
export type EntryFields = z.infer<typeof entryFieldsSchema>;

export const entryChangesSchema = z
  .object(entryShape)
  .omit({ sources: true })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'changes must name at least one field' });
export type EntryChanges = z.infer<typeof entryChangesSchema>;

export const relationSchema = z
  .object({ type: z.enum(RELATION_TYPES), target: z.string().min(1).max(200) })
  .strict();

export const claimFieldsSchema = z
  .object({
    entry: z.string().min(1).max(200).nullable().default(null),
    asserted_on: isoDate,
    subject: cleanText(200, 1),
    metric: z.enum(METRICS),
    value: z.number().finite(),
    unit: cleanText(100, 1),
    qualifier: cleanText(100).optional(),
    scope: cleanText(2000),
    claimant: cleanText(200, 1),
    narrative: narrativeIdSchema,
    relation: relationSchema.nullable().default(null),
    sources: z.array(sourceSchema).max(100).default([]),
  })
  .strict();
export type ClaimFields = z.infer<typeof claimFieldsSchema>;

export const narrativeFieldsSchema = z
  .object({
    name: cleanText(100, 1),
    thesis: cleanText(1000),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a #rrggbb colour' }),
  })
  .strict();
export type NarrativeFields = z.infer<typeof narrativeFieldsSchema>;

export const tickerFieldsSchema = z
  .object({
    name: cleanText(200, 1),
    exchange: cleanText(50).nullable().default(null),
    role: z.enum(TICKER_ROLES),
    shares_outstanding: z.number().finite().positive().nullable().default(null),
  })
  .strict();
export type TickerFields = z.infer<typeof tickerFieldsSchema>;

export const priceBarSchema = z
  .object({
    date: isoDate,
    open: z.number().finite().nonnegative().nullable(),
    high: z.number().finite().nonnegative().nullable(),
    low: z.number().finite().nonnegative().nullable(),
    close: z.number().finite().nonnegative(),
    adj_close: z.number().finite().nonnegative().nullable(),
    volume: z.number().finite().nonnegative().nullable(),
  })
  .strict();
export type PriceBar = z.infer<typeof priceBarSchema>;

export const tickerSymbolSchema = symbol.transform((s) => s.toUpperCase());
