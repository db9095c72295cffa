// The whole benchmark: sizes, the order of the figures, the machine, the table and the JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '@/db';
import { failedRow, tempDir, type FigureRow, type Goal } from './common';
import { figure1, figure2, figure3, figure5 } from './in-process';
import { figure8 } from './battery';
import { ensureSqlite3, figure4, figure7, IMPACTS_GOAL, TIMELINE_GOAL } from './http';
import { runPostgresFigures } from './postgres';
import { benchDistDir, root, startServer, type BenchServer } from './server';
import { buildSyntheticDb, daysForYears, symbolOf, SYNTHETIC_BENCHMARK, SYNTHETIC_END, tradingCalendar } from './synthetic';

export type Sizes = {
  f1: { reps: number; batch: number; warmup: number };
  f2: { tickers: number; days: number };
  ledger: { tickers: number; years: number; events: number };
  f3: { reps: number };
  f4: { reps: number };
  f5: { tickers: number; events: number; days: number; reps: number };
  f6: { reps: number; chartTickers: number };
  f7: { connections: number; seconds: number };
};

export const FULL: Sizes = {
  f1: { reps: 7, batch: 200, warmup: 2000 },
  f2: { tickers: 400, days: 2500 }, // 1,000,000 bars
  ledger: { tickers: 50, years: 10, events: 5000 },
  f3: { reps: 5 },
  f4: { reps: 3 },
  f5: { tickers: 500, events: 50, days: 2520, reps: 15 },
  f6: { reps: 5, chartTickers: 8 },
  f7: { connections: 50, seconds: 10 },
};

export const SMOKE: Sizes = {
  f1: { reps: 5, batch: 10, warmup: 10 },
  f2: { tickers: 4, days: 300 },
  ledger: { tickers: 10, years: 1, events: 100 },
  f3: { reps: 2 },
  f4: { reps: 1 },
  f5: { tickers: 20, events: 5, days: 400, reps: 2 },
  f6: { reps: 1, chartTickers: 8 },
  f7: { connections: 5, seconds: 1 },
};

export type Machine = { cores: number; cpuModel: string; node: string; platform: string; totalMemGb: number; loadAvgStart: number[]; loadAvgEnd?: number[] };

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    totalMemGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAvgStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export type BenchResults = {
  date: string;
  mode: 'full' | 'smoke';
  machine: Machine;
  sizes: Sizes;
  figures: FigureRow[];
  /** Figures 1–4 on PostgreSQL (ids pg-1 … pg-4b), printed as a second table. */
  postgres: FigureRow[];
  durationsSec: Record<string, number>;
  notes: string[];
};

const GOALS: Record<string, { name: string; goal: Goal }> = {
  '1': { name: 'Single-command append', goal: { kind: 'ratio-min', min: 0.5, text: '≥ 0.5× raw speed' } },
  '2': { name: 'Bulk price import', goal: { kind: 'ratio-min', min: 0.5, text: '≥ 0.5× raw speed' } },
  '3': { name: 'Projection rebuild', goal: { kind: 'ratio-min', min: 0.3, text: '≥ 0.3× raw speed' } },
  '4a': { name: 'CSV export throughput', goal: { kind: 'ratio-min', min: 0.5, text: '≥ 0.5× sqlite3 throughput' } },
  '4b': { name: 'Server peak RSS growth during export', goal: { kind: 'abs-max', max: 64, unit: 'MB', text: '< 64 MB' } },
  '5': { name: 'Event study', goal: { kind: 'ratio-max', max: 1.5, text: '≤ 1.5× reference time' } },
  '8': { name: 'Test battery', goal: { kind: 'ratio-max', max: 2.0, text: '≤ 2.0× CAR-only time' } },
  '6a': { name: 'Dashboard render', goal: { kind: 'ratio-max', max: 1.0, text: '≤ 1.0× lightweight-charts time' } },
  '6b': { name: 'p95 frame time, drag + wheel, vs lightweight-charts', goal: { kind: 'ratio-max', max: 1.0, text: '≤ 1.0× lightweight-charts p95' } },
  '7a': { name: 'GET /api/timeline under load', goal: TIMELINE_GOAL },
  '7b': { name: 'GET /api/impacts under load', goal: IMPACTS_GOAL },
};

