'use client';
// The reader's colour scheme (prefers-color-scheme), for what CSS cannot colour: canvas lines and
// colours that come from data (a narrative's colour). The server renders light; the browser
// switches after hydration and whenever the system setting changes.
import { useSyncExternalStore } from 'react';
import type { Scheme } from '@/lib/charts/palette';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void) {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export function useColorScheme(): Scheme {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(QUERY).matches ? 'dark' : 'light'),
    () => 'light',
  );
}
