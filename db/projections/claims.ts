// Projection: claims with current value, status and history, folded with the pure evolveClaim.
import { eq } from 'drizzle-orm';
import { evolveClaim, initialClaimState, type ClaimHistoryItem, type ClaimState, type ClaimStatus } from '@/lib/domain/cost-claim';
import type { CostClaim, DomainEvent } from '@/lib/domain/events';
import type { Db } from '../client';
import type { StoredEvent } from '../event-store';
import { claims } from '../schema';

export const CLAIM_EVENT_TYPES = new Set([
  'CostClaimAsserted',
  'CostClaimRevised',
  'CostClaimDisputed',
  'CostClaimCorroborated',
]);

type Row = typeof claims.$inferSelect;

/** A projection row back to the decider's state (shared with the read side). */
export function claimRowToState(row: Row | undefined): ClaimState {
  if (!row) return initialClaimState;
  const claim: CostClaim = {
    id: row.id,
    entry: row.entryId,
    asserted_on: row.assertedOn,
    subject: row.subject,
    metric: row.metric as CostClaim['metric'],
    value: row.value,
    unit: row.unit,
    ...(row.qualifier ? { qualifier: row.qualifier } : {}),
    scope: row.scope,
    claimant: row.claimant,
    narrative: row.narrative as CostClaim['narrative'],
    relation: row.relationType
      ? { type: row.relationType as NonNullable<CostClaim['relation']>['type'], target: row.relationTarget ?? '' }
      : null,
    sources: row.sources as CostClaim['sources'],
  };
  return {
    status: 'exists',
    claim,
    currentValue: row.currentValue,
    claimStatus: row.status as ClaimStatus,
    history: row.history as ClaimHistoryItem[],
  };
}

export function applyClaimEvent(db: Db, stored: StoredEvent): void {
  const id = stored.stream_id.replace(/^claim-/, '');
  const row = db.orm.select().from(claims).where(eq(claims.id, id)).get();
  const state = evolveClaim(claimRowToState(row), { type: stored.type, data: stored.data } as DomainEvent);
  if (state.status === 'none') return;
  const c = state.claim;
  const values = {
    id,
    entryId: c.entry,
    assertedOn: c.asserted_on,
    subject: c.subject,
    metric: c.metric,
    value: c.value,
    unit: c.unit,
    qualifier: c.qualifier ?? null,
    scope: c.scope,
    claimant: c.claimant,
    narrative: c.narrative,
    relationType: c.relation?.type ?? null,
    relationTarget: c.relation?.target ?? null,
    currentValue: state.currentValue,
    status: state.claimStatus,
    sources: c.sources,
    history: state.history,
    version: stored.stream_version,
    lastPosition: stored.position,
  };
  db.orm.insert(claims).values(values).onConflictDoUpdate({ target: claims.id, set: values }).run();
}
