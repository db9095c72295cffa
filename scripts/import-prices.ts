// `npm run import:prices -- --ticker NVDA path/to/file.csv [--skip-invalid]`
// Records a daily price file in the ledger through the same parser, plan and command handler as
// POST /api/prices/{ticker}/import. No size limit here: the file is streamed from disk.
//
// Exit codes: 0 imported (or nothing changed), 1 the file was refused (report on stderr),
// 2 usage error, missing file or unknown ticker.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { databaseConfigFromEnv, openStore } from '@/db';
import { importResponse, planImport, sourceLabel } from '@/lib/csv/price-file/plan';
import type { PriceProblem } from '@/lib/csv/price-file/types';
import { tickerSymbolSchema } from '@/lib/domain/schemas';
import { importPriceBars } from '@/server/commands/prices';
import { parsePriceFile } from '@/server/csv/read-price-file';

const USAGE = 'usage: npm run import:prices -- --ticker SYMBOL path/to/file.csv [--skip-invalid]';

/** Show the progress bar once this many rows have been read (the parser reports every 10,000). */
const PROGRESS_FROM_ROWS = 10_000;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise. */
function progressBar(totalBytes: number) {
  const tty = process.stderr.isTTY === true;
  let lastDecile = -1;
  let shown = false;
  return {
    update(rows: number, bytes: number) {
      if (rows < PROGRESS_FROM_ROWS) return;
      shown = true;
      const ratio = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
      const width = 30;
      const filled = Math.round(ratio * width);
      const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}%  ${fmt(rows)} rows  ${mb(bytes)} / ${mb(totalBytes)}`;
      if (tty) process.stderr.write(`\r${line}`);
      else {
        const decile = Math.floor(ratio * 10);
        if (decile > lastDecile) {
          lastDecile = decile;
          process.stderr.write(`${line}\n`);
        }
      }
    },
    done(message: string) {
      if (shown && tty) process.stderr.write('\n');
      if (shown) process.stderr.write(`${message}\n`);
    },
  };
}

function printProblems(title: string, problems: PriceProblem[], count: number) {
  if (count === 0) return;
  process.stderr.write(`${title} (${fmt(count)}${count > problems.length ? `, first ${problems.length} shown` : ''}):\n`);
  for (const p of problems) {
    const text = p.message.replace(/^line \d+(, column [^:]+)?: /, '');
    process.stderr.write(`  line ${p.line}${p.column ? `, ${p.column}` : ''}: ${text} [${p.code}]\n`);
  }
}

async function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { ticker: { type: 'string', short: 't' }, 'skip-invalid': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { ticker } = args.values;
  const skipInvalid = args.values['skip-invalid'] === true;
  if (!ticker || args.positionals.length !== 1) fail(USAGE);
  const symbol = tickerSymbolSchema.safeParse(ticker);
  if (!symbol.success) fail(`--ticker: "${ticker}" is not a ticker symbol\n${USAGE}`);
  const file = path.resolve(args.positionals[0]!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) fail(`${file}: no such file`);
  const totalBytes = fs.statSync(file).size;

  const store = await openStore(databaseConfigFromEnv());
  if (!(await store.read.tickerExists(symbol.data)))
    fail(`ticker "${symbol.data}" is not listed; list it first with POST /api/tickers (name, role: subject|peer|benchmark)`);

  const started = performance.now();
  let bytes = 0;
  const bar = progressBar(totalBytes);
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const report = await parsePriceFile(counted(), { onProgress: (rows) => bar.update(rows, bytes) });
  bar.update(report.rows, bytes);
  const plan = planImport(report, symbol.data, { skipInvalid });
  bar.done(plan.ok ? `read ${fmt(report.rows)} rows; recording ${fmt(plan.bars.length)} bars in the ledger…` : `read ${fmt(report.rows)} rows`);

  if (!plan.ok) {
    const hint = plan.skipped > 0 && plan.bars.length > 0 && !skipInvalid ? ' (add --skip-invalid to import the valid rows and skip the others)' : '';
    process.stderr.write(`${path.basename(file)}: ${plan.message}; nothing was recorded${hint}\n`);
    printProblems('errors', plan.errors, plan.errorCount);
    printProblems('warnings', plan.warnings, plan.warningCount);
    await store.close();
    process.exit(1);
  }

  const parsedAt = performance.now();
  const source = sourceLabel(report.format, 'cli', path.basename(file));
  const result = await importPriceBars(store.events, symbol.data, plan.bars, { source }, {
    actor: 'cli',
    now: new Date().toISOString(),
    source,
    reason: plan.skipped > 0 ? `imported with --skip-invalid: ${plan.skipped} invalid rows left out` : null,
    correlationId: randomUUID(),
  });
  const summary = importResponse(symbol.data, report, plan, result);
  const seconds = (performance.now() - started) / 1000;
  printProblems('skipped rows', plan.errors, plan.skipped > 0 ? plan.errorCount : 0);
  printProblems('warnings', plan.warnings, plan.warningCount);
  const out = [
    `${symbol.data} ← ${path.basename(file)} (${report.format} format, ${fmt(report.rows)} rows)`,
    `  inserted:  ${fmt(summary.inserted)}`,
    `  unchanged: ${fmt(summary.unchanged)}`,
    `  corrected: ${fmt(summary.corrected)}`,
    `  skipped:   ${fmt(summary.skipped)}`,
    ...Object.entries(summary.ignored).map(([t, n]) => `  ignored:   ${fmt(n)} rows for ${t}`),
    summary.position === null
      ? `nothing changed: every bar is already recorded with the same values; nothing was written to the ledger`
      : `recorded up to ledger position ${summary.position} (${summary.positions.length} event${summary.positions.length === 1 ? '' : 's'})`,
  ];
  if (report.rows >= PROGRESS_FROM_ROWS) {
    const read = (parsedAt - started) / 1000;
    out.push(`${fmt(Math.round(report.rows / seconds))} rows/s: read and checked in ${read.toFixed(1)} s, recorded in ${(seconds - read).toFixed(1)} s`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  await store.close();
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(code === 'not_found' || code === 'validation' ? 2 : 1);
});
