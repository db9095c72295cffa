// The projections the read model keeps, independent of the database: each one's name (which is
// also its checkpoint), the event types it folds, and the pure rows it derives from the ledger
// with the domain's own evolve functions. Adapters own only the SQL that stores the rows.
import { CLAIM_EVENT_TYPES, evolveClaim, initialClaimState, type ClaimState } from '@/lib/domain/cost-claim';
import type { DomainEvent } from '@/lib/domain/events';
import { evolveNarrative, initialNarrativeState, NARRATIVE_EVENT_TYPES, type NarrativeState } from '@/lib/domain/narrative';
import { BAR_EVENT_TYPES } from '@/lib/domain/reference';
import { entityIdOf } from '@/lib/domain/stream-ids';
import { ENTRY_EVENT_TYPES, evolveEntry, initialEntryState, type EntryState } from '@/lib/domain/timeline-entry';
import type { StoredEvent } from '../store';

export const PROJECTION_EVENT_TYPES = {
  timeline_entries: ENTRY_EVENT_TYPES,
  claims: CLAIM_EVENT_TYPES,
  narratives: NARRATIVE_EVENT_TYPES,
  tickers: ['TickerListed'],
  price_bars: BAR_EVENT_TYPES,
} as const satisfies Record<string, readonly string[]>;

export type ProjectionName = keyof typeof PROJECTION_EVENT_TYPES;
export const PROJECTION_NAMES = Object.keys(PROJECTION_EVENT_TYPES) as ProjectionName[];

export function domainEvent(stored: StoredEvent): DomainEvent {
  return { type: stored.type, data: stored.data } as DomainEvent;
}

// ---- timeline entries ----

export type EntryRow = {
  id: string;
  date: string;
  time_utc: string | null;
  kind: string;
  narrative: string;
  status: string;
  version: number;
  /** When the ledger first learned of the entry. */
  recorded_at: string;
  last_position: number;
  state: EntryState;
};

/** The entry's row after `event`, given its row before (null when new); null if nothing to store. */
export function nextEntryRow(previous: Pick<EntryRow, 'state' | 'recorded_at'> | null, event: StoredEvent): EntryRow | null {
  const state = evolveEntry(previous?.state ?? initialEntryState, domainEvent(event));
  if (state.status === 'none') return null;
  const e = state.entry;
  return {
    id: entityIdOf(event.stream_id),
    date: e.date,
    time_utc: e.time_utc ?? null,
    kind: e.kind,
    narrative: e.narrative,
    status: state.status,
    version: event.stream_version,
    recorded_at: previous?.recorded_at ?? event.recorded_at,
    last_position: event.position,
    state,
  };
}

// ---- claims ----

export type ClaimRow = {
  id: string;
  asserted_on: string;
  narrative: string;
  entry_id: string | null;
  status: string;
  version: number;
  last_position: number;
  state: ClaimState;
};

export function nextClaimRow(previous: ClaimState | null, event: StoredEvent): ClaimRow | null {
  const state = evolveClaim(previous ?? initialClaimState, domainEvent(event));
  if (state.status === 'none') return null;
  return {
    id: entityIdOf(event.stream_id),
    asserted_on: state.claim.asserted_on,
    narrative: state.claim.narrative,
    entry_id: state.claim.entry,
    status: state.claimStatus,
    version: event.stream_version,
    last_position: event.position,
    state,
  };
}

// ---- narratives: folded from NarrativeDefined and NarrativeAmended ----

export type NarrativeRow = { id: string; name: string; thesis: string; color: string; sort_order: number; version: number };

/** The decider state a stored narrative row stands for. */
export function narrativeStateOf(row: NarrativeRow | null): NarrativeState {
  if (!row) return initialNarrativeState;
  const { version: _version, ...narrative } = row;
  return { status: 'defined', narrative };
}

/** The narrative's row after `event`, given its row before (null when new); null if nothing to store. */
export function nextNarrativeRow(previous: NarrativeRow | null, event: StoredEvent): NarrativeRow | null {
  const state = evolveNarrative(narrativeStateOf(previous), domainEvent(event));
  if (state.status === 'none') return null;
  const n = state.narrative;
  return { id: n.id, name: n.name, thesis: n.thesis, color: n.color, sort_order: n.sort_order, version: event.stream_version };
}

/** Lane order: display order, then id. */
export function compareNarratives(a: Pick<NarrativeRow, 'id' | 'sort_order'>, b: Pick<NarrativeRow, 'id' | 'sort_order'>): number {
  return a.sort_order - b.sort_order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// ---- tickers: one event defines the row ----

export type TickerRow = { symbol: string; name: string; exchange: string | null; role: string; shares_outstanding: number | null; version: number };

export function tickerRow(event: StoredEvent): TickerRow | null {
  const e = domainEvent(event);
  if (e.type !== 'TickerListed') return null;
  const d = e.data;
  return { symbol: d.symbol, name: d.name, exchange: d.exchange, role: d.role, shares_outstanding: d.shares_outstanding, version: event.stream_version };
}
