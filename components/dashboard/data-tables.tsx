// "Show as table": the events in view with their marker statistics, and the chart's values
// by date, for screen readers and for reading exact numbers.
import { inDomain, type Domain } from '@/lib/charts/domain';
import type { MarkerStat } from '@/lib/charts/events';
import { formatP, formatPct, stars, type Series } from '@/lib/charts/timeline';
import type { EntryView } from '@/lib/contracts/read';

type Props = {
  /** In reading order (lib/charts/events sortEntries). */
  entries: Pick<EntryView, 'id' | 'date' | 'title' | 'narrative' | 'kind'>[];
  domain: Domain;
  series: Series[];
  markerStats: Map<string, MarkerStat>;
  onSelect: (id: string) => void;
};

export function DataTables({ entries, domain, series, markerStats, onSelect }: Props) {
  const inView = entries.filter((e) => inDomain(e.date, domain));
  const dates = [...new Set(series.flatMap((s) => s.points.filter((p) => p.t >= domain[0] && p.t <= domain[1]).map((p) => p.date)))].sort();
  const byTicker = series.map((s) => new Map(s.points.map((p) => [p.date, p.value])));
  return (
    <div className="data-tables">
      <table>
        <caption>Events in view ({inView.length})</caption>
        <thead>
          <tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Narrative</th><th scope="col">Kind</th><th scope="col">CAR[−1,1]</th><th scope="col">p</th></tr>
        </thead>
        <tbody>
          {inView.map((e) => {
            const s = markerStats.get(e.id);
            return (
              <tr key={e.id}>
                <td>{e.date}</td>
                <td><button type="button" className="link" onClick={() => onSelect(e.id)}>{e.title}</button></td>
                <td>{e.narrative}</td>
                <td>{e.kind}</td>
                <td>{formatPct(s?.car)}{stars(s?.p)}</td>
                <td>{formatP(s?.p)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table>
        <caption>Chart values in view</caption>
        <thead>
          <tr><th scope="col">Date</th>{series.map((s) => <th key={s.ticker} scope="col">{s.ticker}</th>)}</tr>
        </thead>
        <tbody>
          {dates.map((d) => (
            <tr key={d}><td>{d}</td>{byTicker.map((m, i) => <td key={i}>{m.get(d)?.toFixed(2) ?? '—'}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
