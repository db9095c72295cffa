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

export const STAMP_FONT = 12;
export const STAMP_TITLE_FONT = 14;
export const STAMP_LINE_GAP = 5;
export const STAMP_PADDING = 12;
/** Average glyph width of the sans-serif stamp font, as a share of its size (for wrapping). */
const GLYPH = 0.56;

/** Words of `text` in lines of at most `chars` characters (a longer word is cut). */
export function wrap(text: string, chars: number): string[] {
  const max = Math.max(10, Math.floor(chars));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > max) {
      if (line) lines.push(line);
      lines.push(w.slice(0, max));
      w = w.slice(max);
      line = '';
    }
    if (!w) continue;
    if (!line) line = w;
    else if (line.length + 1 + w.length <= max) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The stamp's text lines for an image `width` px wide. */
export function stampLines(stamp: ChartStamp, width: number): StampLine[] {
  const chars = (size: number) => (width - 2 * STAMP_PADDING) / (size * GLYPH);
  const range = stamp.from && stamp.to ? `${stamp.from} to ${stamp.to}` : stamp.from ? `from ${stamp.from}` : stamp.to ? `to ${stamp.to}` : 'all dates';
  const clock = [
    stamp.asOf ? `as known on ${stamp.asOf}` : null,
    stamp.position !== null ? `ledger position ${stamp.position}${stamp.replay ? ' (replay)' : ''}` : null,
  ].filter(Boolean);
  const facts = [range, ...clock, stamp.paramsHash ? `params ${stamp.paramsHash.slice(0, 12)}` : null].filter(Boolean).join(' · ');
  const out: StampLine[] = [];
  for (const t of wrap(`Impactline — ${stamp.title}`, chars(STAMP_TITLE_FONT))) out.push({ text: t, weight: 'bold', size: STAMP_TITLE_FONT });
  for (const t of wrap(facts, chars(STAMP_FONT))) out.push({ text: t, weight: 'normal', size: STAMP_FONT });
  const sources = stamp.sources.length > 0 ? stamp.sources.join('; ') : 'not recorded';
  for (const t of wrap(`Sources: ${sources}`, chars(STAMP_FONT))) out.push({ text: t, weight: 'normal', size: STAMP_FONT });
  return out;
}

/** Legend items laid out in rows: x offset and row of each, for an image `width` px wide. */
export function legendLayout(items: ChartStamp['legend'], width: number): { x: number; row: number; label: string; color: string }[] {
  const out: { x: number; row: number; label: string; color: string }[] = [];
  let x = STAMP_PADDING;
  let row = 0;
  for (const item of items) {
    const w = 16 + item.label.length * STAMP_FONT * GLYPH + 14;
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
export function stampHeight(stamp: ChartStamp, width: number): number {
  const lines = stampLines(stamp, width);
  const legendRows = stamp.legend.length > 0 ? Math.max(...legendLayout(stamp.legend, width).map((l) => l.row)) + 1 : 0;
  const text = lines.reduce((h, l) => h + l.size + STAMP_LINE_GAP, 0);
  return STAMP_PADDING * 2 + text + legendRows * (STAMP_FONT + STAMP_LINE_GAP + 2);
}

/** `impactline-<chart>[_<from>_<to>][_asof-<date>][_pos-<N>].<ext>`, as the CSV exports are named. */
export function imageFilename(chart: string, parts: FilenameParts, ext: 'png' | 'svg'): string {
  return `${filenameStem(chart, parts)}.${ext}`;
}
