'use client';
// "Export CSV" menu: downloads exactly the current view through a plain link to
// GET /api/export/{dataset}.csv with the view's parameters. The file name shown is the one the
// server sends (both come from lib/csv/export-url). A <details> disclosure: Enter/Space open and
// close it, Escape closes it and returns focus to its button.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { exportFilenameFor, exportUrl, type ExportDataset, type ExportParams } from '@/lib/csv/export-url';
import styles from './export-menu.module.css';

export type ExportMenuProps = {
  dataset: ExportDataset;
  /** The view's parameters, named as in the JSON endpoints (from, to, asOf, position, tickers, model...). Empty values are dropped. */
  params: ExportParams;
  /** Button text; defaults to "Export CSV". Give each menu on a page its own label. */
  label?: string;
};

export function ExportMenu({ dataset, params, label = 'Export CSV' }: ExportMenuProps) {
  const [meta, setMeta] = useState(false);
  const [bom, setBom] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  const summary = useRef<HTMLElement>(null);
  const id = useId();
  const href = exportUrl(dataset, params, { meta, bom });
  const filename = exportFilenameFor(dataset, params);

  function onKeyDown(event: KeyboardEvent<HTMLDetailsElement>) {
    if (event.key !== 'Escape' || !details.current?.open) return;
    event.stopPropagation();
    details.current.open = false;
    summary.current?.focus();
  }

  return (
    <details ref={details} className={styles.menu} onKeyDown={onKeyDown} data-export-dataset={dataset}>
      <summary ref={summary} className={styles.summary}>
        {label}
      </summary>
      <div className={styles.panel} role="group" aria-label={`${label}: options`}>
        <label htmlFor={`${id}-meta`}>
          <input id={`${id}-meta`} type="checkbox" checked={meta} onChange={(e) => setMeta(e.target.checked)} />
          Include metadata lines (# ledger position, parameters, sources)
        </label>
        <label htmlFor={`${id}-bom`}>
          <input id={`${id}-bom`} type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} />
          Excel BOM (UTF-8 byte-order mark)
        </label>
        <a className={styles.download} href={href} download={filename}>
          Download <code>{filename}</code>
        </a>
      </div>
    </details>
  );
}
