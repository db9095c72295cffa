// Given / when / then tests of the events on the timeline: filters, order, keyboard steps, marker stats.
import { describe, expect, it } from 'vitest';
import { toTime } from './timeline';
import { filterEntries, markerStats, nextEventId, sortEntries } from './events';

const entry = (id: string, date: string, narrative = 'cheap-ai', kind = 'release') => ({ id, date, narrative, kind });

describe('filterEntries', () => {
  const entries = [entry('v3', '2024-12-26', 'cheap-ai', 'release'), entry('fall', '2025-01-27', 'market-reaction', 'market'), entry('semi', '2025-01-31', 'true-cost', 'report')];

  it('given no filters, keeps every entry', () => {
    expect(filterEntries(entries, [], []).map((e) => e.id)).toEqual(['v3', 'fall', 'semi']);
  });

  it('given a narrative filter, keeps only those narratives', () => {
    expect(filterEntries(entries, ['true-cost', 'cheap-ai'], []).map((e) => e.id)).toEqual(['v3', 'semi']);
  });

  it('given a narrative and a kind filter, keeps entries that pass both', () => {
    expect(filterEntries(entries, ['cheap-ai', 'market-reaction'], ['market']).map((e) => e.id)).toEqual(['fall']);
  });
});

describe('sortEntries', () => {
  it('orders by date, then by id on the same day, without touching its input', () => {
    const input = [entry('b', '2025-01-27'), entry('c', '2025-01-20'), entry('a', '2025-01-27')];
    expect(sortEntries(input).map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(input.map((e) => e.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('nextEventId', () => {
  const sorted = [entry('dec', '2024-12-26'), entry('jan-20', '2025-01-20'), entry('jan-27', '2025-01-27'), entry('feb', '2025-02-10')];
  const january: [number, number] = [toTime('2025-01-01'), toTime('2025-01-31')];

  it('given nothing selected, → picks the first event in view and ← the last', () => {
    expect(nextEventId(sorted, january, null, 'next')).toBe('jan-20');
    expect(nextEventId(sorted, january, null, 'previous')).toBe('jan-27');
  });

  it('given a selected event in view, steps to its neighbour in view', () => {
    expect(nextEventId(sorted, january, 'jan-20', 'next')).toBe('jan-27');
    expect(nextEventId(sorted, january, 'jan-27', 'previous')).toBe('jan-20');
  });

  it('given the last event in view, → stays on it rather than leaving the view', () => {
    expect(nextEventId(sorted, january, 'jan-27', 'next')).toBe('jan-27');
    expect(nextEventId(sorted, january, 'jan-20', 'previous')).toBe('jan-20');
  });

  it('given a selected event outside the view, starts again from the view', () => {
    expect(nextEventId(sorted, january, 'feb', 'next')).toBe('jan-20');
  });

  it('given no event in view, steps through all of them', () => {
    const march: [number, number] = [toTime('2025-03-01'), toTime('2025-03-31')];
    expect(nextEventId(sorted, march, null, 'next')).toBe('dec');
    expect(nextEventId(sorted, march, 'jan-27', 'next')).toBe('feb');
  });

  it('given no events, is null', () => {
    expect(nextEventId([], january, null, 'next')).toBeNull();
  });
});

describe('markerStats', () => {
  const window = (car: number | null, p: number | null, t: number | null = null) => ({ from: -1, to: 1, car, t, p, n: 3, cut: null, dollar_impact: null });
  const estimation = { start: '2024-07-01', end: '2025-01-10', n: 120, alpha: 0, beta: 1, sigma: 0.02, df: 118, r2: 0.5 };

  it('given impacts, maps each event to its first window\'s CAR and p', () => {
    const stats = markerStats([
      { event_id: 'fall', result: { estimation, daily: [], windows: [window(-0.17, 0.0001, -4.2), window(-0.2, 0.001)] } },
      { event_id: 'v3', result: { estimation, daily: [], windows: [window(0.01, null)] } },
    ]);
    expect(stats.get('fall')).toEqual({ car: -0.17, t: -4.2, p: 0.0001 });
    expect(stats.get('v3')).toEqual({ car: 0.01, t: null, p: null });
  });

  it('given an event without an estimate, gives it nulls rather than leaving it out', () => {
    expect(markerStats([{ event_id: 'early', result: null }]).get('early')).toEqual({ car: null, t: null, p: null });
  });
});
