// `npm run data:synthetic -- --tickers 50 --years 10 --events 5000 --db path [--seed 42] [--replace]`
// Builds a large, clearly labelled SYNTHETIC ledger (SYN001… random walks, SYNMKT benchmark,
// "[synthetic]" events) in its own database file, through the real command handlers. Refuses the
// app's default database and any database whose ledger holds non-synthetic events. The file is
// never empty once built, so `npm start` on it never seeds the real dataset into it.
import { buildSyntheticDb, refuseReason, removeSyntheticDb } from '@/bench/synthetic';

function parseArgs(argv: string[]) {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const [key, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) out[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) out[key] = argv[++i]!;
    else out[key] = true;
  }
  return out;
}

function num(v: string | true | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

try {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.db !== 'string') throw new Error('--db <path> is required (a new file; never the app database)');
  const options = {
    tickers: Math.floor(num(args.tickers, 50, 'tickers')),
    years: num(args.years, 10, 'years'),
    events: Math.floor(num(args.events, 5000, 'events')),
    seed: Math.floor(num(args.seed, 42, 'seed')),
  };
  if (args.replace) removeSyntheticDb(args.db);
  const refused = refuseReason(args.db);
  if (refused) throw new Error(refused);
  console.log(`synthetic: building ${args.db}: ${options.tickers} tickers × ${options.years} years, ${options.events} events (seed ${options.seed})`);
  const report = await buildSyntheticDb(args.db, { ...options, log: (l) => console.log(l) });
  console.log(
    `synthetic: done in ${(report.ms / 1000).toFixed(1)} s: ${report.bars} bars (${report.days} trading days), ${report.entries} entries, ledger position ${report.position}`,
  );
  console.log('synthetic: this database holds SYNTHETIC data only (actor "synthetic", application_id SYN1).');
} catch (error) {
  console.error(`synthetic: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
