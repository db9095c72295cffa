import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AddSourceForm, AmendEntryForm, ClaimChangeForm, RetractEntryForm } from '@/components/editor';
import '@/components/editor/editor.css';
import { storeForPage } from '@/server/reads';
import { isEditor } from '@/server/session';

export const metadata: Metadata = { title: 'Edit entry' };
export const dynamic = 'force-dynamic';

export default async function EditEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await isEditor())) {
    return (
      <section className="editor-signin">
        <h1>Edit an entry</h1>
        <p>Only signed-in editors can change the ledger.</p>
        <p>
          <Link href="/signin">Sign in to edit</Link>
        </p>
      </section>
    );
  }
  const { read } = await storeForPage();
  const entry = await read.getEntry(id, {});
  if (!entry) notFound();
  const claims = (await read.listClaims({})).filter((c) => c.entry_id === id);
  return (
    <section className="editor-page">
      <div>
        <h1>Edit: {entry.title}</h1>
        <p className="muted">
          {entry.date} · version {entry.version} · {entry.status}
          {entry.sources.length > 0 ? ` · ${entry.sources.length} source${entry.sources.length === 1 ? '' : 's'}` : ''} ·{' '}
          <Link href="/ledger">Ledger</Link>
        </p>
      </div>
      {entry.status === 'retracted' ? (
        <p className="editor-alert" role="status">
          This entry is retracted; it can no longer be amended.
        </p>
      ) : (
        <div className="editor-columns">
          <AmendEntryForm entry={entry} narratives={await read.listNarratives()} expectedVersion={entry.version} />
          <div className="editor-page">
            <AddSourceForm entry={entry} expectedVersion={entry.version} />
            <RetractEntryForm entry={entry} expectedVersion={entry.version} />
          </div>
        </div>
      )}
      {claims.length > 0 ? (
        <section className="editor-claims" aria-label="Claims on this entry">
          <h2>Claims on this entry</h2>
          {claims.map((c) => (
            <ClaimChangeForm key={c.id} claim={c} expectedVersion={c.version} />
          ))}
        </section>
      ) : null}
    </section>
  );
}
