import { describe, expect, it } from 'vitest';
import { aggregateNarratives } from './narratives';

describe('aggregateNarratives', () => {
  it('aggregates per narrative and ticker', () => {
    const out = aggregateNarratives([
      { narrative: 'cheap-training', ticker: 'NVDA', event_id: 'e3', date: '2025-03-01', car: 0.02 },
      { narrative: 'cheap-training', ticker: 'NVDA', event_id: 'e1', date: '2025-01-27', car: -0.1 },
      { narrative: 'cheap-training', ticker: 'NVDA', event_id: 'e2', date: '2025-02-10', car: -0.04 },
      { narrative: 'cheap-training', ticker: 'NVDA', event_id: 'e4', date: '2025-04-01', car: null },
      { narrative: 'cheap-training', ticker: 'AMD', event_id: 'e1', date: '2025-01-27', car: -0.05 },
      { narrative: 'capex', ticker: 'NVDA', event_id: 'e9', date: '2025-05-01', car: null },
    ]);
    expect(out.map((g) => `${g.narrative}/${g.ticker}`)).toEqual(['capex/NVDA', 'cheap-training/AMD', 'cheap-training/NVDA']);

    // NVDA: cars -0.10, -0.04, 0.02 (date order). mean = -0.12/3 = -0.04.
    // deviations -0.06, 0, 0.06 → ss = 0.0072, sd = sqrt(0.0072/2) = 0.06,
    // t = -0.04 / (0.06/sqrt(3)) = -1.1547005383792517, df 2,
    // p = 2·F(-1.1547; 2) = 1 - t/sqrt(2 + t²) (closed form for df 2) = 1 - 1.1547/1.8257 = 0.36754446796632...
    const g = out[2]!;
    expect(g.n).toBe(3);
    expect(g.missing).toBe(1);
    expect(g.events.map((e) => e.event_id)).toEqual(['e1', 'e2', 'e3']);
    expect(g.events.map((e) => e.cumulative)).toEqual([-0.1, -0.1 + -0.04, -0.1 + -0.04 + 0.02]);
    expect(g.mean_car).toBeCloseTo(-0.04, 14);
    expect(g.t_stat).toBeCloseTo(-1.1547005383792517, 12);
    const tt = 1.1547005383792517;
    expect(g.p_value).toBeCloseTo(1 - tt / Math.sqrt(2 + tt * tt), 10);
    expect(g.p_value).toBeCloseTo(0.3675444679663241, 10);
    expect(g.cumulative_car).toBeCloseTo(-0.12, 14);
    expect(g.share_negative).toBeCloseTo(2 / 3, 14);

    // n = 1: mean given, t/p null
    const amd = out[1]!;
    expect(amd).toEqual({
      narrative: 'cheap-training',
      ticker: 'AMD',
      events: [{ event_id: 'e1', date: '2025-01-27', car: -0.05, cumulative: -0.05 }],
      n: 1,
      missing: 0,
      mean_car: -0.05,
      t_stat: null,
      p_value: null,
      cumulative_car: -0.05,
      share_negative: 1,
    });
    // only missing CARs
    expect(out[0]).toMatchObject({ n: 0, missing: 1, events: [], mean_car: null, t_stat: null, cumulative_car: null, share_negative: null });
  });
});
