// Chart images (issue 17), generic: given a chart's container element, composite every <svg> and
// <canvas> inside it at its on-screen box into one SVG document, with the stamp as a footer;
// rasterise that SVG for a PNG at 2× pixel density. The SVGs are deep-cloned with their computed
// styles inlined (CSS classes do not travel with a file); canvases go in as PNG data images.
// Browser-only (DOM, XMLSerializer, canvas). Text is set through the DOM, so user text stays text.
import { legendLayout, STAMP_FONT, STAMP_LINE_GAP, STAMP_PADDING, stampHeight, stampLines, type ChartStamp, type Measure } from '@/lib/charts/image-stamp';
import { THEMES, type Theme } from '@/lib/charts/palette';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Computed style properties that decide how SVG content looks. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
  'paint-order',
] as const;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export type Composite = { svg: string; width: number; height: number };

function hidden(el: Element): boolean {
  const s = getComputedStyle(el);
  return s.display === 'none' || s.visibility === 'hidden';
}

/** A deep clone of `svg` with every element's computed look written into its style attribute. */
function cloneWithStyles(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const drop: Element[] = [];
  originals.forEach((el, i) => {
    const copy = copies[i]!;
    if (el !== svg && hidden(el)) {
      drop.push(copy);
      return;
    }
    const s = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${s.getPropertyValue(p)}`).join(';');
    copy.setAttribute('style', style);
    copy.removeAttribute('class');
    copy.removeAttribute('tabindex');
  });
  for (const el of drop) el.remove();
  return clone;
}

function text(doc: Document, x: number, y: number, content: string, attrs: Record<string, string> = {}): SVGTextElement {
  const t = doc.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.setAttribute('font-family', FONT);
  for (const [k, v] of Object.entries(attrs)) t.setAttribute(k, v);
  t.textContent = content; // text, never markup
  return t;
}

/** Text widths as the browser draws the stamp's font. */
function browserMeasure(): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return (t, size, weight) => [...t].length * size * (weight === 'bold' ? 0.68 : 0.62);
  return (t, size, weight) => {
    ctx.font = `${weight === 'bold' ? 700 : 400} ${size}px ${FONT}`;
    return ctx.measureText(t).width;
  };
}

/** The drawn parts inside `container`: every top-level <svg> and every <canvas> that shows. */
function drawnParts(container: HTMLElement): Element[] {
  return [...container.querySelectorAll('svg, canvas')].filter((el) => {
    if (el instanceof SVGSVGElement && el.parentElement?.closest('svg')) return false;
    const r = el.getBoundingClientRect();
    return r.width >= 1 && r.height >= 1 && !hidden(el);
  });
}

/**
 * The chart inside `container` as one SVG document, its stamp below it. The image spans the
 * drawn parts, on the background of the colour scheme the chart was drawn in (`theme`): light
 * lines on white would not read.
 */
export function composeChartSvg(container: HTMLElement, stamp: ChartStamp, theme: Theme = THEMES.light): Composite {
  const parts = drawnParts(container);
  const rects = parts.map((el) => el.getBoundingClientRect());
  const outer = container.getBoundingClientRect();
  const box =
    rects.length === 0
      ? outer
      : {
          left: Math.min(...rects.map((r) => r.left)),
          top: Math.min(...rects.map((r) => r.top)),
          right: Math.max(...rects.map((r) => r.right)),
          bottom: Math.max(...rects.map((r) => r.bottom)),
        };
  const width = Math.max(1, Math.round(box.right - box.left));
  const chartHeight = Math.max(1, Math.round(box.bottom - box.top));
  const measure = browserMeasure();
  const footer = stampHeight(stamp, width, measure);
  const height = chartHeight + footer;
  const doc = document.implementation.createDocument(SVG_NS, 'svg', null);
  const root = doc.documentElement as unknown as SVGSVGElement;
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('xmlns:xlink', XLINK_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = `Impactline — ${stamp.title}`;
  root.appendChild(title);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ x: '0', y: '0', width: String(width), height: String(height), fill: theme.bg })) bg.setAttribute(k, v);
  root.appendChild(bg);

  // Every drawn part, in document order, where it sits on screen.
  for (const [i, el] of parts.entries()) {
    const r = rects[i]!;
    const x = r.left - box.left;
    const y = r.top - box.top;
    if (el instanceof HTMLCanvasElement) {
      const img = doc.createElementNS(SVG_NS, 'image');
      for (const [k, v] of Object.entries({ x: String(x), y: String(y), width: String(r.width), height: String(r.height), preserveAspectRatio: 'none' })) img.setAttribute(k, v);
      img.setAttribute('href', el.toDataURL('image/png'));
      root.appendChild(img);
      continue;
    }
    const svg = el as SVGSVGElement;
    const clone = cloneWithStyles(svg);
    if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${r.width} ${r.height}`);
    clone.setAttribute('x', String(x));
    clone.setAttribute('y', String(y));
    clone.setAttribute('width', String(r.width));
    clone.setAttribute('height', String(r.height));
    clone.removeAttribute('role');
    root.appendChild(doc.importNode(clone, true));
  }

  // The stamp.
  const g = doc.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'impactline-stamp');
  const rule = doc.createElementNS(SVG_NS, 'line');
  for (const [k, v] of Object.entries({ x1: '0', x2: String(width), y1: String(chartHeight + 0.5), y2: String(chartHeight + 0.5), stroke: theme.rule })) rule.setAttribute(k, v);
  g.appendChild(rule);
  let y = chartHeight + STAMP_PADDING;
  for (const line of stampLines(stamp, width, measure)) {
    y += line.size;
    g.appendChild(text(doc, STAMP_PADDING, y, line.text, { 'font-size': String(line.size), 'font-weight': line.weight, fill: line.weight === 'bold' ? theme.fg : theme.muted }));
    y += STAMP_LINE_GAP;
  }
  for (const item of legendLayout(stamp.legend, width, measure)) {
    const rowY = y + item.row * (STAMP_FONT + STAMP_LINE_GAP + 2);
    const swatch = doc.createElementNS(SVG_NS, 'rect');
    for (const [k, v] of Object.entries({ x: String(item.x), y: String(rowY + 2), width: '11', height: '11', fill: item.color })) swatch.setAttribute(k, v);
    g.appendChild(swatch);
    g.appendChild(text(doc, item.x + 16, rowY + STAMP_FONT, item.label, { 'font-size': String(STAMP_FONT), fill: theme.fg }));
  }
  root.appendChild(g);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`, width, height };
}

/** The composite drawn on a canvas at `scale`× its size, as a PNG. */
export async function rasterise(composite: Composite, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([composite.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(composite.width * scale);
    canvas.height = Math.round(composite.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    // (The SVG paints its own background first.)
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, composite.width, composite.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hand `blob` to the browser as a download named `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the download a moment to start before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
