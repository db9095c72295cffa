'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Width of the element behind the returned (callback) ref, kept current with a ResizeObserver;
 * charts re-layout on resize. It observes the element whenever it mounts, also after a loading
 * state. `fallback` until first measured (and on the server); a zero width (a hidden element)
 * keeps the last one. The third value says whether it has been measured; the fourth holds the
 * element itself (for what needs a RefObject, such as the chart image menu).
 */
export function useElementWidth<T extends HTMLElement>(fallback: number) {
  const [width, setWidth] = useState<number | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const element = useRef<T | null>(null);
  const ref = useCallback((el: T | null) => {
    element.current = el;
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    const o = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && w > 0) setWidth(Math.round(w));
    });
    o.observe(el);
    observer.current = o;
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width ?? fallback, width !== null, element] as const;
}
