// The one real-server harness, for the reliability tests and the benchmark: builds the
// production app once per build folder (under a lock, so parallel test files do not build the
// same folder twice), then runs `node scripts/start.mjs` on a free port against a given database.
// The server runs in its own process group so a caller can SIGKILL the whole server (start.mjs
// and the Next server it spawned) by group id.
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildIsCurrent } from '../scripts/build-state.mjs';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** Build folder: IMPACTLINE_DIST_DIR (e.g. .next-write while developing), else Next's default .next. */
export const defaultDistDir = () => process.env.IMPACTLINE_DIST_DIR || '.next';

function childEnv(distDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  // vitest sets NODE_ENV=test; `next build`/`next start` must run as production, so drop it.
  const { NODE_ENV: _testEnv, ...rest } = process.env;
  return { ...rest, NEXT_TELEMETRY_DISABLED: '1', IMPACTLINE_DIST_DIR: distDir, ...extra } as unknown as NodeJS.ProcessEnv;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Build the app unless the build is current; one builder at a time across processes. */
export async function ensureBuilt(distDir: string = defaultDistDir()): Promise<void> {
  if (buildIsCurrent(distDir)) return;
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
      if (buildIsCurrent(distDir)) return;
    }
  }
  try {
    if (buildIsCurrent(distDir)) return;
    const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, env: childEnv(distDir, {}), stdio: 'pipe', encoding: 'utf8' });
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
  /** The process that holds the listening socket (the Next server), for memory sampling. */
  pid: number;
  log: () => string;
  /** SIGTERM the process group and wait for it to exit. */
  stop: () => Promise<void>;
  /** SIGKILL the whole process group (start.mjs and the Next server): a crash. */
  kill9: () => Promise<void>;
};

export type ServerOptions = {
  dbFile: string;
  /** The admin token (default: a random one). */
  token?: string;
  env?: Record<string, string>;
  port?: number;
  /** Build folder (default IMPACTLINE_DIST_DIR or .next). */
  distDir?: string;
  /** Called with start-up lines worth showing (building, serving, errors). */
  log?: (line: string) => void;
  timeoutMs?: number;
};

export async function startServer(options: ServerOptions): Promise<RealServer> {
  const distDir = options.distDir ?? defaultDistDir();
  await ensureBuilt(distDir);
  const port = options.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv(distDir, {
      // A SQLite file, or a postgres:// URL (tests/db.ts locators).
      ...(/^postgres(ql)?:\/\//.test(options.dbFile) ? { DATABASE_URL: options.dbFile, IMPACTLINE_DB: '' } : { IMPACTLINE_DB: options.dbFile, DATABASE_URL: '' }),
      DATABASE_READ_URL: '',
      IMPACTLINE_ADMIN_TOKEN: options.token ?? randomBytes(24).toString('hex'),
      PORT: String(port),
      IMPACTLINE_RATE_LIMIT: '10000000',
      ...options.env,
    }),
  });
  const onData = (d: Buffer) => {
    output = (output + d.toString()).slice(-50_000);
    for (const line of d.toString().split('\n')) if (/building|serving|error/i.test(line)) options.log?.(`  server: ${line.trim()}`);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
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
    pid: listeningPid(port, child.pid!) ?? child.pid!,
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

function descendants(rootPid: number): number[] {
  const parent = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      /* exited */
    }
  }
  const out = [rootPid];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

/** The process (start.mjs or one of its descendants) that holds the listening socket on `port`. */
export function listeningPid(port: number, rootPid: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 9 && cols[1]!.endsWith(`:${hex}`) && cols[3] === '0A') inodes.add(cols[9]!);
      }
    } catch {
      /* no such table */
    }
  }
  for (const pid of descendants(rootPid)) {
    try {
      for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1]!)) return pid;
      }
    } catch {
      /* not ours or gone */
    }
  }
  return null;
}
