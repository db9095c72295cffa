'use client';
// "Download PNG / SVG" of an event's AR/CAR chart (the panel's and the brief's), with its stamp:
// the event, the model, the window and the ledger position, in the colours the chart draws in.
import type { RefObject } from 'react';
import { ChartImageMenu } from '@/components/chart-image/chart-image-menu';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import { THEMES } from '@/lib/charts/palette';
import type { ImpactResult, ImpactsResponse } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';

type Props = {
  target: RefObject<HTMLElement | null>;
  result: ImpactResult;
  title: string;
  clock: ClockKey;
  impacts: Pick<ImpactsResponse, 'position' | 'params_hash'>;
};

export function ArCarImageMenu({ target, result, title, clock, impacts }: Props) {
  const theme = THEMES[useColorScheme()];
  const daily = result.result?.daily ?? [];
  const from = daily[0]?.date ?? null;
  const to = daily.at(-1)?.date ?? null;
  return (
    <ChartImageMenu
      target={target}
      chart="ar-car-chart"
      label="abnormal return chart"
      stamp={{
        title: `Daily abnormal returns of ${result.ticker} around “${title}” (${result.model} model vs ${result.benchmark})`,
        from,
        to,
        asOf: clock.asOf,
        position: impacts.position,
        replay: clock.position !== null,
        paramsHash: impacts.params_hash,
        legend: [
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
