'use client';
// The chart's settled time domain. It follows the range the URL asks for; a gesture's final domain
// (a zoom or brush that came to rest, a preset, a cluster click) shows at once and is written back
// to the URL once gestures settle. Frames in between stay inside the chart (timeline-chart.tsx),
// so the page does not re-render on every wheel step.
import { useCallback, useRef, useState } from 'react';
import { clampDomain, type Domain } from '@/lib/charts/domain';

// A burst of wheel steps or brush ends writes the URL once, after the last of them.
const COMMIT_DELAY_MS = 150;

/**
 * `requested`: the URL's domain (lib/charts/domain urlDomain); `commit` writes a settled domain
 * to the URL. Returns the settled domain and the chart's onDomainChange(domain, final).
 */
export function useChartDomain(requested: Domain, extent: Domain, commit: (domain: Domain) => void) {
  const [state, setState] = useState({ url: requested, value: requested });
  const urlMoved = state.url[0] !== requested[0] || state.url[1] !== requested[1];
  if (urlMoved) setState({ url: requested, value: requested });
  const domain = urlMoved ? requested : state.value;
  const commitTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onDomainChange = useCallback(
    (d: Domain, final: boolean) => {
      if (!final) return;
      const clamped = clampDomain(d, extent);
      setState((s) => ({ ...s, value: clamped }));
      if (commitTimer.current) clearTimeout(commitTimer.current);
      commitTimer.current = setTimeout(() => commit(clamped), COMMIT_DELAY_MS);
    },
    [extent, commit],
  );
  return [domain, onDomainChange] as const;
}
