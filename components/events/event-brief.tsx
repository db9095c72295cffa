'use client';
// The event page as a brief (issue 16, item 6): the title, its date and the trading day it maps
// to; the reaction in one large figure; the AR/CAR chart with its band; what happened and the
// figures; the sources; the claims it asserted with a ladder snippet; related events of the same
// narrative within ±10 trading days; and what the ledger knew on that day.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { pricesQuery } from '@/components/data/queries';
import { useClaims, useEntry, useEventImpacts, useImpacts, useTimeline } from '@/components/data/use-queries';
import { ExportMenu } from '@/components/export/export-menu';
import { ClaimLadderChart } from '@/components/narratives/claim-ladder-chart';
import { claimsKnownOn, relatedEvents } from '@/lib/charts/event-brief';
import { markerStats } from '@/lib/charts/events';
import { carText } from '@/lib/charts/headlines';
import { eventStudyProvenance } from '@/lib/charts/provenance';
import type { ClaimView, EntryView, NarrativeView } from '@/lib/contracts/read';
import { markerImpactParams } from '@/lib/dashboard-params';
import { addDays } from '@/lib/dates';
import type { ClockKey } from '@/lib/query-keys';
import { Sourced } from '@/components/ui/sourced';
import { ClaimsList, ClaimValue, EventSkeleton, FiguresList, ImpactTable, ReactionFigure, SourcesList, StudyStamp } from './event-parts';
import { EventStudyChart, StudyStatus } from './event-study-view';
import { PeersSection } from './peers-section';

type Props = {
  id: string;
  tickers: string[];
  clock: ClockKey;
  narratives: NarrativeView[];
  editHref?: string;
  /** Sections other views add (a peers section…). */
  children?: React.ReactNode;
};

const KIND_GLYPH: Record<string, string> = { release: '▲', claim: '●', market: '◆', report: '■', policy: '✚', corporate: '★' };

