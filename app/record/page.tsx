import type { Metadata } from 'next';
import Link from 'next/link';
import { AssertClaimForm, RecordEventForm } from '@/components/editor';
import '@/components/editor/editor.css';
import { storeForPage } from '@/server/reads';
import { isEditor } from '@/server/session';

export const metadata: Metadata = { title: 'Record' };
// Reads the session and the ledger on every request.
export const dynamic = 'force-dynamic';

export default async function RecordPage() {
  if (!(await isEditor())) {
    return (
      <section className="editor-signin">
        <h1>Record an event or a claim</h1>
        <p>Only signed-in editors can change the ledger.</p>
        <p>
          <Link href="/signin">Sign in to edit</Link>
        </p>
      </section>
    );
  }
  const { read } = await storeForPage();
  const narratives = await read.listNarratives();
  const entries = (await read.listEntries({}, {}))
    .filter((e) => e.status === 'active')
    .map((e) => ({ id: e.id, title: `${e.date} · ${e.title}` }))
    .reverse();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section className="editor-page">
      <div>
        <h1>Record</h1>
        <p className="muted">Every change is appended to the ledger with you as its author, your reason and its source. Nothing is overwritten.</p>
      </div>
      <div className="editor-columns">
        <RecordEventForm narratives={narratives} today={today} />
        <AssertClaimForm narratives={narratives} entries={entries} today={today} />
      </div>
    </section>
  );
}
