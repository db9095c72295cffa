#!/usr/bin/env node
// The server Playwright tests run against: a production build on a fresh, dedicated SQLite file
// (data/test/e2e.db, or e2e-<port>.db for a run on another E2E_PORT), seeded by the normal
// start-up path. playwright.config.ts passes the file as IMPACTLINE_E2E_DB (from e2e/env.ts);
// the setup project (e2e/db.setup.ts) then checks it is seeded and ready before any spec runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = process.env.E2E_PORT || '3100';
// One database per port, so parallel runs (each with its own IMPACTLINE_DIST_DIR) do not share state.
const dbFile = path.resolve(process.env.IMPACTLINE_E2E_DB || path.join(root, 'data', 'test', port === '3100' ? 'e2e.db' : `e2e-${port}.db`));
const dir = path.dirname(dbFile);
const dbName = path.basename(dbFile);
fs.mkdirSync(dir, { recursive: true });
// Fresh every start: the file, its WAL and shared-memory files, and any token stored beside it.
for (const name of fs.readdirSync(dir)) if (name.startsWith(dbName)) fs.rmSync(path.join(dir, name));

const env = {
  ...process.env,
  IMPACTLINE_DB: dbFile,
  IMPACTLINE_ADMIN_TOKEN: process.env.IMPACTLINE_ADMIN_TOKEN || 'e2e-admin-token',
  PORT: port,
};
const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
