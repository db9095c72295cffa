// Write authorisation: a Bearer token, or the HttpOnly session cookie set by /signin, whose
// requests must also prove they come from this site (Origin, or Sec-Fetch-Site: same-origin).
import 'server-only';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { databaseConfigFromEnv } from '@/db';
import { resolveAdminToken } from './admin-token';
import { problemError } from './request-body';

export const SESSION_COOKIE = 'impactline_session';

let cached: { file: string; token: string } | null = null;

export function adminToken(): string {
  const file = databaseConfigFromEnv().file;
  if (cached?.file === file && !process.env.IMPACTLINE_ADMIN_TOKEN) return cached.token;
  const { token } = resolveAdminToken(file);
  cached = { file, token };
  return token;
}

/** Constant-time comparison (hash both sides so lengths never leak). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** The cookie holds a value derived from the token, never the token itself. */
export function sessionValue(token: string = adminToken()): string {
  return createHmac('sha256', token).update('impactline-session-v1').digest('base64url');
}

function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return null; // a malformed cookie is no session
    }
  }
  return null;
}

export type Actor = { actor: string; via: 'token' | 'session' };

/** Who is asking, or null for a visitor. */
export function currentActor(request: Request): Actor | null {
  const auth = request.headers.get('authorization');
  if (auth?.startsWith('Bearer ')) return safeEqual(auth.slice(7).trim(), adminToken()) ? { actor: 'admin', via: 'token' } : null;
  const cookie = cookieValue(request, SESSION_COOKIE);
  if (cookie && safeEqual(cookie, sessionValue())) return { actor: 'admin', via: 'session' };
  return null;
}

export function hasSessionCookie(cookie: string | undefined): boolean {
  return Boolean(cookie) && safeEqual(cookie!, sessionValue());
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" or malformed: never this host
  }
}

/**
 * A browser request must come from this site. With `required` (cookie-authenticated writes) it
 * must prove it: an Origin matching the host, or Sec-Fetch-Site: same-origin. Otherwise only a
 * request that says it is cross-site is refused (sign-in from curl sends neither header).
 */
export function checkSameOrigin(request: Request, options: { required: boolean }): void {
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  if (origin) {
    if (hostOf(origin) !== host) throw problemError('forbidden', 'origin', 'cookie-authenticated writes must come from this site');
    return;
  }
  if (site === 'same-origin') return;
  if (options.required) throw problemError('forbidden', 'origin', 'cookie-authenticated writes must send an Origin header from this site');
  if (site === 'cross-site' || site === 'same-site') throw problemError('forbidden', 'origin', 'requests must come from this site');
}

/** The writer's name; 401 without a credential, 403 for a cookie write from elsewhere. */
export function authorise(request: Request): string {
  let actor: Actor | null;
  try {
    actor = currentActor(request);
  } catch {
    // A malformed cookie (e.g. bad %-encoding) is no credential, not a server error.
    actor = null;
  }
  if (!actor) throw problemError('unauthorized', 'authorization', 'sign in, or send Authorization: Bearer <admin token>');
  if (actor.via === 'session') checkSameOrigin(request, { required: true });
  return actor.actor;
}
