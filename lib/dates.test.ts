import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from './dates';

describe('dates', () => {
  it('counts whole days between ISO dates', () => {
    expect(daysBetween('2024-12-27', '2025-01-27')).toBe(31);
    expect(daysBetween('2025-01-27', '2024-12-27')).toBe(-31);
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('adds months, clamping to the last day of the month', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-06-30', -12)).toBe('2024-06-30');
  });
});
