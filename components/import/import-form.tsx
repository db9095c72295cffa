'use client';

// Import a price file: pick the ticker and the file, see the server's check (the same parser and
// plan as the import: format, problems with line and column, first rows, what would change), then
// import with upload progress and read the summary. Nothing is recorded before "Import".
import { useId, useRef, useState } from 'react';
import { IMPORT_MAX_BYTES, type ImportResponse, type PreviewResponse, type RefusedResponse } from '@/lib/contracts/price-import';
import type { TickerView } from '@/lib/contracts/read';
import { ProblemTable } from './problem-table';
import { fmt, formatBytes, uploadCsv } from './upload';

type Check =
  | { status: 'idle' }
  | { status: 'checking'; loaded: number; total: number }
  | { status: 'checked'; report: PreviewResponse }
  | { status: 'failed'; message: string };

type Run =
  | { status: 'idle' }
  | { status: 'uploading'; loaded: number; total: number }
  | { status: 'recording' }
  | { status: 'done'; summary: ImportResponse; created: boolean }
  | { status: 'refused'; message: string; report: RefusedResponse | null };

const FORMAT_NAMES: Record<string, string> = { yahoo: 'Yahoo Finance', stooq: 'Stooq', impactline: 'Impactline export' };

export function ImportForm({ tickers, ticker, onTickerChange }: { tickers: TickerView[]; ticker: string; onTickerChange: (t: string) => void }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [skip, setSkip] = useState(false);
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [run, setRun] = useState<Run>({ status: 'idle' });
  const pending = useRef<AbortController | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const endpoint = (t: string, s: boolean, preview: boolean) =>
    `/api/prices/${encodeURIComponent(t)}/import${preview ? '/preview' : ''}${s ? '?onInvalid=skip' : ''}`;

  async function runCheck(t: string, f: File | null, s: boolean) {
    pending.current?.abort();
    setRun({ status: 'idle' });
    if (!f || !t) {
      setCheck({ status: 'idle' });
      return;
    }
    if (f.size > IMPORT_MAX_BYTES) {
      setCheck({ status: 'failed', message: `${f.name} is ${formatBytes(f.size)}; the limit is ${formatBytes(IMPORT_MAX_BYTES)}. Split it, or use npm run import:prices.` });
      return;
    }
    const controller = new AbortController();
    pending.current = controller;
    setCheck({ status: 'checking', loaded: 0, total: f.size });
    try {
      const answer = await uploadCsv<PreviewResponse & RefusedResponse>(endpoint(t, s, true), f, {
        signal: controller.signal,
        onProgress: (loaded, total) => setCheck({ status: 'checking', loaded, total }),
      });
      if (controller.signal.aborted) return;
      if (answer.status === 200) setCheck({ status: 'checked', report: answer.body });
      else setCheck({ status: 'failed', message: answer.body.message ?? `HTTP ${answer.status}` });
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      setCheck({ status: 'failed', message: (error as Error).message });
    }
  }

  async function runImport() {
    if (!file || check.status !== 'checked' || !check.report.ok) return;
    setRun({ status: 'uploading', loaded: 0, total: file.size });
    try {
      const answer = await uploadCsv<ImportResponse & RefusedResponse>(endpoint(ticker, skip, false), file, {
        onProgress: (loaded, total) => setRun(loaded >= total ? { status: 'recording' } : { status: 'uploading', loaded, total }),
      });
      if (answer.status === 200 || answer.status === 201) setRun({ status: 'done', summary: answer.body, created: answer.status === 201 });
      else setRun({ status: 'refused', message: answer.body.message ?? `HTTP ${answer.status}`, report: answer.body.errors ? answer.body : null });
    } catch (error) {
      setRun({ status: 'refused', message: (error as Error).message, report: null });
    }
    // Move focus to the outcome so keyboard and screen-reader users land on it.
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  const report = check.status === 'checked' ? check.report : null;
  const busy = check.status === 'checking' || run.status === 'uploading' || run.status === 'recording';
  const imported = run.status === 'done';

  return (
    <section className="imp-card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Import a price file</h2>
      <p className="muted imp-hint">
        Daily prices from Yahoo Finance (<code>Date,Open,High,Low,Close,Adj Close,Volume</code>), Stooq (
        <code>Date,Open,High,Low,Close,Volume</code>) or an Impactline export, up to 20 MB. The file is checked first; nothing is
        recorded until you press Import.
      </p>
      <div className="imp-fields">
        <div className="imp-field">
          <label htmlFor={`${id}-ticker`}>Ticker</label>
          <select
            id={`${id}-ticker`}
            value={ticker}
            onChange={(e) => {
              onTickerChange(e.target.value);
              void runCheck(e.target.value, file, skip);
            }}
            disabled={busy}
          >
            {tickers.map((t) => (
              <option key={t.symbol} value={t.symbol}>
                {t.symbol} — {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="imp-field">
          <label htmlFor={`${id}-file`}>Price file (CSV)</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            aria-describedby={`${id}-file-note`}
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              void runCheck(ticker, f, skip);
            }}
          />
          <span id={`${id}-file-note`} className="muted imp-note">
            {file ? `${formatBytes(file.size)}; checked by the server with the same parser as the import` : 'No file chosen yet.'}
          </span>
        </div>
        <div className="imp-field imp-check">
          <input
            id={`${id}-skip`}
            type="checkbox"
            checked={skip}
            disabled={busy}
            onChange={(e) => {
              setSkip(e.target.checked);
              void runCheck(ticker, file, e.target.checked);
            }}
          />
          <label htmlFor={`${id}-skip`}>Skip invalid rows (import the valid ones and list the others)</label>
        </div>
      </div>

      <div className="imp-status" role="status" aria-live="polite">
        {check.status === 'checking' ? (
          <Progress label="Checking the file" loaded={check.loaded} total={check.total} />
        ) : null}
      </div>
      {check.status === 'failed' ? (
        <p role="alert" className="imp-alert">
          {check.message}
        </p>
      ) : null}

      {report ? <CheckReport report={report} /> : null}

      {report ? (
        <div className="imp-actions">
          <button type="button" onClick={runImport} disabled={!report.ok || busy || imported}>
            {`Import ${fmt(report.valid)} rows into ${report.ticker}`}
          </button>
          {!report.ok ? <span className="muted">Fix the problems above and choose the file again{report.skipped > 0 && !skip ? ', or tick “Skip invalid rows”' : ''}.</span> : null}
        </div>
      ) : null}

      <div ref={resultRef} tabIndex={-1} className="imp-result" role="status" aria-live="polite">
        {run.status === 'uploading' ? <Progress label="Uploading" loaded={run.loaded} total={run.total} /> : null}
        {run.status === 'recording' ? (
          <div className="imp-progress">
            <span>Recording in the ledger…</span>
            <progress aria-label="Recording in the ledger" />
          </div>
        ) : null}
        {run.status === 'done' ? <Summary summary={run.summary} created={run.created} /> : null}
      </div>
      {run.status === 'refused' ? (
        <div role="alert" className="imp-alert">
          <p>
            <strong>Nothing was imported.</strong> {run.message}
          </p>
          {run.report?.errors ? <ProblemTable title="Problems" problems={run.report.errors} count={run.report.errorCount ?? 0} kind="error" /> : null}
        </div>
      ) : null}
    </section>
  );
}

function Progress({ label, loaded, total }: { label: string; loaded: number; total: number }) {
  const pct = total > 0 ? Math.round((loaded / total) * 100) : 0;
  return (
    <div className="imp-progress">
      <span>
        {label}… {pct}% ({formatBytes(loaded)} of {formatBytes(total)})
      </span>
      <progress aria-label={label} value={loaded} max={total || 1} />
    </div>
  );
}

function CheckReport({ report }: { report: PreviewResponse }) {
  return (
    <section className="imp-report" aria-label="Check result">
      <h3>{report.ok ? 'Ready to import' : 'This file cannot be imported as it is'}</h3>
      <p className={report.ok ? 'imp-ok' : 'imp-bad'}>{report.message}</p>
      <dl className="imp-facts">
        <div>
          <dt>Format</dt>
          <dd>{report.format ? FORMAT_NAMES[report.format] ?? report.format : 'not recognised'}</dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd>{fmt(report.rows)}</dd>
        </div>
        <div>
          <dt>Valid</dt>
          <dd>{fmt(report.valid)}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd>{fmt(report.errorCount)}</dd>
        </div>
        <div>
          <dt>Warnings</dt>
          <dd>{fmt(report.warningCount)}</dd>
        </div>
        {report.would ? (
          <div>
            <dt>Would record</dt>
            <dd>
              {fmt(report.would.inserted)} new, {fmt(report.would.corrected)} corrected, {fmt(report.would.unchanged)} unchanged
            </dd>
          </div>
        ) : null}
      </dl>
      <ProblemTable title="Problems" problems={report.errors} count={report.errorCount} kind="error" />
      <ProblemTable title="Warnings" problems={report.warnings} count={report.warningCount} kind="warning" />
      {report.preview.length > 0 ? (
        <div className="imp-table-scroll">
          <table className="imp-table imp-preview">
            <caption>
              First {report.preview.length} valid rows of {fmt(report.valid)}
            </caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Date</th>
                <th scope="col">Open</th>
                <th scope="col">High</th>
                <th scope="col">Low</th>
                <th scope="col">Close</th>
                <th scope="col">Adj close</th>
                <th scope="col">Volume</th>
              </tr>
            </thead>
            <tbody>
              {report.preview.map((b) => (
                <tr key={b.line}>
                  <td className="imp-num">{b.line}</td>
                  <td>{b.date}</td>
                  <td className="imp-num">{b.open ?? '—'}</td>
                  <td className="imp-num">{b.high ?? '—'}</td>
                  <td className="imp-num">{b.low ?? '—'}</td>
                  <td className="imp-num">{b.close}</td>
                  <td className="imp-num">{b.adj_close ?? '—'}</td>
                  <td className="imp-num">{b.volume === null ? '—' : fmt(b.volume)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function Summary({ summary, created }: { summary: ImportResponse; created: boolean }) {
  return (
    <section className="imp-summary" aria-label="Import summary">
      <h3>{created ? `Imported into ${summary.ticker}` : 'Nothing changed'}</h3>
      <p>{created ? `Recorded in the ledger up to position ${summary.position}.` : capitalize(summary.message.replace(/^nothing changed: /, ''))}.</p>
      <dl className="imp-facts">
        <div>
          <dt>Inserted</dt>
          <dd>{fmt(summary.inserted)}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd>{fmt(summary.unchanged)}</dd>
        </div>
        <div>
          <dt>Corrected</dt>
          <dd>{fmt(summary.corrected)}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{fmt(summary.skipped)}</dd>
        </div>
      </dl>
      {summary.skipped > 0 ? <ProblemTable title="Skipped rows" problems={summary.problems.errors} count={summary.problems.errorCount} kind="error" /> : null}
      {created ? (
        <p>
          <a href={`/ledger?stream=ticker-${encodeURIComponent(summary.ticker)}`}>See the events in the ledger</a>
        </p>
      ) : null}
    </section>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
