// The admin (write) token: IMPACTLINE_ADMIN_TOKEN, or a random token generated on first
// start and kept beside the database file with mode 0600 (as Jupyter keeps its token).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

export function tokenFileFor(dbFile: string): string {
  return `${dbFile}.admin-token`;
}

export type TokenSource = { token: string; origin: 'env' | 'file' | 'generated'; file: string | null };

export function resolveAdminToken(dbFile: string, env: NodeJS.ProcessEnv = process.env): TokenSource {
  const fromEnv = env.IMPACTLINE_ADMIN_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, origin: 'env', file: null };
  const file = tokenFileFor(dbFile);
  if (fs.existsSync(file)) return { token: fs.readFileSync(file, 'utf8').trim(), origin: 'file', file };
  const token = randomBytes(24).toString('base64url');
  // 'wx' fails if another process created the file meanwhile; then use theirs.
  try {
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { token: fs.readFileSync(file, 'utf8').trim(), origin: 'file', file };
    throw error;
  }
  return { token, origin: 'generated', file };
}
