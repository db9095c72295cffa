import { describe, expect, it } from 'vitest';
import { scatterLayout } from './scatter';

describe('scatterLayout', () => {
  const points = [
    { id: 'a', x: Math.log10(5.576e6), y: -0.0895 },
    { id: 'b', x: Math.log10(1.6e9), y: 0.02 },
  ];
  it('x spans whole powers of ten around the points, labelled in dollars; y is symmetric around 0', () => {
    const l = scatterLayout(points, null, 400, 240);
    expect(l.xTicks.map((t) => t.label)).toEqual(['$1M', '$10M', '$100M', '$1B', '$10B']);
    expect(l.xTicks[0]!.x).toBe(52);
    expect(l.xTicks.at(-1)!.x).toBe(384);
    expect(l.zeroY).toBeCloseTo((26 + 206) / 2, 6);
    expect(l.yTicks.some((t) => t.label === '+0%' || t.label === '0%')).toBe(true);
    expect(l.points[0]!.cy).toBeGreaterThan(l.zeroY); // negative CAR below the zero line
    expect(l.fit).toBeNull();
  });
  it('the fit line goes through a + b·x at both ends', () => {
    const l = scatterLayout(points, { intercept: 0.1, slope: -0.01 }, 400, 240);
    expect(l.fit!.x1).toBe(52);
    expect(l.fit!.y1).toBeLessThan(l.fit!.y2 + 1000);
    const l2 = scatterLayout(points, { intercept: 0, slope: 0 }, 400, 240);
    expect(l2.fit!.y1).toBeCloseTo(l2.zeroY, 9);
    expect(l2.fit!.y2).toBeCloseTo(l2.zeroY, 9);
  });
});
