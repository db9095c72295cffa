// Start-up preparation as `npm start` runs it: database location checks, migrations, seeding
// an empty ledger once, and the admin token generated on first start (mode 0600, printed once).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenFileFor } from '@/server/admin-token';
import { openTestStore } from './db';

function prepare(env: Record<string, string>) {
  const { IMPACTLINE_ADMIN_TOKEN: _ignored, ...base } = process.env;
  return spawnSync(path.resolve('node_modules/.bin/tsx'), ['scripts/prepare.ts'], { env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('start-up preparation', () => {
  it('refuses a missing database folder with a clear message', () => {
    const r = prepare({ IMPACTLINE_DB: '/nonexistent-folder-for-impactline/x.db' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Database folder "/nonexistent-folder-for-impactline" does not exist');
  });

  it('refuses a database path whose folder is a file', () => {
    const notAFolder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-file-')), 'plain-file');
    fs.writeFileSync(notAFolder, 'x');
    const r = prepare({ IMPACTLINE_DB: path.join(notAFolder, 'x.db') });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not a folder');
  });

  it('migrates, seeds once, and generates the admin token once with mode 0600', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-start-')), 'app.db');
    const first = prepare({ IMPACTLINE_DB: file });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('seeded 105 ledger events');
    const tokenFile = tokenFileFor(file);
    const token = fs.readFileSync(tokenFile, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(first.stdout).toContain(token);

    const second = prepare({ IMPACTLINE_DB: file });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).not.toContain('seeded');
    expect(second.stdout).not.toContain(token);
    expect(second.stdout).toContain(`admin token is in ${tokenFile}`);
    const store = await openTestStore(file);
    expect(await store.events.latestPosition()).toBe(105);
    await store.close();
  });

  it('uses IMPACTLINE_ADMIN_TOKEN when set and writes no token file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-start-')), 'app.db');
    const r = prepare({ IMPACTLINE_DB: file, IMPACTLINE_ADMIN_TOKEN: 'from-the-environment' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('admin token from IMPACTLINE_ADMIN_TOKEN');
    expect(r.stdout).not.toContain('from-the-environment');
    expect(fs.existsSync(tokenFileFor(file))).toBe(false);
  });
});
