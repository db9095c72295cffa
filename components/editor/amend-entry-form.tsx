'use client';
import { useRef, useState } from 'react';
import type { EntryView } from '@/lib/contracts/read';
import { KINDS } from '@/lib/domain/schemas';
import { ConflictNotice } from './conflict-notice';
import { FormErrors, formValues, narrativeOptions, Saved, SelectField, splitList, TextArea, TextField, type NarrativeOption } from './fields';
import { problemsFor, unclaimed, useCommand, type CommandResult } from './use-command';
import { useVersion } from './use-versioned';

type EditableEntry = Pick<EntryView, 'id' | 'date' | 'time_utc' | 'kind' | 'title' | 'summary' | 'narrative' | 'tickers' | 'entities'>;
const SHOWN = ['changes.title', 'changes.date', 'changes.time_utc', 'changes.kind', 'changes.narrative', 'changes.tickers', 'changes.entities', 'changes.summary', 'reason'];

/** Amend an entry: only the fields that differ are sent, with a required reason. */
export function AmendEntryForm({
  entry,
  narratives,
  expectedVersion,
  onDone,
}: {
  entry: EditableEntry;
  narratives: NarrativeOption[];
  expectedVersion: number;
  onDone?: (r: CommandResult) => void;
}) {
  const [version, setVersion] = useVersion(expectedVersion);
  const command = useCommand(`/api/timeline/${encodeURIComponent(entry.id)}/amend`, {
    onDone: (r) => {
      setVersion(r.version);
      onDone?.(r);
    },
  });
  const [localError, setLocalError] = useState<string | null>(null);
  // What the editor saw when the form opened (plus their own saved changes): only fields they
  // edited since are sent, so a refresh that brings in someone else's change never undoes it.
  const [base, setBase] = useState<EditableEntry>(entry);
  const lastBody = useRef<Record<string, unknown> | null>(null);

  function changesFrom(v: Record<string, string>): Record<string, unknown> {
    const changes: Record<string, unknown> = {};
    const compare = (key: keyof EditableEntry, next: unknown) => {
      if (JSON.stringify(base[key] ?? null) !== JSON.stringify(next)) changes[key] = next;
    };
    compare('title', v.title ?? '');
    compare('summary', v.summary ?? '');
    compare('date', v.date ?? '');
    if ((v.time_utc ?? null) !== (base.time_utc ?? null) && v.time_utc) changes.time_utc = v.time_utc;
    compare('kind', v.kind);
    compare('narrative', v.narrative);
    compare('tickers', splitList(v.tickers).map((t) => t.toUpperCase()));
    compare('entities', splitList(v.entities));
    return changes;
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    const changes = changesFrom(v);
    if (Object.keys(changes).length === 0) {
      setLocalError('Change at least one field before saving.');
      return;
    }
    setLocalError(null);
    lastBody.current = { changes, reason: v.reason ?? '' };
    if (await command.submit({ ...lastBody.current, expectedVersion: version })) setBase((b) => ({ ...b, ...changes }));
  }

  async function reapply() {
    if (!command.conflict || !lastBody.current) return;
    const current = command.conflict.currentVersion;
    setVersion(current);
    const changes = lastBody.current.changes as Partial<EditableEntry>;
    if (await command.submit({ ...lastBody.current, expectedVersion: current })) setBase((b) => ({ ...b, ...changes }));
  }

  const p = (field: string) => problemsFor(command.problems, `changes.${field}`);
  return (
    <form className="editor-form" onSubmit={onSubmit} aria-label="Amend entry" noValidate>
      <h2>Amend</h2>
      <FormErrors problems={unclaimed(command.problems, SHOWN)} formError={localError ?? command.formError} />
      {command.conflict ? <ConflictNotice conflict={command.conflict} onReapply={reapply} onDiscard={command.reset} pending={command.pending} /> : null}
      <div className="editor-grid">
        <TextField label="Title" name="title" defaultValue={entry.title} required maxLength={200} errors={p('title')} />
        <TextField label="Date" name="date" type="date" defaultValue={entry.date} required errors={p('date')} />
        <TextField label="Time (UTC)" name="time_utc" defaultValue={entry.time_utc ?? ''} placeholder="HH:MM" errors={p('time_utc')} />
        <SelectField label="Kind" name="kind" defaultValue={entry.kind} options={KINDS} errors={p('kind')} />
        <SelectField label="Narrative" name="narrative" defaultValue={entry.narrative} options={narrativeOptions(narratives)} errors={p('narrative')} />
        <TextField label="Tickers" name="tickers" defaultValue={entry.tickers.join(', ')} hint="comma-separated" errors={p('tickers')} />
        <TextField label="Entities" name="entities" defaultValue={entry.entities.join(', ')} hint="comma-separated" errors={p('entities')} />
        <TextArea label="Summary" name="summary" defaultValue={entry.summary} rows={4} maxLength={4000} errors={p('summary')} />
        <TextArea label="Reason for this change" name="reason" required rows={2} errors={problemsFor(command.problems, 'reason')} />
      </div>
      <div className="editor-actions">
        <button type="submit" disabled={command.pending}>
          {command.pending ? 'Saving…' : 'Save amendment'}
        </button>
      </div>
      {command.result ? <Saved>Amendment saved: version {command.result.version}, ledger position {command.result.position}.</Saved> : null}
    </form>
  );
}
