// The one mapping of a cost claim: decider state → the read shape (ClaimView, with the
// relations that only the whole set of claims can tell) → a CSV record.
import type { ClaimView } from '@/lib/contracts/read';
import type { ClaimState } from '@/lib/domain/cost-claim';
import type { ExportRecord } from '@/lib/csv/cells';

/** A claim's own fields, before the relations to other claims are known. */
export type ClaimCore = Omit<ClaimView, 'relations'>;

export function claimCore(state: ClaimState, version: number): ClaimCore | null {
  if (state.status === 'none') return null;
  const c = state.claim;
  return {
    id: c.id,
    entry_id: c.entry,
    asserted_on: c.asserted_on,
    subject: c.subject,
    metric: c.metric,
    value: c.value,
    unit: c.unit,
    qualifier: c.qualifier ?? null,
    scope: c.scope,
    claimant: c.claimant,
    narrative: c.narrative,
    relation: c.relation,
    current_value: state.currentValue,
    status: state.claimStatus,
    sources: c.sources,
    history: state.history,
    version,
  };
}

/**
 * The claims as read: in assertion order, each with its outgoing relation (when the target is
 * in the set) and the incoming ones; a claim that another disputes reads as disputed.
 */
export function claimViews(cores: readonly ClaimCore[]): ClaimView[] {
  const sorted = [...cores].sort((a, b) => a.asserted_on.localeCompare(b.asserted_on) || a.id.localeCompare(b.id));
  const ids = new Set(sorted.map((c) => c.id));
  // Incoming relations of each claim, in the order of the sorted set.
  const incoming = new Map<string, ClaimView['relations']>();
  for (const c of sorted) {
    if (!c.relation) continue;
    const list = incoming.get(c.relation.target) ?? [];
    list.push({ type: c.relation.type, direction: 'incoming', claim: c.id });
    incoming.set(c.relation.target, list);
  }
  return sorted.map((c) => {
    const outgoing: ClaimView['relations'] =
      c.relation && ids.has(c.relation.target) ? [{ type: c.relation.type, direction: 'outgoing', claim: c.relation.target }] : [];
    const inc = incoming.get(c.id) ?? [];
    const disputed = c.status === 'disputed' || inc.some((r) => r.type === 'disputes');
    return { ...c, status: disputed ? 'disputed' : c.status, relations: [...outgoing, ...inc] };
  });
}

export function claimRecord(c: ClaimView): ExportRecord {
  return {
    id: c.id,
    asserted_on: c.asserted_on,
    subject: c.subject,
    metric: c.metric,
    value: c.value,
    unit: c.unit,
    qualifier: c.qualifier,
    scope: c.scope,
    claimant: c.claimant,
    status: c.status,
    current_value: c.current_value,
    relation_type: c.relation?.type ?? null,
    relation_target: c.relation?.target ?? null,
    entry_id: c.entry_id,
    source_urls: c.sources.map((s) => s.url),
  };
}
