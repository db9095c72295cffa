// Which read model a request reads from. With a read replica (PostgreSQL, DATABASE_READ_URL) a
// client must still read its own writes: a read that carries a minimum ledger position — the
// `minPosition` query parameter (accepted on every read route), the X-Impactline-Min-Position
// header, or the session's last write (the impactline_position cookie every write answer sets)
// — is served by the replica once it has replayed that far (it waits briefly), else by the
// primary. Without a replica every read goes to the one database and this changes nothing.
import 'server-only';
import { getStore, type Store } from '@/db';
import type { ReadModel } from '@/db/store';
import { MIN_POSITION_PARAM } from '@/lib/contracts/query';

export const POSITION_COOKIE = 'impactline_position';
export const MIN_POSITION_HEADER = 'x-impactline-min-position';

const asPosition = (v: string | null | undefined): number | null => {
  if (!v || !/^\d{1,15}$/.test(v.trim())) return null;
  return Number(v.trim());
};

function cookieOf(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** The highest minimum position the request asks for (parameter, header, cookie), or null. */
export function minPositionOf(request: Request | null, cookieHeader: string | null = request?.headers.get('cookie') ?? null): number | null {
  const candidates = [
    request ? asPosition(new URL(request.url).searchParams.get(MIN_POSITION_PARAM)) : null,
    request ? asPosition(request.headers.get(MIN_POSITION_HEADER)) : null,
    asPosition(cookieOf(cookieHeader, POSITION_COOKIE)),
  ].filter((p): p is number => p !== null);
  return candidates.length > 0 ? Math.max(...candidates) : null;
}

export async function readModelFor(store: Store, minPosition: number | null): Promise<ReadModel> {
  return minPosition !== null && store.readAtLeast ? store.readAtLeast(minPosition) : store.read;
}

/** The store, with `read` chosen for this request (read-your-writes on a replica). */
export async function storeForRead(request: Request | null, cookieHeader?: string | null): Promise<Store> {
  const store = await getStore();
  if (!store.readAtLeast) return store;
  const read = await readModelFor(store, minPositionOf(request, cookieHeader));
  return read === store.read ? store : { ...store, read };
}

/** The same for a Server Component (no Request): the session cookie only. */
export async function storeForPage(): Promise<Store> {
  const store = await getStore();
  if (!store.readAtLeast) return store;
  const { cookies } = await import('next/headers');
  const position = asPosition((await cookies()).get(POSITION_COOKIE)?.value);
  const read = await readModelFor(store, position);
  return read === store.read ? store : { ...store, read };
}

/** Set-Cookie value that remembers this session's last write position (read-your-writes). */
export function positionCookie(position: number, secure: boolean): string {
  return `${POSITION_COOKIE}=${position}; Path=/; Max-Age=600; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
