import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHART_BACKGROUNDS,
  contrastRatio,
  defaultNarrativeColor,
  ensureContrast,
  markColor,
  markContrastProblem,
  MIN_MARK_CONTRAST,
  NARRATIVE_PALETTE,
  relativeLuminance,
  THEMES,
  tickerPalette,
  type Scheme,
} from './palette';

const narratives = JSON.parse(fs.readFileSync(path.join(__dirname, '../../data/seed/narratives.json'), 'utf8')) as { color: string }[];
const schemes: Scheme[] = ['light', 'dark'];

describe('contrastRatio', () => {
  it('follows WCAG 2: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f5fbf', '#1f5fbf')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe.each(schemes)('the %s theme', (scheme) => {
  const t = THEMES[scheme];
  const surfaces = [t.bg, t.panel, t.lane[0], t.lane[1]];
  it('keeps text at 4.5:1 or more on every surface', () => {
    for (const text of [t.fg, t.muted, t.pos, t.neg]) for (const s of surfaces) expect(contrastRatio(text, s), `${text} on ${s}`).toBeGreaterThanOrEqual(4.5);
  });
  it('keeps every ticker line at 3:1 or more on every surface', () => {
    for (const c of tickerPalette(scheme)) for (const s of surfaces) expect(contrastRatio(c, s), `${c} on ${s}`).toBeGreaterThanOrEqual(3);
  });
  it('keeps marks (axis, selected rule, band) at 3:1 or more on the page', () => {
    for (const c of [t.axis, t.strong, t.band]) expect(contrastRatio(c, t.bg), c).toBeGreaterThanOrEqual(3);
  });
  it("brings every seeded narrative colour to 3:1 on the lanes, keeping colours that already pass", () => {
    for (const n of narratives) {
      const c = markColor(n.color, scheme);
      for (const s of [t.bg, ...t.lane]) expect(contrastRatio(c, s), `${n.color} → ${c} on ${s}`).toBeGreaterThanOrEqual(3);
      if ([t.bg, ...t.lane].every((s) => contrastRatio(n.color, s) >= 3)) expect(c).toBe(n.color);
    }
  });
});

describe('ensureContrast', () => {
  it('lightens on dark surfaces and darkens on light ones', () => {
    const onDark = ensureContrast('#7b3fa0', ['#0f1419'], 3);
    expect(contrastRatio(onDark, '#0f1419')).toBeGreaterThanOrEqual(3);
    const onLight = ensureContrast('#ffcc00', ['#ffffff'], 3);
    expect(contrastRatio(onLight, '#ffffff')).toBeGreaterThanOrEqual(3);
  });
  it('leaves an unparseable colour alone', () => {
    expect(ensureContrast('tomato', ['#ffffff'], 3)).toBe('tomato');
  });
});

describe('the poster lines in app/dashboard.css', () => {
  it('use the same colours as the canvas lines, in both schemes', () => {
    const css = fs.readFileSync(path.join(__dirname, '../../app/dashboard.css'), 'utf8');
    const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
    const light = css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'));
    const colours = (text: string) => [...text.matchAll(/\.poster-line-(\d) \{ stroke: (#[0-9a-f]{6}); \}/g)].map((m) => [Number(m[1]), m[2]] as const);
    expect(colours(light).map(([, c]) => c)).toEqual([...tickerPalette('light')]);
    expect(colours(dark).slice(0, 8).map(([, c]) => c)).toEqual([...tickerPalette('dark')]);
  });
});

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

describe('one palette for both', () => {
  it("checks stored narrative colours against the light theme's plot and its darker lane", () => {
    expect([...CHART_BACKGROUNDS]).toEqual([THEMES.light.bg, THEMES.light.lane[0]]);
    expect(contrastRatio(THEMES.light.lane[0], '#ffffff')).toBeGreaterThan(contrastRatio(THEMES.light.lane[1], '#ffffff'));
  });

  it.each(schemes)('draws every default narrative colour at 3:1 on the %s lanes through markColor', (scheme) => {
    const t = THEMES[scheme];
    for (const c of NARRATIVE_PALETTE) for (const s of [t.bg, ...t.lane]) expect(contrastRatio(markColor(c, scheme), s), `${c} on ${s}`).toBeGreaterThanOrEqual(3);
  });
});
