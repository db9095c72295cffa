#!/usr/bin/env node
// The tests need two Debian packages: Chromium (Playwright drives it; Playwright's own browser
// download is not available on our machines) and the sqlite3 command-line tool (the baseline
// of the export benchmark's smoke test). Install what is missing when we are root; otherwise
// say exactly what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = process.env.IMPACTLINE_CHROMIUM || '/usr/bin/chromium';
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

const missing = [];
if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
if (!has('sqlite3')) missing.push('sqlite3');
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Missing test tools: ${missing.join(', ')}. Install them first:\n  sudo apt-get install -y ${missing.join(' ')}\n(or set IMPACTLINE_CHROMIUM to a Chromium binary).`);
  process.exit(1);
}
console.log(`Installing Debian packages for the tests: ${missing.join(', ')} (apt-get)…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing]]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
    process.exit(1);
  }
}
if (!fs.existsSync(CHROMIUM) || !has('sqlite3')) {
  console.error('apt-get finished but a test tool is still missing.');
  process.exit(1);
}
