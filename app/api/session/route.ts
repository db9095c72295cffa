// Sign-in (POST: the admin token for an HttpOnly, SameSite=Strict session cookie) and sign-out.
import { writeHandler } from '@/server/write-gate';
import { writeRoutes } from '@/server/write-routes';

export const POST = writeHandler(writeRoutes.signIn);
export const DELETE = writeHandler(writeRoutes.signOut);
