#!/usr/bin/env node
// `npm run pg:try`: try Impactline on PostgreSQL in one command — a throwaway local cluster
// (Debian's postgresql, installed with apt-get when missing and run as root), then `npm start`
// on it (migrate, seed, build if needed, serve on PORT, default 3000). Ctrl-C stops the app and
// deletes the cluster. For a real deployment point DATABASE_URL at your own server instead.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startCluster } from './pg-cluster.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cluster = await startCluster({ log: (line) => console.log(line) });
const url = cluster.createDatabase('impactline');
console.log(`impactline: throwaway PostgreSQL on port ${cluster.port} (${cluster.dir}); deleted when you stop the app`);
console.log(`impactline: DATABASE_URL=${url}`);
const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url, DATABASE_READ_URL: '', IMPACTLINE_ADMIN_TOKEN: process.env.IMPACTLINE_ADMIN_TOKEN || '' },
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    child.kill(signal);
    setTimeout(() => process.exit(0), 5000).unref();
  });
// Exiting runs pg-cluster's exit hook, which stops and deletes the cluster.
child.on('exit', (code) => process.exit(code ?? 0));
