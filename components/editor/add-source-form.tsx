'use client';
import { useRef } from 'react';
import type { EntryView } from '@/lib/contracts/read';
import { ConflictNotice } from './conflict-notice';
import { FormErrors, formValues, Saved, sourceFrom, SourceFields, TextArea } from './fields';
import { problemsFor, unclaimed, useCommand, type CommandResult } from './use-command';
import { useVersion } from './use-versioned';

/** Attach one more source to an entry, with a reason. */
export function AddSourceForm({ entry, expectedVersion, onDone }: { entry: Pick<EntryView, 'id'>; expectedVersion: number; onDone?: (r: CommandResult) => void }) {
  const [version, setVersion] = useVersion(expectedVersion);
  const command = useCommand(`/api/timeline/${encodeURIComponent(entry.id)}/sources`, {
    onDone: (r) => {
      setVersion(r.version);
      onDone?.(r);
    },
  });
  const lastBody = useRef<Record<string, unknown> | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    lastBody.current = { source: sourceFrom(v), reason: v.reason ?? '' };
    const ok = await command.submit({ ...lastBody.current, expectedVersion: version });
    if (ok) form.reset();
  }
  async function reapply() {
    if (!command.conflict || !lastBody.current) return;
    const current = command.conflict.currentVersion;
    setVersion(current);
    await command.submit({ ...lastBody.current, expectedVersion: current });
  }

  return (
    <form className="editor-form" onSubmit={onSubmit} aria-label="Add source" noValidate>
      <h2>Add source</h2>
      <FormErrors problems={unclaimed(command.problems, ['source', 'reason'])} formError={command.formError} />
      {command.conflict ? <ConflictNotice conflict={command.conflict} onReapply={reapply} onDiscard={command.reset} pending={command.pending} /> : null}
      <SourceFields problems={command.problems} path="source" />
      <TextArea label="Reason for this change" name="reason" required rows={2} errors={problemsFor(command.problems, 'reason')} />
      <div className="editor-actions">
        <button type="submit" disabled={command.pending}>
          {command.pending ? 'Saving…' : 'Add source'}
        </button>
      </div>
      {command.result ? <Saved>Source added: version {command.result.version}, ledger position {command.result.position}.</Saved> : null}
    </form>
  );
}
