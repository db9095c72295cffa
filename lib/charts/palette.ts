// Colours of the charts in light and dark mode, and the WCAG contrast arithmetic that keeps them
// readable: marks (lines, markers, bars) at least 3:1 against the surface they sit on, text at
// least 4.5:1. The CSS variables in app/globals.css carry the same values for HTML; canvas and
// data-driven colours (a narrative's colour comes from the ledger) are computed here. Also the
// categorical palette new narratives get their default colour from, and the check a narrative's
// colour must pass to be accepted (3:1 on the light chart backgrounds; dark mode lightens it with
// markColor). Pure.

export type Scheme = 'light' | 'dark';

export type Theme = {
  /** page background */
  bg: string;
  /** panels, the context strip */
  panel: string;
  /** the two alternating lane backgrounds */
  lane: [string, string];
  fg: string;
  muted: string;
  grid: string;
  axis: string;
  /** the selected event's rule and emphasised outlines */
  strong: string;
  /** faint rules of events without a label */
  rule: string;
  pos: string;
  neg: string;
  /** the expected-price band and its dashed line */
  band: string;
  /** volume bars (up and down days) */
  volumeUp: string;
  volumeDown: string;
};

export const THEMES: Record<Scheme, Theme> = {
  light: {
    bg: '#ffffff',
    panel: '#f6f7f9',
    lane: ['#f3f5f8', '#fafbfc'],
    fg: '#1b1f24',
    muted: '#5b6472',
    grid: '#e6e9ee',
    axis: '#8a94a3',
    strong: '#111111',
    rule: '#b8c0cc',
    pos: '#067647',
    neg: '#b42318',
    band: '#1f5fbf',
    volumeUp: '#7d8da3',
    volumeDown: '#7d8da3',
  },
  dark: {
    bg: '#0f1419',
    panel: '#161b22',
    lane: ['#1a2029', '#141920'],
    fg: '#e6edf3',
    muted: '#a3adba',
    grid: '#262d36',
    axis: '#7d8896',
    strong: '#f0f3f6',
    rule: '#4a5361',
    pos: '#3fb950',
    neg: '#ff7b72',
    band: '#6ea8fe',
    volumeUp: '#7d8896',
    volumeDown: '#7d8896',
  },
};

