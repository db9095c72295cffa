// Write authorisation: a Bearer token, or the HttpOnly session cookie set by /signin.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { databaseFileFromEnv } from '@/db/client';
import { AppError } from '@/lib/domain/errors';
import { resolveAdminToken } from './admin-token';

export const SESSION_COOKIE = 'impactline_session';

let cached: { file: string; token: string } | null = null;

export function adminToken(): string {
  const file = databaseFileFromEnv();
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

/** Throws 401 unless the request carries the admin token or session; checks Origin for cookie writes. */
export function requireWriter(request: Request): Actor {
  const actor = currentActor(request);
  if (!actor) throw new AppError('unauthorized', 'sign in or send Authorization: Bearer <admin token> to write');
  if (actor.via === 'session') {
    const origin = request.headers.get('origin');
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    if (origin && host && originHost(origin) !== host)
      throw new AppError('forbidden', `origin ${origin.slice(0, 100)} may not write to this server`);
  }
  return actor;
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" or malformed: never this host
  }
}
