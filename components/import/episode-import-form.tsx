'use client';

// Import an episode: pick a JSON bundle (narratives, tickers, entries, claims) or a timeline CSV,
// read the server's check (a dry run of the same import: what would be recorded, what is already
// in the ledger, every problem by item and field), then Import. All or nothing; nothing is
// recorded before "Import", and importing the same file again records nothing.
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import { EPISODE_MAX_BYTES, EPISODE_SECTIONS, type EpisodeCounts, type EpisodeImportResponse, type EpisodeRefusal, type TimelineImportResponse } from '@/lib/contracts/episode';
import { queryKeys } from '@/lib/query-keys';
import { fmt, formatBytes, uploadCsv } from './upload';

type Answer = EpisodeImportResponse & Partial<Pick<TimelineImportResponse, 'rows' | 'skipped'>>;
type Refused = Partial<EpisodeRefusal> & { message?: string };

type Check =
  | { status: 'idle' }
  | { status: 'checking'; loaded: number; total: number }
  | { status: 'checked'; answer: Answer }
  | { status: 'refused'; message: string; refusal: Refused }
  | { status: 'failed'; message: string };

type Run = { status: 'idle' } | { status: 'importing' } | { status: 'done'; answer: Answer; created: boolean } | { status: 'refused'; message: string; refusal: Refused };

const SECTION_LABEL: Record<(typeof EPISODE_SECTIONS)[number], string> = { narratives: 'Narratives', tickers: 'Tickers', entries: 'Timeline entries', claims: 'Cost claims' };

function kindOf(file: File): 'csv' | 'json' {
  return file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv' ? 'csv' : 'json';
}

