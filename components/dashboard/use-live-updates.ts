'use client';
// The live dashboard: follow the ledger position and, once it passes the one the timeline was
// read at, refetch what the ledger feeds, so a new event appears without a reload. The position
// arrives pushed over server-sent events (/api/live: every app process hears of every write);
// while that stream is down, the health endpoint is polled instead. A replay (as-of date or
// ledger position) shows a fixed past and does not follow.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { healthQuery } from '@/components/data/queries';
import type { HealthResponse } from '@/lib/contracts/read';
import { queryKeys } from '@/lib/query-keys';

const POLL_MS = 4000;

/** The latest ledger position (undefined until the first answer). */
export function useLiveUpdates(knownPosition: number | null, replay: boolean): number | undefined {
  const queryClient = useQueryClient();
  const [pushed, setPushed] = useState(false);
  const health = useQuery({ ...healthQuery(), refetchInterval: replay || pushed ? false : POLL_MS, staleTime: 0 });

  useEffect(() => {
    if (replay || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/live');
    source.addEventListener('position', (e) => {
      const position = Number((JSON.parse((e as MessageEvent<string>).data) as { position: number }).position);
      if (!Number.isFinite(position)) return;
      setPushed(true);
      queryClient.setQueryData<HealthResponse>(healthQuery().queryKey, (old) => (old && old.position >= position ? old : { ...(old ?? { ok: true }), position }));
    });
    // EventSource reconnects by itself; poll meanwhile.
    source.onerror = () => setPushed(false);
    return () => source.close();
  }, [replay, queryClient]);

  useEffect(() => {
    if (!replay && health.data && knownPosition !== null && health.data.position > knownPosition)
      // Not the position itself, and not the ticker list (it keeps its own staleTime).
      void queryClient.invalidateQueries({ queryKey: queryKeys.all, predicate: (q) => q.queryKey[1] !== 'health' && q.queryKey[1] !== 'tickers' });
  }, [health.data, knownPosition, replay, queryClient]);
  return health.data?.position;
}
