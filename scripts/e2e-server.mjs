#!/usr/bin/env node
// The server Playwright tests run against: a production build on a fresh, dedicated database,
// seeded by the normal start-up path. SQLite (default): data/test/e2e.db, or e2e-<port>.db for a
// run on another E2E_PORT; playwright.config.ts passes the file as IMPACTLINE_E2E_DB (from
// e2e/env.ts). IMPACTLINE_E2E_BACKEND=postgres: a throwaway PostgreSQL cluster (stopped when
// this process exits), whose URL is written to data/test/e2e-<port>.pg-url for the specs that
// start a second app process on the same database. The setup project (e2e/db.setup.ts) then
// checks the database is seeded and ready before any spec runs.
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

const env = {
  ...process.env,
  IMPACTLINE_ADMIN_TOKEN: process.env.IMPACTLINE_ADMIN_TOKEN || 'e2e-admin-token',
  PORT: port,
};
let cluster = null;
const urlFile = path.join(dir, `e2e-${port}.pg-url`);
fs.rmSync(urlFile, { force: true });
if (process.env.IMPACTLINE_E2E_BACKEND === 'postgres') {
  const { startCluster } = await import('./pg-cluster.mjs');
  cluster = await startCluster({ log: (line) => console.log(line) });
  env.DATABASE_URL = cluster.createDatabase('impactline_e2e');
  env.IMPACTLINE_DB = '';
  fs.writeFileSync(urlFile, env.DATABASE_URL);
  console.log(`e2e: PostgreSQL throwaway cluster on port ${cluster.port}`);
} else {
  // Fresh every start: the file, its WAL and shared-memory files, and any token stored beside it.
  for (const name of fs.readdirSync(dir)) if (name.startsWith(dbName)) fs.rmSync(path.join(dir, name));
  env.IMPACTLINE_DB = dbFile;
  env.DATABASE_URL = '';
}
env.DATABASE_READ_URL = '';

const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], { cwd: root, env, stdio: 'inherit' });
// Exit through process.exit, so pg-cluster's exit hook stops the cluster.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    child.kill(signal);
    setTimeout(() => process.exit(0), 5000).unref();
  });
child.on('exit', (code) => {
  fs.rmSync(urlFile, { force: true });
  process.exit(code ?? 0);
});