/** Line colours per ticker, in the order the tickers are selected. */
const TICKER_PALETTES: Record<Scheme, readonly string[]> = {
  light: ['#1f5fbf', '#c2410c', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#5f3dc4', '#a35200'],
  dark: ['#6ea8fe', '#ff8c5a', '#51cf66', '#d08bf0', '#f783ac', '#3bc9db', '#a98bff', '#ffb340'],
};

export function tickerColor(i: number, scheme: Scheme = 'light'): string {
  const p = TICKER_PALETTES[scheme];
  return p[i % p.length]!;
}

export function tickerPalette(scheme: Scheme): readonly string[] {
  return TICKER_PALETTES[scheme];
}

// ---- WCAG 2 contrast ----

const HEX = /^#[0-9a-fA-F]{6}$/;

/** True for a #rrggbb colour (the form narrative colours are stored in). */
export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

/** [r, g, b] of #rgb or #rrggbb (the # optional), or null. */
export function parseHex(hex: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  let h = m[1]!;
  if (h.length === 3) h = h.replace(/./g, (c) => c + c);
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;
}

function luminanceOf(rgb: [number, number, number]): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x relative luminance of a #rrggbb colour; throws on anything else. */
export function relativeLuminance(hex: string): number {
  if (!isHexColor(hex)) throw new TypeError(`not a #rrggbb colour: ${hex}`);
  return luminanceOf(parseHex(hex)!);
}

/** WCAG relative luminance of an sRGB colour, lenient: #rgb too, and 0 for what does not parse. */
export function luminance(hex: string): number {
  const rgb = parseHex(hex);
  return rgb ? luminanceOf(rgb) : 0;
}

/** WCAG contrast ratio, 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * `color`, mixed towards white (on a dark surface) or black (on a light one) just enough to reach
 * `min` contrast against every surface in `against`. The hue stays recognisable: a narrative keeps
 * its colour in dark mode, only lighter. Unparseable colours fall back to the theme's muted text.
 */
export function ensureContrast(color: string, against: readonly string[], min: number): string {
  const rgb = parseHex(color);
  if (!rgb || against.length === 0) return color;
  const dark = against.every((s) => luminance(s) < 0.2);
  const target: [number, number, number] = dark ? [255, 255, 255] : [0, 0, 0];
  const ok = (c: string) => against.every((s) => contrastRatio(c, s) >= min);
  if (ok(color)) return color;
  for (let step = 1; step <= 20; step++) {
    const t = step / 20;
    const mixed = toHex([rgb[0] + (target[0] - rgb[0]) * t, rgb[1] + (target[1] - rgb[1]) * t, rgb[2] + (target[2] - rgb[2]) * t]);
    if (ok(mixed)) return mixed;
  }
  return toHex(target);
}

/** A narrative's colour (from the ledger) as drawn on this scheme's lanes and price panel: ≥ 3:1. */
export function markColor(color: string, scheme: Scheme): string {
  const t = THEMES[scheme];
  return ensureContrast(color, [t.bg, t.lane[0], t.lane[1]], 3);
}

/** Black or white, whichever reads better on `color` (cluster counts on a narrative's colour). */
export function textOn(color: string): '#000000' | '#ffffff' {
  return contrastRatio('#000000', color) >= contrastRatio('#ffffff', color) ? '#000000' : '#ffffff';
}

// ---- Narrative colours: the default palette and the check on a stored colour ----

/**
 * The backgrounds a narrative's stored colour must read on: the light theme's plot (white) and the
 * darker of its two lane stripes. Dark mode takes the stored colour through markColor.
 */
export const CHART_BACKGROUNDS = ['#ffffff', '#f3f5f8'] as const;

/** WCAG's minimum contrast for graphical objects (1.4.11 Non-text Contrast). */
export const MIN_MARK_CONTRAST = 3;

/**
 * The categorical palette (12 colours, every one ≥ 3:1 on every chart background): the five
 * colours of the bundled narratives first, then hues chosen to stay apart from them (orange, teal,
 * magenta, ochre, indigo, brown, olive — ColorBrewer Dark2 and Tableau 10 hues, darkened where
 * needed to reach 3:1 on the lane stripe).
 */
export const NARRATIVE_PALETTE = [
  '#2f7ed8',
  '#c0392b',
  '#7b3fa0',
  '#1e8a5a',
  '#6b7280',
  '#d95f02',
  '#0f766e',
  '#be185d',
  '#8e6c00',
  '#4338ca',
  '#9c755f',
  '#3f6212',
] as const;

/** The lowest contrast of `color` against any chart background, and that background. */
export function worstChartContrast(color: string): { ratio: number; background: string } {
  let worst = { ratio: Infinity, background: CHART_BACKGROUNDS[0] as string };
  for (const bg of CHART_BACKGROUNDS) {
    const ratio = contrastRatio(color, bg);
    if (ratio < worst.ratio) worst = { ratio, background: bg };
  }
  return worst;
}

/** null when `color` reads on every chart background, else why not (for a 400 message). */
export function markContrastProblem(color: string): string | null {
  if (!isHexColor(color)) return 'must be a #rrggbb colour';
  const { ratio, background } = worstChartContrast(color);
  if (ratio >= MIN_MARK_CONTRAST) return null;
  return `must have at least ${MIN_MARK_CONTRAST}:1 contrast on the chart background ${background} (${color} has ${ratio.toFixed(2)}:1); pick a darker colour, or leave it out for a palette default`;
}

/**
 * The default colour of a new narrative: the first palette colour no narrative uses yet; once all
 * are taken, the least used (earliest in the palette on a tie).
 */
export function defaultNarrativeColor(used: readonly string[]): string {
  const counts = new Map<string, number>(NARRATIVE_PALETTE.map((c) => [c, 0]));
  for (const c of used) {
    const key = c.toLowerCase();
    if (counts.has(key)) counts.set(key, counts.get(key)! + 1);
  }
  let best: string = NARRATIVE_PALETTE[0];
  for (const c of NARRATIVE_PALETTE) if (counts.get(c)! < counts.get(best)!) best = c;
  return best;
}
