// The timeline's page cursor: the sort key (date, time_utc, id) of the last entry of a page,
// as an opaque URL-safe string. The next page holds the entries that sort after it, so an entry
// recorded or amended between two requests neither repeats nor shifts the pages already read.
import { z } from 'zod';
import { isoDate, timeUtc } from '@/lib/domain/schemas';
import { compareEntries } from '@/lib/mappings/entry';
import type { EntryView } from './read';

export type TimelineCursor = Pick<EntryView, 'date' | 'time_utc' | 'id'>;

const keySchema = z.tuple([isoDate, timeUtc.nullable(), z.string().min(1).max(200)]);

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function encodeTimelineCursor(e: TimelineCursor): string {
  return toBase64Url(JSON.stringify([e.date, e.time_utc, e.id]));
}

/** The key a cursor holds, or null when the text is not a cursor this API made. */
export function decodeTimelineCursor(text: string): TimelineCursor | null {
  const json = fromBase64Url(text);
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = keySchema.safeParse(raw);
  if (!parsed.success) return null;
  const [date, time_utc, id] = parsed.data;
  return { date, time_utc, id };
}

/**
 * One page of entries already in timeline order (compareEntries): those after `after` (all when
 * null), at most `limit`, and the cursor of the next page (null when this page is the last).
 */
export function timelinePage(sorted: readonly EntryView[], after: TimelineCursor | null, limit: number): { entries: EntryView[]; next_cursor: string | null } {
  let start = 0;
  if (after) {
    // the first entry that sorts after the cursor (binary search)
    let hi = sorted.length;
    while (start < hi) {
      const mid = (start + hi) >>> 1;
      if (compareEntries(sorted[mid]!, after) <= 0) start = mid + 1;
      else hi = mid;
    }
  }
  const entries = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return { entries, next_cursor: more ? encodeTimelineCursor(entries[entries.length - 1]!) : null };
}
