// A simple per-client token bucket for writes and sign-in (429 with Retry-After).
// In-process: one bucket map per server process, which is what a single-node SQLite app runs.
import { AppError } from '@/lib/domain/errors';

type Bucket = { tokens: number; updated: number };

export type LimitName = 'write' | 'signin';

/** Requests per minute per client; IMPACTLINE_RATE_LIMIT / IMPACTLINE_SIGNIN_RATE_LIMIT override. */
const DEFAULTS: Record<LimitName, number> = { write: 300, signin: 20 };
const ENV: Record<LimitName, string> = { write: 'IMPACTLINE_RATE_LIMIT', signin: 'IMPACTLINE_SIGNIN_RATE_LIMIT' };

const buckets = new Map<string, Bucket>();
const MAX_BUCKETS = 10_000;

export function limitPerMinute(name: LimitName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env[ENV[name]]);
  return Number.isFinite(raw) && raw > 0 ? raw : DEFAULTS[name];
}

/**
 * Who is asking. Route handlers do not see the socket address, so this trusts the first
 * X-Forwarded-For / X-Real-IP hop set by the reverse proxy; without one, all clients share a bucket.
 */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const real = request.headers.get('x-real-ip')?.trim();
  const key = forwarded || real || 'local';
  // Bound the key: it is a map key, never echoed.
  return key.slice(0, 64);
}

/** Take one token for `client` or throw 429 with `retry_after` seconds (also sent as Retry-After). */
export function takeToken(name: LimitName, client: string, now: number = Date.now()): void {
  const capacity = limitPerMinute(name);
  const perMs = capacity / 60_000;
  const key = `${name}:${client}`;
  const bucket = buckets.get(key) ?? { tokens: capacity, updated: now };
  bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * perMs);
  bucket.updated = now;
  if (bucket.tokens < 1) {
    buckets.set(key, bucket);
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    throw new AppError('rate_limited', `too many ${name === 'signin' ? 'sign-in attempts' : 'writes'} from this client; retry in ${retryAfter} s`, {
      retry_after: retryAfter,
      problems: [{ field: '(client)', message: `rate limit of ${capacity} per minute exceeded; retry in ${retryAfter} s` }],
    });
  }
  bucket.tokens -= 1;
  if (!buckets.has(key) && buckets.size >= MAX_BUCKETS) {
    // Drop the oldest entries rather than grow without bound under a flood of spoofed keys.
    for (const k of buckets.keys()) {
      buckets.delete(k);
      if (buckets.size < MAX_BUCKETS / 2) break;
    }
  }
  buckets.set(key, bucket);
}

/** Headers for a 429 answer. */
export function retryAfterHeaders(error: unknown): HeadersInit | undefined {
  if (error instanceof AppError && error.code === 'rate_limited' && typeof error.details?.retry_after === 'number')
    return { 'retry-after': String(error.details.retry_after) };
  return undefined;
}

/** Forget every bucket (tests). */
export function resetRateLimits(): void {
  buckets.clear();
}
