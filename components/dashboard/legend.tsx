// What the chart's colours, markers and band mean, and why a line may be missing.
import type { Series } from '@/lib/charts/timeline';
import { TICKER_COLORS } from './timeline-chart';

type Props = {
  /** Tickers with a price line (none in CAR mode, where the lines are the event study's). */
  tickers: string[];
  series: Series[];
  primary: string;
  hasBand: boolean;
};

export function Legend({ tickers, series, primary, hasBand }: Props) {
  return (
    <div className="legend" aria-label="Legend">
      {tickers.map((t, i) => (
        <span key={t} className="legend-item">
          <span className="swatch" style={{ background: TICKER_COLORS[i % TICKER_COLORS.length] }} /> {t}
        </span>
      ))}
      {series.filter((s) => s.note).map((s) => (
        <span key={`n-${s.ticker}`} className="muted">{s.ticker}: {s.note}</span>
      ))}
      <span className="legend-item muted">Markers: shape = kind, colour = narrative; bar = CAR[−1,1] of {primary} (green up, red down); ring = p &lt; 0.05.</span>
      {hasBand ? <span className="legend-item muted">Dashed line and band: market-model expected price ±2σ.</span> : null}
    </div>
  );
}
