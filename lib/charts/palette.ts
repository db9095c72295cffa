// Colours that must stay readable on the charts: WCAG 2.x relative luminance and contrast ratio,
// the chart backgrounds a mark is drawn on, and the categorical palette new narratives get their
// default colour from. Pure.

/** The backgrounds narrative marks sit on: the plot (white) and the darker of the two lane stripes. */
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

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(value: string): boolean {
  return HEX.test(value);
}

/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  if (!isHexColor(hex)) throw new TypeError(`not a #rrggbb colour: ${hex}`);
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

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
