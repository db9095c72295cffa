'use client';

// CSV exports of exactly what /narratives shows: the claims at the clock, and the aggregates with
// their parameters (components/export/export-menu.tsx).
import { ExportMenu } from '@/components/export/export-menu';
import type { ClockKey } from '@/lib/query-keys';

export function NarrativesExport({
  clock,
  narrativesParams,
}: {
  clock: ClockKey;
  narrativesParams: { tickers: string; window: string; asOf: string | null; position: number | null };
}) {
  return (
    <div className="export-row">
      <ExportMenu dataset="claims" params={{ asOf: clock.asOf, position: clock.position }} label="Export claims CSV" />
      <ExportMenu dataset="narratives" params={narrativesParams} label="Export aggregates CSV" />
    </div>
  );
}
