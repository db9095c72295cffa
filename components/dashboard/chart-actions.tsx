'use client';
// Under the chart: the table toggle and CSV exports of exactly the range and filters in view.
import { ExportMenu } from '@/components/export/export-menu';
import type { Domain } from '@/lib/charts/domain';
import { fromTime } from '@/lib/charts/timeline';
import type { ViewState } from '@/lib/view-state';
import type { SetView } from './use-view-state';

export function ChartActions({ view, setView, domain }: { view: ViewState; setView: SetView; domain: Domain }) {
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
    </div>
  );
}
