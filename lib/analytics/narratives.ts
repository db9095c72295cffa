import { twoSidedP } from './stats';

export type NarrativeItem = { narrative: string; ticker: string; event_id: string; date: string; car: number | null };

export type NarrativeEventRow = { event_id: string; date: string; car: number; cumulative: number };

export type NarrativeAggregate = {
  narrative: string;
  ticker: string;
  events: NarrativeEventRow[];
  /** Number of events with a CAR. */
  n: number;
  /** Items whose CAR is null (not in `events`, not in the statistics). */
  missing: number;
  /** Mean CAR across events (CAAR); null when n = 0. */
  mean_car: number | null;
  /** Cross-sectional t = mean / (sd / sqrt(n)), df n-1; null when n < 2 or sd = 0. */
  t_stat: number | null;
  p_value: number | null;
  /** Sum of CARs in date order; null when n = 0. */
  cumulative_car: number | null;
  /** Share of events with CAR < 0; null when n = 0. */
  share_negative: number | null;
};

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Per (narrative, ticker) aggregate of event CARs; groups sorted by narrative then ticker. */
export function aggregateNarratives(items: readonly NarrativeItem[]): NarrativeAggregate[] {
  const groups = new Map<string, { narrative: string; ticker: string; rows: { event_id: string; date: string; car: number }[]; missing: number }>();
  for (const it of items) {
    const key = `${it.narrative}\u0000${it.ticker}`;
    let g = groups.get(key);
    if (!g) {
      g = { narrative: it.narrative, ticker: it.ticker, rows: [], missing: 0 };
      groups.set(key, g);
    }
    if (it.car === null || !Number.isFinite(it.car)) g.missing++;
    else g.rows.push({ event_id: it.event_id, date: it.date, car: it.car });
  }
  const out: NarrativeAggregate[] = [];
  for (const g of groups.values()) {
    g.rows.sort((a, b) => cmp(a.date, b.date) || cmp(a.event_id, b.event_id));
    const n = g.rows.length;
    let cum = 0;
    let neg = 0;
    const events: NarrativeEventRow[] = g.rows.map((r) => {
      cum += r.car;
      if (r.car < 0) neg++;
      return { event_id: r.event_id, date: r.date, car: r.car, cumulative: cum };
    });
    const mean = n > 0 ? cum / n : null;
    let t: number | null = null;
    if (n >= 2 && mean !== null) {
      let ss = 0;
      for (const r of g.rows) ss += (r.car - mean) ** 2;
      const sd = Math.sqrt(ss / (n - 1));
      if (sd > 0) t = mean / (sd / Math.sqrt(n));
    }
    out.push({
      narrative: g.narrative,
      ticker: g.ticker,
      events,
      n,
      missing: g.missing,
      mean_car: mean,
      t_stat: t,
      p_value: t === null ? null : twoSidedP(t, n - 1),
      cumulative_car: n > 0 ? cum : null,
      share_negative: n > 0 ? neg / n : null,
    });
  }
  out.sort((a, b) => cmp(a.narrative, b.narrative) || cmp(a.ticker, b.ticker));
  return out;
}
