// The first frame of the price lines, drawn by the server (a Server Component: no script ships
// for it). The browser paints it while it loads the dashboard's scripts; once the canvas has drawn
// the same lines (same data, same scales: lib/charts/scales), CSS hides it. It stretches to the
// plot's width (the server does not know it) with strokes that do not scale, and it is shown only
// in the wide layout, whose margins it assumes (lib/charts/timeline-layout).

/** Marks 'impactline:chart-ready' in the first frame in which the poster is on screen. */
const MARK = `(function(){var p=document.currentScript&&document.currentScript.parentNode;requestAnimationFrame(function(){if(p&&getComputedStyle(p).display!=='none'&&!performance.getEntriesByName('impactline:chart-ready').length)performance.mark('impactline:chart-ready')})})()`;

export function ChartPoster({ paths, width, height, margin }: { paths: string[]; width: number; height: number; margin: { left: number; right: number; top: number } }) {
  if (paths.every((d) => !d)) return null;
  return (
    <div className="chart-poster" aria-hidden="true" style={{ top: margin.top, left: margin.left, right: margin.right, height }}>
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" width="100%" height="100%" focusable="false">
        {/* primary last, on top, as on the canvas */}
        {paths
          .map((d, i) => ({ d, i }))
          .reverse()
          .map(({ d, i }) => (
            <path key={i} d={d} className={`poster-line poster-line-${i % 8}`} strokeWidth={i === 0 ? 2.25 : 1.5} vectorEffect="non-scaling-stroke" fill="none" />
          ))}
      </svg>
      <script dangerouslySetInnerHTML={{ __html: MARK }} />
    </div>
  );
}
