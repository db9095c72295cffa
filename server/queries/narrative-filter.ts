// A `narrative` filter names narratives by id: an id the ledger does not define (at the read's
// position) is refused with 400 listing the known ones, rather than quietly matching nothing.
import type { Clock, ReadModel } from '@/db/store';
import { requireKnownNarrative } from '@/lib/domain/narrative';

export async function checkNarrativeFilter(read: ReadModel, ids: readonly string[] | undefined | null, clock: Clock = {}): Promise<void> {
  if (!ids || ids.length === 0) return;
  const known = (await read.listNarratives({ position: clock.position ?? null })).map((n) => n.id);
  for (const id of ids) requireKnownNarrative(id, known, 'narrative');
}
