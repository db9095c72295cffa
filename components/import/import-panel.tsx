'use client';

// The import page's interactive part: the ticker list (GET /api/tickers, seeded by the server),
// the import form and the "List a ticker" form.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { tickersQuery } from '@/components/data/queries';
import type { TickerView } from '@/lib/contracts/read';
import { queryKeys } from '@/lib/query-keys';
import { ImportForm } from './import-form';
import { ListTickerForm } from './list-ticker-form';

/** `children` go in the main column, under the price import (the episode import). */
export function ImportPanel({ initialTickers, children }: { initialTickers: TickerView[]; children?: React.ReactNode }) {
  const client = useQueryClient();
  // The same cache entry ({tickers}) as the dashboard and /narratives read.
  const { data } = useQuery({ ...tickersQuery(), initialData: { tickers: initialTickers } });
  const tickers = data.tickers;
  const [ticker, setTicker] = useState(() => tickers.find((t) => t.role === 'subject')?.symbol ?? tickers[0]?.symbol ?? '');
  // A new ticker starts a fresh form (no file carried over from another ticker).
  const [formKey, setFormKey] = useState(0);

  async function onListed(symbol: string) {
    await client.invalidateQueries({ queryKey: queryKeys.tickers() });
    setTicker(symbol);
    setFormKey((k) => k + 1);
  }

  return (
    <div className="imp-grid">
      <div className="imp-main">
        {tickers.length === 0 ? (
          <section className="imp-card">
            <h2>Import a price file</h2>
            <p>No ticker is listed yet. List one first.</p>
          </section>
        ) : (
          <ImportForm key={formKey} tickers={tickers} ticker={ticker} onTickerChange={setTicker} />
        )}
        {children}
      </div>
      <ListTickerForm onListed={onListed} />
    </div>
  );
}
