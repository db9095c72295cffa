#!/usr/bin/env node
// `npm test`: typecheck, lint, unit, integration and browser tests, in that order. The
// integration suite runs twice — on SQLite files, then on PostgreSQL (a throwaway cluster,
// installed with apt-get when missing) — and a Playwright smoke set runs against an app on
// PostgreSQL after the full browser suite on SQLite.
// Every suite runs even when an earlier one fails; the last line is "N passed, N failed".
// `npm run test:pg` (`--postgres-only`) runs only the PostgreSQL suites.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });
const env = { ...process.env, TZ: 'UTC', NEXT_TELEMETRY_DISABLED: '1' };

function run(cmd, args, extraEnv = {}) {
  console.log(`\n$ ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const postgresOnly = process.argv.includes('--postgres-only');
/** The browser specs of the Postgres smoke set (the setup project runs first, as always). */
const E2E_POSTGRES_SMOKE = ['e2e/live.spec.ts', 'e2e/timeline.spec.ts', 'e2e/ledger.spec.ts', 'e2e/editor.spec.ts', 'e2e/episodes.spec.ts'];

const rows = [];
function record(name, passed, failed, ok) {
  // A runner that crashed without a report counts as one failure, never as a silent pass.
  if (!ok && failed === 0) failed = 1;
  rows.push({ name, passed, failed });
}

// Debian's Chromium and sqlite3 CLI, installed when missing (see the script).
const toolsOk = run(process.execPath, [path.join(root, 'scripts', 'ensure-test-tools.mjs')]);

let ok;
if (!postgresOnly) {
  ok = run(bin('tsc'), ['--noEmit', '-p', '.']);
  record('typecheck', ok ? 1 : 0, ok ? 0 : 1, ok);

  ok = run(bin('eslint'), ['.', '--max-warnings=0']);
  record('lint', ok ? 1 : 0, ok ? 0 : 1, ok);
}

// PostgreSQL for the second integration pass and the smoke set (apt-get when missing, as root).
let postgresOk = true;
try {
  const { ensurePostgres } = await import('./pg-cluster.mjs');
  ensurePostgres();
} catch (error) {
  console.error(`PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
  postgresOk = false;
}

function vitest(project, name, extraEnv = {}, canRun = true) {
  const out = path.join(results, `vitest-${name}.json`);
  fs.rmSync(out, { force: true });
  const ran = canRun && run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], extraEnv);
  const report = readJson(out);
  record(name, report?.numPassedTests ?? 0, report?.numFailedTests ?? 0, ran && report !== null);
}

if (!postgresOnly) {
  vitest('unit', 'unit');
  vitest('int', 'int', { IMPACTLINE_TEST_DB: 'sqlite' });
}
// tests/pg-global-setup.ts starts (and always stops) the cluster of this pass.
vitest('int', 'int-postgres', { IMPACTLINE_TEST_DB: 'postgres' }, postgresOk);

function playwright(name, args, extraEnv, report, canRun = true) {
  fs.rmSync(report, { force: true });
  const ran = canRun && toolsOk && run(bin('playwright'), ['test', ...args], extraEnv);
  const e2e = readJson(report);
  record(name, e2e?.stats?.expected ?? 0, (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0), ran && e2e !== null);
}

const port = process.env.E2E_PORT ?? '3100';
if (!postgresOnly) playwright('e2e', [], {}, path.join(results, port === '3100' ? 'e2e.json' : `e2e-${port}.json`));
// scripts/e2e-server.mjs starts (and stops) the cluster of the Postgres smoke set.
playwright('e2e-postgres', E2E_POSTGRES_SMOKE, { IMPACTLINE_E2E_BACKEND: 'postgres' }, path.join(results, `e2e-${port}-pg.json`), postgresOk);

console.log('\nsuite          passed  failed');
for (const r of rows) console.log(`${r.name.padEnd(14)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}`);
const passed = rows.reduce((s, r) => s + r.passed, 0);
const failed = rows.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
