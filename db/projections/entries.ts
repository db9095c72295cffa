// Projection: timeline_entries, one row per entry stream, folded with the pure evolveEntry.
import { eq } from 'drizzle-orm';
import type { DomainEvent, TimelineEntry } from '@/lib/domain/events';
import { evolveEntry, initialEntryState, type EntryState } from '@/lib/domain/timeline-entry';
import type { Db } from '../client';
import type { StoredEvent } from '../event-store';
import { timelineEntries } from '../schema';

export const ENTRY_EVENT_TYPES = new Set([
  'TimelineEntryRecorded',
  'TimelineEntryAmended',
  'SourceAttached',
  'TimelineEntryRetracted',
]);

type Row = typeof timelineEntries.$inferSelect;

/** A projection row back to the decider's state (shared with the read side). */
export function entryRowToState(row: Row | undefined): EntryState {
  if (!row) return initialEntryState;
  const entry: TimelineEntry = {
    id: row.id,
    date: row.date,
    ...(row.timeUtc ? { time_utc: row.timeUtc } : {}),
    kind: row.kind as TimelineEntry['kind'],
    title: row.title,
    summary: row.summary,
    narrative: row.narrative as TimelineEntry['narrative'],
    entities: row.entities,
    tickers: row.tickers,
    figures: row.figures as TimelineEntry['figures'],
    sources: row.sources as TimelineEntry['sources'],
    ...(row.confidence ? { confidence: row.confidence as TimelineEntry['confidence'] } : {}),
  };
  return { status: row.status as 'active' | 'retracted', entry };
}

export function applyEntryEvent(db: Db, stored: StoredEvent): void {
  const id = stored.stream_id.replace(/^entry-/, '');
  const row = db.orm.select().from(timelineEntries).where(eq(timelineEntries.id, id)).get();
  const state = evolveEntry(entryRowToState(row), { type: stored.type, data: stored.data } as DomainEvent);
  if (state.status === 'none') return;
  const e = state.entry;
  const values = {
    id,
    date: e.date,
    timeUtc: e.time_utc ?? null,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    narrative: e.narrative,
    entities: e.entities,
    tickers: e.tickers,
    figures: e.figures,
    sources: e.sources,
    confidence: e.confidence ?? null,
    status: state.status,
    version: stored.stream_version,
    recordedAt: row?.recordedAt ?? stored.recorded_at,
    lastPosition: stored.position,
  };
  db.orm.insert(timelineEntries).values(values).onConflictDoUpdate({ target: timelineEntries.id, set: values }).run();
}
