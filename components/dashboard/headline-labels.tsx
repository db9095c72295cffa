'use client';
// Direct labels of the headline events on the price chart (lib/charts/headlines places them): a
// leader from the day on the primary line to a short title with the CAR and its stars. Each label
// is a figure that traces to its sources: hover or focus shows them, a click or Enter pins them.
import { memo } from 'react';
import { useSourcePopover } from '@/components/ui/sourced';
import type { MarkerStat } from '@/lib/charts/events';
import type { PlacedHeadline } from '@/lib/charts/headlines';
import { eventStudyProvenance, fromSources } from '@/lib/charts/provenance';
import type { Theme } from '@/lib/charts/palette';
import type { EntryView } from '@/lib/contracts/read';

type Props = {
  labels: PlacedHeadline[];
  entryById: Map<string, EntryView>;
  markerStats: Map<string, MarkerStat>;
  primary: string;
  benchmark: string;
  theme: Theme;
  onSelect: (id: string) => void;
};

export const HeadlineLabels = memo(function HeadlineLabels({ labels, ...rest }: Props) {
  return (
    <g className="headline-labels" role="group" aria-label="Headline events">
      {labels.map((l) => (
        <HeadlineLabel key={l.id} label={l} {...rest} />
      ))}
    </g>
  );
});

function HeadlineLabel({ label: l, entryById, markerStats, primary, benchmark, theme, onSelect }: Omit<Props, 'labels'> & { label: PlacedHeadline }) {
  const entry = entryById.get(l.id);
  const stat = markerStats.get(l.id);
  const others = l.ids.slice(1).map((id) => entryById.get(id)?.title ?? id);
  const figure = `${entry?.title ?? l.title}${l.car ? `: CAR[−1,1] of ${primary} ${l.car}` : ''}`;
  const provenance = [
    fromSources(entry?.sources, entry ? `${entry.date} · the title’s figures are stated in these sources:` : undefined),
    ...(stat?.car != null
      ? [eventStudyProvenance({ ticker: primary, benchmark, model: 'market', window: 'CAR[−1,1]', eventId: l.id, studyHref: `/api/impacts?event=${encodeURIComponent(l.id)}&tickers=${encodeURIComponent(primary)}&windows=-1:1` })]
      : []),
  ];
  const extra = (
    <div className="source-card-actions">
      {others.length > 0 ? <p className="muted small">Also that day: {others.join('; ')}</p> : null}
      <button type="button" className="chip" onClick={() => onSelect(l.id)}>
        Open this event
      </button>
    </div>
  );
  const { triggerProps, popover } = useSourcePopover(figure, provenance, extra);
  const neg = (stat?.car ?? 0) < 0;
  const name = `${entry?.date ?? ''} ${entry?.title ?? l.title}${l.car ? `, CAR[−1,1] of ${primary} ${l.car}` : ''}${others.length ? `; and ${others.length} more that day` : ''}. Show sources.`;
  return (
    <g className="headline-label" data-headline={l.id} data-headline-ids={l.ids.join(' ')}>
      <line x1={l.leader.x1} y1={l.leader.y1} x2={l.leader.x2} y2={l.leader.y2} stroke={theme.muted} strokeWidth={1} />
      <circle cx={l.ax} cy={l.ay} r={3} fill={theme.bg} stroke={theme.fg} strokeWidth={1.5} />
      <g role="button" tabIndex={0} aria-label={name} className="headline-hit" {...triggerProps}>
        <rect x={l.box.x0} y={l.box.y0} width={l.box.x1 - l.box.x0} height={l.box.y1 - l.box.y0} rx={3} fill={theme.bg} fillOpacity={0.92} stroke={theme.axis} strokeWidth={0.75} />
        <text x={l.textX} y={l.textY} className="headline-text">
          <tspan fill={theme.fg}>{l.title}</tspan>
          {l.car ? ' ' : null}
          {l.car ? <tspan fill={neg ? theme.neg : theme.pos}>{l.car}</tspan> : null}
          {l.more > 0 ? ' ' : null}
          {l.more > 0 ? <tspan fill={theme.muted}>+{l.more}</tspan> : null}
        </text>
      </g>
      {popover}
    </g>
  );
}
