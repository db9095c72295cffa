'use client';
// Above the chart: which colour is which ticker (each traces to its imported prices), why a line
// may be missing and how to fix it. Shapes, bars, rings and rules are explained on the chart itself.
import Link from 'next/link';
import { useSourcePopover } from '@/components/ui/sourced';
import { useColorScheme } from '@/components/ui/use-color-scheme';
import { tickerColor } from '@/lib/charts/palette';
import { priceProvenance } from '@/lib/charts/provenance';
import type { Series } from '@/lib/charts/timeline';

type Props = {
  /** Tickers with a price line (none in CAR mode, where the lines are the event study's). */
  tickers: string[];
  series: Series[];
  /** Tickers with no price in the range shown. */
  missing: string[];
  /** Tickers the ledger does not list. */
  unlisted: string[];
};

export function Legend({ tickers, series, missing, unlisted }: Props) {
  const scheme = useColorScheme();
  return (
    <div className="legend" aria-label="Legend" role="group">
      {tickers.map((t, i) => (
        <TickerKey key={t} ticker={t} color={tickerColor(i, scheme)} primary={i === 0} />
      ))}
      {series
        .filter((s) => s.note)
        .map((s) => (
          <span key={`n-${s.ticker}`} className="muted">
            {s.ticker}: {s.note}
          </span>
        ))}
      {unlisted.map((t) => (
        <span key={`u-${t}`} className="legend-missing" role="note">
          {t} is not listed — list it and import its prices on <Link href="/import">Import prices</Link>.
        </span>
      ))}
      {missing.map((t) => (
        <span key={`m-${t}`} className="legend-missing" role="note">
          No prices for {t} in this range — <Link href="/import">import a file</Link> or pick another range.
        </span>
      ))}
    </div>
  );
}

function TickerKey({ ticker, color, primary }: { ticker: string; color: string; primary: boolean }) {
  const { triggerProps, popover } = useSourcePopover(`${ticker} prices`, priceProvenance(ticker));
  return (
    <span className="legend-item">
      <button type="button" className="sourced legend-ticker" {...triggerProps}>
        <span className={`swatch-line${primary ? ' primary' : ''}`} style={{ background: color }} aria-hidden="true" /> {ticker}
      </button>
      {popover}
    </span>
  );
}
