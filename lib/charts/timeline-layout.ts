// The timeline chart's panels from top to bottom, in pixels: price lines, volume bars (when
// shown), the time axis, one lane per narrative, a second time axis, the on-chart legend and the
// context strip with its brush. Pure, so the component, the tests and the label layout agree.

export type TimelineLayout = {
  width: number;
  height: number;
  narrow: boolean;
  margin: { left: number; right: number; top: number };
  innerW: number;
  /** `labelBand`: pixels at the top of the price panel kept free of lines, for headline labels. */
  price: { top: number; height: number; labelBand: number };
  volume: { top: number; height: number } | null;
  /** y of the time axis under the price (and volume) panel */
  axisY: number;
  lanes: { top: number; height: number; laneH: number };
  lanesAxisY: number;
  legend: { top: number; height: number };
  context: { top: number; height: number };
  /** Marker glyph area (d3 symbol size, px²) and the radius of its hit target. */
  marker: { size: number; hitR: number; ringR: number; clusterR: number; gap: number };
  /** The CAR bar beside each marker: `refPx` tall for a CAR of `refCar`, never more than `maxPx`. */
  carBar: { refCar: number; refPx: number; maxPx: number };
};

const AXIS_H = 22;
const GAP = 10;

export function timelineLayout(opts: { width: number; narrow: boolean; lanes: number; volume: boolean; legendRows?: number }): TimelineLayout {
  const { width, narrow } = opts;
  const margin = { left: narrow ? 78 : 118, right: narrow ? 12 : 20, top: 10 };
  const innerW = Math.max(120, width - margin.left - margin.right);
  const priceH = narrow ? 230 : 300;
  const volumeH = narrow ? 40 : 52;
  const laneH = narrow ? 36 : 34;
  const price = { top: 0, height: priceH, labelBand: 38 };
  const volume = opts.volume ? { top: priceH + 6, height: volumeH } : null;
  const axisY = volume ? volume.top + volume.height : priceH;
  const lanesTop = axisY + AXIS_H + GAP;
  const lanesH = opts.lanes * laneH;
  const lanesAxisY = lanesTop + lanesH;
  const legendRows = opts.legendRows ?? (narrow ? 3 : 1);
  const legend = { top: lanesAxisY + AXIS_H + 4, height: legendRows * 18 + 4 };
  const context = { top: legend.top + legend.height + 6, height: narrow ? 36 : 44 };
  const height = margin.top + context.top + context.height + AXIS_H;
  return {
    width,
    height,
    narrow,
    margin,
    innerW,
    price,
    volume,
    axisY,
    lanes: { top: lanesTop, height: lanesH, laneH },
    lanesAxisY,
    legend,
    context,
    // A 13–14 px glyph (≥ 12 px), a 24 px touch target on phones.
    // Markers closer than `gap` join a cluster: never closer than their glyphs, bars and targets.
    marker: { size: 150, hitR: narrow ? 12 : 9, ringR: 10.5, clusterR: narrow ? 11 : 9.5, gap: narrow ? 24 : 20 },
    carBar: { refCar: 0.1, refPx: Math.floor(laneH / 2) - 5, maxPx: Math.floor(laneH / 2) - 2 },
  };
}

/** Pixel height of a marker's CAR bar on the shared scale, and whether it was cut at maxPx. */
export function carBar(car: number, bar: TimelineLayout['carBar']): { px: number; clipped: boolean } {
  const px = (Math.abs(car) / bar.refCar) * bar.refPx;
  return px > bar.maxPx ? { px: bar.maxPx, clipped: true } : { px, clipped: false };
}

export type LegendItem = { key: string; text: string; glyphW: number };
export type PlacedLegendItem = LegendItem & { x: number; row: number };

/** Legend items flowed into rows of `width` px: glyph, 4 px, text, then `gap` px to the next item. */
export function flowLegend(items: readonly LegendItem[], width: number, textWidth: (s: string) => number, gap = 14): { rows: number; items: PlacedLegendItem[] } {
  const out: PlacedLegendItem[] = [];
  let x = 0;
  let row = 0;
  for (const it of items) {
    const w = it.glyphW + 4 + textWidth(it.text);
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    out.push({ ...it, x, row });
    x += w + gap;
  }
  return { rows: out.length ? row + 1 : 0, items: out };
}
