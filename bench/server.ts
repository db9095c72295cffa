// Memory sampling for the HTTP figures: the benchmark starts its production server with the
// one real-server harness (tests/real-server.ts) in its own build folder, and samples VmRSS of
// the process that listens.
import fs from 'node:fs';
import { startServer as startRealServer, type RealServer } from '@/tests/real-server';

export { root } from '@/tests/real-server';

/** The bench builds into its own folder so it never races a developer's `.next`. */
export const benchDistDir = () => process.env.IMPACTLINE_DIST_DIR || '.next-bench';

export type BenchServer = Pick<RealServer, 'url' | 'port' | 'pid' | 'log' | 'stop'>;

export function startServer(options: { dbFile: string; log?: (line: string) => void; timeoutMs?: number }): Promise<BenchServer> {
  return startRealServer({ ...options, distDir: benchDistDir(), timeoutMs: options.timeoutMs ?? 30 * 60_000 });
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
