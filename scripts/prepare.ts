// Start-up preparation, run by `npm start` before the server: check the database location,
// apply migrations, seed an empty ledger, and make sure an admin token exists.
import { checkDatabaseLocation, databaseConfigFromEnv, DatabaseLocationError, openStore } from '@/db';
import { resolveAdminToken } from '@/server/admin-token';
import { seedIfEmpty } from '@/server/seed';

async function main() {
  const config = databaseConfigFromEnv();
  try {
    checkDatabaseLocation(config.file);
  } catch (error) {
    if (error instanceof DatabaseLocationError) {
      console.error(`impactline: cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const store = await openStore(config);
  const started = Date.now();
  const seeded = await seedIfEmpty(store);
  if (seeded.seeded) console.log(`impactline: seeded ${seeded.events} ledger events from data/seed in ${Date.now() - started} ms`);
  console.log(`impactline: database ${config.file} (ledger position ${await store.events.latestPosition()})`);
  const token = resolveAdminToken(config.file);
  if (token.origin === 'generated') {
    console.log('impactline: generated an admin token for writes (shown once; also stored with mode 0600 in');
    console.log(`            ${token.file}):`);
    console.log(`\n    ${token.token}\n`);
    console.log('            sign in at /signin or send it as "Authorization: Bearer <token>".');
  } else if (token.origin === 'file') {
    console.log(`impactline: admin token is in ${token.file}`);
  } else {
    console.log('impactline: admin token from IMPACTLINE_ADMIN_TOKEN');
  }
  await store.close();
}

main().catch((error) => {
  console.error('impactline: start-up failed:', error);
  process.exit(1);
});
