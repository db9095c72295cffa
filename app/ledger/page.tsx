import type { Metadata } from 'next';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { storeForPage } from '@/server/reads';
import type { ReadModel } from '@/db/store';
import { queryKeys } from '@/lib/query-keys';
import { LedgerView, type LedgerParams } from '@/components/ledger/ledger-view';
import { KNOWN_EVENT_TYPES } from '@/components/ledger/summarize';
import './ledger.css';

export const metadata: Metadata = { title: 'Ledger' };
// Reads the ledger on every request (never prerendered at build time).
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function one(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v.at(-1) : v;
  return s && s.trim() ? s.trim() : null;
}

function parseParams(sp: Record<string, string | string[] | undefined>): LedgerParams {
  const after = one(sp.after);
  const type = one(sp.type);
  const stream = one(sp.stream);
  return {
    after: after && /^\d{1,12}$/.test(after) ? Number(after) : 0,
    limit: PAGE_SIZE,
    stream: stream ? stream.slice(0, 200) : null,
    type: type && /^[A-Za-z]{1,60}$/.test(type) ? type : null,
  };
}

/**
 * Paging cursors. Positions are gapless, so without filters the previous page starts at
 * after - limit. With a filter the API can only read forwards, so the positions of the matching
 * events before this page are read once (positions only are kept) to find where it starts.
 */
async function cursors(read: ReadModel, p: LedgerParams, latest: number): Promise<{ olderAfter: number | null; latestAfter: number }> {
  if (!p.stream && !p.type) {
    return { olderAfter: p.after > 0 ? Math.max(0, p.after - p.limit) : null, latestAfter: Math.max(0, latest - p.limit) };
  }
  const positions: number[] = [];
  let cursor = 0;
  for (;;) {
    const batch = await read.listLedger({ after: cursor, limit: 500, stream: p.stream ?? undefined, type: p.type ?? undefined });
    for (const e of batch) positions.push(e.position);
    if (batch.length < 500) break;
    cursor = batch[batch.length - 1]!.position;
  }
  const before = positions.filter((x) => x <= p.after);
  const olderAfter = p.after > 0 && before.length > 0 ? (before.length > p.limit ? before[before.length - p.limit - 1]! : 0) : null;
  const latestAfter = positions.length > p.limit ? positions[positions.length - p.limit - 1]! : 0;
  return { olderAfter, latestAfter };
}

export default async function LedgerPage({ searchParams }: { searchParams: SearchParams }) {
  const params = parseParams(await searchParams);
  const { read } = await storeForPage();
  const latest = await read.latestPosition();
  const qc = new QueryClient();
  qc.setQueryData(queryKeys.ledger(params), {
    position: latest,
    events: await read.listLedger({ after: params.after, limit: params.limit, stream: params.stream ?? undefined, type: params.type ?? undefined }),
  });
  const { olderAfter, latestAfter } = await cursors(read, params, latest);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <LedgerView params={params} latest={latest} olderAfter={olderAfter} latestAfter={latestAfter} />
      {params.type && !(KNOWN_EVENT_TYPES as readonly string[]).includes(params.type) ? (
        <p className="muted small">“{params.type}” is not one of the event types this version knows; the list above shows whatever the ledger holds under that name.</p>
      ) : null}
    </HydrationBoundary>
  );
}
