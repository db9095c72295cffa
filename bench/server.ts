// The production server for the HTTP figures: `node scripts/start.mjs` (which builds when the
// build is missing or stale) in its own process group, and a /proc sampler of its memory.
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** The bench builds into its own folder so it never races a developer's `.next`. */
export const benchDistDir = () => process.env.IMPACTLINE_DIST_DIR || '.next-bench';

export type BenchServer = { url: string; port: number; pid: number; log: () => string; stop: () => Promise<void> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

export async function startServer(options: { dbFile: string; log?: (line: string) => void; timeoutMs?: number }): Promise<BenchServer> {
  const port = await freePort();
  let output = '';
  const { NODE_ENV: _ignored, ...env } = process.env;
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      IMPACTLINE_DB: options.dbFile,
      IMPACTLINE_ADMIN_TOKEN: randomBytes(24).toString('hex'),
      IMPACTLINE_DIST_DIR: benchDistDir(),
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: '1',
    } as unknown as NodeJS.ProcessEnv,
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
  const stop = async () => {
    signalGroup('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    signalGroup('SIGKILL');
    await Promise.race([exited, sleep(5_000)]);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not answer /api/health in time:\n${output.slice(-4000)}`);
    }
    await sleep(300);
  }
  const pid = listeningPid(port, child.pid!) ?? child.pid!;
  return { url, port, pid, log: () => output, stop };
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

export function rssKb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '?';
  }
}

/** Sample VmRSS of `pid` every `intervalMs` until stopped; returns the samples (kB). */
export function sampleRss(pid: number, intervalMs = 20): { stop: () => { samples: number[]; peakKb: number; meanIntervalMs: number } } {
  const samples: number[] = [];
  const times: number[] = [];
  const take = () => {
    const kb = rssKb(pid);
    if (kb !== null) {
      samples.push(kb);
      times.push(performance.now());
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      const meanIntervalMs = times.length > 1 ? (times.at(-1)! - times[0]!) / (times.length - 1) : NaN;
      return { samples, peakKb: Math.max(...samples), meanIntervalMs };
    },
  };
}