function endpoint(kind: 'csv' | 'json', dryRun: boolean): string {
  return `${kind === 'csv' ? '/api/timeline/import' : '/api/episodes/import'}${dryRun ? '?dryRun=1' : ''}`;
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function EpisodeImportForm() {
  const id = useId();
  const client = useQueryClient();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const pending = useRef<AbortController | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  async function runCheck(f: File | null) {
    pending.current?.abort();
    setRun({ status: 'idle' });
    if (!f) return setCheck({ status: 'idle' });
    if (f.size > EPISODE_MAX_BYTES)
      return setCheck({ status: 'failed', message: `${f.name} is ${formatBytes(f.size)}; the limit is ${formatBytes(EPISODE_MAX_BYTES)}. Split it into several files, or use npm run import:episode.` });
    const controller = new AbortController();
    pending.current = controller;
    setCheck({ status: 'checking', loaded: 0, total: f.size });
    try {
      const kind = kindOf(f);
      const answer = await uploadCsv<Answer & Refused>(endpoint(kind, true), f, {
        signal: controller.signal,
        contentType: kind === 'csv' ? 'text/csv' : 'application/json',
        onProgress: (loaded, total) => setCheck({ status: 'checking', loaded, total }),
      });
      if (controller.signal.aborted) return;
      if (answer.status === 200) setCheck({ status: 'checked', answer: answer.body });
      else if (Array.isArray(answer.body.problems)) setCheck({ status: 'refused', message: answer.body.message ?? `HTTP ${answer.status}`, refusal: answer.body });
      else setCheck({ status: 'failed', message: answer.body.message ?? `HTTP ${answer.status}` });
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      setCheck({ status: 'failed', message: (error as Error).message });
    }
  }

  async function runImport() {
    if (!file || check.status !== 'checked') return;
    setRun({ status: 'importing' });
    try {
      const kind = kindOf(file);
      const answer = await uploadCsv<Answer & Refused>(endpoint(kind, false), file, {
        contentType: kind === 'csv' ? 'text/csv' : 'application/json',
        // A retried click records the episode once.
        headers: { 'idempotency-key': newKey() },
      });
      if (answer.status === 200 || answer.status === 201) {
        setRun({ status: 'done', answer: answer.body, created: answer.status === 201 });
        // The dashboard, /narratives and the forms read the new narratives, entries and claims.
        await client.invalidateQueries({ queryKey: queryKeys.all });
        router.refresh();
      } else setRun({ status: 'refused', message: answer.body.message ?? `HTTP ${answer.status}`, refusal: answer.body });
    } catch (error) {
      setRun({ status: 'refused', message: (error as Error).message, refusal: {} });
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  const busy = check.status === 'checking' || run.status === 'importing';
  const ready = check.status === 'checked' ? check.answer : null;
  const recordable = ready ? ready.narratives + ready.tickers + ready.entries + ready.claims : 0;

  return (
    <section className="imp-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Import an episode</h2>
      <p className="muted imp-hint">
        A JSON bundle <code>{'{narratives, tickers, entries, claims}'}</code> (each item as its single command takes it; an entry may carry its own
        claims) or a timeline CSV in the export&apos;s columns, up to 20 MB and 10,000 items. Every item is checked first; the import is all or nothing, and
        importing the same file again records nothing.
      </p>
      <div className="imp-fields">
        <div className="imp-field">
          <label htmlFor={`${id}-file`}>Episode file (JSON bundle or timeline CSV)</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".json,application/json,.csv,text/csv"
            disabled={busy}
            aria-describedby={`${id}-note`}
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              void runCheck(f);
            }}
          />
          <span id={`${id}-note`} className="muted imp-note">
            {file ? `${formatBytes(file.size)}, read as ${kindOf(file) === 'csv' ? 'a timeline CSV' : 'a JSON bundle'}; checked by the server with the same rules as the import` : 'No file chosen yet.'}
          </span>
        </div>
      </div>

      <div className="imp-status" role="status" aria-live="polite">
        {check.status === 'checking' ? <span>Checking {file?.name}…</span> : null}
      </div>
      {check.status === 'failed' ? (
        <p role="alert" className="imp-alert">
          {check.message}
        </p>
      ) : null}
      {check.status === 'checked' ? <EpisodeCheck answer={check.answer} /> : null}
      {check.status === 'refused' ? <Problems title="This file cannot be imported as it is" refusal={check.refusal} message={check.message} region="Episode check" /> : null}

      {ready ? (
        <div className="imp-actions">
          <button type="button" onClick={runImport} disabled={busy || run.status === 'done'}>
            {recordable > 0 ? `Import ${fmt(recordable)} items` : 'Import (nothing new)'}
          </button>
        </div>
      ) : null}

      <div ref={resultRef} tabIndex={-1} className="imp-result" role="status" aria-live="polite">
        {run.status === 'importing' ? <span>Recording in the ledger…</span> : null}
        {run.status === 'done' ? (
          <section className="imp-summary" aria-label="Episode result">
            <h3>{run.created ? 'Episode imported' : 'Nothing new'}</h3>
            <p>{run.created ? `Recorded ${run.answer.events} events, up to ledger position ${run.answer.position}.` : 'Every item is already in the ledger as given; nothing was recorded.'}</p>
            <CountsTable answer={run.answer} done />
            <p>
              <Link href="/">Open the timeline</Link> · <Link href="/narratives">Narratives</Link> ·{' '}
              <Link href={`/ledger?after=${Math.max(0, run.answer.position - run.answer.events)}`}>See the events in the ledger</Link>
            </p>
          </section>
        ) : null}
      </div>
      {run.status === 'refused' ? <Problems title="Nothing was imported" refusal={run.refusal} message={run.message} region="Episode import refused" /> : null}
    </section>
  );
}

function EpisodeCheck({ answer }: { answer: Answer }) {
  return (
    <section className="imp-report" aria-label="Episode check">
      <h3>Ready to import</h3>
      <p className="imp-ok">{answer.message}</p>
      <CountsTable answer={answer} />
      {answer.skipped && answer.skipped.length > 0 ? (
        <ul className="muted">
          {answer.skipped.map((s) => (
            <li key={s.line}>
              Line {s.line}: {s.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function CountsTable({ answer, done = false }: { answer: Answer; done?: boolean }) {
  const unchanged: EpisodeCounts = answer.unchanged;
  return (
    <div className="imp-table-scroll">
      <table className="imp-table imp-counts">
        <caption>{done ? 'What was recorded' : 'What the import would record'}</caption>
        <thead>
          <tr>
            <th scope="col">Items</th>
            <th scope="col">{done ? 'Recorded' : 'New'}</th>
            <th scope="col">Already in the ledger</th>
          </tr>
        </thead>
        <tbody>
          {EPISODE_SECTIONS.map((s) => (
            <tr key={s}>
              <th scope="row">{SECTION_LABEL[s]}</th>
              <td className="imp-num">{fmt(answer[s])}</td>
              <td className="imp-num">{fmt(unchanged[s])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Problems({ title, refusal, message, region }: { title: string; refusal: Refused; message: string; region: string }) {
  const problems = refusal.problems ?? [];
  const count = refusal.problem_count ?? problems.length;
  return (
    <section role="alert" className="imp-alert" aria-label={region}>
      <p>
        <strong>{title}.</strong> {problems.length === 0 ? message : `${fmt(count)} problem${count === 1 ? '' : 's'}; nothing was recorded.`}
      </p>
      {refusal.items ? (
        <p>
          The file holds {EPISODE_SECTIONS.map((s) => `${fmt(refusal.items![s])} ${SECTION_LABEL[s].toLowerCase()}`).join(', ')}.
        </p>
      ) : null}
      {problems.length > 0 ? (
        <div className="imp-table-scroll">
          <table className="imp-table imp-problems imp-error">
            <caption>
              Problems ({fmt(count)}
              {count > problems.length ? `, first ${problems.length} shown` : ''})
            </caption>
            <thead>
              <tr>
                <th scope="col">Item and field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={`${p.field}-${i}`}>
                  <td>
                    <code>{p.field}</code>
                  </td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
