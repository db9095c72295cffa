// `npm run db:rebuild`: drop every projection, replay the ledger from position 0, and print
// a checksum per table (before and after) so anyone can see the rebuild equals the live tables.
import { projectionChecksums } from '@/db/checksums';
import { databaseFileFromEnv, openDatabase } from '@/db/client';
import { rebuildProjections } from '@/db/projections';

const db = openDatabase(databaseFileFromEnv());
const before = projectionChecksums(db);
const started = Date.now();
const { events, position } = rebuildProjections(db);
const after = projectionChecksums(db);
console.log(`replayed ${events} events (to position ${position}) in ${Date.now() - started} ms`);
let differ = 0;
for (const [table, sum] of Object.entries(after)) {
  const same = before[table]?.sha256 === sum.sha256;
  if (!same) differ++;
  console.log(`${table.padEnd(22)} ${String(sum.rows).padStart(8)} rows  sha256 ${sum.sha256}  ${same ? 'equal to live' : 'DIFFERS from live'}`);
}
process.exit(differ > 0 ? 1 : 0);
