// The event page as a brief (issue 16, item 6): the band around a CAR path, the events around an
// event on the trading calendar, and what was known on its day. Pure; the page renders them.

const Z95 = 1.96;

/** Half-width of the 95% band of a CAR over `n` days when nothing happened: 1.96·σ·√n. */
export function carBand(sigma: number, n: number): number {
  return Z95 * sigma * Math.sqrt(Math.max(0, n));
}

type Dated = { id: string; date: string; narrative: string };

/**
 * Events of the same narrative within `k` trading days of the event's day 0 (the first trading day
 * on or after its date), in date order, without the event itself. Without a calendar (no prices),
 * none: the window is in trading days and cannot be guessed.
 */
export function relatedEvents<E extends Dated>(entries: readonly E[], event: Dated, calendar: readonly string[], k = 10): E[] {
  if (calendar.length === 0) return [];
  let i = calendar.findIndex((d) => d >= event.date);
  if (i < 0) i = calendar.length - 1;
  const from = calendar[Math.max(0, i - k)]!;
  const lastDay = calendar[Math.min(calendar.length - 1, i + k)]!;
  // An event dated after the last trading day of the window (a weekend) would meet the market later.
  return entries
    .filter((e) => e.id !== event.id && e.narrative === event.narrative && e.date >= from && e.date <= lastDay)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/** The claims known on a day: asserted on or before it (the ledger's as-of view does the rest). */
export function claimsKnownOn<C extends { asserted_on: string }>(claims: readonly C[], day: string): C[] {
  return claims.filter((c) => c.asserted_on <= day).sort((a, b) => a.asserted_on.localeCompare(b.asserted_on));
}
