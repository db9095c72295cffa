import { describe, expect, it } from 'vitest';
import { posterPaths, valueScale } from './scales';
import { toTime } from './timeline';

const series = (ticker: string, values: number[]) => ({ ticker, note: null, points: values.map((value, i) => ({ date: `2025-01-${String(i + 1).padStart(2, '0')}`, t: toTime(`2025-01-${String(i + 1).padStart(2, '0')}`), value, change: null })) });

describe('valueScale', () => {
  const s = [series('A', [100, 110, 90, 95]), series('B', [100, 101, 102, 103])];
  it('spans the values in view with headroom, niced', () => {
    const y = valueScale(s, [toTime('2025-01-01'), toTime('2025-01-04')], 300);
    const [lo, hi] = y.domain();
    expect(lo).toBeLessThanOrEqual(90);
    expect(hi).toBeGreaterThanOrEqual(110);
    expect(y(lo!)).toBe(300);
  });
  it('only counts the days in view', () => {
    const y = valueScale(s, [toTime('2025-01-03'), toTime('2025-01-04')], 300);
    expect(y.domain()[1]).toBeLessThan(110);
  });
  it('keeps a band at the top free of lines when asked (room for labels)', () => {
    const y = valueScale(s, [toTime('2025-01-01'), toTime('2025-01-04')], 300, { reserveTop: 36 });
    expect(y(110)).toBeGreaterThanOrEqual(36);
  });
  it('includes zero for CAR lines', () => {
    expect(valueScale([series('A', [5, 6])], [toTime('2025-01-01'), toTime('2025-01-02')], 100, { zeroLine: true }).domain()[0]).toBeLessThanOrEqual(0);
  });
});

describe('posterPaths', () => {
  it('draws each line in the box on the chart’s own scale, one path per series', () => {
    const s = [series('A', [100, 110, 90, 95]), series('B', [100, 101, 102, 103])];
    const domain: [number, number] = [toTime('2025-01-01'), toTime('2025-01-04')];
    const paths = posterPaths(s, domain, 300, { width: 600 });
    expect(paths).toHaveLength(2);
    const y = valueScale(s, domain, 300);
    // first point of A at x 0, its y on the shared scale; then relative steps to the right edge
    expect(paths[0]!.startsWith(`M0,${Math.round(y(100))}`)).toBe(true);
    const end = [...paths[0]!.matchAll(/[Ml](-?\d+),(-?\d+)/g)].reduce((p, m) => [p[0]! + Number(m[1]), p[1]! + Number(m[2])], [0, 0]);
    expect(end).toEqual([600, Math.round(y(95))]);
  });
  it('keeps a column’s lowest and highest point, whatever the series’ length', () => {
    const many = series('A', Array.from({ length: 28 }, (_, i) => (i === 13 ? 150 : 100 + (i % 3))));
    const domain: [number, number] = [many.points[0]!.t, many.points[27]!.t];
    const d = posterPaths([many], domain, 300, { width: 10 })[0]!;
    const steps = [...d.matchAll(/[Ml](-?\d+),(-?\d+)/g)];
    expect(steps.length).toBeLessThanOrEqual(2 * 11);
    const y = valueScale([many], domain, 300);
    let cy = 0;
    const ys = steps.map((m, i) => (cy = i === 0 ? Number(m[2]) : cy + Number(m[2])));
    expect(Math.min(...ys)).toBe(Math.round(y(150))); // the spike survives
  });
  it('gives an empty path for a series with nothing in view', () => {
    expect(posterPaths([series('A', [])], [0, 1], 100)).toEqual(['']);
  });
});
