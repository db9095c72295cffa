'use client';
import Link from 'next/link';
import { useState } from 'react';
import { KINDS } from '@/lib/domain/schemas';
import { defaultNarrative, FormErrors, formValues, narrativeOptions, numberOrText, Saved, SelectField, sourceFrom, SourceFields, splitList, TextArea, TextField, UnitList, type NarrativeOption } from './fields';
import { problemsFor, unclaimed, useCommand, type CommandResult, type Problem } from './use-command';

const SHOWN = ['date', 'time_utc', 'kind', 'title', 'summary', 'narrative', 'tickers', 'entities', 'figures', 'sources', 'reason'];

/** Record a new timeline entry with one source (more can be added from its edit page). */
export function RecordEventForm({ narratives, onDone, today }: { narratives: NarrativeOption[]; onDone?: (r: CommandResult) => void; today?: string }) {
  const command = useCommand('/api/timeline', { onDone });
  const [local, setLocal] = useState<Problem[]>([]);
  const [recorded, setRecorded] = useState<{ id: string; title: string } | null>(null);
  const problems = local.length > 0 ? local : command.problems;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const v = formValues(form);
    if (!v.reason) {
      setLocal([{ field: 'reason', message: 'must not be empty: say why this event belongs in the ledger' }]);
      return;
    }
    setLocal([]);
    const body: Record<string, unknown> = {
      date: v.date ?? '',
      kind: v.kind,
      title: v.title ?? '',
      summary: v.summary ?? '',
      narrative: v.narrative,
      tickers: splitList(v.tickers).map((t) => t.toUpperCase()),
      entities: splitList(v.entities),
      sources: [sourceFrom(v)],
      reason: v.reason,
    };
    if (v.time_utc) body.time_utc = v.time_utc;
    if (v.figure_value || v.figure_unit || v.figure_label) {
      const figure: Record<string, unknown> = { value: numberOrText(v.figure_value) ?? null, unit: v.figure_unit ?? '' };
      if (v.figure_label) figure.label = v.figure_label;
      body.figures = [figure];
    }
    const result = await command.submit(body);
    if (result) {
      setRecorded({ id: result.id, title: String(body.title) });
      form.reset();
    }
  }

  const p = (f: string) => problemsFor(problems, f);
  return (
    <form className="editor-form" onSubmit={onSubmit} aria-label="Record event" noValidate>
      <h2>Record event</h2>
      <FormErrors problems={unclaimed(problems, SHOWN)} formError={command.formError} />
      <div className="editor-grid">
        <TextField label="Title" name="title" required maxLength={200} errors={p('title')} />
        <TextField label="Date" name="date" type="date" required defaultValue={today} errors={p('date')} hint="1990-01-01 to tomorrow" />
        <TextField label="Time (UTC)" name="time_utc" placeholder="HH:MM" errors={p('time_utc')} />
        <SelectField label="Kind" name="kind" options={KINDS} required errors={p('kind')} />
        <SelectField label="Narrative" name="narrative" options={narrativeOptions(narratives)} required defaultValue={defaultNarrative(narratives)} errors={p('narrative')} />
        <TextField label="Tickers" name="tickers" hint="comma-separated, e.g. NVDA, AVGO" errors={p('tickers')} />
        <TextField label="Entities" name="entities" hint="comma-separated" errors={p('entities')} />
        <TextArea label="Summary" name="summary" rows={4} maxLength={4000} errors={p('summary')} />
      </div>
      <fieldset className="editor-fieldset">
        <legend>Figure (optional)</legend>
        <TextField label="Figure label" name="figure_label" errors={problemsFor(problems, 'figures.0.label')} />
        <TextField label="Figure value" name="figure_value" inputMode="decimal" errors={problemsFor(problems, 'figures.0.value')} hint="a number, e.g. 5.576" />
        <TextField label="Figure unit" name="figure_unit" list="record-units" errors={problemsFor(problems, 'figures.0.unit')} />
        <UnitList id="record-units" />
      </fieldset>
      <SourceFields problems={problems} path="sources.0" also="sources" />
      <TextArea label="Reason for recording" name="reason" required rows={2} errors={p('reason')} />
      <div className="editor-actions">
        <button type="submit" disabled={command.pending}>
          {command.pending ? 'Recording…' : 'Record event'}
        </button>
      </div>
      {command.result && recorded ? (
        <Saved>
          Recorded “{recorded.title}” at ledger position {command.result.position}. <Link href="/">See it on the timeline</Link> ·{' '}
          <Link href={`/entries/${encodeURIComponent(recorded.id)}/edit`}>Edit it</Link>
        </Saved>
      ) : null}
    </form>
  );
}
