// Narrative aggregates (CAAR with a cross-sectional t-test) per narrative and ticker, as returned
// by /api/narratives. Every number comes from the response; nulls are shown as "—" with the reason.
import type { NarrativeView, NarrativesResponse } from '@/lib/contracts/read';

export function stars(p: number | null): string {
  if (p === null) return '';
  return p < 0.01 ? '***' : p < 0.05 ? '**' : p < 0.1 ? '*' : '';
}

const pct = (v: number | null, digits = 2) => (v === null ? '—' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(digits)}%`);
const num = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));

export function AggregatesTable({ data, narratives }: { data: NarrativesResponse; narratives: NarrativeView[] }) {
  const names = new Map(narratives.map((n) => [n.id, n] as const));
  const [a, b] = data.params.window;
  const win = `[${a}, ${b > 0 ? '+' : ''}${b}]`;
  const tickers = [...new Set(data.narratives.map((r) => r.ticker))];
  if (data.narratives.length === 0) return <p>No timeline events are known at this clock, so there is nothing to aggregate.</p>;
  return (
    <>
      <div className="table-scroll" role="region" aria-label="Narrative aggregates table" tabIndex={0}>
        <table className="data-table agg-table">
          <caption>
            CAR{win} per narrative: mean (CAAR), t-test across events, cumulative CAR and share of negative events
          </caption>
          <thead>
            <tr>
              <th scope="col">Narrative</th>
              <th scope="col" title="events with a CAR (events without one)">
                n <span className="muted">(miss.)</span>
              </th>
              <th scope="col">CAAR</th>
              <th scope="col">t</th>
              <th scope="col">p</th>
              <th scope="col">Cum. CAR</th>
              <th scope="col">% neg.</th>
            </tr>
          </thead>
          {tickers.map((ticker) => (
            <tbody key={ticker}>
              <tr className="group-row">
                <th scope="colgroup" colSpan={7}>
                  {ticker}
                </th>
              </tr>
              {data.narratives
                .filter((r) => r.ticker === ticker)
                .map((r) => {
                  const n = names.get(r.narrative);
                  return (
                    <tr key={`${r.narrative}-${r.ticker}`}>
                      <th scope="row">
                        <span className="swatch" style={{ background: n?.color ?? '#6b7280' }} aria-hidden="true" />
                        {n?.name ?? r.narrative}
                        <span className="visually-hidden"> {r.ticker}</span>
                      </th>
                      <td className="num">
                        {r.n}
                        {r.missing ? ` (${r.missing})` : ''}
                      </td>
                      <td className={`num ${r.mean_car === null ? '' : r.mean_car < 0 ? 'neg' : 'pos'}`}>{pct(r.mean_car)}</td>
                      <td className="num">{num(r.t_stat)}</td>
                      <td className="num">
                        {r.p_value === null ? '—' : r.p_value < 0.001 ? '<0.001' : r.p_value.toFixed(3)}
                        <span className="stars">{stars(r.p_value) || '\u00a0'}</span>
                      </td>
                      <td className={`num ${r.cumulative_car === null ? '' : r.cumulative_car < 0 ? 'neg' : 'pos'}`}>{pct(r.cumulative_car)}</td>
                      <td className="num">{r.share_negative === null ? '—' : `${Math.round(r.share_negative * 100)}%`}</td>
                    </tr>
                  );
                })}
            </tbody>
          ))}
        </table>
      </div>
      <p className="muted small">
        Stars: * p &lt; 0.10, ** p &lt; 0.05, *** p &lt; 0.01 (two-sided, t with n−1 degrees of freedom). “—”: t and p need at least two events
        with a CAR that differ; missing events had no CAR (window cut by the data or the as-of date, or too little estimation data).
      </p>
      <p className="stamp small">
        Ledger position {data.position} · {data.params.model} model vs {data.params.benchmark} · estimation {data.params.estimation} days,
        gap {data.params.gap} · window {win}
        {data.params.asOf ? ` · as of ${data.params.asOf}` : ''} · params {data.params_hash.slice(0, 10)}
      </p>
    </>
  );
}
