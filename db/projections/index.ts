// Inline projections: run inside the append transaction (read-your-writes), and replayed
// from position 0 by rebuildProjections. Every projection is a pure fold of the ledger.
import { PROJECTION_TABLES } from '../schema';
import type { Db } from '../client';
import { iterateAll, type StoredEvent } from '../event-store';
import { applyClaimEvent, CLAIM_EVENT_TYPES } from './claims';
import { applyEntryEvent, ENTRY_EVENT_TYPES } from './entries';
import { applyReferenceEvent, REFERENCE_EVENT_TYPES } from './reference';

export function applyProjections(db: Db, stored: readonly StoredEvent[]): void {
  for (const e of stored) {
    if (ENTRY_EVENT_TYPES.has(e.type)) applyEntryEvent(db, e);
    else if (CLAIM_EVENT_TYPES.has(e.type)) applyClaimEvent(db, e);
    else if (REFERENCE_EVENT_TYPES.has(e.type)) applyReferenceEvent(db, e);
  }
}

/** Drop every projection row and replay the ledger from position 0, in one transaction. */
export function rebuildProjections(db: Db): { events: number; position: number } {
  return db.sqlite
    .transaction(() => {
      for (const table of PROJECTION_TABLES) db.sqlite.prepare(`DELETE FROM ${table}`).run();
      let count = 0;
      let position = 0;
      for (const e of iterateAll(db)) {
        applyProjections(db, [e]);
        count++;
        position = e.position;
      }
      db.sqlite
        .prepare(
          `INSERT INTO projection_checkpoints (name, position) VALUES ('inline', ?)
           ON CONFLICT(name) DO UPDATE SET position = excluded.position`,
        )
        .run(position);
      return { events: count, position };
    })
    .immediate();
}
