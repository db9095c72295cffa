'use client';
// The dashboard's view state (lib/view-state) lives in React state and is mirrored to the URL
// with the History API: a view change costs no server round trip, and every view is a link.
// The URL is adopted again when it changes from outside: back/forward, or a link.
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseViewState, serializeViewState, type ViewState } from '@/lib/view-state';

/** Patch the view; `push` makes a history entry (opening an event), `replace` does not. */
export type SetView = (patch: Partial<ViewState>, mode?: 'replace' | 'push') => void;

export function useViewState(): { view: ViewState; setView: SetView; pathname: string } {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const [view, setViewState] = useState(() => parseViewState(searchParams));
  // setView reads the latest view even when called twice before a render.
  const viewRef = useRef(view);
  // Queries this hook wrote itself: when Next.js reports them back through useSearchParams,
  // possibly a few renders late, they are not an outside change.
  const [written, setWritten] = useState<string[]>([]);
  const urlKey = serializeViewState(parseViewState(searchParams));
  const [seenUrl, setSeenUrl] = useState(urlKey);
  if (urlKey !== seenUrl) {
    setSeenUrl(urlKey);
    if (!written.includes(urlKey) && urlKey !== serializeViewState(view)) setViewState(parseViewState(searchParams));
  }
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  useEffect(() => {
    const onPop = () => {
      setWritten([]);
      setViewState(parseViewState(new URLSearchParams(window.location.search)));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const setView = useCallback<SetView>(
    (patch, mode = 'replace') => {
      const next = { ...viewRef.current, ...patch };
      viewRef.current = next;
      setViewState(next);
      const query = serializeViewState(next);
      setWritten((w) => [...w.slice(-19), query]);
      if (mode === 'push') window.history.pushState(null, '', `${pathname}${query}`);
      else window.history.replaceState(null, '', `${pathname}${query}`);
    },
    [pathname],
  );
  return { view, setView, pathname };
}
