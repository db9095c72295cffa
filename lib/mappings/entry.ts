// The one mapping of a timeline entry: decider state → the read shape (EntryView) → a CSV
// record. Projections, replays, the JSON routes and the CSV export all go through here.
import type { EntryView } from '@/lib/contracts/read';
import type { EntryState } from '@/lib/domain/timeline-entry';
import type { Figure } from '@/lib/domain/schemas';
import { formatNumber, type ExportRecord } from '@/lib/csv/cells';

/** The read shape of an entry at a stream version, or null when it was never recorded. */
export function entryView(state: EntryState, version: number): EntryView | null {
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

/** Timeline order: date, then time of day (untimed first), then id. */
export function compareEntries(a: Pick<EntryView, 'date' | 'time_utc' | 'id'>, b: Pick<EntryView, 'date' | 'time_utc' | 'id'>): number {
  return a.date.localeCompare(b.date) || (a.time_utc ?? '').localeCompare(b.time_utc ?? '') || a.id.localeCompare(b.id);
}

/** "label: value unit" (value_text when the source gives the figure only in words). */
export function formatFigure(f: Figure): string {
  const value = f.value !== null ? formatNumber(f.value) : (f.value_text ?? '');
  const body = [value, f.unit].filter((s) => s !== '').join(' ');
  return f.label ? `${f.label}: ${body}` : body;
}

export function timelineRecord(e: EntryView): ExportRecord {
  return {
    id: e.id,
    date: e.date,
    time_utc: e.time_utc,
    kind: e.kind,
    narrative: e.narrative,
    title: e.title,
    summary: e.summary,
    tickers: e.tickers,
    entities: e.entities,
    figures: e.figures.map(formatFigure),
    source_urls: e.sources.map((s) => s.url),
    status: e.status,
    version: e.version,
    ...sourceColumns(e.sources),
  };
}

/** The sources as parallel lists (empty when no source has the field), as the CSV import reads them back. */
export function sourceColumns(sources: readonly EntryView['sources'][number][]): ExportRecord {
  const list = (values: string[]) => (values.some((v) => v !== '') ? values : []);
  return {
    source_title: sources.map((s) => s.title),
    source_url: sources.map((s) => s.url),
    source_publisher: list(sources.map((s) => s.publisher ?? '')),
    source_published: list(sources.map((s) => s.published ?? '')),
  };
}
