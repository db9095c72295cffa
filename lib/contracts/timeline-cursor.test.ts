// The timeline cursor: an opaque round-trip of the sort key, and pages in timeline order.
import { describe, expect, it } from 'vitest';
import type { EntryView } from './read';
import { decodeTimelineCursor, encodeTimelineCursor, timelinePage } from './timeline-cursor';

const entry = (id: string, date: string, time_utc: string | null = null) => ({ id, date, time_utc }) as EntryView;

describe('timeline cursor', () => {
  it('round-trips the key, including non-ASCII ids, as URL-safe text', () => {
    for (const key of [
      { date: '2025-01-27', time_utc: null, id: 'nvda-record-one-day-loss' },
      { date: '2025-01-20', time_utc: '14:30', id: 'r1-release' },
      { date: '2024-12-26', time_utc: null, id: 'déjà-vu-ü-€' },
    ]) {
      const text = encodeTimelineCursor(key);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeTimelineCursor(text)).toEqual(key);
    }
  });

  it('refuses text that is not a cursor', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of ['', 'a+b', '%%%', b64('{}'), b64('[1,2,3]'), b64('["2025-13-01",null,"x"]'), b64('["2025-01-01","25:00","x"]'), b64('["2025-01-01",null,""]'), b64('not json'), '_w']) {
      expect(decodeTimelineCursor(bad), bad).toBeNull();
    }
  });

  it('given sorted entries, then pages follow each other with no repeat and no gap', () => {
    const sorted = [entry('a', '2025-01-01'), entry('b', '2025-01-01', '10:00'), entry('c', '2025-01-02'), entry('d', '2025-01-03'), entry('e', '2025-01-03')];
    const p1 = timelinePage(sorted, null, 2);
    expect(p1.entries.map((e) => e.id)).toEqual(['a', 'b']);
    const p2 = timelinePage(sorted, decodeTimelineCursor(p1.next_cursor!), 2);
    expect(p2.entries.map((e) => e.id)).toEqual(['c', 'd']);
    const p3 = timelinePage(sorted, decodeTimelineCursor(p2.next_cursor!), 2);
    expect(p3).toEqual({ entries: [sorted[4]], next_cursor: null });
  });

  it('given a cursor whose entry is gone, then the page starts at the next entry in order', () => {
    const sorted = [entry('a', '2025-01-01'), entry('c', '2025-01-02'), entry('d', '2025-01-03')];
    expect(timelinePage(sorted, { date: '2025-01-01', time_utc: '12:00', id: 'b' }, 10).entries.map((e) => e.id)).toEqual(['c', 'd']);
    expect(timelinePage(sorted, { date: '2026-01-01', time_utc: null, id: 'z' }, 10)).toEqual({ entries: [], next_cursor: null });
  });
});
