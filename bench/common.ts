// Shared shapes and helpers of the benchmark: figure results, medians, goals, temp files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Goal =
  /** value/baseline ratio must be >= min (speed relative to the baseline). */
  | { kind: 'ratio-min'; min: number; text: string }
  /**
   * value/baseline ratio must be <= max (time relative to the baseline); with `alsoMin`, a
   * second ratio of the same run (FigureRow.alsoCompared, e.g. throughput) must be >= its min.
   */
  | { kind: 'ratio-max'; max: number; text: string; alsoMin?: { of: string; min: number } }
  /** an absolute value must be < max. */
  | { kind: 'abs-max'; max: number; unit: string; text: string };

export type FigureRow = {
  id: string;
  name: string;
  /** What was measured for Impactline, formatted, and its raw number. */
  value: string;
  valueRaw: number | null;
  baseline: string;
  baselineRaw: number | null;
  /** The figure compared with the goal (a ratio, or the absolute value). */
  compared: number | null;
  comparedText: string;
  /** The second ratio of a goal with `alsoMin` (e.g. throughput ÷ the baseline's). */
  alsoCompared?: number | null;
  goal: Goal;
  met: boolean | null;
  notes: string[];
  details: Record<string, unknown>;
};

export function judge(goal: Goal, compared: number | null, alsoCompared?: number | null): boolean | null {
  if (compared === null || !Number.isFinite(compared)) return null;
  if (goal.kind === 'ratio-min') return compared >= goal.min;
  if (goal.kind === 'ratio-max') {
    if (!goal.alsoMin) return compared <= goal.max;
    if (alsoCompared === null || alsoCompared === undefined || !Number.isFinite(alsoCompared)) return null;
    return compared <= goal.max && alsoCompared >= goal.alsoMin.min;
  }
  return compared < goal.max;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx]!;
}

export const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(3)} ms`);
export const fmtUs = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
export const fmtRatio = (r: number | null) => (r === null || !Number.isFinite(r) ? 'n/a' : `${r.toFixed(2)}×`);
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');

export function tempDir(prefix = 'impactline-bench-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function now(): number {
  return performance.now();
}

/** Run `fn` `reps` times and return each duration (ms). */
export function timeReps(reps: number, fn: (rep: number) => void): number[] {
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn(r);
    out.push(performance.now() - t0);
  }
  return out;
}

export function row(partial: Omit<FigureRow, 'met' | 'comparedText'> & { comparedText?: string }): FigureRow {
  const comparedText =
    partial.comparedText ??
    (partial.goal.kind === 'abs-max' ? (partial.compared === null ? 'n/a' : `${partial.compared.toFixed(1)} ${partial.goal.unit}`) : fmtRatio(partial.compared));
  return { ...partial, comparedText, met: judge(partial.goal, partial.compared, partial.alsoCompared) };
}

export function failedRow(id: string, name: string, goal: Goal, error: unknown): FigureRow {
  const message = error instanceof Error ? error.message : String(error);
  return row({ id, name, value: 'ERROR', valueRaw: null, baseline: '—', baselineRaw: null, compared: null, goal, notes: [`failed: ${message.split('\n')[0]}`], details: { error: message } });
}
