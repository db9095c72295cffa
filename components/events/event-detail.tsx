'use client';
// One event in full: what happened, its sources and claims, and how abnormal the market's
// move was (impact table, daily AR/CAR chart, warnings), with the entry's ledger history.
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { useClaims, useEntry, useEventImpacts, useTimeline } from '@/components/data/use-queries';
import { ExportMenu } from '@/components/export/export-menu';
import type { ClockKey } from '@/lib/query-keys';
import { ClaimsList, EventSkeleton, FiguresList, ImpactTable, ReactionFigure, SourcesList, StudyStamp } from './event-parts';
import { EventStudyChart, StudyStatus } from './event-study-view';
import { PeersSection } from './peers-section';

type Props = {
  id: string;
  tickers: string[];
  clock: ClockKey;
  variant: 'panel' | 'page';
  onClose?: () => void;
  pageHref?: string;
  /** Shown to signed-in editors only. */
  editHref?: string;
  /** Bumped by the dashboard when the user presses Enter: focus the heading once it is rendered. */
  focusRequest?: number;
  children?: React.ReactNode;
};

export function EventDetail({ id, tickers, clock, variant, onClose, pageHref, editHref, focusRequest = 0, children }: Props) {
  const entry = useEntry(id, clock);
  const impacts = useEventImpacts(id, tickers, clock);
  const claims = useClaims(clock);
  const timeline = useTimeline(clock);
  const headingRef = useRef<HTMLHeadingElement | null>(null);
  // The request may arrive before the entry has loaded; honour each request once, when the heading exists.
  const handledFocus = useRef(0);
  const loaded = entry.data?.id === id;
  useEffect(() => {
    if (focusRequest > handledFocus.current && loaded && headingRef.current) {
      handledFocus.current = focusRequest;
      headingRef.current.focus();
    }
  }, [focusRequest, loaded]);

  if (entry.isPending) return <EventSkeleton />;
  if (entry.isError)
    return (
      <div className="event-detail error-state" role="alert">
        <p>Could not load this event: {entry.error.message}</p>
        <button type="button" onClick={() => void entry.refetch()}>
          Retry
        </button>
        {onClose ? (
          <button type="button" className="chip" onClick={onClose}>
            Close
          </button>
        ) : null}
      </div>
    );
  const e = entry.data;
  const results = impacts.data?.results ?? [];
  const first = results[0];
  const linkedClaims = (claims.data?.claims ?? []).filter((c) => c.entry_id === e.id);
  const primary = results.find((r) => r.result !== null);

  return (
    <article className={`event-detail ${variant}`} aria-labelledby={`event-title-${e.id}`}>
      <header className="event-head">
        <h2 id={`event-title-${e.id}`} ref={headingRef} tabIndex={-1} className={e.status === 'retracted' ? 'retracted' : undefined}>
          {e.title}
        </h2>
        {onClose ? (
          <button type="button" className="close" onClick={onClose} aria-label="Close event panel (Escape)">
            ×
          </button>
        ) : null}
      </header>
      <dl className="facts">
        <dt>Date</dt>
        <dd>
          {e.date}
          {e.time_utc ? ` ${e.time_utc} UTC` : ''}
        </dd>
        <dt>Trading day 0</dt>
        <dd>{first?.day0 ? `${first.day0.date} (${first.day0.reason})` : first ? `not mapped: ${first.reason ?? 'no trading day'}` : impacts.isPending ? '…' : '—'}</dd>
        <dt>Kind</dt>
        <dd>{e.kind}</dd>
        <dt>Narrative</dt>
        <dd>{e.narrative}</dd>
        {e.confidence ? (
          <>
            <dt>Confidence</dt>
            <dd>{e.confidence}</dd>
          </>
        ) : null}
        <dt>Status</dt>
        <dd>{e.status} · version {e.version}</dd>
      </dl>
      {children}
      {editHref ? (
        <p>
          <Link href={editHref}>Edit this entry</Link> <span className="muted small">(amend, add a source, retract, change its claims)</span>
        </p>
      ) : null}
      <p className="summary">{e.summary}</p>

      {e.figures.length > 0 ? (
        <section>
          <h3>Figures</h3>
          <FiguresList entry={e} />
        </section>
      ) : null}

      <section>
        <h3>Market impact</h3>
        <StudyStatus query={impacts} height={90} />
        {primary ? <ReactionFigure result={primary} /> : null}
        {results.map((r) => (
          <ImpactTable key={r.ticker} result={r} />
        ))}
        {primary?.result ? (
          <EventStudyChart eventId={id} result={primary} impacts={impacts.data} title={e.title} clock={clock} initialWidth={360} maxWidth={640} events={timeline.data?.entries ?? []} />
        ) : null}
        <ExportMenu dataset="impacts" label="Export impacts CSV" params={{ event: id, tickers, asOf: clock.asOf, position: clock.position }} />
        {impacts.data ? <StudyStamp data={impacts.data} /> : null}
      </section>

      <PeersSection eventId={id} clock={clock} />

      {linkedClaims.length > 0 ? (
        <section>
          <h3>Cost claims in this entry</h3>
          <ClaimsList claims={linkedClaims} />
        </section>
      ) : null}

      <section>
        <h3>Sources</h3>
        <SourcesList sources={e.sources} />
      </section>

      <section>
        <h3>History</h3>
        <ol className="history">
          {e.history.map((h) => (
            <li key={h.position}>
              <span className="muted">#{h.position}</span> {h.type} · {h.recorded_at.slice(0, 19).replace('T', ' ')} UTC
              {h.actor ? ` · ${h.actor}` : ''}
              {h.reason ? ` · “${h.reason}”` : ''}
            </li>
          ))}
        </ol>
      </section>
      {pageHref ? (
        <p>
          <Link href={pageHref}>Open the full page for this event</Link>
        </p>
      ) : null}
    </article>
  );
}
