'use client';
// The event markers in the narrative lanes: a glyph per event (shape = kind, colour = narrative),
// a CAR[−1,1] bar beside it on one shared scale, a ring when p < 0.05; markers too close to tell
// apart become a numbered cluster that zooms in when activated. Markers are buttons (the chart box's
// arrow keys move between them); hit targets are 24 px on phones.
import { memo } from 'react';
import type { MarkerStat } from '@/lib/charts/events';
import { carText } from '@/lib/charts/headlines';
import { carBar, type TimelineLayout } from '@/lib/charts/timeline-layout';
import { markerPath, type Cluster } from '@/lib/charts/timeline';
import { textOn, type Theme } from '@/lib/charts/palette';
import type { EntryView } from '@/lib/contracts/read';

/** A cluster names this many of its events (a 10-year view of a busy ledger would name thousands). */
const MAX_TITLES = 12;

type Props = {
  /** `t`: the time under the cluster's centre, so a running gesture can slide it (data-t). */
  clusters: (Cluster & { t: number })[];
  layout: TimelineLayout;
  laneIndex: Map<string, number>;
  colorOf: Map<string, string>;
  entryById: Map<string, EntryView>;
  markerStats: Map<string, MarkerStat>;
  primary: string;
  selectedId: string | null;
  theme: Theme;
  onSelect: (id: string) => void;
  onZoomTo: (x0: number, x1: number) => void;
};

export const EventMarks = memo(function EventMarks({ clusters, layout, laneIndex, colorOf, entryById, markerStats, primary, selectedId, theme, onSelect, onZoomTo }: Props) {
  const { lanes, marker } = layout;
  return (
    <g role="group" aria-label="Event markers">
      {clusters.map((c) => {
        const lane = laneIndex.get(c.lane) ?? laneIndex.size - 1;
        const cy = lanes.top + lane * lanes.laneH + lanes.laneH / 2;
        const color = colorOf.get(c.lane) ?? theme.muted;
        if (c.ids.length > 1) {
          const titles = c.ids.slice(0, MAX_TITLES).map((id) => entryById.get(id)?.title ?? id);
          const containsSelected = selectedId !== null && c.ids.includes(selectedId);
          return (
            <g
              key={`c-${c.lane}-${c.ids[0]}`}
              data-marker="cluster"
              data-t={c.t}
              data-cy={cy}
              transform={`translate(${c.x},${cy})`}
              className="marker-cluster"
              role="button"
              tabIndex={-1}
              onClick={(e) => {
                e.stopPropagation();
                onZoomTo(c.x0, c.x1);
              }}
            >
              <title>{`${c.ids.length} events, click to zoom in: ${titles.join('; ')}${c.ids.length > MAX_TITLES ? `; and ${c.ids.length - MAX_TITLES} more` : ''}`}</title>
              <circle r={marker.hitR + 2} fill="transparent" />
              <circle r={marker.clusterR} fill={color} stroke={containsSelected ? theme.strong : theme.bg} strokeWidth={containsSelected ? 2.5 : 1.5} />
              <text textAnchor="middle" dy="0.35em" className="cluster-count" fill={textOn(color)}>
                {c.ids.length > 99 ? '99+' : c.ids.length}
              </text>
            </g>
          );
        }
        const entry = entryById.get(c.ids[0]!);
        if (!entry) return null;
        const stat = markerStats.get(entry.id);
        const selected = entry.id === selectedId;
        const significant = stat?.p != null && stat.p < 0.05;
        const bar = stat?.car != null ? carBar(stat.car, layout.carBar) : null;
        const car = carText(stat);
        return (
          <g
            key={entry.id}
            data-marker="event"
            data-event-id={entry.id}
            data-t={c.t}
            data-cy={cy}
            transform={`translate(${c.x},${cy})`}
            className="marker"
            role="button"
            aria-pressed={selected}
            tabIndex={-1}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(entry.id);
            }}
          >
            <title>{`${entry.date}: ${entry.title}${car ? `\nCAR[-1,1] of ${primary} ${car}${significant ? ' (p < 0.05)' : ''}` : ''}`}</title>
            <circle r={marker.hitR} fill="transparent" />
            {bar && bar.px > 0.5 ? (
              <g>
                <rect x={10} width={4} y={stat!.car! >= 0 ? -bar.px : 0} height={bar.px} fill={stat!.car! >= 0 ? theme.pos : theme.neg} />
                {bar.clipped ? <rect x={9} width={6} y={stat!.car! >= 0 ? -bar.px - 1.5 : bar.px} height={1.5} fill={stat!.car! >= 0 ? theme.pos : theme.neg} /> : null}
              </g>
            ) : null}
            {significant ? <circle r={marker.ringR} fill="none" stroke={theme.strong} strokeWidth={2} /> : null}
            <path
              d={markerPath(entry.kind, selected ? marker.size * 1.5 : marker.size)}
              fill={color}
              stroke={selected ? theme.strong : theme.bg}
              strokeWidth={selected ? 2 : 1}
              opacity={entry.status === 'retracted' ? 0.4 : 1}
            />
          </g>
        );
      })}
    </g>
  );
});
