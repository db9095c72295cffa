// The "claim size vs reaction" scatter (issue 15, /narratives): pure layout. x is log10 of the
// claimed dollars, y the CAR; d3 computes the scales and ticks, React draws them.
import { scaleLinear } from 'd3';
import { formatUsd } from './claim-ladder';

export type ScatterPoint = { id: string; x: number; y: number };
export type ScatterLayout = {
  width: number;
  height: number;
  margin: { left: number; right: number; top: number; bottom: number };
  points: { id: string; cx: number; cy: number }[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** The fitted line across the x range, or null without a fit. */
  fit: { x1: number; y1: number; x2: number; y2: number } | null;
  zeroY: number;
};

/**
 * Scales and marks for points (x = log10 USD, y = CAR) and an optional fit y = a + b·x.
 * The x range covers every whole power of ten around the points; y includes 0.
 */
export function scatterLayout(points: readonly ScatterPoint[], fit: { intercept: number; slope: number } | null, width: number, height: number): ScatterLayout {
  const margin = { left: 52, right: 16, top: 26, bottom: 34 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.floor(Math.min(...xs, 6));
  const x1 = Math.ceil(Math.max(...xs, x0 + 1));
  const yAbs = Math.max(0.02, ...ys.map(Math.abs));
  const x = scaleLinear().domain([x0, x1]).range([margin.left, width - margin.right]);
  const y = scaleLinear().domain([-yAbs, yAbs]).nice().range([height - margin.bottom, margin.top]);
  const xTicks: ScatterLayout['xTicks'] = [];
  for (let e = x0; e <= x1; e++) xTicks.push({ x: x(e), label: formatUsd(10 ** e) });
  return {
    width,
    height,
    margin,
    points: points.map((p) => ({ id: p.id, cx: x(p.x), cy: y(p.y) })),
    xTicks,
    yTicks: y.ticks(5).map((v) => ({ y: y(v), label: `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v * 100).toFixed(0)}%` })),
    fit: fit ? { x1: x(x0), y1: y(fit.intercept + fit.slope * x0), x2: x(x1), y2: y(fit.intercept + fit.slope * x1) } : null,
    zeroY: y(0),
  };
}
