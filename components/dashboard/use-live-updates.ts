'use client';
// The live dashboard: poll the ledger position and, once it passes the one the timeline was
// read at, refetch what the ledger feeds, so a new event appears without a reload. A replay
// (as-of date or ledger position) shows a fixed past and does not poll.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { healthQuery } from '@/components/data/queries';
import { queryKeys } from '@/lib/query-keys';

const POLL_MS = 4000;

/** The latest ledger position (undefined until the first answer). */
export function useLiveUpdates(knownPosition: number | null, replay: boolean): number | undefined {
  const queryClient = useQueryClient();
  const health = useQuery({ ...healthQuery(), refetchInterval: replay ? false : POLL_MS, staleTime: 0 });
  useEffect(() => {
    if (!replay && health.data && knownPosition !== null && health.data.position > knownPosition)
      // Not the poll itself, and not the ticker list (it keeps its own staleTime).
      void queryClient.invalidateQueries({ queryKey: queryKeys.all, predicate: (q) => q.queryKey[1] !== 'health' && q.queryKey[1] !== 'tickers' });
  }, [health.data, knownPosition, replay, queryClient]);
  return health.data?.position;
}
