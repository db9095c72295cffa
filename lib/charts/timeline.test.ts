import { describe, expect, it } from 'vitest';
import { buildSeries, clusterMarkers, expectedBand, formatPct, nearestPoint, stars, toTime, visiblePoints } from './timeline';

const bar = (date: string, close: number) => ({ date, open: null, high: null, low: null, close, adj_close: null, volume: null });
const bars = [bar('2025-01-23', 147.22), bar('2025-01-24', 142.62), bar('2025-01-27', 118.42), bar('2025-01-28', 128.99)];

describe('timeline series', () => {
  it('plots closes with the close-to-close change in price mode', () => {
    const s = buildSeries(bars, 'NVDA', 'price', null);
    expect(s.points.map((p) => p.value)).toEqual([147.22, 142.62, 118.42, 128.99]);
    expect(s.points[2]!.change).toBeCloseTo(118.42 / 142.62 - 1, 12);
    expect(s.points[0]!.change).toBeNull();
  });

  it('rebases to 100 on the first bar on or after the anchor', () => {
    const s = buildSeries(bars, 'NVDA', 'rebased', '2025-01-25');
    expect(s.points[2]!.value).toBeCloseTo(100, 12);
    expect(s.points[3]!.value).toBeCloseTo((128.99 / 118.42) * 100, 12);
    expect(buildSeries(bars, 'NVDA', 'rebased', '2026-01-01').note).toMatch(/no NVDA price/);
  });

  it('finds the nearest point and the visible slice with one point of margin', () => {
    const { points } = buildSeries(bars, 'NVDA', 'price', null);
    expect(nearestPoint(points, toTime('2025-01-26'))).toBe(2);
    expect(nearestPoint([], 0)).toBe(-1);
    expect(visiblePoints(points, toTime('2025-01-27'), toTime('2025-01-27')).map((p) => p.date)).toEqual(['2025-01-24', '2025-01-27', '2025-01-28']);
  });
});

describe('toTime', () => {
  it('is UTC midnight of the date, as Date.parse would give', () => {
    for (const d of ['2024-02-29', '2025-01-27', '1999-12-31']) expect(toTime(d)).toBe(Date.parse(`${d}T00:00:00Z`));
  });
});

describe('marker clustering', () => {
  it('joins markers closer than the gap on the same lane only', () => {
    const clusters = clusterMarkers(
      [
        { id: 'a', x: 10, lane: 'cheap-ai' },
        { id: 'b', x: 15, lane: 'cheap-ai' },
        { id: 'c', x: 40, lane: 'cheap-ai' },
        { id: 'd', x: 12, lane: 'true-cost' },
      ],
      12,
    );
    expect(clusters.map((c) => [c.lane, c.ids])).toEqual([
      ['cheap-ai', ['a', 'b']],
      ['cheap-ai', ['c']],
      ['true-cost', ['d']],
    ]);
    expect(clusters[0]!.x).toBe(12.5);
  });
});

describe('expected-price band', () => {
  it('compounds expected returns from the close before the window and widens by 2σ√k', () => {
    const closes = new Map([
      ['2025-01-24', 100],
      ['2025-01-27', 90],
    ]);
    const band = expectedBand([{ day: 0, date: '2025-01-27', return: -0.1, expected: 0.01 }], closes, '2025-01-24', 0.02);
    expect(band).toHaveLength(2);
    expect(band[1]!.expected).toBeCloseTo(101, 10);
    expect(band[1]!.hi).toBeCloseTo(101 * 1.04, 10);
    expect(band[1]!.lo).toBeCloseTo(101 * 0.96, 10);
    expect(band[1]!.actual).toBe(90);
    expect(expectedBand([], closes, null, 0.02)).toEqual([]);
  });
});

describe('formatting', () => {
  it('formats significance and percentages', () => {
    expect([stars(0.001), stars(0.03), stars(0.07), stars(0.5), stars(null)]).toEqual(['***', '**', '*', '', '']);
    expect(formatPct(-0.1323)).toBe('−13.23%');
    expect(formatPct(null)).toBe('—');
  });
});
