'use client';
// The pieces of an event's story, shared by the dashboard's panel and the event page: its figures,
// sources and claims (each figure traces to its sources), the reaction figure, and the impact table
// with the event study it comes from.
import type { ClaimView, EntryView, ImpactResult, ImpactsResponse } from '@/lib/contracts/read';
import { formatAsGiven, formatUsd, METRIC_LABELS, placeClaim } from '@/lib/charts/claim-ladder';
import { eventStudyProvenance, fromSources, sourceByline } from '@/lib/charts/provenance';
import { formatNumber, formatP, formatPct, stars } from '@/lib/charts/timeline';
import { ProvenanceBody, Sourced } from '@/components/ui/sourced';

export function figureText(f: { value: number | null; value_text?: string; unit: string }): string {
  const v = f.value !== null ? f.value.toLocaleString('en-US', { maximumFractionDigits: 6 }) : (f.value_text ?? '');
  return `${v} ${f.unit}`;
}

/** The entry's figures; each traces to the entry's sources (the dataset does not say which one gives which). */
export function FiguresList({ entry }: { entry: Pick<EntryView, 'figures' | 'sources' | 'title'> }) {
  if (entry.figures.length === 0) return null;
  const provenance = fromSources(entry.sources, 'Stated in the sources of this entry (the dataset does not tie a figure to one of them):');
  return (
    <ul className="figures">
      {entry.figures.map((f, i) => (
        <li key={i}>
          <Sourced figure={`${figureText(f)}${f.label ? ` — ${f.label}` : ''}`} provenance={provenance}>
            <strong>{figureText(f)}</strong>
          </Sourced>
          {f.label ? <span className="muted"> — {f.label}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function SourcesList({ sources }: { sources: EntryView['sources'] }) {
  if (sources.length === 0) return <p className="muted" data-unsourced="true">No sources recorded: the figures of this entry are unsourced.</p>;
  return (
    <ul className="sources">
      {sources.map((s) => (
        <li key={s.url}>
          <a href={s.url} target="_blank" rel="noopener noreferrer nofollow">
            {s.title}
          </a>
          <span className="muted"> {sourceByline(s)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A claim's value as a sourced figure: "5.576 million USD" with its claimant's sources. */
export function ClaimValue({ claim: c }: { claim: ClaimView }) {
  const place = placeClaim(c);
  const shown = place.axis === 'usd' ? formatUsd(place.amount) : formatAsGiven(c.current_value, c.unit);
  return (
    <Sourced figure={`${c.claimant}: ${METRIC_LABELS[c.metric] ?? c.metric} ${formatAsGiven(c.current_value, c.unit)} (${c.asserted_on})`} provenance={fromSources(c.sources, 'Sources of this claim:')}>
      <strong>{shown}</strong>
    </Sourced>
  );
}

export function ClaimsList({ claims }: { claims: ClaimView[] }) {
  return (
    <ul className="claims">
      {claims.map((c) => (
        <li key={c.id}>
          <ClaimValue claim={c} /> {METRIC_LABELS[c.metric]?.toLowerCase() ?? c.metric.replace(/_/g, ' ')} — {c.claimant} ({c.qualifier ?? 'no qualifier'}), {c.status}
          {c.current_value !== c.value ? <span className="muted"> (first asserted as {c.value})</span> : null}
          <div className="muted small">{c.scope}</div>
          {c.relations.length > 0 ? (
            <div className="muted small">
              {c.relations.map((r) => (r.direction === 'outgoing' ? `${r.type} ${r.claim}` : `${r.type === 'disputes' ? 'disputed' : r.type} by ${r.claim}`)).join('; ')}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Where an impact's numbers come from: the study's parameters and the prices in the ledger. */
export function studyProvenance(result: Pick<ImpactResult, 'ticker' | 'benchmark' | 'model' | 'event_id'>, window: string) {
  return eventStudyProvenance({
    ticker: result.ticker,
    benchmark: result.benchmark,
    model: result.model,
    window,
    eventId: undefined,
    studyHref: `/api/impacts?event=${encodeURIComponent(result.event_id)}&tickers=${encodeURIComponent(result.ticker)}`,
  });
}

/** The reaction in one figure: the primary ticker's CAR[−1,1] with stars, t and p. */
export function ReactionFigure({ result }: { result: ImpactResult }) {
  const w = result.result?.windows.find((x) => x.from === -1 && x.to === 1) ?? result.result?.windows[0];
  if (!result.result || !w) return <p className="muted">No reaction figure: {result.reason ?? 'no estimate'}.</p>;
  const label = `CAR[${w.from},${w.to}]`;
  const neg = (w.car ?? 0) < 0;
  return (
    <div className="reaction">
      <p className="reaction-label">
        {label} of {result.ticker} vs {result.benchmark}
      </p>
      <p className={`reaction-figure ${neg ? 'neg' : 'pos'}`}>
        <Sourced figure={`${label} of ${result.ticker}: ${formatPct(w.car)}${stars(w.p)}`} provenance={studyProvenance(result, label)}>
          {formatPct(w.car)}
          <span className="stars">{stars(w.p)}</span>
        </Sourced>
      </p>
      <p className="reaction-stats">
        t {formatNumber(w.t)} · p {formatP(w.p)} · {w.n} trading days · {result.model} model{w.cut ? ` · window cut by ${w.cut}` : ''}
      </p>
    </div>
  );
}

export function ImpactTable({ result }: { result: ImpactResult }) {
  const r = result.result;
  return (
    <div className="impact">
      <h4>
        {result.ticker} <span className="muted">vs {result.benchmark}</span>
      </h4>
      {result.ticker === result.benchmark ? (
        <p className="muted">{result.ticker} is the benchmark: its abnormal return is zero by construction.</p>
      ) : !r ? (
        <p className="muted">No estimate: {result.reason}</p>
      ) : (
        <>
          <table className="impact-table" data-sourced="computed">
            <caption className="sr-only">Cumulative abnormal returns of {result.ticker} by window</caption>
            <thead>
              <tr>
                <th scope="col">Window</th>
                <th scope="col">CAR</th>
                <th scope="col">t</th>
                <th scope="col">p</th>
                <th scope="col">n</th>
              </tr>
            </thead>
            <tbody>
              {r.windows.map((w) => (
                <tr key={`${w.from}:${w.to}`} className={w.cut ? 'cut' : undefined}>
                  <th scope="row">
                    [{w.from},{w.to}]{w.cut ? <span title={`window cut by ${w.cut}`}> ✂</span> : null}
                  </th>
                  <td className={w.car !== null && w.car < 0 ? 'neg' : 'pos'}>
                    {formatPct(w.car)}
                    <span className="stars">{stars(w.p)}</span>
                  </td>
                  <td>{formatNumber(w.t)}</td>
                  <td>{formatP(w.p)}</td>
                  <td>{w.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="table-source small" data-table-source="true">
            <ProvenanceBody provenance={studyProvenance(result, 'these windows')} />
          </div>
          <p className="muted small">
            α {formatNumber(r.estimation.alpha, 5)}, β {formatNumber(r.estimation.beta, 3)}, σ {formatPct(r.estimation.sigma)}, n {r.estimation.n} ({r.estimation.start} → {r.estimation.end}). Stars: * p&lt;0.1, ** p&lt;0.05, *** p&lt;0.01. Dollar impact:{' '}
            {r.windows.some((w) => w.dollar_impact) ? 'estimate shown per window' : 'not available (shares outstanding unknown)'}.
          </p>
        </>
      )}
      {result.ticker !== result.benchmark && result.warnings.length > 0 ? (
        <details className="warnings">
          <summary>
            {result.warnings.length} warning{result.warnings.length > 1 ? 's' : ''}
          </summary>
          <ul>
            {result.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

export function StudyStamp({ data }: { data: Pick<ImpactsResponse, 'params' | 'position' | 'params_hash'> }) {
  return (
    <p className="stamp muted">
      Model {data.params.model} vs {data.params.benchmark}, estimation {data.params.estimation} returns ending at day −{data.params.gap + 1}; ledger position {data.position}; params{' '}
      {data.params_hash.slice(0, 12)}.
    </p>
  );
}

/** Loading placeholder of an event: the shapes of its heading, facts and text. */
export function EventSkeleton() {
  return (
    <div className="event-detail" aria-busy="true" aria-label="Loading the event">
      <div className="skeleton skeleton-line" style={{ width: '70%', height: '1.3em' }} />
      <div className="skeleton skeleton-line" style={{ width: '40%' }} />
      <div className="skeleton skeleton-line" style={{ width: '55%' }} />
      <div className="skeleton" style={{ height: 120, marginTop: 12 }} />
    </div>
  );
}
