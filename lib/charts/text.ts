// Text widths without a DOM, so label layout is pure, identical on the server and in the browser,
// and testable. Advance widths (in em) of DejaVu Sans, Debian's default sans-serif and the widest
// of the common UI sans fonts: with Helvetica, Arial, Roboto or Segoe UI the real text is narrower
// than the estimate, so a layout that does not overlap here does not overlap on screen.

const NORMAL: [string, number][] = [
  ["'", 0.27], ['ijl', 0.28], ['IJ', 0.29], [' ,.·’', 0.32], ['/:;\\|', 0.34], ['f', 0.35], ['-', 0.36], ['()[]t', 0.39],
  ['!', 0.4], ['r', 0.41], ['"', 0.46], ['*_`–†', 0.5], ['sz“”', 0.52], ['?', 0.53], ['c', 0.55], ['L', 0.56], ['Fk', 0.58],
  ['vxy', 0.59], ['P', 0.6], ['TYao', 0.61], ['eé', 0.62], ['ESbdghnpquσü', 0.63], ['0123456789${}√', 0.64], ['K', 0.66],
  ['AV', 0.68], ['BRXZ', 0.69], ['C', 0.7], ['U', 0.73], ['HN', 0.75], ['DG▲◆', 0.77], ['&', 0.78], ['OQ', 0.79], ['w', 0.82],
  ['#+<=>^~−×✚↑↓→≥≤±✂', 0.84], ['M', 0.86], ['●', 0.87], ['★', 0.9], ['■', 0.94], ['%', 0.95], ['m', 0.97], ['W', 0.99], ['@—…', 1],
];
const BOLD: [string, number][] = [
  ["'", 0.31], ['ijl', 0.34], [' ', 0.35], ['/IJ\\|', 0.37], [',.·’', 0.38], [':;', 0.4], ['-', 0.42], ['f', 0.44], ['!()[]', 0.46],
  ['t', 0.48], ['r', 0.49], ['_`–†', 0.5], ['"*', 0.52], ['?z', 0.58], ['c', 0.59], ['s', 0.6], ['L', 0.64], ['vxy', 0.65], ['“”', 0.66],
  ['ak√', 0.67], ['EFTeé', 0.68], ['o', 0.69], ['0123456789$', 0.7], ['hnu{}ü', 0.71], ['SYbdgpq', 0.72], ['CPZ', 0.73], ['B', 0.76],
  ['AKRVX▲◆', 0.77], ['σ', 0.78], ['U', 0.81], ['G', 0.82], ['D', 0.83], ['#+<=>HN^~−×✚↑↓→≥≤±✂', 0.84], ['OQ', 0.85], ['&●', 0.87],
  ['★', 0.9], ['w', 0.92], ['■', 0.94], ['%@M—…', 1], ['m', 1.04], ['W', 1.1],
];

function table(groups: [string, number][]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [chars, w] of groups) for (const ch of chars) m.set(ch, w);
  return m;
}
const WIDTHS = { normal: table(NORMAL), bold: table(BOLD) };

/** Width in pixels of `text` at `fontPx`, a little generous (any character not in the table counts as 1 em). */
export function textWidth(text: string, fontPx: number, weight: 'normal' | 'bold' = 'normal'): number {
  const m = WIDTHS[weight];
  let em = 0;
  for (const ch of text) em += m.get(ch) ?? 1;
  return Math.ceil(em * fontPx * 1.04);
}

/** Cut `text` to at most `maxPx` wide at a word boundary, with an ellipsis; whole when it fits. */
export function fitText(text: string, maxPx: number, fontPx: number, weight: 'normal' | 'bold' = 'normal'): string {
  if (textWidth(text, fontPx, weight) <= maxPx) return text;
  const words = text.split(' ');
  let out = '';
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (textWidth(`${next}…`, fontPx, weight) > maxPx) break;
    out = next;
  }
  if (!out) {
    // one long word: cut by characters
    for (const ch of text) {
      if (textWidth(`${out}${ch}…`, fontPx, weight) > maxPx) break;
      out += ch;
    }
  }
  return `${out.replace(/[\s,.:;(–-]+$/, '')}…`;
}
