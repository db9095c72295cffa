// `npm run db:migrate`: apply the committed drizzle migrations.
import { databaseFileFromEnv, openDatabase } from '@/db/client';

const file = databaseFileFromEnv();
openDatabase(file).sqlite.close();
console.log(`migrations applied to ${file}`);
