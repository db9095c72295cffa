'use client';
// "Download PNG / SVG" of an event's AR/CAR chart (the panel's and the brief's), in either of its
// modes, with its stamp: the event, the model, the window and the ledger position (of the answer
// the chart drew), in the colours the chart draws in.
import type { RefObject } from 'react';
import { ChartImageMenu } from '@/components/chart-image/chart-image-menu';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import { THEMES } from '@/lib/charts/palette';
import type { ImpactResult, ImpactsResponse } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';
import type { ChartMode } from './ar-car-chart';

type Props = {
  target: RefObject<HTMLElement | null>;
  result: ImpactResult;
  title: string;
  clock: ClockKey;
  impacts: Pick<ImpactsResponse, 'position' | 'params_hash'>;
  mode?: ChartMode;
};

export function ArCarImageMenu({ target, result, title, clock, impacts, mode = 'returns' }: Props) {
  const theme = THEMES[useColorScheme()];
  const volume = mode === 'volume';
  const daily = result.result?.daily ?? [];
  const from = daily[0]?.date ?? null;
  const to = daily.at(-1)?.date ?? null;
  return (
    <ChartImageMenu
      target={target}
      chart={volume ? 'abnormal-volume-chart' : 'ar-car-chart'}
      label={volume ? 'abnormal volume chart' : 'abnormal return chart'}
      stamp={{
        title: `Daily abnormal ${volume ? 'volume' : 'returns'} of ${result.ticker} around “${title}” (${result.model} model vs ${result.benchmark})`,
        from,
        to,
        asOf: clock.asOf,
        position: impacts.position,
        replay: clock.position !== null,
        paramsHash: impacts.params_hash,
        legend: volume
          ? [
              { label: 'abnormal log volume ≥ 0', color: theme.band },
              { label: 'abnormal log volume < 0', color: theme.neg },
              { label: 'cumulative (CAV)', color: theme.fg },
            ]
          : [
              { label: 'abnormal return ≥ 0', color: theme.pos },
              { label: 'abnormal return < 0', color: theme.neg },
              { label: 'cumulative (CAR)', color: theme.fg },
              ...(result.result?.estimation.sigma ? [{ label: '±1.96σ√L band', color: theme.band }] : []),
            ],
      }}
      priceSourcesOf={[result.ticker, result.benchmark]}
      filename={{ from, to, asOf: clock.asOf, position: clock.position }}
    />
  );
}
