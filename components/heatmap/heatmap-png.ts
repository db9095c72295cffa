// The heatmap as a PNG: the same cells, colours, stars and summaries drawn on a canvas from the
// response (not a screenshot of the page), with a title line saying what it shows.
import type { MatrixResponse, MatrixSummary } from '@/lib/contracts/read';
import { heatColor, heatStars, legendStops, textOn } from '@/lib/charts/heatmap';
import { formatPct } from '@/lib/charts/timeline';

const CELL_W = 64;
const CELL_H = 22;
const LABEL_W = 300;
const HEAD_H = 26;
const TITLE_H = 44;
const LEGEND_H = 34;
const FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

const sumText = (s: MatrixSummary) => (s.caar === null ? '—' : `${formatPct(s.caar, 1)}${heatStars(s.bmp.p_value)}`);

function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
  return `${t}…`;
}

/** Draw the matrix; `title` is the first line (what, window, model, clock). */
export function drawHeatmap(data: MatrixResponse, m: number, title: string, scale = 2): HTMLCanvasElement {
  const cols = data.tickers.length;
  const rows = data.events.length;
  const width = LABEL_W + (cols + 1) * CELL_W + 16;
  const height = TITLE_H + HEAD_H + (rows + 1) * CELL_H + LEGEND_H + 8;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1b1f24';
  ctx.font = `600 14px system-ui, sans-serif`;
  ctx.fillText(fit(ctx, title, width - 16), 8, 16);
  ctx.font = FONT;
  ctx.fillStyle = '#5b6472';
  ctx.fillText(`Ledger position ${data.position} · params ${data.params_hash.slice(0, 12)} · * p < 0.05, ** p < 0.01 (per-event t) · last row/column: CAAR, stars from BMP`, 8, 34);

  const top = TITLE_H;
  ctx.textAlign = 'center';
  ctx.fillStyle = '#1b1f24';
  data.tickers.forEach((t, c) => ctx.fillText(t, LABEL_W + c * CELL_W + CELL_W / 2, top + HEAD_H / 2));
  ctx.fillText('CAAR', LABEL_W + cols * CELL_W + CELL_W / 2, top + HEAD_H / 2);

  const rowY = (r: number) => top + HEAD_H + r * CELL_H;
  data.events.forEach((e, r) => {
    const y = rowY(r);
    ctx.textAlign = 'left';
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(fit(ctx, `${e.date}  ${e.title}`, LABEL_W - 12), 8, y + CELL_H / 2);
    ctx.textAlign = 'center';
    for (let c = 0; c < cols; c++) {
      const x = LABEL_W + c * CELL_W;
      const cell = data.cells[r]![c];
      if (!cell) {
        ctx.fillStyle = '#f3f4f6';
        ctx.fillRect(x, y, CELL_W - 1, CELL_H - 1);
        ctx.fillStyle = '#6b7280';
        ctx.fillText('·', x + CELL_W / 2, y + CELL_H / 2);
        continue;
      }
      const bg = heatColor(cell.car, m);
      ctx.fillStyle = bg;
      ctx.fillRect(x, y, CELL_W - 1, CELL_H - 1);
      ctx.fillStyle = textOn(bg);
      ctx.fillText(`${formatPct(cell.car, 1)}${heatStars(cell.p)}`, x + CELL_W / 2, y + CELL_H / 2);
    }
    ctx.fillStyle = '#f6f7f9';
    ctx.fillRect(LABEL_W + cols * CELL_W, y, CELL_W - 1, CELL_H - 1);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(sumText(data.rows[r]!), LABEL_W + cols * CELL_W + CELL_W / 2, y + CELL_H / 2);
  });
  const yf = rowY(rows);
  ctx.textAlign = 'left';
  ctx.fillText('CAAR per ticker', 8, yf + CELL_H / 2);
  ctx.textAlign = 'center';
  data.columns.forEach((s, c) => {
    ctx.fillStyle = '#f6f7f9';
    ctx.fillRect(LABEL_W + c * CELL_W, yf, CELL_W - 1, CELL_H - 1);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(sumText(s), LABEL_W + c * CELL_W + CELL_W / 2, yf + CELL_H / 2);
  });

  // legend
  const ly = yf + CELL_H + 12;
  const stops = legendStops(m, 21);
  ctx.textAlign = 'right';
  ctx.fillText(formatPct(-m, 1), 8 + 60, ly + 6);
  stops.forEach((s, i) => {
    ctx.fillStyle = s.color;
    ctx.fillRect(8 + 66 + i * 9, ly, 9, 12);
  });
  ctx.fillStyle = '#1b1f24';
  ctx.textAlign = 'left';
  ctx.fillText(formatPct(m, 1), 8 + 66 + stops.length * 9 + 6, ly + 6);
  return canvas;
}

/** Download the canvas as a PNG file. */
export function downloadPng(canvas: HTMLCanvasElement, filename: string): void {
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, 'image/png');
}
