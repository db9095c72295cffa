// The events drawn on the timeline: which pass the view's filters, their reading order, the
// keyboard's step from one to the next, and the CAR and p-value each marker shows.
import type { ImpactResult } from '@/lib/contracts/read';
import { inDomain, type Domain } from './domain';

export type MarkerStat = { car: number | null; t: number | null; p: number | null };

type Filterable = { narrative: string; kind: string };
type Orderable = { id: string; date: string };

/** Entries whose narrative and kind pass the filters; an empty filter lets everything through. */
export function filterEntries<E extends Filterable>(entries: readonly E[], narratives: readonly string[], kinds: readonly string[]): E[] {
  return entries.filter((e) => (narratives.length === 0 || narratives.includes(e.narrative)) && (kinds.length === 0 || kinds.includes(e.kind)));
}

/** By date, then id: a stable order for same-day events. */
export function sortEntries<E extends Orderable>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/**
 * The event an arrow key moves to. It steps through the events in view (all of them when none
 * is), stops at either end, and starts at the first (→) or last (←) when none is selected or
 * the selected one is not in the list. Null when there are no events.
 */
export function nextEventId(sorted: readonly Orderable[], domain: Domain, selectedId: string | null, direction: 'next' | 'previous'): string | null {
  if (sorted.length === 0) return null;
  const inView = sorted.filter((e) => inDomain(e.date, domain));
  const list = inView.length ? inView : sorted;
  const current = list.findIndex((e) => e.id === selectedId);
  const step = direction === 'next' ? 1 : -1;
  const next = current < 0 ? (direction === 'next' ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, current + step));
  return list[next]!.id;
}

/** Per event, the first window's CAR, t and p of the marker study (null where there is no estimate). */
export function markerStats(results: readonly Pick<ImpactResult, 'event_id' | 'result'>[]): Map<string, MarkerStat> {
  const map = new Map<string, MarkerStat>();
  for (const r of results) {
    const w = r.result?.windows[0];
    map.set(r.event_id, { car: w?.car ?? null, t: w?.t ?? null, p: w?.p ?? null });
  }
  return map;
}
