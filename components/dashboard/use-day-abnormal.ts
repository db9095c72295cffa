'use client';
// The crosshair's abnormal return of the primary ticker on a day: in CAR mode the selected event's
// own study (its AR and σ), otherwise the market model with that day as day 0 (lib/charts/crosshair),
// from the primary's and the benchmark's prices. The benchmark's prices load only once the crosshair
// is first used (\`onCrosshair\`), so a dashboard nobody points at fetches nothing more.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { pricesQuery } from '@/components/data/queries';
import { twoSidedP, type EventStudyParams } from '@/lib/analytics';
import { abnormalOn, prepareAbnormal, type DayAbnormal } from '@/lib/charts/crosshair';
import type { BarView, ImpactResult } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';
import type { Mode } from '@/lib/view-state';

type Options = {
  mode: Mode;
  primary: string;
  benchmark: string;
  /** The selected tickers and their bars (the benchmark's are reused when it is selected). */
  tickers: readonly string[];
  bars: readonly (readonly BarView[] | undefined)[];
  primaryBars: readonly BarView[];
  /** The selected event's study of the primary ticker (CAR mode). */
  primaryImpact: ImpactResult | null;
  params: Pick<EventStudyParams, 'model' | 'estimation' | 'gap'>;
  clock: ClockKey;
};

export function useDayAbnormal({ mode, primary, benchmark, tickers, bars, primaryBars, primaryImpact, params, clock }: Options) {
  const [wanted, setWanted] = useState(false);
  const selected = tickers.indexOf(benchmark);
  const query = useQuery({ ...pricesQuery(benchmark, clock), enabled: wanted && selected < 0 });
  const benchmarkBars = selected >= 0 ? bars[selected] : query.data?.bars;
  const prepared = useMemo(() => (benchmarkBars && primaryBars.length ? prepareAbnormal(primaryBars, benchmarkBars, clock.asOf) : null), [primaryBars, benchmarkBars, clock.asOf]);
  const cache = useRef(new Map<string, DayAbnormal>());
  const dayAbnormal = useCallback(
    (day: string): DayAbnormal | null => {
      if (mode === 'car') {
        const r = primaryImpact?.result;
        const row = r?.daily.find((d) => d.date === day);
        if (!r || !row) return { ar: null, t: null, p: null, reason: 'outside the event window' };
        const t = row.ar !== null ? row.ar / r.estimation.sigma : null;
        return { ar: row.ar, t, p: t !== null ? twoSidedP(t, r.estimation.df) : null, reason: row.ar === null ? 'no return that day' : null };
      }
      if (benchmark === primary) return { ar: 0, t: null, p: null, reason: null };
      if (!prepared) return query.isError ? { ar: null, t: null, p: null, reason: `${benchmark} prices could not be loaded` } : null;
      const key = `${primary}:${benchmark}:${clock.asOf}:${clock.position}:${params.model}:${params.estimation}:${params.gap}:${day}`;
      let hit = cache.current.get(key);
      if (!hit) {
        hit = abnormalOn(prepared, day, params, { ticker: primary, benchmark });
        cache.current.set(key, hit);
      }
      return hit;
    },
    [mode, primaryImpact, benchmark, primary, prepared, query.isError, params, clock.asOf, clock.position],
  );
  const onCrosshair = useCallback(() => setWanted(true), []);
  return { dayAbnormal, onCrosshair };
}
