import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportPanel } from '@/components/import/import-panel';
import { storeForPage } from '@/server/reads';
import { isEditor } from '@/server/session';
import './import.css';

export const metadata: Metadata = { title: 'Import prices' };

// Depends on the visitor's session and the current tickers: never prerendered.
export const dynamic = 'force-dynamic';

export default async function ImportPage() {
  if (!(await isEditor())) {
    return (
      <section className="imp-page">
        <h1>Import prices</h1>
        <p className="imp-signin">
          Importing a price file records it in the ledger, so it is open to editors only.{' '}
          <Link href="/signin">Sign in</Link> with the admin token to import prices.
        </p>
      </section>
    );
  }
  const tickers = await (await storeForPage()).read.listTickers();
  return (
    <section className="imp-page">
      <h1>Import prices</h1>
      <p className="muted">
        Bring daily prices from a CSV file. Every import is recorded in the ledger: new days as PriceBarsImported, changed days as
        PriceBarsCorrected (with the values before and after), identical days not at all.
      </p>
      <ImportPanel initialTickers={tickers} />
    </section>
  );
}
