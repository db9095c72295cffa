import { getDb } from '@/db/client';
import { effectivePosition } from '@/db/queries/ledger';
import { listEntries } from '@/db/queries/timeline';

// Reads the ledger on every request (never prerendered at build time).
export const dynamic = 'force-dynamic';

export default function TimelinePage() {
  const db = getDb();
  const entries = listEntries(db);
  const position = effectivePosition(db, {});
  return (
    <section>
      <h1>Timeline</h1>
      <p className="muted">
        {entries.length} events · ledger position {position}
      </p>
      {entries.length === 0 ? (
        <p>The ledger has no timeline entries yet.</p>
      ) : (
        <ol className="timeline-list" aria-label="Timeline entries">
          {entries.map((e) => (
            <li key={e.id} className={e.status === 'retracted' ? 'retracted' : undefined}>
              <time dateTime={e.date}>{e.date}</time>
              <div>
                <strong>{e.title}</strong>
                <div>
                  <span className="tag">{e.kind}</span>
                  <span className="tag">{e.narrative}</span>
                  {e.tickers.length > 0 ? <span className="muted">{e.tickers.join(', ')}</span> : null}
                </div>
                <p>{e.summary}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
