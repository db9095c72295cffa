// `npm run db:seed`: seed the ledger from data/seed. Idempotent: a second run adds nothing.
import { databaseFileFromEnv, openDatabase } from '@/db/client';
import { seed } from '@/db/seed';

const db = openDatabase(databaseFileFromEnv());
seed(db)
  .then((r) => console.log(r.seeded ? `seeded ${r.events} events; ledger position ${r.position}` : `nothing to add; ledger position ${r.position}`))
  .catch((error) => {
    console.error('seed failed:', error);
    process.exit(1);
  });
