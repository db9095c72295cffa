// Server Components ask here whether the visitor is a signed-in editor.
import 'server-only';
import { cookies } from 'next/headers';
import { hasSessionCookie, SESSION_COOKIE } from './auth';

export async function isEditor(): Promise<boolean> {
  const jar = await cookies();
  return hasSessionCookie(jar.get(SESSION_COOKIE)?.value);
}
