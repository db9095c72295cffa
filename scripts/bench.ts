// `npm run bench` — the figures of issue 8, each next to its baseline measured in the same run,
// printed as a table and written to bench/results.json (git-ignored).
//   npm run bench                 full sizes (several minutes; builds .next-bench when stale)
//   npm run bench -- --smoke      tiny sizes, every code path
//   npm run bench -- --only 1,5   only some figures (1..8; pg for all PostgreSQL figures, or pg-1..pg-4)
// Figures 1–4 also run on a throwaway local PostgreSQL cluster (a second table; ids pg-1 … pg-4b).
//   npm run bench -- --keep       keep the temporary databases
// Env: IMPACTLINE_DIST_DIR (build folder, default .next-bench), IMPACTLINE_CHROMIUM (default /usr/bin/chromium).
import { formatTable, runBench, writeResults } from '@/bench/run';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
};

const mode = flag('smoke') || process.env.BENCH_SMOKE === '1' ? 'smoke' : 'full';
const onlyText = value('only') ?? process.env.BENCH_ONLY;
const only = onlyText ? new Set(onlyText.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;

const started = Date.now();
const results = await runBench({ mode, only, keep: flag('keep') });
const file = writeResults(results);
console.log('');
console.log(formatTable(results));
console.log('');
console.log(`bench: wrote ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
