// Real-server helper for the reliability tests: builds the production app once (under a lock,
// so parallel test files do not build the same folder twice), then runs `node scripts/start.mjs`
// on a free port against a given SQLite file. The server runs in its own process group so a
// test can SIGKILL the whole server (start.mjs and the Next server it spawned) by group id.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** Build folder: IMPACTLINE_DIST_DIR (e.g. .next-write while developing), else Next's default .next. */
export const distDir = process.env.IMPACTLINE_DIST_DIR || '.next';

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // vitest sets NODE_ENV=test; `next build`/`next start` must run as production, so drop it.
  const { NODE_ENV: _testEnv, ...rest } = process.env;
  return { ...rest, NEXT_TELEMETRY_DISABLED: '1', IMPACTLINE_DIST_DIR: distDir, ...extra } as unknown as NodeJS.ProcessEnv;
}

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const d of ['app', 'components', 'lib', 'db']) if (fs.existsSync(path.join(root, d))) visit(path.join(root, d));
  for (const f of ['next.config.mjs', 'package.json', 'tsconfig.json']) if (fs.existsSync(path.join(root, f))) visit(path.join(root, f));
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  return fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceMtime();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Build the app unless the build is current; one builder at a time across processes. */
export async function ensureBuilt(): Promise<void> {
  if (buildIsCurrent()) return;
  const lock = path.join(root, `${distDir}.build-lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Someone else is building; a lock older than 10 minutes is left over from a killed run.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* the lock vanished meanwhile */
      }
      await sleep(1000);
      if (buildIsCurrent()) return;
    }
  }
  try {
    if (buildIsCurrent()) return;
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, env: childEnv({}), stdio: 'pipe', encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type RealServer = {
  url: string;
  port: number;
  child: ChildProcess;
  log: () => string;
  /** SIGTERM the process group and wait for it to exit. */
  stop: () => Promise<void>;
  /** SIGKILL the whole process group (start.mjs and the Next server): a crash. */
  kill9: () => Promise<void>;
};

export async function startServer(options: { dbFile: string; token: string; env?: Record<string, string>; port?: number }): Promise<RealServer> {
  await ensureBuilt();
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv({
      IMPACTLINE_DB: options.dbFile,
      IMPACTLINE_ADMIN_TOKEN: options.token,
      PORT: String(port),
      IMPACTLINE_RATE_LIMIT: '10000000',
      ...options.env,
    }),
  });
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      signalGroup('SIGKILL');
      throw new Error(`server did not answer /api/health in time:\n${output}`);
    }
    await sleep(250);
  }
  return {
    url,
    port,
    child,
    log: () => output,
    stop: async () => {
      signalGroup('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      signalGroup('SIGKILL');
      await Promise.race([exited, sleep(5_000)]);
    },
    kill9: async () => {
      signalGroup('SIGKILL');
      await Promise.race([exited, sleep(10_000)]);
    },
  };
}
