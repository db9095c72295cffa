// Read side for the raw ledger and the effective position of a read.
import type { LedgerEventView } from '@/lib/contracts/read';
import type { Db } from '../client';
import { latestPosition, readAll } from '../event-store';
import type { Clock } from './timeline';

/** The ledger position a read reflects: the requested position, capped at the latest. */
export function effectivePosition(db: Db, clock: Clock): number {
  const latest = latestPosition(db);
  return clock.position != null ? Math.min(clock.position, latest) : latest;
}

export function listLedger(db: Db, options: { after?: number; limit?: number; stream?: string; type?: string }): LedgerEventView[] {
  return readAll(db, options);
}

export { latestPosition };
