// `npx tsx bench/csv-parse.ts [--rows 1000000] [--runs 3] [--legacy <git ref>]`
//
// Times parsePriceFile on a generated Yahoo-format file held in memory: the reader in
// server/csv (csv-parse feeding the pure validator in lib/csv/price-file/) against the
// single-file parser it replaced, lib/csv/price-file.ts as of LEGACY_REF, taken from git into a
// scratch file. Before timing, both run over every fixture file and over seeded random
// mutations of them, and their reports must be identical (same JSON, same values), or the
// benchmark fails.
//
// Each timed run is its own child process, alternating legacy and current, so that peak RSS
// (getrusage maxrss) belongs to one parser and one run, and load on a shared machine hits both.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { parsePriceFile } from '@/server/csv/read-price-file';

type Parse = typeof parsePriceFile;
type Variant = 'legacy' | 'current';

/** main when the price file was split; the last commit with lib/csv/price-file.ts. */
const LEGACY_REF = '309f4637f42ed2eb9cfd86ce84ab37b1e83cc40d';
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const FIXTURE_DIRS = ['tests/fixtures/prices', 'server/csv/fixtures'];
const MUTATIONS_PER_FIXTURE = 150;

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    legacy: { type: 'string', default: LEGACY_REF },
    child: { type: 'string' },
    module: { type: 'string' },
  },
});

/** The legacy parser as a module importable from this checkout (csv-parse resolves from node_modules). */
function writeLegacyModule(ref: string): string {
  const shown = spawnSync('git', ['show', `${ref}:lib/csv/price-file.ts`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (shown.status !== 0) throw new Error(`git show ${ref}:lib/csv/price-file.ts failed (a shallow clone? pass --legacy <ref>): ${shown.stderr.trim()}`);
  const dir = path.join(ROOT, 'node_modules/.cache/impactline-bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `legacy-price-file-${ref.slice(0, 12)}.ts`);
  fs.writeFileSync(file, shown.stdout);
  return file;
}

async function loadLegacy(file: string): Promise<Parse> {
  const mod = (await import(pathToFileURL(file).href)) as { parsePriceFile: Parse };
  return mod.parsePriceFile;
}

// ---------------------------------------------------------------------------------------------
// Equivalence: the same report for the same input, byte for byte.

/** A small seeded PRNG (mulberry32), so a failing mutation can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that exercise the CSV reader and the field checks. */
const TRICKY = ['"', ',', ';', '\t', '\n', '\r', '\r\n', '', ' ', '-', '.', 'e', 'E', '0', '9', 'x', 'null', 'NaN', '€', '\ufeff', '2024-01-06', ',,', '""'];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = TRICKY[Math.floor(random() * TRICKY.length)] ?? '';
  const op = random();
  if (op < 0.45) return text.slice(0, at) + pick + text.slice(at + 1); // replace one character
  if (op < 0.8) return text.slice(0, at) + pick + text.slice(at); // insert
  if (op < 0.9) return text.slice(0, at); // truncate
  const lines = text.split('\n');
  const i = Math.floor(random() * lines.length);
  lines.splice(i, 0, lines[i] ?? ''); // duplicate a line
  return lines.join('\n');
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function fixtureFiles(): string[] {
  return FIXTURE_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => path.join(dir, f)),
  );
}

async function checkEquivalence(legacy: Parse): Promise<number> {
  let compared = 0;
  const differ = async (label: string, run: (parse: Parse) => Promise<unknown>) => {
    const [a, b] = [await run(legacy), await run(parsePriceFile)];
    compared += 1;
    if (JSON.stringify(a) === JSON.stringify(b) && isDeepStrictEqual(a, b)) return;
    throw new Error(`reports differ for ${label}\nlegacy:  ${JSON.stringify(a).slice(0, 2000)}\ncurrent: ${JSON.stringify(b).slice(0, 2000)}`);
  };
  const files = fixtureFiles();
  for (const [n, file] of files.entries()) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const bytes = new TextEncoder().encode(text);
    await differ(file, (parse) => parse(text));
    await differ(`${file} as bytes in 7-byte chunks`, (parse) => parse(chunked(bytes, 7)));
    for (const maxBytes of [0, Math.floor(bytes.length / 2), bytes.length - 1, bytes.length]) {
      await differ(`${file} with maxBytes ${maxBytes}`, (parse) => parse(text, { maxBytes }));
    }
    const random = prng(n + 1);
    for (let m = 0; m < MUTATIONS_PER_FIXTURE; m += 1) {
      const mutated = mutate(random() < 0.3 ? mutate(text, random) : text, random);
      await differ(`${file}, mutation ${m} (seed ${n + 1})`, (parse) => parse(mutated));
    }
  }
  return compared;
}

