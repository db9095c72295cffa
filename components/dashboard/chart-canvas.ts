// The dense layer of the timeline chart, drawn on a <canvas>: the price lines (d3.line() with a
// canvas context, over points already reduced to the pixel columns) and the volume bars. Markers,
// labels and axes stay SVG for focus, hit-testing and text; this layer is pixels only.
import { line } from 'd3';
import type { Point } from '@/lib/charts/timeline';

export type DrawnLine = { points: readonly Point[]; indices: readonly number[]; color: string; width: number };
export type VolumeBar = { t: number; volume: number; up: boolean };

export type CanvasScene = {
  /** CSS pixels of the plot area the canvas covers. */
  width: number;
  height: number;
  x: (t: number) => number;
  y: (v: number) => number;
  lines: readonly DrawnLine[];
  /** Price panel height: lines are clipped to it. */
  priceH: number;
  volume: null | { bars: readonly VolumeBar[]; top: number; height: number; max: number; barW: number; up: string; down: string };
};

/** Size the canvas for the device pixel ratio and draw the scene. */
export function drawScene(canvas: HTMLCanvasElement, scene: CanvasScene): void {
  const dpr = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
  const w = Math.max(1, Math.round(scene.width * dpr));
  const h = Math.max(1, Math.round(scene.height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, scene.width, scene.height);

  const v = scene.volume;
  if (v && v.max > 0) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, v.top, scene.width, v.height);
    ctx.clip();
    const half = v.barW / 2;
    for (const up of [true, false]) {
      ctx.fillStyle = up ? v.up : v.down;
      ctx.globalAlpha = up ? 0.55 : 0.85;
      for (const b of v.bars) {
        if (b.up !== up) continue;
        const bh = (b.volume / v.max) * v.height;
        ctx.fillRect(scene.x(b.t) - half, v.top + v.height - bh, v.barW, bh);
      }
    }
    ctx.restore();
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, -2, scene.width, scene.priceH + 4);
  ctx.clip();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  // The primary line last, so it stays on top.
  for (let k = scene.lines.length - 1; k >= 0; k--) {
    const l = scene.lines[k]!;
    const pts = l.points;
    ctx.beginPath();
    line<number>()
      .x((i) => scene.x(pts[i]!.t))
      .y((i) => scene.y(pts[i]!.value))
      .context(ctx)(l.indices as number[]);
    ctx.strokeStyle = l.color;
    ctx.lineWidth = l.width;
    ctx.stroke();
  }
  ctx.restore();
}
