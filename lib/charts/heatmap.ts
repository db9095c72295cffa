// The peer-reaction heatmap (issue 15, /heatmap): pure layout and colour. A diverging scale
// centred at 0 (red for negative CARs, blue for positive; d3's RdBu, colour-blind safe), text in
// black or white by the cell's luminance, stars from the per-event t, and a symmetric domain
// that a single extreme cell does not wash out.
import { interpolateRdBu, rgb, scaleDiverging } from 'd3';

/** Stars of the heatmap: * p < 0.05, ** p < 0.01 (the per-event t test of the cell's CAR). */
export function heatStars(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '';
  return p < 0.01 ? '**' : p < 0.05 ? '*' : '';
}

/**
 * Symmetric colour domain [−m, m]: m is the 95th percentile of |CAR| (at least 1%), so one
 * extreme day does not wash out the rest; cells beyond m take the end colour.
 */
export function heatDomain(values: readonly (number | null)[]): number {
  const abs = values.filter((v): v is number => v !== null && Number.isFinite(v)).map(Math.abs).sort((a, b) => a - b);
  if (abs.length === 0) return 0.05;
  const q = abs[Math.min(abs.length - 1, Math.floor(0.95 * (abs.length - 1)))]!;
  return Math.max(0.01, q);
}

/** Cell colour for a CAR on a domain [−m, m]: red below 0, white at 0, blue above. */
export function heatColor(car: number, m: number): string {
  // RdBu runs red → blue on [0, 1]; negative CARs map to the red half.
  const scale = scaleDiverging(interpolateRdBu).domain([-m, 0, m]).clamp(true);
  return rgb(scale(car)).formatHex();
}

/** Relative luminance (WCAG) of a #rrggbb colour. */
export function luminance(hex: string): number {
  const c = rgb(hex);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** Black or white text, whichever contrasts more with the background. */
export function textOn(hex: string): '#000000' | '#ffffff' {
  const l = luminance(hex);
  const black = (l + 0.05) / (luminance('#000000') + 0.05);
  const white = 1.05 / (l + 0.05);
  return black >= white ? '#000000' : '#ffffff';
}

/** Colour stops of the legend: n evenly spaced values from −m to m. */
export function legendStops(m: number, n = 9): { value: number; color: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const value = -m + (2 * m * i) / (n - 1);
    return { value, color: heatColor(value, m) };
  });
}

/** Move within a rows × cols grid by an arrow/Home/End key; null when the key is not a move. */
export function gridMove(key: string, row: number, col: number, rows: number, cols: number, ctrl = false): [number, number] | null {
  switch (key) {
    case 'ArrowUp':
      return [Math.max(0, row - 1), col];
    case 'ArrowDown':
      return [Math.min(rows - 1, row + 1), col];
    case 'ArrowLeft':
      return [row, Math.max(0, col - 1)];
    case 'ArrowRight':
      return [row, Math.min(cols - 1, col + 1)];
    case 'Home':
      return ctrl ? [0, 0] : [row, 0];
    case 'End':
      return ctrl ? [rows - 1, cols - 1] : [row, cols - 1];
    case 'PageUp':
      return [Math.max(0, row - 10), col];
    case 'PageDown':
      return [Math.min(rows - 1, row + 10), col];
    default:
      return null;
  }
}
