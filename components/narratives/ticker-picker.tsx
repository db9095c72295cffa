'use client';

// Several tickers at once, from /api/tickers, as a disclosure with checkboxes.
import type { TickerView } from '@/lib/contracts/read';
import { MAX_TICKERS } from './state';

export function TickerPicker({ tickers, selected, onChange }: { tickers: TickerView[]; selected: string[]; onChange: (next: string[]) => void }) {
  const groups: [string, TickerView[]][] = [
    ['Subject', tickers.filter((t) => t.role === 'subject')],
    ['Peers', tickers.filter((t) => t.role === 'peer')],
    ['Benchmarks', tickers.filter((t) => t.role === 'benchmark')],
  ];
  return (
    <details className="ticker-picker">
      <summary>Tickers: {selected.join(', ')}</summary>
      <div className="ticker-picker-body">
        <p className="muted small">Up to {MAX_TICKERS}.</p>
        {groups
          .filter(([, list]) => list.length > 0)
          .map(([label, list]) => (
            <fieldset key={label}>
              <legend>{label}</legend>
              {list.map((t) => {
                const on = selected.includes(t.symbol);
                return (
                  <label key={t.symbol} className="check">
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={!on && selected.length >= MAX_TICKERS}
                      onChange={() => {
                        const next = on ? selected.filter((s) => s !== t.symbol) : [...selected, t.symbol];
                        if (next.length > 0) onChange(next);
                      }}
                    />
                    <span>
                      {t.symbol} <span className="muted small">{t.name}</span>
                    </span>
                  </label>
                );
              })}
            </fieldset>
          ))}
      </div>
    </details>
  );
}
