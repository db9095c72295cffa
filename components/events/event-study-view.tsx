'use client';
// The event study as the dashboard's panel and the event page both show it: its loading and
// error states, and the AR/CAR chart (with its volume mode) sized to its column, with the image
// downloads of the mode shown.
import type { ImpactResult, ImpactsResponse } from '@/lib/contracts/read';
import type { ClockKey } from '@/lib/query-keys';
import { useElementWidth } from '@/components/ui/use-element-width';
import { AbnormalChart } from './abnormal-chart';
import { ArCarImageMenu } from './ar-car-image-menu';

type StudyQuery = { isPending: boolean; isError: boolean; error: Error | null; refetch: () => unknown };

/** A skeleton while the study computes; the error and Retry when it failed; else nothing. */
export function StudyStatus({ query, height }: { query: StudyQuery; height: number }) {
  if (query.isPending) return <div className="skeleton" style={{ height }} aria-label="Computing the event study" aria-busy="true" />;
  if (!query.isError) return null;
  return (
    <div className="error-state" role="alert">
      <p>The event study could not be computed: {query.error?.message}</p>
      <button type="button" onClick={() => void query.refetch()}>
        Retry
      </button>
    </div>
  );
}

type ChartProps = {
  eventId: string;
  /** The ticker's result (it must have one: result.result). */
  result: ImpactResult;
  /** The answer it came from (the image stamp's parameters and hash). */
  impacts: ImpactsResponse | undefined;
  title: string;
  clock: ClockKey;
  /** The width before the column is measured, and the most the chart takes. */
  initialWidth: number;
  maxWidth: number;
  height?: number;
  events?: { id: string; title: string; date: string }[];
};

export function EventStudyChart({ eventId, result, impacts, title, clock, initialWidth, maxWidth, height, events }: ChartProps) {
  const [chartRef, chartWidth, , chartElement] = useElementWidth<HTMLDivElement>(initialWidth);
  return (
    <div ref={chartRef}>
      <AbnormalChart
        eventId={eventId}
        result={result}
        clock={clock}
        width={Math.min(chartWidth, maxWidth)}
        height={height}
        events={events}
        menu={(mode, volume) => {
          const answer = mode === 'volume' ? volume : impacts;
          return answer ? <ArCarImageMenu target={chartElement} result={result} title={title} clock={clock} impacts={answer} mode={mode} /> : null;
        }}
      />
    </div>
  );
}
