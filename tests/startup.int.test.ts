// Start-up preparation as `npm start` runs it: database location checks, migrations, seeding
// an empty ledger once, and the admin token generated on first start (mode 0600, printed once).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenFileFor } from '@/server/admin-token';
import { databaseConfigFromEnv } from '@/db';
import { envFor, isPostgres, openTestStore, tempDatabase } from './db';

function prepare(env: Record<string, string>) {
  const { IMPACTLINE_ADMIN_TOKEN: _ignored, ...base } = process.env;
  return spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/prepare.ts'], { env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('start-up preparation', () => {
  it.skipIf(isPostgres)('refuses a missing database folder with a clear message', () => {
    const r = prepare({ IMPACTLINE_DB: '/nonexistent-folder-for-impactline/x.db' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Database folder "/nonexistent-folder-for-impactline" does not exist');
  });

  it.skipIf(isPostgres)('refuses a database path whose folder is a file', () => {
    const notAFolder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-file-')), 'plain-file');
    fs.writeFileSync(notAFolder, 'x');
    const r = prepare({ IMPACTLINE_DB: path.join(notAFolder, 'x.db') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a folder');
  });

  it('migrates, seeds once, and generates the admin token once with mode 0600', async () => {
    const file = isPostgres ? await tempDatabase('app') : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-start-')), 'app.db');
    const env = envFor(file);
    const first = prepare(env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('seeded 105 ledger events');
    // SQLite keeps the token beside the file; PostgreSQL in data/, named after host, port and database.
    const tokenFile = tokenFileFor(databaseConfigFromEnv({ ...process.env, ...env }).file);
    const token = fs.readFileSync(tokenFile, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(first.stdout).toContain(token);

    const second = prepare(env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).not.toContain('seeded');
    expect(second.stdout).not.toContain(token);
    expect(second.stdout).toContain(`admin token is in ${tokenFile}`);
    const store = await openTestStore(file);
    expect(await store.events.latestPosition()).toBe(105);
    await store.close();
    if (isPostgres) fs.rmSync(tokenFile);
  });

  it('uses IMPACTLINE_ADMIN_TOKEN when set and writes no token file', async () => {
    const file = isPostgres ? await tempDatabase('app-env') : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-start-')), 'app.db');
    const r = prepare({ ...envFor(file), IMPACTLINE_ADMIN_TOKEN: 'from-the-environment' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('admin token from IMPACTLINE_ADMIN_TOKEN');
    expect(r.stdout).not.toContain('from-the-environment');
    expect(fs.existsSync(tokenFileFor(databaseConfigFromEnv({ ...process.env, ...envFor(file) }).file))).toBe(false);
  });
});
