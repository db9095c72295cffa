'use client';
// The chart's visible time domain. It follows the range the URL asks for, and moves ahead of
// the URL while the user zooms or brushes; a final domain is written back once gestures settle.
import { useCallback, useRef, useState } from 'react';
import { clampDomain, type Domain } from '@/lib/charts/domain';

// A burst of wheel steps or brush ends writes the URL once, after the last of them.
const COMMIT_DELAY_MS = 150;

/**
 * `requested`: the URL's domain (lib/charts/domain urlDomain); `commit` writes a settled domain
 * to the URL. Returns the live domain and the chart's onDomainChange(domain, final).
 */
export function useChartDomain(requested: Domain, extent: Domain, commit: (domain: Domain) => void) {
  const [state, setState] = useState({ url: requested, value: requested });
  const urlMoved = state.url[0] !== requested[0] || state.url[1] !== requested[1];
  if (urlMoved) setState({ url: requested, value: requested });
  const domain = urlMoved ? requested : state.value;
  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onDomainChange = useCallback(
    (d: Domain, final: boolean) => {
      const clamped = clampDomain(d, extent);
      setState((s) => ({ ...s, value: clamped }));
      if (final) {
        if (commitTimer.current) clearTimeout(commitTimer.current);
        commitTimer.current = setTimeout(() => commit(clamped), COMMIT_DELAY_MS);
      }
    },
    [extent, commit],
  );
  return [domain, onDomainChange] as const;
}
