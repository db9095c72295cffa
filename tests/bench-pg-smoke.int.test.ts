// Smoke run of the PostgreSQL benchmark figures (pg-1 … pg-4b) with tiny sizes on the Postgres
// pass of the suite, so they cannot rot: each figure runs its real code path against its raw
// baseline (INSERT transaction, batched insert, events scan, psql \copy) and a real server.
// Asserts results (rows, counts, numbers > 0), never timings.
import { describe, expect, it } from 'vitest';
import { runPostgresFigures } from '@/bench/postgres';
import { isPostgres } from './db';
import { defaultDistDir } from './real-server';

describe.runIf(isPostgres)('PostgreSQL bench figures (tiny sizes)', () => {
  it('measures pg-1, pg-2, pg-3, pg-4a and pg-4b against their baselines', async () => {
    const { figures } = await runPostgresFigures({
      sizes: { f1: { reps: 2, batch: 5 }, f2: { tickers: 3, days: 300 }, f3: { reps: 1 }, f4: { reps: 1 } },
      ledger: { tickers: 3, years: 1, events: 30 },
      want: () => true,
      adminUrl: process.env.IMPACTLINE_TEST_PG_URL,
      distDir: defaultDistDir(),
      log: () => {},
    });
    expect(figures.map((f) => f.id)).toEqual(['pg-1', 'pg-2', 'pg-3', 'pg-4a', 'pg-4b']);
    for (const f of figures) {
      expect(f.value, `${f.id}: ${f.notes.join('; ')}`).not.toBe('ERROR');
      if (f.id !== 'pg-4b') expect(f.compared, f.id).toBeGreaterThan(0);
    }
    const byId = Object.fromEntries(figures.map((f) => [f.id, f]));
    expect(byId['pg-1']!.details.timelineEntries).toBe(2 * 5 + 5);
    expect(byId['pg-2']!.details).toMatchObject({ bars: 900, cmdRows: 900, rawRows: 900 });
    expect((byId['pg-3']!.details as { events: number }).events).toBeGreaterThan(30);
    const runs = (byId['pg-4a']!.details as { rows: number; sqlRows: number; bars: number });
    expect(runs.rows).toBe(900);
    expect(runs.sqlRows).toBe(900);
  }, 600_000);
});
