// Child process for tests/backup.int.test.ts: keeps appending timeline entries to a database
// file through the command handlers until it is sent SIGTERM; prints the running count.
import { openDatabase } from '@/db/client';
import { recordEntry } from '@/db/commands';

const file = process.argv[2];
if (!file) throw new Error('usage: backup-writer-child <database file>');
const db = openDatabase(file);
let written = 0;
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

function burst() {
  if (stopping) {
    db.sqlite.close();
    process.stdout.write(`done ${written}\n`);
    process.exit(0);
  }
  for (let i = 0; i < 5; i++) {
    const id = `backup-writer-${process.pid}-${written}`;
    recordEntry(
      db,
      { id, date: '2025-01-27', kind: 'market', title: `Written during a backup ${written}`, summary: '', narrative: 'other', entities: [], tickers: [], figures: [], sources: [] },
      { actor: 'backup-test', now: new Date().toISOString() },
    );
    written++;
  }
  process.stdout.write(`${written}\n`);
  setTimeout(burst, 2);
}
burst();
