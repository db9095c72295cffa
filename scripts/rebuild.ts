// `npm run db:rebuild [-- --projection NAME …] [--batch N]`: drop projections (default: all),
// replay the ledger into them from position 0, and print a checksum per table (before and
// after) so anyone can see the rebuild equals the live tables. Exit 1 if any table differs.
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, openStore } from '@/db';

const USAGE = 'usage: npm run db:rebuild [-- --projection NAME ...] [--batch N]';
let args;
try {
  args = parseArgs({ options: { projection: { type: 'string', multiple: true }, batch: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const batchSize = args.values.batch === undefined ? undefined : Number(args.values.batch);
if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
  console.error(`--batch must be a whole number above 0\n${USAGE}`);
  process.exit(2);
}

const store = await openStore(databaseConfigFromEnv());
try {
  const before = await store.admin.projectionChecksums();
  const started = Date.now();
  const report = await store.events.rebuild({ projections: args.values.projection, batchSize });
  const after = await store.admin.projectionChecksums();
  for (const p of report.projections) console.log(`rebuilt ${p.name}: replayed ${p.events} events (checkpoint ${p.position})`);
  console.log(`done in ${Date.now() - started} ms, ledger position ${report.position}`);
  let differ = 0;
  for (const [table, sum] of Object.entries(after)) {
    const same = before[table]?.sha256 === sum.sha256;
    if (!same) differ++;
    console.log(`${table.padEnd(22)} ${String(sum.rows).padStart(8)} rows  sha256 ${sum.sha256}  ${same ? 'equal to live' : 'DIFFERS from live'}`);
  }
  process.exitCode = differ > 0 ? 1 : 0;
} catch (error) {
  console.error(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await store.close();
}
