'use client';

// List a new ticker (POST /api/tickers) so that its prices can be imported.
import { useId, useState } from 'react';
import { ApiError, fetchJson } from '@/components/data/api-client';
import { TICKER_SYMBOL_PATTERN } from '@/lib/domain/schemas';

type Listed = { id: string; version: number; position: number };

export function ListTickerForm({ onListed }: { onListed: (symbol: string) => void }) {
  const id = useId();
  const [state, setState] = useState<{ status: 'idle' | 'saving' } | { status: 'done'; symbol: string } | { status: 'failed'; message: string }>({
    status: 'idle',
  });

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget; // React clears currentTarget once the handler awaits
    const form = new FormData(formEl);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const shares = text('shares_outstanding').replace(/[,_\s]/g, '');
    const body = {
      symbol: text('symbol'),
      name: text('name'),
      role: text('role'),
      ...(text('exchange') ? { exchange: text('exchange') } : {}),
      ...(shares ? { shares_outstanding: Number(shares) } : {}),
    };
    setState({ status: 'saving' });
    try {
      const listed = await fetchJson<Listed>('/api/tickers', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      setState({ status: 'done', symbol: listed.id });
      formEl.reset();
      onListed(listed.id);
    } catch (error) {
      setState({ status: 'failed', message: error instanceof ApiError ? error.message : 'the server could not be reached' });
    }
  }

  return (
    <section className="imp-card imp-side" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>List a ticker</h2>
      <p className="muted imp-hint">A ticker must be listed before its prices can be imported.</p>
      <form className="imp-list-form" onSubmit={submit}>
        <label htmlFor={`${id}-symbol`}>Symbol</label>
        <input
          id={`${id}-symbol`}
          name="symbol"
          type="text"
          required
          maxLength={20}
          pattern={TICKER_SYMBOL_PATTERN}
          title="letters, digits, ^ . - =; at most 20"
          autoCapitalize="characters"
          spellCheck={false}
        />
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} name="name" type="text" required maxLength={200} />
        <label htmlFor={`${id}-exchange`}>
          Exchange <span className="muted">(optional)</span>
        </label>
        <input id={`${id}-exchange`} name="exchange" type="text" maxLength={50} />
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} name="role" defaultValue="peer">
          <option value="subject">subject</option>
          <option value="peer">peer</option>
          <option value="benchmark">benchmark</option>
        </select>
        <label htmlFor={`${id}-shares`}>
          Shares outstanding <span className="muted">(optional)</span>
        </label>
        <input id={`${id}-shares`} name="shares_outstanding" type="text" inputMode="numeric" pattern="[0-9][0-9,_ ]*(\.[0-9]+)?" />
        <button type="submit" disabled={state.status === 'saving'}>
          {state.status === 'saving' ? 'Listing…' : 'List ticker'}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {state.status === 'done' ? <p className="imp-ok">Listed {state.symbol}. It is selected for import.</p> : null}
      </div>
      {state.status === 'failed' ? (
        <p role="alert" className="imp-alert">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
