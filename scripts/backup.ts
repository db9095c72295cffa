// `npm run db:backup -- <path>`: an online backup of the database (SQLite backup API) that
// runs while the server keeps writing. Prints the backup's ledger position and the ledger
// checksum up to it, so a restored copy can be checked against the source:
//   ledgerChecksum(source, position) must equal ledgerChecksum(backup, position).
import fs from 'node:fs';
import path from 'node:path';
import { ledgerChecksum } from '@/db/checksums';
import { databaseFileFromEnv, openDatabase } from '@/db/client';
import { latestPosition } from '@/db/event-store';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run db:backup -- <backup file> [--db <database file>]  (default database: IMPACTLINE_DB or data/impactline.db)`);
  process.exit(2);
}

const args = process.argv.slice(2);
let target: string | undefined;
let sourceFile = databaseFileFromEnv();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--db') sourceFile = path.resolve(args[++i] ?? usage('--db needs a file'));
  else if (!target) target = args[i];
  else usage(`unexpected argument ${args[i]}`);
}
if (!target) usage('missing the backup file');
const destination = path.resolve(target);
if (destination === sourceFile) usage('the backup file must differ from the database file');
if (fs.existsSync(destination)) usage(`${destination} already exists; choose a new file`);
if (!fs.existsSync(sourceFile)) usage(`no database at ${sourceFile}`);

const source = openDatabase(sourceFile, { migrate: false });
const started = Date.now();
// Copy every remaining page in one step: one read transaction, so concurrent writers can neither
// restart the copy nor leave it half old, half new (WAL readers do not block writers).
await source.sqlite.backup(destination, { progress: () => 0x7fffffff });
source.sqlite.close();

const copy = openDatabase(destination, { migrate: false });
const position = latestPosition(copy);
const checksum = ledgerChecksum(copy, position);
const integrity = copy.sqlite.pragma('integrity_check', { simple: true });
copy.sqlite.close();

console.log(`backup of ${sourceFile} written to ${destination} in ${Date.now() - started} ms`);
console.log(`ledger position ${position}, ${checksum.events} events, ledger sha256 ${checksum.sha256}, integrity ${String(integrity)}`);
console.log(JSON.stringify({ file: destination, position, events: checksum.events, sha256: checksum.sha256, integrity }));
if (integrity !== 'ok') process.exit(1);
