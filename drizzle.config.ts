import { defineConfig } from 'drizzle-kit';

// SQLite migrations (the embedded default). `npm run db:generate` writes them from the schema.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/sqlite/schema.ts',
  out: './db/sqlite/migrations',
  dbCredentials: { url: process.env.IMPACTLINE_DB ?? 'data/impactline.db' },
});
