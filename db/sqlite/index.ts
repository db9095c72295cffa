// The SQLite adapter: one file, a writer and a reader connection, the event store handed its
// projectors, the read model over this adapter's queries, and the admin functions.
import { createReadModel } from '../read-model';
import type { Store } from '../store';
import { openConnection } from './connection';
import { SqliteEventStore } from './event-store';
import { sqliteProjectors } from './projectors';
import { sqliteReadQueries } from './read-queries';
import { sqliteAdmin } from './admin';

export { checkDatabaseLocation, DatabaseLocationError } from './connection';

export type SqliteStore = Store & { readonly file: string };

/**
 * Open (and migrate) the database at `file`. Projections that a migration reshaped are rebuilt
 * from the ledger before the store is handed out.
 */
export async function openSqliteStore(file: string): Promise<SqliteStore> {
  const writer = openConnection(file, { migrate: true });
  const reader = openConnection(file);
  const events = new SqliteEventStore(writer, reader, sqliteProjectors(writer));
  await events.catchUp();
  return {
    kind: 'sqlite',
    description: `SQLite ${file}`,
    file,
    events,
    read: createReadModel(sqliteReadQueries(reader)),
    admin: sqliteAdmin(reader),
    async close() {
      reader.close();
      writer.close();
    },
  };
}