export function EventBrief({ id, tickers, clock, narratives, editHref, children }: Props) {
  const entry = useEntry(id, clock);
  const impacts = useEventImpacts(id, tickers, clock);
  const claims = useClaims(clock);
  const timeline = useTimeline(clock);
  const primary = tickers[0]!;
  const markers = useImpacts(markerImpactParams(primary, clock));
  const primaryPrices = useQuery(pricesQuery(primary, clock));
  const e = entry.data;
  // What the ledger knew on the event's day: claims as of that date (their revisions by then).
  const knownClaims = useClaims({ asOf: e?.date ?? null, position: clock.position });

  const results = impacts.data?.results ?? [];
  const main = results.find((r) => r.ticker === primary) ?? results[0];
  const narrative = narratives.find((n) => n.id === e?.narrative);
  const linked = useMemo(() => (claims.data?.claims ?? []).filter((c) => c.entry_id === id), [claims.data, id]);
  // The snippet shows the entry's claims and the claims they answer.
  const snippet = useMemo(() => {
    const all = claims.data?.claims ?? [];
    const ids = new Set(linked.flatMap((c) => [c.id, ...c.relations.map((r) => r.claim)]));
    return all.filter((c) => ids.has(c.id));
  }, [claims.data, linked]);
  const calendar = useMemo(() => (primaryPrices.data?.bars ?? []).map((b) => b.date), [primaryPrices.data]);
  const stats = useMemo(() => markerStats(markers.data?.results ?? []), [markers.data]);
  const related = useMemo(() => (e ? relatedEvents(timeline.data?.entries ?? [], e, calendar, 10) : []), [e, timeline.data, calendar]);
  const known = useMemo(() => (e ? claimsKnownOn(knownClaims.data?.claims ?? [], e.date) : []), [e, knownClaims.data]);

  if (entry.isPending) return <EventSkeleton />;
  if (entry.isError)
    return (
      <div className="error-state" role="alert">
        <p>Could not load this event: {entry.error.message}</p>
        <button type="button" onClick={() => void entry.refetch()}>
          Retry
        </button>
      </div>
    );
  const ev = entry.data;
  const day0 = main?.day0;
  const snippetDomain: [string, string] | null = snippet.length
    ? [addDays(snippet.reduce((m, c) => (c.asserted_on < m ? c.asserted_on : m), snippet[0]!.asserted_on), -20), addDays(snippet.reduce((m, c) => (c.asserted_on > m ? c.asserted_on : m), snippet[0]!.asserted_on), 20)]
    : null;

  return (
    <article className="event-brief" aria-labelledby={`brief-title-${ev.id}`}>
      <header className="brief-head">
        <p className="brief-eyebrow">
          <span aria-hidden="true">{KIND_GLYPH[ev.kind] ?? '●'}</span> {ev.kind} ·{' '}
          <span className="brief-narrative">
            <span className="swatch-dot" style={{ background: narrative?.color }} aria-hidden="true" /> {narrative?.name ?? ev.narrative}
          </span>
          {ev.confidence ? ` · ${ev.confidence}` : ''}
          {ev.status === 'retracted' ? ' · retracted' : ''}
        </p>
        <h1 id={`brief-title-${ev.id}`} className={ev.status === 'retracted' ? 'retracted' : undefined}>
          {ev.title}
        </h1>
        <p className="brief-dateline">
          <time dateTime={ev.date}>{ev.date}</time>
          {ev.time_utc ? ` ${ev.time_utc} UTC` : ''} ·{' '}
          {day0 ? (
            <>
              trading day 0: <strong>{day0.date}</strong> ({day0.reason}) for {main!.ticker}
            </>
          ) : main ? (
            `no trading day 0: ${main.reason ?? 'not mapped'}`
          ) : impacts.isPending ? (
            'mapping to a trading day…'
          ) : (
            'no trading day'
          )}
        </p>
      </header>

      <div className="brief-grid">
        <div className="brief-main">
          <section className="brief-reaction" aria-labelledby="brief-reaction">
            <h2 id="brief-reaction">How the market reacted</h2>
            <StudyStatus query={impacts} height={150} />
            {main ? <ReactionFigure result={main} /> : null}
            {main?.result ? (
              <EventStudyChart eventId={id} result={main} impacts={impacts.data} title={ev.title} clock={clock} initialWidth={560} maxWidth={680} height={220} events={timeline.data?.entries ?? []} />
            ) : null}
          </section>

          <section aria-labelledby="brief-what">
            <h2 id="brief-what">What happened</h2>
            <p className="summary">{ev.summary}</p>
            {ev.figures.length ? (
              <>
                <h3>Figures</h3>
                <FiguresList entry={ev} />
              </>
            ) : null}
          </section>

          {linked.length > 0 ? (
            <section aria-labelledby="brief-claims">
              <h2 id="brief-claims">The cost claims it asserted</h2>
              <ClaimsList claims={linked} />
              {snippetDomain ? (
                <div className="brief-ladder">
                  <ClaimLadderChart
                    claims={snippet}
                    series={[]}
                    domain={snippetDomain}
                    focus
                    prices={false}
                    mode="rebased"
                    asOf={clock.asOf}
                    narratives={narratives}
                    pricesNote={null}
                    label="Claim ladder of this event"
                  />
                  <p className="muted small">
                    These claims and the ones they answer, on the ladder of <Link href="/narratives">Narratives</Link>.
                  </p>
                </div>
              ) : null}
            </section>
          ) : null}

          <PeersSection eventId={id} clock={clock} />

          {children}

          <section aria-labelledby="brief-impact">
            <h2 id="brief-impact">Event study by window</h2>
            {results.map((r) => (
              <ImpactTable key={r.ticker} result={r} />
            ))}
            <ExportMenu dataset="impacts" label="Export impacts CSV" params={{ event: id, tickers, asOf: clock.asOf, position: clock.position }} />
            {impacts.data ? <StudyStamp data={impacts.data} /> : null}
          </section>
        </div>

        <aside className="brief-side" aria-label="Sources and context">
          <section aria-labelledby="brief-sources">
            <h2 id="brief-sources">Sources</h2>
            <SourcesList sources={ev.sources} />
          </section>

          <section aria-labelledby="brief-related">
            <h2 id="brief-related">Related events</h2>
            <p className="muted small">
              {narrative?.name ?? ev.narrative}, within ±10 trading days of {day0?.date ?? ev.date}
            </p>
            {primaryPrices.isPending || timeline.isPending ? (
              <div className="skeleton skeleton-line" />
            ) : calendar.length === 0 ? (
              <p className="empty-state">No {primary} prices to count trading days with — import a price file for {primary}.</p>
            ) : related.length === 0 ? (
              <p className="muted">No other {narrative?.name ?? ev.narrative} event in that window.</p>
            ) : (
              <ul className="related">
                {related.map((r) => (
                  <RelatedItem key={r.id} entry={r} car={carText(stats.get(r.id))} primary={primary} benchmark={markers.data?.params.benchmark ?? 'SPY'} clock={clock} />
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="brief-known">
            <h2 id="brief-known">Known on {ev.date}</h2>
            {knownClaims.isPending ? (
              <div className="skeleton skeleton-line" />
            ) : known.length === 0 ? (
              <p className="muted">No cost claim had been recorded by that day.</p>
            ) : (
              <ul className="known">
                {known.map((c) => (
                  <KnownClaim key={c.id} claim={c} />
                ))}
              </ul>
            )}
            <p className="small">
              <Link href={`/?asOf=${ev.date}&event=${encodeURIComponent(ev.id)}`}>The dashboard as known on {ev.date}</Link>
            </p>
          </section>

          <section aria-labelledby="brief-history">
            <h2 id="brief-history">Ledger history</h2>
            <ol className="history">
              {ev.history.map((h) => (
                <li key={h.position}>
                  <span className="muted">#{h.position}</span> {h.type} · {h.recorded_at.slice(0, 10)}
                  {h.actor ? ` · ${h.actor}` : ''}
                  {h.reason ? ` · “${h.reason}”` : ''}
                </li>
              ))}
            </ol>
            {editHref ? (
              <p>
                <Link href={editHref}>Edit this entry</Link>
              </p>
            ) : null}
          </section>
        </aside>
      </div>
    </article>
  );
}

function RelatedItem({ entry, car, primary, benchmark, clock }: { entry: EntryView; car: string; primary: string; benchmark: string; clock: ClockKey }) {
  const q = new URLSearchParams();
  if (clock.asOf) q.set('asOf', clock.asOf);
  if (clock.position !== null) q.set('position', String(clock.position));
  const query = q.toString();
  return (
    <li>
      <time dateTime={entry.date} className="muted">
        {entry.date}
      </time>{' '}
      <Link href={`/events/${encodeURIComponent(entry.id)}${query ? `?${query}` : ''}`}>{entry.title}</Link>{' '}
      {car ? (
        <Sourced
          figure={`CAR[−1,1] of ${primary} around “${entry.title}”: ${car}`}
          provenance={eventStudyProvenance({ ticker: primary, benchmark, model: 'market', window: 'CAR[−1,1]', studyHref: `/api/impacts?event=${encodeURIComponent(entry.id)}&tickers=${primary}&windows=-1:1` })}
          className={car.startsWith('−') ? 'neg' : 'pos'}
        >
          {car}
        </Sourced>
      ) : null}
    </li>
  );
}

function KnownClaim({ claim: c }: { claim: ClaimView }) {
  return (
    <li>
      <ClaimValue claim={c} /> <span className="muted small">{c.claimant}, {c.asserted_on}{c.status !== 'asserted' ? ` · ${c.status} by then` : ''}</span>
    </li>
  );
}
