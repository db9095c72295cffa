// Child process for tests/backup.int.test.ts: keeps appending timeline entries to a database
// (a SQLite file or a postgres:// URL) through the command handlers until it is sent SIGTERM;
// prints the running count.
import { databaseConfigFromEnv, openStore } from '@/db';
import { recordEntry } from '@/server/commands/entries';

const file = process.argv[2];
if (!file) throw new Error('usage: backup-writer-child <database file or URL>');
const isUrl = /^postgres(ql)?:\/\//.test(file);
const store = await openStore(databaseConfigFromEnv({ ...process.env, DATABASE_URL: isUrl ? file : '', IMPACTLINE_DB: isUrl ? '' : file }));
let written = 0;
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

async function burst() {
  if (stopping) {
    await store.close();
    process.stdout.write(`done ${written}\n`);
    process.exit(0);
  }
  for (let i = 0; i < 5; i++) {
    const id = `backup-writer-${process.pid}-${written}`;
    await recordEntry(
      store.events,
      { id, date: '2025-01-27', kind: 'market', title: `Written during a backup ${written}`, summary: '', narrative: 'other', entities: [], tickers: [], figures: [], sources: [] },
      { actor: 'backup-test', now: new Date().toISOString() },
    );
    written++;
  }
  process.stdout.write(`${written}\n`);
  setTimeout(() => void burst(), 2);
}
void burst();
