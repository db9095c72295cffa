'use client';
import { useRef, useState } from 'react';
import type { EntryView } from '@/lib/contracts/read';
import { ConflictNotice } from './conflict-notice';
import { FormErrors, formValues, Saved, TextArea } from './fields';
import { problemsFor, unclaimed, useCommand, type CommandResult } from './use-command';
import { useVersion } from './use-versioned';

/** Retract an entry (it stays in the ledger, struck through), with a required reason. */
export function RetractEntryForm({ entry, expectedVersion, onDone }: { entry: Pick<EntryView, 'id' | 'title' | 'status'>; expectedVersion: number; onDone?: (r: CommandResult) => void }) {
  const [version, setVersion] = useVersion(expectedVersion);
  const command = useCommand(`/api/timeline/${encodeURIComponent(entry.id)}/retract`, {
    onDone: (r) => {
      setVersion(r.version);
      onDone?.(r);
    },
  });
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const lastBody = useRef<Record<string, unknown> | null>(null);

  if (entry.status === 'retracted' && !command.result) return <p className="muted">This entry is retracted.</p>;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    if (v.confirm !== 'yes') {
      setConfirmError('Tick the box to confirm the retraction.');
      return;
    }
    setConfirmError(null);
    lastBody.current = { reason: v.reason ?? '' };
    await command.submit({ ...lastBody.current, expectedVersion: version });
  }
  async function reapply() {
    if (!command.conflict || !lastBody.current) return;
    const current = command.conflict.currentVersion;
    setVersion(current);
    await command.submit({ ...lastBody.current, expectedVersion: current });
  }

  return (
    <form className="editor-form editor-danger" onSubmit={onSubmit} aria-label="Retract entry" noValidate>
      <h2>Retract</h2>
      <FormErrors problems={unclaimed(command.problems, ['reason'])} formError={command.formError} />
      {command.conflict ? <ConflictNotice conflict={command.conflict} onReapply={reapply} onDiscard={command.reset} pending={command.pending} /> : null}
      <TextArea label="Reason for retracting" name="reason" required rows={2} errors={problemsFor(command.problems, 'reason')} />
      <div className="editor-check">
        <input id={`retract-confirm-${entry.id}`} type="checkbox" name="confirm" value="yes" aria-describedby={confirmError ? `retract-confirm-${entry.id}-error` : undefined} />
        <label htmlFor={`retract-confirm-${entry.id}`}>Retract “{entry.title}”</label>
        {confirmError ? (
          <span id={`retract-confirm-${entry.id}-error`} className="editor-field-error">
            {confirmError}
          </span>
        ) : null}
      </div>
      <div className="editor-actions">
        <button type="submit" disabled={command.pending || Boolean(command.result)}>
          {command.pending ? 'Retracting…' : 'Retract entry'}
        </button>
      </div>
      {command.result ? <Saved>Entry retracted: version {command.result.version}, ledger position {command.result.position}.</Saved> : null}
    </form>
  );
}
