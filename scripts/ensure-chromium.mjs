#!/usr/bin/env node
// Browser tests drive Debian's Chromium (Playwright's own browser download is not available
// on our machines). Install it when missing and we are root; otherwise say what to install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = process.env.IMPACTLINE_CHROMIUM || '/usr/bin/chromium';

if (fs.existsSync(CHROMIUM)) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Chromium not found at ${CHROMIUM}. Install Debian's Chromium first:\n  sudo apt-get install -y chromium\n(or set IMPACTLINE_CHROMIUM to a Chromium binary).`);
  process.exit(1);
}
console.log('Installing Debian Chromium for the browser tests (apt-get install chromium)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed (exit ${r.status}).`);
    process.exit(1);
  }
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
