// Read side for timeline entries and claims, live (projection tables) or replayed to an
// as-of date (valid time) or a ledger position (transaction time), per DESIGN "Two clocks".
import { asc, eq } from 'drizzle-orm';
import { evolveClaim, initialClaimState, type ClaimState } from '@/lib/domain/cost-claim';
import type { DomainEvent } from '@/lib/domain/events';
import { evolveEntry, initialEntryState, type EntryState } from '@/lib/domain/timeline-entry';
import type { ClaimView, EntryView, HistoryItem } from '@/lib/contracts/read';
import type { Db } from '../client';
import { readStream, type StoredEvent } from '../event-store';
import { CLAIM_EVENT_TYPES, claimRowToState } from '../projections/claims';
import { ENTRY_EVENT_TYPES, entryRowToState } from '../projections/entries';
import { claims, timelineEntries } from '../schema';

export type Clock = { asOf?: string | null; position?: number | null };

export function isReplay(clock: Clock): boolean {
  return Boolean(clock.asOf) || (clock.position !== undefined && clock.position !== null);
}

/** Valid-time test: an event counts as known on `asOf` when its occurred_at date is not later. */
function knownOn(e: StoredEvent, asOf: string | null | undefined): boolean {
  return !asOf || e.occurred_at.slice(0, 10) <= asOf;
}

function eventsOfTypes(db: Db, types: Set<string>, position: number | null | undefined): StoredEvent[] {
  const placeholders = [...types].map(() => '?').join(',');
  const sqlText = `SELECT * FROM events WHERE type IN (${placeholders})${position != null ? ' AND position <= ?' : ''} ORDER BY position`;
  const params: (string | number)[] = [...types];
  if (position != null) params.push(position);
  const rows = db.sqlite.prepare(sqlText).all(...params) as Record<string, unknown>[];
  return rows.map((r) => ({
    position: r.position as number,
    event_id: r.event_id as string,
    stream_id: r.stream_id as string,
    stream_version: r.stream_version as number,
    type: r.type as string,
    schema_version: r.schema_version as number,
    data: JSON.parse(r.data as string),
    metadata: JSON.parse(r.metadata as string),
    occurred_at: r.occurred_at as string,
    recorded_at: r.recorded_at as string,
  }));
}

function fold<S>(
  events: StoredEvent[],
  clock: Clock,
  prefix: string,
  initial: S,
  evolve: (s: S, e: DomainEvent) => S,
): Map<string, { state: S; version: number }> {
  const out = new Map<string, { state: S; version: number }>();
  for (const e of events) {
    if (!knownOn(e, clock.asOf)) continue;
    const id = e.stream_id.slice(prefix.length);
    const current = out.get(id) ?? { state: initial, version: 0 };
    out.set(id, { state: evolve(current.state, { type: e.type, data: e.data } as DomainEvent), version: e.stream_version });
  }
  return out;
}

// ---- entries ----

export type TimelineFilter = {
  from?: string | null;
  to?: string | null;
  narrative?: string[] | null;
  kind?: string[] | null;
  ticker?: string[] | null;
};

function entryFromState(state: EntryState, version: number): EntryView | null {
  if (state.status === 'none') return null;
  const e = state.entry;
  return {
    id: e.id,
    date: e.date,
    time_utc: e.time_utc ?? null,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    narrative: e.narrative,
    entities: e.entities,
    tickers: e.tickers,
    figures: e.figures,
    sources: e.sources,
    confidence: e.confidence ?? null,
    version,
    status: state.status,
  };
}

function entryFromRow(row: typeof timelineEntries.$inferSelect): EntryView {
  return entryFromState(entryRowToState(row), row.version)!;
}

function compareEntries(a: EntryView, b: EntryView): number {
  return a.date.localeCompare(b.date) || (a.time_utc ?? '').localeCompare(b.time_utc ?? '') || a.id.localeCompare(b.id);
}

