'use client';
// "Download PNG" and "Download SVG" for a chart: the chart as on screen (every <svg> and <canvas>
// in `target`) with the stamp below it; PNG at 2× pixel density. The stamp's sources are fetched
// when asked for (GET /api/sources), so a chart pays nothing until someone downloads it.
import { useState, type RefObject } from 'react';
import { fetchJson, toQuery } from '@/components/data/api-client';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import { imageFilename, type ChartStamp } from '@/lib/charts/image-stamp';
import { THEMES } from '@/lib/charts/palette';
import type { FilenameParts } from '@/lib/csv/export-url';
import styles from './chart-image-menu.module.css';
import { composeChartSvg, download, rasterise } from './compose';

export type ChartImageProps = {
  /** The chart's container: everything drawn inside it goes in the image. */
  target: RefObject<HTMLElement | null>;
  /** The file name's chart part, e.g. "timeline-chart". */
  chart: string;
  /** What the buttons' accessible names say the chart is ("timeline chart"). */
  label: string;
  stamp: Omit<ChartStamp, 'sources'> & { sources?: string[] };
  /** Tickers whose price sources go on the stamp (fetched at download time), and other source lines. */
  priceSourcesOf?: string[];
  filename: FilenameParts;
};

type SourcesAnswer = { sources: { ticker: string; sources: string[] }[] };

async function priceSources(tickers: string[], position: number | null): Promise<string[]> {
  if (tickers.length === 0) return [];
  try {
    const answer = await fetchJson<SourcesAnswer>(`/api/sources${toQuery({ tickers, position })}`);
    return answer.sources.map((s) => `${s.ticker}: ${s.sources.length > 0 ? s.sources.join(', ') : 'no price data'}`);
  } catch {
    return [`${tickers.join(', ')}: price sources could not be read`];
  }
}

export function ChartImageMenu({ target, chart, label, stamp, priceSourcesOf = [], filename }: ChartImageProps) {
  const [status, setStatus] = useState<string>('');
  const theme = THEMES[useColorScheme()];
  async function save(kind: 'png' | 'svg') {
    const el = target.current;
    if (!el) return;
    setStatus(`Preparing the ${kind.toUpperCase()}…`);
    try {
      const sources = [...(await priceSources(priceSourcesOf, stamp.position)), ...(stamp.sources ?? [])];
      const composite = composeChartSvg(el, { ...stamp, sources }, theme);
      const name = imageFilename(chart, filename, kind);
      download(kind === 'svg' ? new Blob([composite.svg], { type: 'image/svg+xml' }) : await rasterise(composite, 2), name);
      setStatus(`Downloaded ${name}`);
    } catch (error) {
      setStatus(`The image could not be made: ${(error as Error).message}`);
    }
  }
  return (
    <div className={styles.menu} role="group" aria-label={`Download the ${label} as an image`}>
      <button type="button" className={styles.button} onClick={() => save('png')} aria-label={`Download PNG of the ${label}`}>
        Download PNG
      </button>
      <button type="button" className={styles.button} onClick={() => save('svg')} aria-label={`Download SVG of the ${label}`}>
        Download SVG
      </button>
      <span className={`${styles.status} muted`} role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
