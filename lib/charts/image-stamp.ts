// The footer stamp of a chart image (issue 17): what the image shows and where its numbers come
// from — title, date range, as-of date or ledger position, params hash, "Impactline" and the
// sources — laid out as lines that fit the image's width, and the file name (the CSV export's
// pattern). Pure; components/chart-image draws the lines.
import { filenameStem, type FilenameParts } from '@/lib/csv/export-url';

export type ChartStamp = {
  title: string;
  from: string | null;
  to: string | null;
  asOf: string | null;
  /** The ledger position the chart reflects. */
  position: number | null;
  /** True when the view replays the ledger (a position asked for), false when it is the latest. */
  replay: boolean;
  paramsHash: string | null;
  sources: string[];
  /** Colour keys the chart needs to be read (tickers, narratives). */
  legend: { label: string; color: string }[];
};

export type StampLine = { text: string; weight: 'bold' | 'normal'; size: number };

/** Width in px of `text` at a font size and weight (the browser measures; tests estimate). */
export type Measure = (text: string, size: number, weight: 'bold' | 'normal') => number;

export const STAMP_FONT = 12;
export const STAMP_TITLE_FONT = 14;
export const STAMP_LINE_GAP = 5;
export const STAMP_PADDING = 12;

/** A generous estimate of sans-serif glyph widths (DejaVu Sans is among the widest). */
export const estimateWidth: Measure = (text, size, weight) => [...text].length * size * (weight === 'bold' ? 0.68 : 0.62);

/** Words of `text` in lines no wider than `max` px (a longer word is cut). */
export function wrap(text: string, max: number, width: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = (l: string) => l && lines.push(l);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (width(w) > max && [...w].length > 1) {
      // Cut the word where it stops fitting.
      const chars = [...w];
      let n = chars.length - 1;
      while (n > 1 && width(chars.slice(0, n).join('')) > max) n--;
      push(line);
      line = '';
      lines.push(chars.slice(0, n).join(''));
      w = chars.slice(n).join('');
    }
    if (!line) line = w;
    else if (width(`${line} ${w}`) <= max) line = `${line} ${w}`;
    else {
      push(line);
      line = w;
    }
  }
  push(line);
  return lines;
}

/** The stamp's text lines for an image `width` px wide. */
export function stampLines(stamp: ChartStamp, width: number, measure: Measure = estimateWidth): StampLine[] {
  const max = width - 2 * STAMP_PADDING;
  const range = stamp.from && stamp.to ? `${stamp.from} to ${stamp.to}` : stamp.from ? `from ${stamp.from}` : stamp.to ? `to ${stamp.to}` : 'all dates';
  const clock = [
    stamp.asOf ? `as known on ${stamp.asOf}` : null,
    stamp.position !== null ? `ledger position ${stamp.position}${stamp.replay ? ' (replay)' : ''}` : null,
  ].filter(Boolean);
  const facts = [range, ...clock, stamp.paramsHash ? `params ${stamp.paramsHash.slice(0, 12)}` : null].filter(Boolean).join(' · ');
  const sources = stamp.sources.length > 0 ? stamp.sources.join('; ') : 'not recorded';
  const lines = (text: string, size: number, weight: 'bold' | 'normal'): StampLine[] =>
    wrap(text, max, (t) => measure(t, size, weight)).map((t) => ({ text: t, weight, size }));
  return [
    ...lines(`Impactline — ${stamp.title}`, STAMP_TITLE_FONT, 'bold'),
    ...lines(facts, STAMP_FONT, 'normal'),
    ...lines(`Sources: ${sources}`, STAMP_FONT, 'normal'),
  ];
}

/** Legend items laid out in rows: x offset and row of each, for an image `width` px wide. */
export function legendLayout(items: ChartStamp['legend'], width: number, measure: Measure = estimateWidth): { x: number; row: number; label: string; color: string }[] {
  const out: { x: number; row: number; label: string; color: string }[] = [];
  let x = STAMP_PADDING;
  let row = 0;
  for (const item of items) {
    const w = 16 + measure(item.label, STAMP_FONT, 'normal') + 14;
    if (x + w > width - STAMP_PADDING && x > STAMP_PADDING) {
      row++;
      x = STAMP_PADDING;
    }
    out.push({ x, row, ...item });
    x += w;
  }
  return out;
}

/** The footer's height in px: padding, text lines, legend rows. */
export function stampHeight(stamp: ChartStamp, width: number, measure: Measure = estimateWidth): number {
  const lines = stampLines(stamp, width, measure);
  const legendRows = stamp.legend.length > 0 ? Math.max(...legendLayout(stamp.legend, width, measure).map((l) => l.row)) + 1 : 0;
  const text = lines.reduce((h, l) => h + l.size + STAMP_LINE_GAP, 0);
  return STAMP_PADDING * 2 + text + legendRows * (STAMP_FONT + STAMP_LINE_GAP + 2);
}

/** `impactline-<chart>[_<from>_<to>][_asof-<date>][_pos-<N>].<ext>`, as the CSV exports are named. */
export function imageFilename(chart: string, parts: FilenameParts, ext: 'png' | 'svg'): string {
  return `${filenameStem(chart, parts)}.${ext}`;
}
