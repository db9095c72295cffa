'use client';
// A view's state kept in the URL's query (the source of truth, so links and reloads show the same
// view), with a local copy that answers a control at once while Next.js catches up with the
// History API call (a controlled radio would otherwise flick back).
import { useCallback, useState } from 'react';
import { usePathname, useSearchParams } from 'next/navigation';

type Get = (key: string) => string | null;

export function useUrlState<S>(parse: (get: Get) => S, toSearch: (state: S) => string): [S, (patch: Partial<S>) => void] {
  const search = useSearchParams();
  const pathname = usePathname();
  const searchStr = search.toString();
  const [view, setView] = useState(() => ({ urlSeen: searchStr, state: parse((k) => search.get(k)) }));
  let state = view.state;
  if (view.urlSeen !== searchStr) {
    // the URL changed (our own write caught up, a link, Back): adopt it
    state = parse((k) => search.get(k));
    setView({ urlSeen: searchStr, state });
  }
  const update = useCallback(
    (patch: Partial<S>) => {
      const next = { ...parse((k) => new URLSearchParams(window.location.search).get(k)), ...patch };
      setView((v) => ({ urlSeen: v.urlSeen, state: next }));
      // Next.js syncs useSearchParams with the History API: no server round trip for a view change.
      window.history.replaceState(null, '', `${pathname}${toSearch(next)}`);
    },
    [pathname, parse, toSearch],
  );
  return [state, update];
}
