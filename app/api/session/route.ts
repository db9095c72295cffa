// Sign-in: exchange the admin token for an HttpOnly, SameSite=Strict session cookie.
import { adminToken, safeEqual, SESSION_COOKIE, sessionValue } from '@/lib/server/auth';
import { AppError } from '@/lib/domain/errors';
import { toResponse } from '@/lib/http';
import { clientKey, retryAfterHeaders, takeToken } from '@/lib/server/rate-limit';

function cookie(request: Request, value: string, maxAge: number): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

async function readToken(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await request.json().catch(() => ({}))) as { token?: unknown };
    return typeof body.token === 'string' ? body.token : '';
  }
  const form = await request.formData().catch(() => null);
  const token = form?.get('token');
  return typeof token === 'string' ? token : '';
}

export async function POST(request: Request) {
  try {
    // Throttle guessing: a per-client token bucket (429 with Retry-After).
    takeToken('signin', clientKey(request));
    if (Number(request.headers.get('content-length') ?? 0) > 16 * 1024)
      throw new AppError('too_large', 'token: the sign-in body must be at most 16 KB');
    const token = (await readToken(request)).trim();
    const isForm = !(request.headers.get('content-type') ?? '').includes('application/json');
    if (!token || !safeEqual(token, adminToken())) {
      if (isForm) return new Response(null, { status: 303, headers: { location: '/signin?error=1' } });
      return Response.json({ error: 'unauthorized', message: 'token: does not match the admin token' }, { status: 401 });
    }
    const headers = new Headers({ 'set-cookie': cookie(request, sessionValue(), 60 * 60 * 12) });
    if (isForm) {
      headers.set('location', '/');
      return new Response(null, { status: 303, headers });
    }
    return Response.json({ ok: true }, { headers });
  } catch (error) {
    return toResponse(error, retryAfterHeaders(error));
  }
}

export async function DELETE(request: Request) {
  return Response.json({ ok: true }, { headers: { 'set-cookie': cookie(request, '', 0) } });
}
