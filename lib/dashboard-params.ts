// Query parameters the dashboard sends to /api/impacts, shared by the server prefetch and
// the client hooks so both build the same query keys.
import type { ClockKey } from './query-keys';

export const MARKER_WINDOW = '-1:1';

/** Parameters of the impacts behind the markers' significance (CAR[-1,1] of the primary ticker). */
export function markerImpactParams(ticker: string, clock: ClockKey) {
  return { tickers: ticker, windows: MARKER_WINDOW, summary: 1, asOf: clock.asOf, position: clock.position };
}

export function eventImpactParams(event: string, tickers: string[], clock: ClockKey) {
  return { event, tickers: tickers.join(','), asOf: clock.asOf, position: clock.position };
}
