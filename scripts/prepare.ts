// Start-up preparation, run by `npm start` before the server: check the database location,
// apply migrations, seed an empty ledger, and make sure an admin token exists.
import { checkDatabaseLocation, databaseFileFromEnv, DatabaseLocationError, openDatabase } from '@/db/client';
import { latestPosition } from '@/db/event-store';
import { seedIfEmpty } from '@/db/seed';
import { resolveAdminToken } from '@/lib/server/admin-token';

async function main() {
  const file = databaseFileFromEnv();
  try {
    checkDatabaseLocation(file);
  } catch (error) {
    if (error instanceof DatabaseLocationError) {
      console.error(`impactline: cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const db = openDatabase(file);
  const started = Date.now();
  const seeded = await seedIfEmpty(db);
  if (seeded.seeded) console.log(`impactline: seeded ${seeded.events} ledger events from data/seed in ${Date.now() - started} ms`);
  console.log(`impactline: database ${file} (ledger position ${latestPosition(db)})`);
  const token = resolveAdminToken(file);
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
  db.sqlite.close();
}

main().catch((error) => {
  console.error('impactline: start-up failed:', error);
  process.exit(1);
});
