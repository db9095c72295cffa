'use client';
// The chart's settled time domain. It follows the range the URL asks for; a gesture's final domain
// (a zoom or brush that came to rest, a preset, a cluster click) is taken over, and written to the
// URL, once gestures pause. The chart shows gestures itself (timeline-chart.tsx), so the page does
// not re-render on every wheel step.
import { useCallback, useRef, useState } from 'react';
import { clampDomain, type Domain } from '@/lib/charts/domain';

// A burst of wheel steps or brush ends is taken over by the page (and written to the URL) once,
// after the last of them: long enough to bridge the pauses within one gesture on a busy machine.
const COMMIT_DELAY_MS = 400;

/**
 * `requested`: the URL's domain (lib/charts/domain urlDomain); `commit` writes a settled domain
 * to the URL. Returns the settled domain and onDomainChange(domain, final, immediate?).
 */
export function useChartDomain(requested: Domain, extent: Domain, commit: (domain: Domain) => void) {
  const [state, setState] = useState({ url: requested, value: requested });
  const urlMoved = state.url[0] !== requested[0] || state.url[1] !== requested[1];
  if (urlMoved) setState({ url: requested, value: requested });
  const domain = urlMoved ? requested : state.value;
  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onDomainChange = useCallback(
    (d: Domain, final: boolean, immediate = false) => {
      if (!final) return;
      const clamped = clampDomain(d, extent);
      // A preset or a cluster click moves the page at once; gestures wait for the pause.
      if (immediate) setState((s) => ({ ...s, value: clamped }));
      // The chart already shows the gesture's domain; the page (tables, exports, the URL) follows
      // once gestures pause, so a run of wheel steps re-renders the page once, not per pause.
      if (commitTimer.current) clearTimeout(commitTimer.current);
      commitTimer.current = setTimeout(() => {
        setState((s) => ({ ...s, value: clamped }));
        commit(clamped);
      }, COMMIT_DELAY_MS);
    },
    [extent, commit],
  );
  return [domain, onDomainChange] as const;
}
