import type { Metadata } from 'next';
import Link from 'next/link';
import { EpisodeImportForm } from '@/components/import/episode-import-form';
import { ImportPanel } from '@/components/import/import-panel';
import { storeForPage } from '@/server/reads';
import { isEditor } from '@/server/session';
import './import.css';

export const metadata: Metadata = { title: 'Import' };

// Depends on the visitor's session and the current tickers: never prerendered.
export const dynamic = 'force-dynamic';

export default async function ImportPage() {
  if (!(await isEditor())) {
    return (
      <section className="imp-page">
        <h1>Import</h1>
        <p className="imp-signin">
          Importing price files and episodes records them in the ledger, so it is open to editors only.{' '}
          <Link href="/signin">Sign in</Link> with the admin token to import.
        </p>
      </section>
    );
  }
  const tickers = await (await storeForPage()).read.listTickers();
  return (
    <section className="imp-page">
      <h1>Import</h1>
      <p className="muted">
        Bring daily prices from a CSV file, or a whole episode — its narratives, tickers, timeline entries and cost claims — from a bundle. Every
        import is recorded in the ledger: new days as PriceBarsImported, changed days as PriceBarsCorrected (with the values before and after),
        identical days and items already recorded not at all.
      </p>
      <ImportPanel initialTickers={tickers}>
        <EpisodeImportForm />
      </ImportPanel>
    </section>
  );
}
