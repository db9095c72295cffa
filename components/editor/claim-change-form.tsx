'use client';
import { useRef, useState } from 'react';
import type { ClaimView } from '@/lib/contracts/read';
import { ConflictNotice } from './conflict-notice';
import { FormErrors, formValues, numberOrText, Saved, sourceFrom, SourceFields, TextArea, TextField } from './fields';
import { problemsFor, unclaimed, useCommand, type CommandResult } from './use-command';
import { useVersion } from './use-versioned';

export type ClaimChange = 'revise' | 'dispute' | 'corroborate';
const LABEL: Record<ClaimChange, string> = { revise: 'Revise', dispute: 'Dispute', corroborate: 'Corroborate' };
const SHOWN = ['value', 'by', 'argument', 'on', 'source', 'reason'];

/** Revise, dispute or corroborate one claim, with a source and a reason. */
export function ClaimChangeForm({
  claim,
  expectedVersion,
  onDone,
  initialMode = 'revise',
}: {
  claim: Pick<ClaimView, 'id' | 'subject' | 'claimant' | 'current_value' | 'unit' | 'asserted_on'>;
  expectedVersion: number;
  onDone?: (r: CommandResult) => void;
  initialMode?: ClaimChange;
}) {
  const [mode, setMode] = useState<ClaimChange>(initialMode);
  const [version, setVersion] = useVersion(expectedVersion);
  const command = useCommand(`/api/claims/${encodeURIComponent(claim.id)}/${mode}`, {
    onDone: (r) => {
      setVersion(r.version);
      onDone?.(r);
    },
  });
  const lastBody = useRef<Record<string, unknown> | null>(null);
  const name = `claim-${claim.id}`;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    const body: Record<string, unknown> = { source: sourceFrom(v), reason: v.reason ?? '' };
    if (v.on) body.on = v.on;
    if (mode === 'revise') body.value = numberOrText(v.value) ?? null;
    if (mode !== 'revise') body.by = v.by ?? '';
    if (mode === 'dispute') body.argument = v.argument ?? '';
    lastBody.current = body;
    if (await command.submit({ ...body, expectedVersion: version })) form.reset();
  }
  async function reapply() {
    if (!command.conflict || !lastBody.current) return;
    const current = command.conflict.currentVersion;
    setVersion(current);
    await command.submit({ ...lastBody.current, expectedVersion: current });
  }

  const p = (f: string) => problemsFor(command.problems, f);
  return (
    <form className="editor-form" onSubmit={onSubmit} aria-label={`Change claim: ${claim.subject}`} noValidate>
      <h3>
        {claim.subject} <span className="editor-hint">({claim.claimant}; now {claim.current_value} {claim.unit})</span>
      </h3>
      <fieldset className="editor-modes">
        <legend>Change</legend>
        {(Object.keys(LABEL) as ClaimChange[]).map((m) => (
          <label key={m}>
            <input
              type="radio"
              name={`${name}-mode`}
              value={m}
              checked={mode === m}
              onChange={() => {
                setMode(m);
                command.reset();
              }}
            />{' '}
            {LABEL[m]}
          </label>
        ))}
      </fieldset>
      <FormErrors problems={unclaimed(command.problems, SHOWN)} formError={command.formError} />
      {command.conflict ? <ConflictNotice conflict={command.conflict} onReapply={reapply} onDiscard={command.reset} pending={command.pending} /> : null}
      <div className="editor-grid">
        {mode === 'revise' ? <TextField label={`New value (${claim.unit})`} name="value" inputMode="decimal" required errors={p('value')} /> : null}
        {mode !== 'revise' ? <TextField label={mode === 'dispute' ? 'Disputed by' : 'Corroborated by'} name="by" required errors={p('by')} /> : null}
        <TextField label="On" name="on" type="date" errors={p('on')} hint={`on or after ${claim.asserted_on}; today if empty`} />
        {mode === 'dispute' ? <TextArea label="Argument" name="argument" required rows={2} errors={p('argument')} /> : null}
      </div>
      <SourceFields problems={command.problems} path="source" />
      <TextArea label="Reason for this change" name="reason" required rows={2} errors={p('reason')} />
      <div className="editor-actions">
        <button type="submit" disabled={command.pending}>
          {command.pending ? 'Saving…' : `${LABEL[mode]} claim`}
        </button>
      </div>
      {command.result ? <Saved>Saved: claim version {command.result.version}, ledger position {command.result.position}.</Saved> : null}
    </form>
  );
}
