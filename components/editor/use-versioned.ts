'use client';
// The stream version a form sends as expectedVersion: the page's version, or the version this
// form itself produced last (whichever is newer), so a second edit works before the page reloads.
import { useState } from 'react';

export function useVersion(expectedVersion: number) {
  const [own, setOwn] = useState(0);
  return [Math.max(expectedVersion, own), setOwn] as const;
}
