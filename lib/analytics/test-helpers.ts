// Test-only helpers (not exported from index.ts).
import type { Bar } from './types';

/** Consecutive weekdays starting at `start` (YYYY-MM-DD), `n` of them (no holidays). */
export function weekdays(start: string, n: number): string[] {
  const out: string[] = [];
  let t = Date.parse(`${start}T00:00:00Z`);
  while (out.length < n) {
    const d = new Date(t);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d.toISOString().slice(0, 10));
    t += 86_400_000;
  }
  return out;
}

/** Bars from a list of returns (returns[0] is ignored: the first bar has no return). */
export function barsFromReturns(dates: string[], returns: number[], p0 = 100, adjusted = true): Bar[] {
  let p = p0;
  return dates.map((date, i) => {
    if (i > 0) p = p * (1 + (returns[i] as number));
    return { date, close: p, adj_close: adjusted ? p : null };
  });
}

/** Deterministic LCG in [0, 1). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
