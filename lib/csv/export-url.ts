// Client-safe half of the CSV exports: the dataset names, the export URL and the file name the
// server will put in Content-Disposition. The Export menu (browser) and the export route (server)
// both build the name here, so the name a user is shown is the name they get.
// No node imports in this file: it ships to the browser.

export const EXPORT_DATASETS = ['timeline', 'claims', 'prices', 'impacts', 'narratives', 'ledger', 'tests', 'heatmap'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

export function isExportDataset(value: string): value is ExportDataset {
  return (EXPORT_DATASETS as readonly string[]).includes(value);
}

export type ExportParamValue = string | number | null | undefined | readonly string[];
export type ExportParams = Record<string, ExportParamValue>;

/** The parts of a view that name its file. Absent (null/undefined) parts are left out. */
export type FilenameParts = {
  from?: string | null;
  to?: string | null;
  asOf?: string | null;
  position?: number | null;
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: unknown): v is string => typeof v === 'string' && DATE_RE.test(v);

/**
 * `impactline-<dataset>[_<from>_<to>][_asof-<date>][_pos-<N>].csv`. A range with only one end
 * says which end it is (`_from-2025-01-01`, `_to-2025-02-28`) so a lone date is never ambiguous.
 */
export function exportFilename(dataset: ExportDataset, parts: FilenameParts = {}): string {
  return `${filenameStem(dataset, parts)}.csv`;
}

/** The export's name without its extension, for any download (chart images use it too). */
export function filenameStem(what: string, parts: FilenameParts = {}): string {
  let name = `impactline-${what}`;
  const from = isDate(parts.from) ? parts.from : null;
  const to = isDate(parts.to) ? parts.to : null;
  if (from && to) name += `_${from}_${to}`;
  else if (from) name += `_from-${from}`;
  else if (to) name += `_to-${to}`;
  if (isDate(parts.asOf)) name += `_asof-${parts.asOf}`;
  if (typeof parts.position === 'number' && Number.isInteger(parts.position) && parts.position >= 0) name += `_pos-${parts.position}`;
  return name;
}

function scalar(value: ExportParamValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  const parts = value.map((v) => v.trim()).filter((v) => v !== '');
  return parts.length > 0 ? parts.join(',') : null;
}

/** The file name the server will send for these view parameters (same rules as the route). */
export function exportFilenameFor(dataset: ExportDataset, params: ExportParams): string {
  const position = scalar(params.position);
  return exportFilename(dataset, {
    from: scalar(params.from),
    to: scalar(params.to),
    asOf: scalar(params.asOf),
    position: position !== null && /^\d+$/.test(position) ? Number(position) : null,
  });
}

export type ExportOptions = { bom?: boolean; meta?: boolean };

/**
 * `/api/export/<dataset>.csv?<params>`: empty values are left out, lists are comma-joined, keys
 * keep their order. `bom` and `meta` come from `options` only.
 */
export function exportUrl(dataset: ExportDataset, params: ExportParams = {}, options: ExportOptions = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (key === 'bom' || key === 'meta') continue;
    const s = scalar(value);
    if (s !== null) search.set(key, s);
  }
  if (options.meta) search.set('meta', '1');
  if (options.bom) search.set('bom', '1');
  const qs = search.toString();
  return `/api/export/${dataset}.csv${qs ? `?${qs}` : ''}`;
}
