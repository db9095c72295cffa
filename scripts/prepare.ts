// Start-up preparation, run by `npm start` before the server: check the database (the SQLite
// file's folder, or that PostgreSQL answers and accepts us), apply migrations, seed an empty
// ledger, and make sure an admin token exists. A database problem stops start-up with one line
// that names it (never a password) and exit code 2.
import {
  checkDatabaseLocation,
  DatabaseConfigError,
  databaseConfigFromEnv,
  DatabaseConnectError,
  DatabaseLocationError,
  describeConfig,
  openStore,
  type Store,
} from '@/db';
import { resolveAdminToken } from '@/server/admin-token';
import { seedIfEmpty } from '@/server/seed';

function stop(message: string): never {
  console.error(`impactline: cannot start: ${message}`);
  process.exit(2);
}

async function main() {
  let config;
  try {
    config = databaseConfigFromEnv();
    if (config.kind === 'sqlite') checkDatabaseLocation(config.file);
  } catch (error) {
    if (error instanceof DatabaseLocationError || error instanceof DatabaseConfigError) stop(error.message);
    throw error;
  }
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    if (error instanceof DatabaseConnectError) stop(error.problem);
    if (error instanceof DatabaseConfigError) stop(error.message);
    throw error;
  }
  const started = Date.now();
  const seeded = await seedIfEmpty(store);
  if (seeded.seeded) console.log(`impactline: seeded ${seeded.events} ledger events from data/seed in ${Date.now() - started} ms`);
  console.log(`impactline: database ${describeConfig(config)} (ledger position ${await store.events.latestPosition()})`);
  const token = resolveAdminToken(config.file);
  if (token.origin === 'generated') {
    console.log('impactline: generated an admin token for writes (shown once; also stored with mode 0600 in');
    console.log(`            ${token.file}):`);
    console.log(`\n    ${token.token}\n`);
    console.log('            sign in at /signin or send it as "Authorization: Bearer <token>".');
    if (config.kind === 'postgres')
      console.log('            Several app processes on other machines: set IMPACTLINE_ADMIN_TOKEN to the same value in each.');
  } else if (token.origin === 'file') {
    console.log(`impactline: admin token is in ${token.file}`);
  } else {
    console.log('impactline: admin token from IMPACTLINE_ADMIN_TOKEN');
  }
  await store.close();
}

main().catch((error) => {
  const url = process.env.DATABASE_URL?.trim();
  const message = error instanceof Error ? error.message : String(error);
  if (url) {
    // PostgreSQL: one line, and never a password, whatever failed.
    let password = '';
    try {
      password = decodeURIComponent(new URL(url).password);
    } catch {
      /* not a URL: DatabaseConfigError said so already */
    }
    const line = message.replaceAll(url, '(DATABASE_URL)');
    console.error(`impactline: cannot start: ${password ? line.replaceAll(password, '***') : line}`);
  } else console.error('impactline: start-up failed:', error);
  process.exit(1);
});
