import { describe, expect, it } from 'vitest';
import { boxHitsLines, decimateIndices, lineColumns } from './decimate';

const DAY = 86_400_000;
const series = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => ({ t: i * DAY, value: f(i) }));

describe('decimateIndices', () => {
  it('given fewer points than pixel columns, keeps every point in view plus one each side', () => {
    const pts = series(10, (i) => i);
    const x = (t: number) => (t / DAY) * 50; // 50 px per day
    expect(decimateIndices(pts, 2 * DAY, 5 * DAY, x)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('given 2,520 points on 100 px, keeps at most four per column and every column extreme', () => {
    const pts = series(2520, (i) => Math.sin(i / 7) * 100 + (i === 1234 ? 500 : 0));
    const x = (t: number) => (t / (2519 * DAY)) * 100;
    const idx = decimateIndices(pts, 0, 2519 * DAY, x);
    expect(idx.length).toBeLessThanOrEqual(4 * 101);
    expect(idx).toContain(1234); // the spike survives
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(2519);
    // in order, no repeats
    for (let i = 1; i < idx.length; i++) expect(idx[i]!).toBeGreaterThan(idx[i - 1]!);
    // per column: the drawn min and max equal the true ones
    const cols = new Map<number, number[]>();
    pts.forEach((p, i) => cols.set(Math.floor(x(p.t)), [...(cols.get(Math.floor(x(p.t))) ?? []), i]));
    for (const [c, members] of cols) {
      const kept = idx.filter((i) => Math.floor(x(pts[i]!.t)) === c).map((i) => pts[i]!.value);
      const all = members.map((i) => pts[i]!.value);
      expect(Math.min(...kept)).toBe(Math.min(...all));
      expect(Math.max(...kept)).toBe(Math.max(...all));
    }
  });
  it('given an empty range, returns nothing', () => {
    expect(decimateIndices([], 0, 1, (t) => t)).toEqual([]);
  });
});

describe('lineColumns and boxHitsLines', () => {
  const cols = lineColumns([{ xs: [0, 10, 20], ys: [50, 50, 90] }], 30);
  it('fills the columns a segment crosses with its y range there', () => {
    expect(cols.top[5]).toBe(50);
    expect(cols.bottom[19]).toBeGreaterThan(85);
    expect(Number.isNaN(cols.top[25]!)).toBe(true);
  });
  it('given a box clear of every line, says so; touching one, says that', () => {
    expect(boxHitsLines(cols, { x0: 0, y0: 10, x1: 18, y1: 40 })).toBe(false);
    expect(boxHitsLines(cols, { x0: 0, y0: 40, x1: 8, y1: 49 })).toBe(true); // within the 2 px clearance
    expect(boxHitsLines(cols, { x0: 23, y0: 0, x1: 29, y1: 100 })).toBe(false); // past the line's end
    expect(boxHitsLines(cols, { x0: 14, y0: 60, x1: 18, y1: 80 })).toBe(true); // the steep part
  });
});
