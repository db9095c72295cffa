import { describe, expect, it } from 'vitest';
import { carBand, claimsKnownOn, relatedEvents } from './event-brief';

describe('carBand', () => {
  it('widens with the square root of the days: 1.96σ√n', () => {
    expect(carBand(0.02, 1)).toBeCloseTo(0.0392, 10);
    expect(carBand(0.02, 4)).toBeCloseTo(0.0784, 10);
    expect(carBand(0.02, 0)).toBe(0);
  });
});

describe('relatedEvents', () => {
  const calendar = ['2025-01-21', '2025-01-22', '2025-01-23', '2025-01-24', '2025-01-27', '2025-01-28', '2025-01-29'];
  const fall = { id: 'fall', date: '2025-01-27', narrative: 'market-reaction' };
  const entries = [
    fall,
    { id: 'rebound', date: '2025-01-28', narrative: 'market-reaction' },
    { id: 'sunday', date: '2025-01-26', narrative: 'market-reaction' },
    { id: 'early', date: '2025-01-21', narrative: 'market-reaction' },
    { id: 'other', date: '2025-01-27', narrative: 'cheap-ai' },
  ];
  it('given ±2 trading days, keeps the same narrative inside the window, in date order, without the event', () => {
    expect(relatedEvents(entries, fall, calendar, 2).map((e) => e.id)).toEqual(['sunday', 'rebound']);
  });
  it('given no calendar, finds none rather than guessing trading days', () => {
    expect(relatedEvents(entries, fall, [], 10)).toEqual([]);
  });
});

describe('claimsKnownOn', () => {
  it('keeps the claims asserted by that day, oldest first', () => {
    const claims = [{ asserted_on: '2025-01-31' }, { asserted_on: '2024-12-27' }, { asserted_on: '2025-01-27' }];
    expect(claimsKnownOn(claims, '2025-01-27')).toEqual([{ asserted_on: '2024-12-27' }, { asserted_on: '2025-01-27' }]);
  });
});
