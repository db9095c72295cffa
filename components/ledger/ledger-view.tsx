'use client';

// /ledger: the raw, append-only ledger, paged by position. The page (Server Component) prefetches
// the current page and works out the paging cursors; this component owns expansion and the live poll.
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { api, toQuery } from '@/components/data/api-client';
import type { LedgerEventView } from '@/lib/contracts/read';
import { queryKeys } from '@/lib/query-keys';
import { ExportMenu } from '@/components/export/export-menu';
import { KNOWN_EVENT_TYPES, summarizeEvent } from './summarize';

export type LedgerParams = { after: number; limit: number; stream: string | null; type: string | null };

export const LEDGER_POLL_MS = 5_000;

export function ledgerHref(p: Partial<LedgerParams>): string {
  return `/ledger${toQuery({ after: p.after || null, stream: p.stream, type: p.type })}`;
}

export const fetchLedger = (p: LedgerParams) => api.ledger(p);

export function LedgerView({
  params,
  latest,
  olderAfter,
  latestAfter,
}: {
  params: LedgerParams;
  /** Latest ledger position when the page was rendered. */
  latest: number;
  /** `after` of the previous page, null on the first page. */
  olderAfter: number | null;
  /** `after` of the last page (for the current filters). */
  latestAfter: number;
}) {
  const router = useRouter();
  const page = useQuery({ queryKey: queryKeys.ledger(params), queryFn: () => fetchLedger(params) });
  // The newest position the reader has been shown: the page's, or a later one after "show".
  const [shown, setSeen] = useState(latest);
  const seen = Math.max(shown, latest);

  // Live: positions are gapless, so the latest position alone says how many events were appended.
  const live = useQuery({
    queryKey: queryKeys.ledger({ live: true, after: seen }),
    queryFn: () => fetchLedger({ after: seen, limit: 1, stream: null, type: null }),
    refetchInterval: LEDGER_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const newest = Math.max(seen, live.data?.position ?? seen, page.data?.position ?? seen);
  const fresh = newest - seen;

  const events = page.data?.events ?? [];
  const last = events[events.length - 1];
  const filtered = Boolean(params.stream || params.type);
  const hasNewer = events.length === params.limit && (last?.position ?? 0) < newest;

  const showNew = () => {
    const from = seen;
    setSeen(newest);
    router.push(ledgerHref({ ...params, after: from }));
  };

  return (
    <div className="ledger-page">
      <h1>Ledger</h1>
      <p className="muted intro">
        Every fact, claim, price import and correction, in the order the ledger recorded it. Nothing here is ever updated or deleted; a correction is a new event.
      </p>
      <p className="ledger-status">
        Latest position <strong data-testid="latest-position">{newest}</strong>
        {fresh > 0 ? (
          <>
            {' · '}
            <span role="status">
              {fresh} new event{fresh === 1 ? '' : 's'} since this page loaded —{' '}
              <button type="button" className="linklike" onClick={showNew}>
                show
              </button>
            </span>
          </>
        ) : (
          <span className="visually-hidden" role="status" />
        )}
      </p>

      <form className="ledger-filters" action="/ledger" method="get" role="search" aria-label="Filter the ledger">
        <label>
          Stream
          <input type="text" name="stream" defaultValue={params.stream ?? ''} placeholder="e.g. claim-v3-training-run-cost" key={`s-${params.stream ?? ''}`} />
        </label>
        <label>
          Type
          <select name="type" defaultValue={params.type ?? ''} key={`t-${params.type ?? ''}`}>
            <option value="">All types</option>
            {KNOWN_EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Apply filters</button>
        {filtered ? <Link href="/ledger">Clear filters</Link> : null}
        <span className="export-slot">
          {/* The whole ledger under the current filters (not only this page). */}
          <ExportMenu dataset="ledger" params={{ stream: params.stream, type: params.type }} label="Export ledger CSV" />
        </span>
      </form>

      <LedgerPager params={params} events={events} olderAfter={olderAfter} latestAfter={latestAfter} hasNewer={hasNewer} />

      {page.isPending ? (
        <p role="status">Loading ledger events…</p>
      ) : page.isError ? (
        <div role="alert" className="error">
          The ledger could not be read: {page.error.message}{' '}
          <button type="button" onClick={() => page.refetch()}>
            Retry
          </button>
        </div>
      ) : events.length === 0 ? (
        <p>
          {filtered ? 'No events match these filters' : 'No events'}
          {params.after ? ` after position ${params.after}` : ''}.
        </p>
      ) : (
        <ol className="ledger-list" aria-label="Ledger events">
          {events.map((e) => (
            <LedgerRow key={e.position} event={e} />
          ))}
        </ol>
      )}

      {events.length > 5 ? <LedgerPager params={params} events={events} olderAfter={olderAfter} latestAfter={latestAfter} hasNewer={hasNewer} bottom /> : null}
    </div>
  );
}

function LedgerPager({
  params,
  events,
  olderAfter,
  latestAfter,
  hasNewer,
  bottom,
}: {
  params: LedgerParams;
  events: LedgerEventView[];
  olderAfter: number | null;
  latestAfter: number;
  hasNewer: boolean;
  bottom?: boolean;
}) {
  const first = events[0]?.position;
  const last = events[events.length - 1]?.position;
  return (
    <nav className="ledger-pager" aria-label={bottom ? 'Ledger pages (bottom)' : 'Ledger pages'}>
      {params.after > 0 ? <Link href={ledgerHref({ ...params, after: 0 })}>First</Link> : <span aria-disabled="true">First</span>}
      {olderAfter !== null ? (
        <Link href={ledgerHref({ ...params, after: olderAfter })} rel="prev">
          ← Older
        </Link>
      ) : (
        <span aria-disabled="true">← Older</span>
      )}
      <span className="muted">{first !== undefined ? `positions ${first}–${last}` : 'no events'}</span>
      {hasNewer && last !== undefined ? (
        <Link href={ledgerHref({ ...params, after: last })} rel="next">
          Newer →
        </Link>
      ) : (
        <span aria-disabled="true">Newer →</span>
      )}
      {latestAfter !== params.after && hasNewer ? <Link href={ledgerHref({ ...params, after: latestAfter })}>Latest</Link> : <span aria-disabled="true">Latest</span>}
    </nav>
  );
}

function LedgerRow({ event: e }: { event: LedgerEventView }) {
  const [open, setOpen] = useState(false);
  const id = `ledger-json-${e.position}`;
  return (
    <li className="ledger-row">
      <div className="ledger-row-head">
        <span className="ledger-pos">#{e.position}</span>
        <span className="tag">{e.type}</span>
        <Link href={ledgerHref({ stream: e.stream_id })} className="ledger-stream" title="Show only this stream">
          {e.stream_id}
        </Link>
        <span className="muted small">v{e.stream_version}</span>
      </div>
      <p className="ledger-summary">{summarizeEvent(e.type, e.data)}</p>
      <p className="muted small ledger-times">
        occurred <time dateTime={e.occurred_at}>{e.occurred_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time> · recorded{' '}
        <time dateTime={e.recorded_at}>{e.recorded_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time>
        {typeof e.metadata.actor === 'string' ? ` · by ${e.metadata.actor}` : ''}
      </p>
      <div className="ledger-actions">
        <button type="button" className="secondary" aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide JSON' : 'Show JSON'}
          <span className="visually-hidden"> of event {e.position}</span>
        </button>
        <Link href={`/?position=${e.position}`}>
          View the dashboard at this position<span className="visually-hidden"> ({e.position})</span>
        </Link>
        <Link href={`/narratives?position=${e.position}`}>
          Narratives at this position<span className="visually-hidden"> ({e.position})</span>
        </Link>
      </div>
      {open ? (
        <pre id={id} className="ledger-json" tabIndex={0} role="region" aria-label={`JSON of event ${e.position}`}>
          {JSON.stringify(
            {
              position: e.position,
              event_id: e.event_id,
              stream_id: e.stream_id,
              stream_version: e.stream_version,
              type: e.type,
              schema_version: e.schema_version,
              occurred_at: e.occurred_at,
              recorded_at: e.recorded_at,
              data: e.data,
              metadata: e.metadata,
            },
            null,
            2,
          )}
        </pre>
      ) : null}
    </li>
  );
}
