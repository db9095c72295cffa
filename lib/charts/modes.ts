// What the price chart shows in each mode (price, rebased to 100, cumulative abnormal return):
// the lines, the rebasing day, the expected-price band in the mode's units, and the axis text.
import type { BarView, ImpactResult } from '@/lib/contracts/read';
import type { Mode } from '@/lib/view-state';
import { buildSeries, expectedBand, fromTime, toTime, type BandPoint, type Series } from './timeline';

/** The selected event's trading day 0 for the primary ticker, else its calendar date. */
export function eventDay(primaryImpact: Pick<ImpactResult, 'day0'> | null, entry: { date: string } | null): string | null {
  return primaryImpact?.day0?.date ?? entry?.date ?? null;
}

/** Rebased lines are 100 on the selected event's day, or on the first visible day; other modes have no anchor. */
export function rebaseAnchor(mode: Mode, eventDate: string | null, domainStart: number): string | null {
  return mode === 'rebased' ? (eventDate ?? fromTime(domainStart)) : null;
}

/**
 * The chart's lines. CAR mode: one per ticker of the selected event's study, in percent (a
 * ticker without an estimate gets no points and a note saying why). Otherwise one price or
 * rebased line per ticker, in the tickers' order.
 */
export function modeSeries(
  mode: Mode,
  tickers: readonly string[],
  barsByTicker: ReadonlyMap<string, readonly BarView[]>,
  anchor: string | null,
  eventImpacts: readonly ImpactResult[],
): Series[] {
  if (mode === 'car') {
    return eventImpacts.map((r) => ({
      ticker: r.ticker,
      note: r.result ? null : r.reason,
      points: (r.result?.daily ?? []).map((d) => ({ date: d.date, t: toTime(d.date), value: d.car * 100, change: d.ar })),
    }));
  }
  return tickers.map((t) => buildSeries(barsByTicker.get(t) ?? [], t, mode, anchor));
}

/**
 * The primary ticker's market-model expected price ±2σ over the event window, in the chart's
 * units (closes, or rebased like the line). Null in CAR mode and without an estimate.
 */
export function eventBand(mode: Mode, primaryImpact: ImpactResult | null, primaryBars: readonly BarView[], anchor: string | null): BandPoint[] | null {
  if (mode === 'car' || !primaryImpact?.result) return null;
  const daily = primaryImpact.result.daily;
  if (daily.length === 0) return null;
  const idx = primaryBars.findIndex((b) => b.date === daily[0]!.date);
  const dayBefore = idx > 0 ? primaryBars[idx - 1]!.date : null;
  const closes = new Map(primaryBars.map((b) => [b.date, b.close]));
  // The same base as the rebased line: the close of the first bar on or after the anchor.
  const baseClose = mode === 'rebased' && anchor ? primaryBars.find((b) => b.date >= anchor)?.close : undefined;
  const scale = baseClose ? (p: number) => (p / baseClose) * 100 : (p: number) => p;
  return expectedBand(daily, closes, dayBefore, primaryImpact.result.estimation.sigma, scale);
}

/** Tick and readout format: CAR in percent, rebased as whole index points, prices with cents below 100. */
export function valueFormat(mode: Mode): (v: number) => string {
  if (mode === 'car') return (v) => `${v.toFixed(1)}%`;
  if (mode === 'rebased') return (v) => v.toFixed(0);
  return (v) => (v >= 1000 ? v.toFixed(0) : v.toFixed(v >= 100 ? 0 : 2));
}

/** The y axis title, also the start of the chart's accessible name. */
export function axisLabel(mode: Mode, eventTitle: string | null, anchor: string | null): string {
  if (mode === 'car') return `CAR % around ${eventTitle ?? 'event'}`;
  if (mode === 'rebased') return `Rebased to 100 on ${anchor}`;
  return 'Close (USD / index points)';
}

/** What the chart says instead of lines, or null when it has lines (or is still loading). */
export function emptyMessage(mode: Mode, hasEvent: boolean, loading: boolean, series: readonly Series[], firstReason: string | null | undefined): string | null {
  if (mode === 'car' && !hasEvent) return 'Select an event to chart the cumulative abnormal return around it.';
  if (loading || !series.every((s) => s.points.length === 0)) return null;
  return mode === 'car' ? `No abnormal returns for this event: ${firstReason ?? 'no data'}` : 'No prices in this range for the selected tickers.';
}
