// Reading query strings and turning zod issues into the app's problems [{field, message}]:
// shared by every route (and by tests) so that a bad parameter is always named the same way.
import { z } from 'zod';
import { AppError } from '@/lib/domain/errors';
import { TICKER_SYMBOL } from '@/lib/domain/schemas';

/** Turn zod issues into "field: message" lines. */
export function describeIssues(error: z.ZodError, prefix = ''): { field: string; message: string }[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s): ${issue.keys.join(', ')}`;
    return { field, message };
  });
}

export function validationError(error: z.ZodError, prefix = ''): AppError {
  const problems = describeIssues(error, prefix);
  return new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
}

/**
 * Accepted on every read: the ledger position the answer must reflect at least (read-your-writes
 * with a read replica). Checked here; the server reads it from the URL (server/reads.ts).
 */
export const MIN_POSITION_PARAM = 'minPosition';
export const minPositionSchema = z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more');

/** Parse URLSearchParams with a zod object schema; unknown parameters are refused by name. */
export function parseQuery<S extends z.ZodObject>(schema: S, params: URLSearchParams): z.infer<S> {
  // A null-prototype object: "__proto__" and friends become ordinary keys that zod refuses as unknown.
  const raw: Record<string, string | string[]> = Object.create(null);
  for (const key of new Set(params.keys())) {
    if (key === MIN_POSITION_PARAM && !(MIN_POSITION_PARAM in schema.shape)) {
      const checked = minPositionSchema.safeParse(params.getAll(key).at(-1));
      if (!checked.success) {
        const problems = [{ field: MIN_POSITION_PARAM, message: checked.error.issues[0]!.message }];
        throw new AppError('validation', `${MIN_POSITION_PARAM}: ${problems[0]!.message}`, { problems });
      }
      continue;
    }
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : all[0]!;
  }
  const result = schema.strict().safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return { field: issue.keys.join(', '), message: 'unknown parameter' };
      return { field: issue.path.map(String).join('.') || '(query)', message: issue.message };
    });
    throw new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
  }
  return result.data as z.infer<S>;
}

// Reusable query-parameter schemas.
export const single = <T extends z.ZodType>(s: T) => z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), s);

export const q = {
  date: single(z.iso.date({ message: 'must be a date YYYY-MM-DD' })).optional(),
  position: single(z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more')).optional(),
  int: (min: number, max: number) =>
    single(z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
  /** Comma-separated or repeated values. */
  list: <T extends string>(item: z.ZodType<T>) =>
    z
      .preprocess((v) => {
        const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);
        return parts;
      }, z.array(item))
      .optional(),
  symbol: z
    .string()
    .regex(TICKER_SYMBOL, { message: 'must be a ticker symbol' })
    .transform((s) => s.toUpperCase()),
};
