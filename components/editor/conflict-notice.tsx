'use client';
// "Someone changed this since you opened it": what changed (from the events the editor has not
// seen) and a button that re-applies the editor's change on top of the current version.
import type { Conflict, UnseenEvent } from './use-command';
import './editor.css';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  return JSON.stringify(value);
}

/** The difference an event made, as label/value rows (rendered as text only). */
export function describeEvent(e: UnseenEvent): { label: string; rows: [string, string][] } {
  const data = (e.data ?? {}) as Record<string, unknown>;
  switch (e.type) {
    case 'TimelineEntryAmended':
      return { label: 'Amended', rows: Object.entries((data.changes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, show(v)]) };
    case 'SourceAttached': {
      const s = (data.source ?? {}) as Record<string, unknown>;
      return { label: 'Source added', rows: [['source', `${show(s.title)} (${show(s.url)})`]] };
    }
    case 'TimelineEntryRetracted':
      return { label: 'Retracted', rows: [['reason', show(data.reason)]] };
    case 'CostClaimRevised':
      return { label: 'Revised', rows: [['value', show(data.value)], ['on', show(data.revised_on)]] };
    case 'CostClaimDisputed':
      return { label: 'Disputed', rows: [['by', show(data.by)], ['argument', show(data.argument)]] };
    case 'CostClaimCorroborated':
      return { label: 'Corroborated', rows: [['by', show(data.by)]] };
    default:
      return { label: e.type, rows: [] };
  }
}

export function ConflictNotice({
  conflict,
  onReapply,
  onDiscard,
  pending,
}: {
  conflict: Conflict;
  onReapply: () => void;
  onDiscard?: () => void;
  pending?: boolean;
}) {
  return (
    <div className="editor-conflict" role="alert" aria-live="assertive">
      <p>
        <strong>Someone changed this since you opened it.</strong> It is now at version {conflict.currentVersion}. Your change was not saved.
      </p>
      {conflict.unseen.length > 0 ? (
        <ol className="editor-unseen" aria-label="Changes you have not seen">
          {conflict.unseen.map((e) => {
            const d = describeEvent(e);
            return (
              <li key={e.position}>
                <div>
                  <strong>{d.label}</strong> (version {e.stream_version}) by {show(e.metadata?.actor)}
                  {e.metadata?.reason ? <> — reason: {show(e.metadata.reason)}</> : null}
                  <span className="editor-hint"> {e.recorded_at}</span>
                </div>
                {d.rows.length > 0 ? (
                  <dl>
                    {d.rows.map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      <div className="editor-actions">
        <button type="button" onClick={onReapply} disabled={pending}>
          Re-apply my change
        </button>
        {onDiscard ? (
          <button type="button" className="editor-secondary" onClick={onDiscard}>
            Discard my change
          </button>
        ) : null}
      </div>
    </div>
  );
}
