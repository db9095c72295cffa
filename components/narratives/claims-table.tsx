// The claim ladder as a table: the same claims, with the axis each one is drawn on.
import type { ClaimView } from '@/lib/contracts/read';
import { formatCount, formatUsd, METRIC_LABELS, placeClaim } from '@/lib/charts/claim-ladder';
import { relationText } from './claim-ladder-chart';

export function ClaimsTable({ claims, caption }: { claims: ClaimView[]; caption: string }) {
  const byId = new Map(claims.map((c) => [c.id, c] as const));
  return (
    <div className="table-scroll" role="region" aria-label="Cost claims table" tabIndex={0}>
      <table className="data-table claims-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Asserted</th>
            <th scope="col">Claimant</th>
            <th scope="col">Metric</th>
            <th scope="col">Value as given</th>
            <th scope="col">On the chart</th>
            <th scope="col">Qualifier</th>
            <th scope="col">Status and lineage</th>
            <th scope="col">Scope</th>
            <th scope="col">Sources</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => {
            const place = placeClaim(c);
            const rel = relationText(c, byId);
            return (
              <tr key={c.id} className={c.status === 'disputed' ? 'is-disputed' : undefined}>
                <td className="num">{c.asserted_on}</td>
                <td>
                  {c.claimant}
                  <div className="muted small">{c.subject}</div>
                </td>
                <td>{METRIC_LABELS[c.metric] ?? c.metric}</td>
                <td className="num">
                  {c.current_value.toLocaleString('en-US', { maximumFractionDigits: 6 })} {c.unit}
                  {c.current_value !== c.value ? <div className="muted small">first asserted {c.value}</div> : null}
                </td>
                <td>{place.axis === 'usd' ? formatUsd(place.amount) : place.axis === 'count' ? `${formatCount(place.amount)} (count axis)` : `not plotted: ${place.reason}`}</td>
                <td>{c.qualifier ?? '—'}</td>
                <td>
                  <strong>{c.status}</strong>
                  {rel.map((r) => (
                    <div key={r} className="small">
                      {r}
                    </div>
                  ))}
                </td>
                <td className="scope">{c.scope || '—'}</td>
                <td>
                  {c.sources.length === 0 ? (
                    'none recorded'
                  ) : (
                    <ul className="plain">
                      {c.sources.map((s) => (
                        <li key={s.url}>
                          <a href={s.url} rel="noreferrer" target="_blank">
                            {s.title}
                          </a>
                          <span className="muted small">
                            {' '}
                            {s.publisher ?? ''}
                            {s.published ? `, ${s.published}` : ''}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
