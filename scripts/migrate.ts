// `npm run db:migrate`: apply the committed migrations (the store applies them when it opens).
import { databaseConfigFromEnv, openStore } from '@/db';

const config = databaseConfigFromEnv();
const store = await openStore(config);
await store.close();
console.log(`migrations applied to ${store.description}`);
