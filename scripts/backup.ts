// `npm run db:backup -- <path>`: an online backup of the database that runs while the server
// keeps writing (SQLite: the backup API into a new database file; PostgreSQL: pg_dump's custom
// format in one snapshot — restore with `createdb NEW && pg_restore --no-owner -d NEW <path>`).
// Prints the backup's ledger position and the ledger checksum up to it, so a restored copy can
// be checked against the source:
//   ledgerChecksum(source, position) must equal ledgerChecksum(backup, position).
import fs from 'node:fs';
import path from 'node:path';
import { databaseConfigFromEnv, describeConfig, openStore } from '@/db';

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run db:backup -- <backup file> [--db <database file or postgres:// URL>]  (default database: DATABASE_URL, else IMPACTLINE_DB or data/impactline.db)`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let target: string | undefined;
let config = databaseConfigFromEnv();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--db') {
    const db = args[++i] ?? usage('--db needs a file or a postgres:// URL');
    config = /^postgres(ql)?:\/\//i.test(db)
      ? databaseConfigFromEnv({ ...process.env, DATABASE_URL: db, DATABASE_READ_URL: '' })
      : databaseConfigFromEnv({ ...process.env, DATABASE_URL: '', IMPACTLINE_DB: path.resolve(db) });
  } else if (!target) target = args[i];
  else usage(`unexpected argument ${args[i]}`);
}
if (!target) usage('missing the backup file');
const destination = path.resolve(target);
if (config.kind === 'sqlite' && destination === config.file) usage('the backup file must differ from the database file');
if (fs.existsSync(destination)) usage(`${destination} already exists; choose a new file`);
if (config.kind === 'sqlite' && !fs.existsSync(config.file)) usage(`no database at ${config.file}`);

const store = await openStore(config);
const started = Date.now();
const result = await store.admin.backup(destination);
await store.close();

console.log(`backup of ${describeConfig(config)} written to ${destination} in ${Date.now() - started} ms`);
console.log(`ledger position ${result.position}, ${result.events} events, ledger sha256 ${result.sha256}, integrity ${result.integrity}`);
console.log(JSON.stringify({ file: destination, position: result.position, events: result.events, sha256: result.sha256, integrity: result.integrity }));
if (result.integrity !== 'ok') process.exit(1);