export async function runBench(options: { mode: 'full' | 'smoke'; sizes?: Sizes; only?: Set<string>; keep?: boolean; log?: (l: string) => void }): Promise<BenchResults> {
  const log = options.log ?? console.log;
  const sizes = options.sizes ?? (options.mode === 'smoke' ? SMOKE : FULL);
  const want = (id: string) => !options.only || options.only.has(id);
  const results: BenchResults = { date: new Date().toISOString(), mode: options.mode, machine: machine(), sizes, figures: [], postgres: [], durationsSec: {}, notes: [] };
  const dir = tempDir();
  const figures = results.figures;
  const timed = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    log(`bench: ${label}…`);
    try {
      return await fn();
    } finally {
      results.durationsSec[label] = Math.round((performance.now() - t0) / 100) / 10;
    }
  };
  const guard = async (ids: string[], fn: () => Promise<FigureRow[]> | FigureRow[]) => {
    try {
      figures.push(...(await fn()));
    } catch (error) {
      log(`bench: figure ${ids.join('/')} failed: ${error instanceof Error ? error.message : String(error)}`);
      for (const id of ids) figures.push(failedRow(id, GOALS[id]!.name, GOALS[id]!.goal, error));
    }
  };

  let sqlite3 = '';
  try {
    sqlite3 = ensureSqlite3(log);
  } catch (error) {
    results.notes.push(`sqlite3: ${error instanceof Error ? error.message : String(error)}`);
  }

  try {
    // The synthetic ledger of figures 3, 6 and 7, built through the real command handlers.
    const ledgerFile = path.join(dir, 'synthetic-ledger.db');
    const needLedger = want('3') || want('6') || want('7');
    if (needLedger) {
      const report = await timed('synthetic ledger', () => buildSyntheticDb(ledgerFile, { ...sizes.ledger, seed: 42 }));
      results.notes.push(
        `synthetic ledger: ${sizes.ledger.tickers} tickers + ${SYNTHETIC_BENCHMARK} × ${report.days} trading days (${report.bars} bars), ${report.entries} events, ${report.position} ledger events, built in ${(report.ms / 1000).toFixed(1)} s`,
      );
    }

    if (want('1')) await guard(['1'], async () => [await timed('figure 1', () => figure1(dir, sizes.f1))]);

    let importDb: string | null = null;
    if (want('2') || want('4'))
      await guard(['2'], async () => {
        const f2 = await timed('figure 2', () => figure2(dir, sizes.f2));
        importDb = f2.dbFile;
        return want('2') ? [f2.row] : [];
      });

    if (want('3')) await guard(['3'], async () => [await timed('figure 3', () => figure3(ledgerFile, sizes.f3))]);
    if (want('5')) await guard(['5'], async () => [await timed('figure 5', () => figure5(sizes.f5))]);
    if (want('8')) await guard(['8'], async () => [await timed('figure 8', () => figure8(sizes.f5))]);

    if (want('4'))
      await guard(['4a', '4b'], async () => {
        if (!importDb) throw new Error('figure 2 did not produce its database');
        if (!sqlite3) throw new Error('the sqlite3 command-line tool is not available');
        const server = await timed('server (1M-bar database)', () => startServer({ dbFile: importDb!, log }));
        try {
          return await timed('figure 4', () => figure4(server, importDb!, { ...sizes.f4, sqlite3 }));
        } finally {
          await server.stop();
        }
      });

    if (want('6') || want('7')) {
      let server: BenchServer | null = null;
      try {
        server = await timed('server (synthetic ledger)', () => startServer({ dbFile: ledgerFile, log }));
      } catch (error) {
        for (const id of ['6a', '6b', '7a', '7b']) if (want(id[0]!)) figures.push(failedRow(id, GOALS[id]!.name, GOALS[id]!.goal, error));
      }
      if (server) {
        try {
          if (want('6')) {
            const { figure6 } = await import('./browser');
            const days = daysForYears(sizes.ledger.years);
            const from = tradingCalendar(days)[0]!;
            const tickers = Array.from({ length: Math.min(sizes.f6.chartTickers, sizes.ledger.tickers) }, (_, i) => symbolOf(i));
            await guard(['6a', '6b'], () => timed('figure 6', () => figure6(server!, { tickers, from, to: SYNTHETIC_END, reps: sizes.f6.reps, log })));
          }
          if (want('7')) {
            const target = await pickImpactTarget(ledgerFile);
            await guard(['7a', '7b'], () =>
              timed('figure 7', () =>
                figure7(server!, { timeline: '/api/timeline', impacts: `/api/impacts?event=${target.id}&tickers=${target.ticker}&benchmark=${SYNTHETIC_BENCHMARK}` }, sizes.f7),
              ),
            );
          }
        } finally {
          await server.stop();
        }
      }
    }
    // The same figures 1–4 on PostgreSQL (`--only pg` runs just these; `--only pg-1,pg-3` some).
    const wantPg = (id: string) => !options.only || options.only.has('pg') || options.only.has(id) || (id === 'pg-4' && (options.only.has('pg-4a') || options.only.has('pg-4b')));
    if (['pg-1', 'pg-2', 'pg-3', 'pg-4'].some(wantPg)) {
      try {
        const pgResult = await runPostgresFigures({ sizes, ledger: sizes.ledger, want: wantPg, log, timed });
        results.postgres.push(...pgResult.figures);
        results.notes.push(...pgResult.notes);
      } catch (error) {
        log(`bench: PostgreSQL figures failed: ${error instanceof Error ? error.message : String(error)}`);
        results.notes.push(`PostgreSQL figures not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
  } finally {
    results.machine.loadAvgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
    if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
    else results.notes.push(`kept databases in ${dir}`);
  }
  results.notes.push(`production build folder: ${benchDistDir()} (built by scripts/start.mjs when missing or stale)`);
  return results;
}

/** A mid-ledger event whose ticker has a full estimation window. */
export async function pickImpactTarget(file: string): Promise<{ id: string; ticker: string }> {
  const store = await openStore({ kind: 'sqlite', file });
  try {
    const entries = await store.read.listEntries({}, {});
    const e = entries[Math.floor(entries.length / 2)]!;
    return { id: e.id, ticker: e.tickers[0]! };
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------- output

const STATUS = (met: boolean | null) => (met === null ? 'N/A' : met ? 'MET' : 'MISSED');

export function formatTable(results: BenchResults): string {
  const m = results.machine;
  const lines: string[] = [];
  lines.push(`Impactline bench (${results.mode}) — ${results.date}`);
  lines.push(
    `Machine: ${m.cores} cores, ${m.cpuModel}, ${m.totalMemGb} GB RAM, Node ${m.node}, ${m.platform}; load average at start ${m.loadAvgStart.join(' / ')}${m.loadAvgEnd ? `, at end ${m.loadAvgEnd.join(' / ')}` : ''}`,
  );
  lines.push('');
  lines.push('| # | Figure | Impactline | Baseline (same run) | Ratio / value | Goal | Result |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const f of results.figures) lines.push(`| ${f.id} | ${f.name} | ${f.value} | ${f.baseline} | ${f.comparedText} | ${f.goal.text} | ${STATUS(f.met)} |`);
  if (results.postgres.length > 0) {
    lines.push('');
    lines.push('PostgreSQL (the same figures, each against a raw PostgreSQL baseline in the same run):');
    lines.push('');
    lines.push('| # | Figure | Impactline | Baseline (same run) | Ratio / value | Goal | Result |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const f of results.postgres) lines.push(`| ${f.id} | ${f.name} | ${f.value} | ${f.baseline} | ${f.comparedText} | ${f.goal.text} | ${STATUS(f.met)} |`);
  }
  lines.push('');
  lines.push('Ratios: speed figures are baseline time ÷ Impactline time (1.0× = as fast as the baseline); time figures are Impactline time ÷ baseline time.');
  lines.push('Notes:');
  for (const f of [...results.figures, ...results.postgres]) for (const n of f.notes) lines.push(`- [${f.id}] ${n}`);
  for (const n of results.notes) lines.push(`- ${n}`);
  const all = [...results.figures, ...results.postgres];
  const met = all.filter((f) => f.met === true).map((f) => f.id);
  const missed = all.filter((f) => f.met !== true).map((f) => f.id);
  lines.push('');
  lines.push(`Goals met: ${met.join(', ') || 'none'}; missed or not measured: ${missed.join(', ') || 'none'}`);
  return lines.join('\n');
}

export function writeResults(results: BenchResults, file = path.join(root, 'bench', 'results.json')): string {
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
