import { describe, expect, it } from 'vitest';
import { isAfterUsClose, mapDay0, usCloseUtcMs } from './day0';

// Real NYSE days around the cases (2025-01-20 MLK day and 2024-07-04 are holidays).
const cal = [
  '2024-07-03', '2024-07-05', '2024-07-15', '2024-07-16',
  '2024-11-01', '2024-11-04', '2024-11-05',
  '2025-01-17', '2025-01-21', '2025-01-24', '2025-01-27', '2025-01-28',
  '2025-03-07', '2025-03-10', '2025-03-11',
];

describe('US close instant', () => {
  it('is 21:00 UTC in winter (EST) and 20:00 UTC in summer (EDT)', () => {
    expect(new Date(usCloseUtcMs('2025-01-27')).toISOString()).toBe('2025-01-27T21:00:00.000Z');
    expect(new Date(usCloseUtcMs('2024-07-15')).toISOString()).toBe('2024-07-15T20:00:00.000Z');
    // DST starts 2025-03-09, ends 2024-11-03
    expect(new Date(usCloseUtcMs('2025-03-07')).toISOString()).toBe('2025-03-07T21:00:00.000Z');
    expect(new Date(usCloseUtcMs('2025-03-09')).toISOString()).toBe('2025-03-09T20:00:00.000Z');
    expect(new Date(usCloseUtcMs('2025-03-10')).toISOString()).toBe('2025-03-10T20:00:00.000Z');
    expect(new Date(usCloseUtcMs('2024-11-02')).toISOString()).toBe('2024-11-02T20:00:00.000Z');
    expect(new Date(usCloseUtcMs('2024-11-03')).toISOString()).toBe('2024-11-03T21:00:00.000Z');
    expect(isAfterUsClose('2025-01-27', '21:00')).toBe(false);
    expect(isAfterUsClose('2025-01-27', '21:01')).toBe(true);
  });
});

describe('mapDay0', () => {
  it('same day', () => {
    expect(mapDay0(cal, '2025-01-27')).toEqual({ date: '2025-01-27', index: 10, reason: 'same day' });
    expect(mapDay0(cal, '2025-01-27', null)).toEqual({ date: '2025-01-27', index: 10, reason: 'same day' });
  });

  it('weekend and holiday move to the next trading day', () => {
    expect(mapDay0(cal, '2025-01-25')).toEqual({ date: '2025-01-27', index: 10, reason: 'weekend/holiday' }); // Saturday
    expect(mapDay0(cal, '2025-01-20')).toEqual({ date: '2025-01-21', index: 8, reason: 'weekend/holiday' }); // MLK day
    expect(mapDay0(cal, '2024-07-04', '15:00')).toEqual({ date: '2024-07-05', index: 1, reason: 'weekend/holiday' });
    // A Saturday evening time does not skip Monday
    expect(mapDay0(cal, '2025-01-25', '23:00')).toEqual({ date: '2025-01-27', index: 10, reason: 'weekend/holiday' });
  });

  it('winter (EST): 21:00 UTC is the close (same day), 21:01 UTC is after close', () => {
    expect(mapDay0(cal, '2025-01-27', '21:00')).toEqual({ date: '2025-01-27', index: 10, reason: 'same day' });
    expect(mapDay0(cal, '2025-01-27', '21:01')).toEqual({ date: '2025-01-28', index: 11, reason: 'after close' });
    expect(mapDay0(cal, '2025-01-27', '20:30')).toEqual({ date: '2025-01-27', index: 10, reason: 'same day' });
    // Friday after close → Monday (next trading day strictly after)
    expect(mapDay0(cal, '2025-01-24', '22:00')).toEqual({ date: '2025-01-27', index: 10, reason: 'after close' });
  });

  it('summer (EDT): 19:59 and 20:00 UTC same day, 20:01 UTC after close', () => {
    expect(mapDay0(cal, '2024-07-15', '19:59')).toEqual({ date: '2024-07-15', index: 2, reason: 'same day' });
    expect(mapDay0(cal, '2024-07-15', '20:00')).toEqual({ date: '2024-07-15', index: 2, reason: 'same day' });
    expect(mapDay0(cal, '2024-07-15', '20:01')).toEqual({ date: '2024-07-16', index: 3, reason: 'after close' });
    // after close before a holiday skips it
    expect(mapDay0(cal, '2024-07-03', '20:01')).toEqual({ date: '2024-07-05', index: 1, reason: 'after close' });
  });

  it('DST boundaries', () => {
    // Friday 2025-03-07 still EST: 20:30 UTC is 15:30 ET
    expect(mapDay0(cal, '2025-03-07', '20:30')).toEqual({ date: '2025-03-07', index: 12, reason: 'same day' });
    expect(mapDay0(cal, '2025-03-07', '21:01')).toEqual({ date: '2025-03-10', index: 13, reason: 'after close' });
    // Monday 2025-03-10 is EDT: 20:30 UTC is 16:30 ET
    expect(mapDay0(cal, '2025-03-10', '20:30')).toEqual({ date: '2025-03-11', index: 14, reason: 'after close' });
    expect(mapDay0(cal, '2025-03-10', '20:00')).toEqual({ date: '2025-03-10', index: 13, reason: 'same day' });
    // Friday 2024-11-01 is EDT: 20:30 UTC after close; Monday 2024-11-04 is EST: 20:30 UTC before close
    expect(mapDay0(cal, '2024-11-01', '20:30')).toEqual({ date: '2024-11-04', index: 5, reason: 'after close' });
    expect(mapDay0(cal, '2024-11-04', '20:30')).toEqual({ date: '2024-11-04', index: 5, reason: 'same day' });
    expect(mapDay0(cal, '2024-11-04', '21:01')).toEqual({ date: '2024-11-05', index: 6, reason: 'after close' });
  });

  it('null with a reason outside the calendar or on invalid input', () => {
    const after = mapDay0(cal, '2025-03-12');
    expect(after.index).toBeNull();
    expect(after.reason).toBe('event date 2025-03-12 is after the last trading day available (2025-03-11)');
    const lastAfterClose = mapDay0(cal, '2025-03-11', '21:30');
    expect(lastAfterClose.date).toBeNull();
    expect(lastAfterClose.reason).toMatch(/after the US close and no later trading day/);
    const before = mapDay0(cal, '2024-01-01');
    expect(before.index).toBeNull();
    expect(before.reason).toMatch(/before the first trading day/);
    expect(mapDay0(cal, '2025-01-27', '9pm').reason).toBe('invalid time_utc "9pm" (expected HH:MM)');
    expect(mapDay0(cal, '27/01/2025').index).toBeNull();
    // `end` limits the usable calendar (asOf)
    expect(mapDay0(cal, '2025-01-27', null, 10).index).toBeNull();
  });
});
