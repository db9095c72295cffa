import { describe, expect, it } from 'vitest';
import { CHART_BACKGROUNDS, contrastRatio, defaultNarrativeColor, markContrastProblem, MIN_MARK_CONTRAST, NARRATIVE_PALETTE, relativeLuminance } from './palette';

describe('contrast (WCAG 2.x)', () => {
  it('gives the reference values: black on white 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(relativeLuminance('#ffffff')).toBe(1);
    // #767676 is the classic "just passes 4.5:1 on white" grey.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  it('refuses a pale colour with the background it fails on, and accepts a dark one', () => {
    expect(markContrastProblem('#ffd700')).toMatch(/3:1 contrast on the chart background #f3f5f8 \(#ffd700 has 1\.\d\d:1\)/);
    expect(markContrastProblem('#1e8a5a')).toBeNull();
    expect(markContrastProblem('red')).toBe('must be a #rrggbb colour');
  });
});

describe('the narrative palette', () => {
  it('holds distinct colours that all read at 3:1 on every chart background', () => {
    expect(new Set(NARRATIVE_PALETTE).size).toBe(NARRATIVE_PALETTE.length);
    for (const c of NARRATIVE_PALETTE) for (const bg of CHART_BACKGROUNDS) expect(contrastRatio(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(MIN_MARK_CONTRAST);
  });

  it('given the five bundled narratives, when a sixth is defined without a colour, then it gets the first unused palette colour', () => {
    const seeded = ['#2f7ed8', '#c0392b', '#7b3fa0', '#1e8a5a', '#6b7280'];
    expect(defaultNarrativeColor(seeded)).toBe('#d95f02');
    expect(defaultNarrativeColor([...seeded, '#D95F02'])).toBe('#0f766e');
  });

  it('once every colour is taken, reuses the least used one', () => {
    const all = [...NARRATIVE_PALETTE, NARRATIVE_PALETTE[0], NARRATIVE_PALETTE[1]];
    expect(defaultNarrativeColor(all)).toBe(NARRATIVE_PALETTE[2]);
    expect(defaultNarrativeColor([])).toBe(NARRATIVE_PALETTE[0]);
  });
});
