import { describe, expect, it } from 'vitest';
import { gridMove, heatColor, heatDomain, heatStars, legendStops, luminance, textOn } from './heatmap';

describe('heatmap colour', () => {
  it('is diverging and centred at 0: white-ish at 0, red below, blue above, clamped beyond the domain', () => {
    const zero = heatColor(0, 0.1);
    expect(luminance(zero)).toBeGreaterThan(0.85);
    const [neg, pos] = [heatColor(-0.1, 0.1), heatColor(0.1, 0.1)];
    expect(parseInt(neg.slice(1, 3), 16)).toBeGreaterThan(parseInt(neg.slice(5, 7), 16)); // more red than blue
    expect(parseInt(pos.slice(5, 7), 16)).toBeGreaterThan(parseInt(pos.slice(1, 3), 16)); // more blue than red
    expect(heatColor(-0.5, 0.1)).toBe(neg);
    expect(heatColor(0.5, 0.1)).toBe(pos);
  });

  it('text colour keeps a WCAG AA contrast (4.5:1) on every colour of the scale', () => {
    for (const { color } of legendStops(0.1, 41)) {
      const text = textOn(color);
      const [a, b] = [luminance(color), luminance(text)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      expect(ratio, `${text} on ${color}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('the domain is the 95th percentile of |CAR|, at least 1%', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i % 2 ? 1 : -1) * (i / 1000));
    expect(heatDomain([...values, 0.9, null])).toBeCloseTo(0.095, 12);
    expect(heatDomain([0.001, null])).toBe(0.01);
    expect(heatDomain([])).toBe(0.05);
  });

  it('stars: * p < 0.05, ** p < 0.01', () => {
    expect([heatStars(0.2), heatStars(0.04), heatStars(0.009), heatStars(null)]).toEqual(['', '*', '**', '']);
  });
});

describe('grid keys', () => {
  it('arrows move one cell within bounds, Home/End along the row (with Ctrl: the corners), PageUp/Down 10 rows', () => {
    expect(gridMove('ArrowRight', 0, 0, 3, 4)).toEqual([0, 1]);
    expect(gridMove('ArrowLeft', 0, 0, 3, 4)).toEqual([0, 0]);
    expect(gridMove('ArrowDown', 2, 1, 3, 4)).toEqual([2, 1]);
    expect(gridMove('End', 1, 1, 3, 4)).toEqual([1, 3]);
    expect(gridMove('Home', 1, 2, 3, 4, true)).toEqual([0, 0]);
    expect(gridMove('PageDown', 1, 2, 30, 4)).toEqual([11, 2]);
    expect(gridMove('a', 1, 2, 3, 4)).toBeNull();
  });
});
