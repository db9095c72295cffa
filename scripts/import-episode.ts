// `npm run import:episode -- path/to/bundle.json [--dry-run]` (or a timeline CSV: file.csv)
// Imports an episode bundle — narratives, tickers, timeline entries and cost claims — through the
// same checks, plan and one-transaction append as POST /api/episodes/import (a .csv file as POST
// /api/timeline/import). All or nothing; a re-run of the same file records nothing.
//
// Exit codes: 0 imported, nothing new, or a clean dry run; 1 refused (every problem on stderr);
// 2 usage error or missing file.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, openStore } from '@/db';
import type { EpisodeImportResponse, TimelineImportResponse } from '@/lib/contracts/episode';
import { writeRules, type Problem } from '@/lib/contracts/write';
import { BundleProblems } from '@/lib/domain/episode';
import { AppError } from '@/lib/domain/errors';
import { jsonDepth, MAX_JSON_DEPTH, scanStrings } from '@/lib/json-text';
import { checkRawBundle, importCheckedBundle, importTimelineCsv } from '@/server/commands/episode';
import type { CommandContext } from '@/server/commands/handle';

const USAGE = 'usage: npm run import:episode -- path/to/bundle.json|timeline.csv [--dry-run] [--reason "why"]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function printProblems(problems: readonly Problem[], count: number) {
  process.stderr.write(`problems (${count}${count > problems.length ? `, first ${problems.length} shown` : ''}):\n`);
  for (const p of problems) process.stderr.write(`  ${p.field}: ${p.message}\n`);
}

/** The bundle file as JSON, with the HTTP body's checks (depth, characters of every string). */
function readBundle(text: string): unknown {
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new BundleProblems([{ field: '(file)', message: `must not nest objects or arrays more than ${MAX_JSON_DEPTH} levels deep` }]);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BundleProblems([{ field: '(file)', message: `must be valid JSON (${(error as Error).message.slice(0, 120)})` }]);
  }
  const problems = scanStrings(raw);
  if (problems.length > 0) throw new BundleProblems(problems);
  return raw;
}

function summary(file: string, r: EpisodeImportResponse): string {
  const line = (name: string, n: number, unchanged: number) => `  ${name.padEnd(11)}${String(n).padStart(6)} ${r.dry_run ? 'would be recorded' : 'recorded'}${unchanged ? `, ${unchanged} already in the ledger` : ''}`;
  return [
    `${path.basename(file)}: ${r.message}`,
    line('narratives', r.narratives, r.unchanged.narratives),
    line('tickers', r.tickers, r.unchanged.tickers),
    line('entries', r.entries, r.unchanged.entries),
    line('claims', r.claims, r.unchanged.claims),
    r.dry_run ? `dry run at ledger position ${r.position}: nothing was written` : r.events > 0 ? `recorded up to ledger position ${r.position} (${r.events} events)` : 'nothing was written to the ledger',
  ].join('\n');
}

async function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean', default: false }, reason: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.positionals.length !== 1) fail(USAGE, 2);
  const file = path.resolve(args.positionals[0]!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`${file}: no such file`, 2);
  const dryRun = args.values['dry-run'] === true;
  const now = new Date().toISOString();
  const rules = writeRules(now);
  const ctx: CommandContext = { actor: 'cli', now, reason: args.values.reason ?? null, correlationId: randomUUID(), source: `npm run import:episode (${path.basename(file)})` };

  const store = await openStore(databaseConfigFromEnv());
  try {
    const bytes = fs.readFileSync(file);
    const result: EpisodeImportResponse & Partial<TimelineImportResponse> = file.toLowerCase().endsWith('.csv')
      ? await importTimelineCsv(store.events, new Uint8Array(bytes), ctx, rules, { dryRun })
      : await importCheckedBundle(store.events, checkRawBundle(readBundle(bytes.toString('utf8')), rules), ctx, { dryRun });
    process.stdout.write(`${summary(file, result)}\n`);
    for (const s of result.skipped ?? []) process.stdout.write(`  line ${s.line}: ${s.message}\n`);
  } catch (error) {
    if (error instanceof AppError && Array.isArray(error.details?.problems)) {
      process.stderr.write(`${path.basename(file)}: refused; nothing was recorded\n`);
      printProblems(error.details.problems as Problem[], Number(error.details.problem_count ?? (error.details.problems as Problem[]).length));
      process.exitCode = 1;
    } else throw error;
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
