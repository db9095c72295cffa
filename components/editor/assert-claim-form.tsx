'use client';
import { useState } from 'react';
import { METRICS } from '@/lib/domain/schemas';
import { defaultNarrative, FormErrors, formValues, narrativeOptions, numberOrText, Saved, SelectField, sourceFrom, SourceFields, TextArea, TextField, UnitList, type NarrativeOption } from './fields';
import { problemsFor, unclaimed, useCommand, type CommandResult, type Problem } from './use-command';

const SHOWN = ['asserted_on', 'subject', 'metric', 'value', 'unit', 'qualifier', 'scope', 'claimant', 'narrative', 'entry', 'sources', 'reason'];

/** Assert a new cost claim, optionally linked to a timeline entry. */
export function AssertClaimForm({
  narratives,
  entries = [],
  entryId,
  onDone,
  today,
}: {
  narratives: NarrativeOption[];
  entries?: { id: string; title: string }[];
  entryId?: string;
  onDone?: (r: CommandResult) => void;
  today?: string;
}) {
  const command = useCommand('/api/claims', { onDone });
  const [local, setLocal] = useState<Problem[]>([]);
  const problems = local.length > 0 ? local : command.problems;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    if (!v.reason) {
      setLocal([{ field: 'reason', message: 'must not be empty: say where this claim comes from' }]);
      return;
    }
    setLocal([]);
    const body: Record<string, unknown> = {
      asserted_on: v.asserted_on ?? '',
      subject: v.subject ?? '',
      metric: v.metric,
      value: numberOrText(v.value) ?? null,
      unit: v.unit ?? '',
      scope: v.scope ?? '',
      claimant: v.claimant ?? '',
      narrative: v.narrative,
      entry: v.entry ?? null,
      sources: [sourceFrom(v)],
      reason: v.reason,
    };
    if (v.qualifier) body.qualifier = v.qualifier;
    if (await command.submit(body)) form.reset();
  }

  const p = (f: string) => problemsFor(problems, f);
  return (
    <form className="editor-form" onSubmit={onSubmit} aria-label="Assert claim" noValidate>
      <h2>Assert claim</h2>
      <FormErrors problems={unclaimed(problems, SHOWN)} formError={command.formError} />
      <div className="editor-grid">
        <TextField label="Subject" name="subject" required errors={p('subject')} hint="what the figure is about" />
        <TextField label="Claimant" name="claimant" required errors={p('claimant')} />
        <TextField label="Asserted on" name="asserted_on" type="date" required defaultValue={today} errors={p('asserted_on')} />
        <SelectField label="Metric" name="metric" options={METRICS} required errors={p('metric')} />
        <TextField label="Value" name="value" inputMode="decimal" required errors={p('value')} hint="a number in the unit below" />
        <TextField label="Unit" name="unit" list="claim-units" required errors={p('unit')} />
        <UnitList id="claim-units" />
        <TextField label="Qualifier" name="qualifier" errors={p('qualifier')} hint="e.g. estimate, lower bound" />
        <SelectField label="Narrative" name="narrative" options={narrativeOptions(narratives)} defaultValue={defaultNarrative(narratives)} errors={p('narrative')} />
        <SelectField
          label="Timeline entry"
          name="entry"
          defaultValue={entryId ?? ''}
          options={[{ value: '', label: '(none)' }, ...entries.map((e) => ({ value: e.id, label: e.title.length > 80 ? `${e.title.slice(0, 79)}…` : e.title }))]}
          errors={p('entry')}
        />
        <TextArea label="Scope" name="scope" rows={2} errors={p('scope')} hint="what the figure covers and excludes" />
      </div>
      <SourceFields problems={problems} path="sources.0" also="sources" />
      <TextArea label="Reason for recording" name="reason" required rows={2} errors={p('reason')} />
      <div className="editor-actions">
        <button type="submit" disabled={command.pending}>
          {command.pending ? 'Saving…' : 'Assert claim'}
        </button>
      </div>
      {command.result ? <Saved>Claim asserted at ledger position {command.result.position}.</Saved> : null}
    </form>
  );
}
