'use client';
// Labelled inputs whose errors are announced and tied to the input with aria-describedby.
import { useId, type ReactNode } from 'react';
import type { NarrativeView } from '@/lib/contracts/read';
import type { Problem } from './use-command';
import './editor.css';

type Common = { label: string; errors?: string[]; hint?: string; required?: boolean };

function Described({ id, errors, hint }: { id: string; errors?: string[]; hint?: string }) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="editor-hint">
          {hint}
        </span>
      ) : null}
      {errors && errors.length > 0 ? (
        <span id={`${id}-error`} className="editor-field-error">
          {errors.join('; ')}
        </span>
      ) : null}
    </>
  );
}

function describedBy(id: string, errors?: string[], hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors && errors.length > 0 ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function TextField({
  label,
  errors,
  hint,
  required,
  name,
  defaultValue,
  type = 'text',
  ...rest
}: Common & { name: string; defaultValue?: string; type?: string; placeholder?: string; list?: string; inputMode?: 'decimal' | 'text'; maxLength?: number; pattern?: string; step?: string }) {
  const id = useId();
  return (
    <div className="editor-field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        required={required}
        aria-invalid={errors && errors.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
        {...rest}
      />
      <Described id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function TextArea({ label, errors, hint, required, name, defaultValue, rows = 3, maxLength }: Common & { name: string; defaultValue?: string; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <div className="editor-field editor-wide">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        required={required}
        maxLength={maxLength}
        aria-invalid={errors && errors.length > 0 ? true : undefined}
        aria-describedby={describedBy(id, errors, hint)}
      />
      <Described id={id} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({ label, errors, hint, required, name, defaultValue, options }: Common & { name: string; defaultValue?: string; options: readonly (string | { value: string; label: string })[] }) {
  const id = useId();
  return (
    <div className="editor-field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} required={required} aria-invalid={errors && errors.length > 0 ? true : undefined} aria-describedby={describedBy(id, errors, hint)}>
        {options.map((o) => {
          const { value, label: text } = typeof o === 'string' ? { value: o, label: o } : o;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
      <Described id={id} errors={errors} hint={hint} />
    </div>
  );
}

/** Problems no input shows, plus transport errors, announced at the top of the form. */
export function FormErrors({ problems, formError }: { problems: Problem[]; formError: string | null }) {
  if (!formError && problems.length === 0) return null;
  return (
    <div role="alert" className="editor-alert">
      {formError ? <p>{formError}</p> : null}
      {problems.length > 0 ? (
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.field}-${i}`}>
              <code>{p.field}</code>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Saved({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="editor-saved">
      {children}
    </p>
  );
}

/** Form data as trimmed strings; empty inputs are left out. */
export const UNITS = ['million USD', 'billion USD', 'USD', 'GPUs', 'GPU hours', 'percent', 'shares', 'tokens'] as const;

/** Common units for figures; the input stays free text. */
export function UnitList({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {UNITS.map((u) => (
        <option key={u} value={u} />
      ))}
    </datalist>
  );
}

export function formValues(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out;
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A number typed by the editor, or the raw text when it is not a plain number: the API then refuses
 * it by name ("must be a number") instead of the form silently turning "12k" into something else.
 */
export function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : value;
}

/** The source inputs; title and url are always sent so an empty one is refused by name. */
export function sourceFrom(v: Record<string, string>, prefix = 'source_'): Record<string, string> {
  const source: Record<string, string> = { title: v[`${prefix}title`] ?? '', url: v[`${prefix}url`] ?? '' };
  for (const key of ['publisher', 'published']) if (v[`${prefix}${key}`]) source[key] = v[`${prefix}${key}`]!;
  return source;
}

/** Source inputs; problems on `path` itself (or on `also`, e.g. "sources") are shown on the title. */
export function SourceFields({ problems, path, also, legend = 'Source' }: { problems: Problem[]; path: string; also?: string; legend?: string }) {
  const p = (f: string) =>
    problems.filter((x) => x.field === `${path}.${f}` || (f === 'title' && (x.field === path || x.field === also))).map((x) => x.message);
  return (
    <fieldset className="editor-fieldset">
      <legend>{legend}</legend>
      <TextField label="Source title" name="source_title" required errors={p('title')} maxLength={500} />
      <TextField label="Source URL" name="source_url" type="url" required errors={p('url')} hint="http(s) only" placeholder="https://" />
      <TextField label="Publisher" name="source_publisher" errors={p('publisher')} />
      <TextField label="Published" name="source_published" errors={p('published')} hint="YYYY-MM-DD, YYYY-MM or YYYY" />
    </fieldset>
  );
}

/** A narrative as the forms offer it: the ledger's narratives, read by the page from the read model. */
export type NarrativeOption = Pick<NarrativeView, 'id' | 'name'>;

export function narrativeOptions(narratives: readonly NarrativeOption[]): { value: string; label: string }[] {
  return narratives.map((n) => ({ value: n.id, label: n.name === n.id ? n.id : `${n.name} (${n.id})` }));
}

/** The narrative a new entry or claim starts with: "other" when the ledger has it, else the last lane. */
export function defaultNarrative(narratives: readonly NarrativeOption[]): string | undefined {
  return narratives.find((n) => n.id === 'other')?.id ?? narratives.at(-1)?.id;
}
