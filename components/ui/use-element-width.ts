'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * Width of the element behind the returned ref, kept current with a ResizeObserver; charts
 * re-layout on resize. `fallback` until first measured (and on the server); a zero width
 * (a hidden element) keeps the last one. The third value says whether it has been measured.
 */
export function useElementWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && w > 0) setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width ?? fallback, width !== null] as const;
}
