// `npm run db:seed`: seed the ledger from data/seed. Idempotent: a second run adds nothing.
import { databaseConfigFromEnv, openStore } from '@/db';
import { seed } from '@/server/seed';

const store = await openStore(databaseConfigFromEnv());
try {
  const r = await seed(store);
  console.log(r.seeded ? `seeded ${r.events} events; ledger position ${r.position}` : `nothing to add; ledger position ${r.position}`);
} catch (error) {
  console.error('seed failed:', error);
  process.exitCode = 1;
} finally {
  await store.close();
}
