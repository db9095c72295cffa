'use client';
// Under the chart: the table toggle, CSV exports of exactly the range and filters in view, and
// the chart as a PNG or SVG image with its stamp.
import type { RefObject } from 'react';
import { ChartImageMenu } from '@/components/chart-image/chart-image-menu';
import { ExportMenu } from '@/components/export/export-menu';
import type { Domain } from '@/lib/charts/domain';
import { fromTime } from '@/lib/charts/timeline';
import type { NarrativeView } from '@/lib/contracts/read';
import type { ViewState } from '@/lib/view-state';
import { TICKER_COLORS } from './timeline-chart';
import type { SetView } from './use-view-state';

/** What the chart image's stamp needs beyond the view: the chart element and what it was drawn from. */
export type ChartImageSource = {
  target: RefObject<HTMLElement | null>;
  /** The chart's y-axis description (mode, anchor, selected event). */
  yLabel: string;
  position: number | null;
  paramsHash: string | null;
  narratives: NarrativeView[];
};

export function ChartActions({ view, setView, domain, image }: { view: ViewState; setView: SetView; domain: Domain; image?: ChartImageSource }) {
  const from = fromTime(domain[0]);
  const to = fromTime(domain[1]);
  return (
    <div className="below-chart">
      <label className="toggle">
        <input type="checkbox" checked={view.table} onChange={(e) => setView({ table: e.target.checked })} /> Show as table
      </label>
      <ExportMenu
        dataset="timeline"
        label="Export events CSV"
        params={{ from, to, narrative: view.narratives, kind: view.kinds, asOf: view.asOf, position: view.position }}
      />
      <ExportMenu dataset="prices" label="Export prices CSV" params={{ tickers: view.tickers, from, to, asOf: view.asOf, position: view.position }} />
      {image ? (
        <ChartImageMenu
          target={image.target}
          chart="timeline-chart"
          label="timeline chart"
          stamp={{
            title: `Timeline of ${view.tickers.join(', ')}: ${image.yLabel}`,
            from,
            to,
            asOf: view.asOf,
            position: image.position,
            replay: view.position !== null,
            paramsHash: image.paramsHash,
            sources: ['events: Impactline ledger (each entry keeps its own sources)'],
            legend: [
              ...(view.mode === 'car' ? [] : view.tickers.map((t, i) => ({ label: t, color: TICKER_COLORS[i % TICKER_COLORS.length]! }))),
              ...image.narratives.map((n) => ({ label: n.name, color: n.color })),
            ],
          }}
          priceSourcesOf={view.tickers}
          filename={{ from, to, asOf: view.asOf, position: view.position }}
        />
      ) : null}
    </div>
  );
}