// ---------------------------------------------------------------------------------------------
// Timing.

/** A Yahoo Finance download of `rows` consecutive weekdays from 1900, prices in a plausible band. */
function yahooFile(rows: number): string {
  const random = prng(42);
  const chunks: string[] = ['Date,Open,High,Low,Close,Adj Close,Volume\n'];
  let part: string[] = [];
  let day = Date.UTC(1900, 0, 1);
  for (let i = 0; i < rows; ) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      const mid = 60 + 40 * Math.sin(i / 700) + 5 * random();
      const open = mid * (1 + (random() - 0.5) * 0.02);
      const close = mid * (1 + (random() - 0.5) * 0.02);
      const high = Math.max(open, close) * (1.001 + random() * 0.01);
      const low = Math.min(open, close) * (0.999 - random() * 0.01);
      const volume = Math.floor(1e6 + random() * 5e8);
      const date = new Date(day).toISOString().slice(0, 10);
      part.push(`${date},${open.toFixed(6)},${high.toFixed(6)},${low.toFixed(6)},${close.toFixed(6)},${(close * 0.998).toFixed(6)},${volume}\n`);
      i += 1;
      if (part.length === 10_000) {
        chunks.push(part.join(''));
        part = [];
      }
    }
    day += 86_400_000;
  }
  chunks.push(part.join(''));
  return chunks.join('');
}

type RunResult = { variant: Variant; rows: number; bars: number; errors: number; ms: number; rowsPerSecond: number; rssBeforeMb: number; peakRssMb: number };

async function child(variant: Variant, modulePath: string, rows: number): Promise<void> {
  const parse = variant === 'legacy' ? await loadLegacy(modulePath) : parsePriceFile;
  const text = yahooFile(rows);
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  const report = await parse(text);
  const ms = performance.now() - started;
  const result: RunResult = {
    variant,
    rows: report.rows,
    bars: report.bars.length,
    errors: report.errorCount,
    ms,
    rowsPerSecond: report.rows / (ms / 1000),
    rssBeforeMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function timedRun(variant: Variant, modulePath: string, rows: number): RunResult {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const out = spawnSync(tsx, [fileURLToPath(import.meta.url), '--child', variant, '--module', modulePath, '--rows', String(rows)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`${variant} run failed: ${out.stderr}`);
  const last = out.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as RunResult;
}

const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const rows = Number(args.rows);
  if (args.child === 'legacy' || args.child === 'current') return child(args.child, args.module ?? '', rows);

  const modulePath = writeLegacyModule(args.legacy);
  const compared = await checkEquivalence(await loadLegacy(modulePath));
  console.log(`equivalence: ${compared} inputs over ${fixtureFiles().length} fixture files give identical reports (legacy = ${args.legacy.slice(0, 12)})`);

  const results: RunResult[] = [];
  for (let run = 0; run < Number(args.runs); run += 1) {
    for (const variant of ['legacy', 'current'] as const) {
      const r = timedRun(variant, modulePath, rows);
      if (r.rows !== rows || r.bars !== rows || r.errors !== 0) throw new Error(`${variant}: expected ${rows} valid rows, got ${JSON.stringify(r)}`);
      console.log(`  run ${run + 1} ${variant.padEnd(7)} ${fmt(r.ms).padStart(6)} ms  ${fmt(r.rowsPerSecond).padStart(9)} rows/s  peak RSS ${fmt(r.peakRssMb)} MB (${fmt(r.rssBeforeMb)} MB before parsing)`);
      results.push(r);
    }
  }
  console.log(`\n${fmt(rows)} Yahoo rows, median of ${args.runs} runs each (Node ${process.version}):`);
  for (const variant of ['legacy', 'current'] as const) {
    const mine = results.filter((r) => r.variant === variant);
    console.log(
      `  ${variant.padEnd(7)} ${fmt(mid(mine.map((r) => r.rowsPerSecond))).padStart(9)} rows/s   peak RSS ${fmt(mid(mine.map((r) => r.peakRssMb)))} MB`,
    );
  }
}

await main();
