#!/usr/bin/env node
// `npm test`: typecheck, lint, unit, integration and browser tests, in that order.
// Every suite runs even when an earlier one fails; the last line is "N passed, N failed".
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

const rows = [];
function record(name, passed, failed, ok) {
  // A runner that crashed without a report counts as one failure, never as a silent pass.
  if (!ok && failed === 0) failed = 1;
  rows.push({ name, passed, failed });
}

// Debian's Chromium and sqlite3 CLI, installed when missing (see the script).
const toolsOk = run(process.execPath, [path.join(root, 'scripts', 'ensure-test-tools.mjs')]);

let ok = run(bin('tsc'), ['--noEmit', '-p', '.']);
record('typecheck', ok ? 1 : 0, ok ? 0 : 1, ok);

ok = run(bin('eslint'), ['.', '--max-warnings=0']);
record('lint', ok ? 1 : 0, ok ? 0 : 1, ok);

for (const project of ['unit', 'int']) {
  const out = path.join(results, `vitest-${project}.json`);
  fs.rmSync(out, { force: true });
  ok = run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const report = readJson(out);
  record(project, report?.numPassedTests ?? 0, report?.numFailedTests ?? 0, ok && report !== null);
}

// The JSON report's name follows the run's port, as e2e/env.ts names it.
const e2ePort = Number(process.env.E2E_PORT ?? 3100);
const e2eOut = path.join(results, e2ePort === 3100 ? 'e2e.json' : `e2e-${e2ePort}.json`);
fs.rmSync(e2eOut, { force: true });
ok = toolsOk && run(bin('playwright'), ['test']);
const e2e = readJson(e2eOut);
record('e2e', e2e?.stats?.expected ?? 0, (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0), ok && e2e !== null);

console.log('\nsuite        passed  failed');
for (const r of rows) console.log(`${r.name.padEnd(12)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}`);
const passed = rows.reduce((s, r) => s + r.passed, 0);
const failed = rows.reduce((s, r) => s + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