function matches(e: EntryView, f: TimelineFilter, asOf: string | null | undefined): boolean {
  if (asOf && e.date > asOf) return false;
  if (f.from && e.date < f.from) return false;
  if (f.to && e.date > f.to) return false;
  if (f.narrative?.length && !f.narrative.includes(e.narrative)) return false;
  if (f.kind?.length && !f.kind.includes(e.kind)) return false;
  if (f.ticker?.length && !e.tickers.some((t) => f.ticker!.includes(t.toUpperCase()))) return false;
  return true;
}

export function listEntries(db: Db, filter: TimelineFilter = {}, clock: Clock = {}): EntryView[] {
  let all: EntryView[];
  if (isReplay(clock)) {
    const folded = fold(eventsOfTypes(db, ENTRY_EVENT_TYPES, clock.position), clock, 'entry-', initialEntryState, evolveEntry);
    all = [...folded.values()].map(({ state, version }) => entryFromState(state, version)).filter((e): e is EntryView => e !== null);
  } else {
    all = db.orm.select().from(timelineEntries).all().map(entryFromRow);
  }
  return all.filter((e) => matches(e, filter, clock.asOf)).sort(compareEntries);
}

export function historyOf(db: Db, streamId: string, clock: Clock = {}): HistoryItem[] {
  return readStream(db, streamId, { upToPosition: clock.position ?? undefined })
    .filter((e) => knownOn(e, clock.asOf))
    .map((e) => ({
      position: e.position,
      stream_version: e.stream_version,
      type: e.type,
      recorded_at: e.recorded_at,
      occurred_at: e.occurred_at,
      actor: typeof e.metadata.actor === 'string' ? e.metadata.actor : null,
      reason: typeof e.metadata.reason === 'string' ? e.metadata.reason : null,
      data: e.data,
    }));
}

export function getEntry(db: Db, id: string, clock: Clock = {}): (EntryView & { history: HistoryItem[] }) | null {
  let entry: EntryView | null;
  if (isReplay(clock)) {
    const history = readStream(db, `entry-${id}`, { upToPosition: clock.position ?? undefined });
    const folded = fold(history, clock, 'entry-', initialEntryState, evolveEntry).get(id);
    entry = folded ? entryFromState(folded.state, folded.version) : null;
    if (entry && clock.asOf && entry.date > clock.asOf) entry = null;
  } else {
    const row = db.orm.select().from(timelineEntries).where(eq(timelineEntries.id, id)).get();
    entry = row ? entryFromRow(row) : null;
  }
  return entry ? { ...entry, history: historyOf(db, `entry-${id}`, clock) } : null;
}

// ---- claims ----

type ClaimCore = Omit<ClaimView, 'relations'>;

function claimFromState(state: ClaimState, version: number): ClaimCore | null {
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

export function listClaims(db: Db, clock: Clock = {}): ClaimView[] {
  let core: ClaimCore[];
  if (isReplay(clock)) {
    const folded = fold(eventsOfTypes(db, CLAIM_EVENT_TYPES, clock.position), clock, 'claim-', initialClaimState, evolveClaim);
    core = [...folded.values()].map(({ state, version }) => claimFromState(state, version)).filter((c): c is ClaimCore => c !== null);
  } else {
    core = db.orm
      .select()
      .from(claims)
      .orderBy(asc(claims.assertedOn))
      .all()
      .map((r) => claimFromState(claimRowToState(r), r.version)!);
  }
  const ids = new Set(core.map((c) => c.id));
  return core
    .sort((a, b) => a.asserted_on.localeCompare(b.asserted_on) || a.id.localeCompare(b.id))
    .map((c) => {
      const outgoing = c.relation && ids.has(c.relation.target) ? [{ type: c.relation.type, direction: 'outgoing' as const, claim: c.relation.target }] : [];
      const incoming = core
        .filter((o) => o.relation?.target === c.id)
        .map((o) => ({ type: o.relation!.type, direction: 'incoming' as const, claim: o.id }));
      const disputed = c.status === 'disputed' || incoming.some((r) => r.type === 'disputes');
      return { ...c, status: disputed ? 'disputed' : c.status, relations: [...outgoing, ...incoming] };
    });
}
