'use client';

import { useEffect, useRef, useState } from 'react';

/** Measure an element with a ResizeObserver; charts re-layout on resize. */
export function useElementSize<T extends HTMLElement>(initialWidth = 960) {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState({ width: initialWidth, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setSize({ width: Math.round(el.clientWidth), height: Math.round(el.clientHeight) });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}
