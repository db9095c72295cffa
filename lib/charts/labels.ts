// Labels that must fit a fixed space (narrative names are ledger data, of any length). Pure.

/** `text` cut to at most `maxChars` characters, with an ellipsis when cut. */
export function fitLabel(text: string, maxChars: number): string {
  const chars = [...text];
  if (chars.length <= maxChars) return text;
  return `${chars.slice(0, Math.max(1, maxChars - 1)).join('').trimEnd()}…`;
}

/** Characters of an 11px bold lane label that fit the chart's left margin (about 6 px each). */
export function laneLabelChars(marginPx: number): number {
  return Math.max(4, Math.floor((marginPx - 8) / 6));
}
