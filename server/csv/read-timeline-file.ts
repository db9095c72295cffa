// Reading a timeline CSV (POST /api/timeline/import, `npm run import:episode -- file.csv`): UTF-8
// text up to the size limit, parsed as RFC 4180 into rows that keep their line numbers; the
// comment lines an export starts with (`meta=1`) and blank lines are left out. The rows then go to
// lib/csv/timeline-file, which turns them into a bundle.
import { parse } from 'csv-parse/sync';
import { AppError } from '@/lib/domain/errors';
import { TimelineFileProblems, type CsvRecord } from '@/lib/csv/timeline-file';

/** The body's bytes, refused with 413 past `maxBytes`. */
export async function readAllChunks(chunks: AsyncIterable<Uint8Array>, maxBytes: number, what = 'the CSV file'): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const c of chunks) {
    total += c.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes, what);
    parts.push(c);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

export function tooLarge(maxBytes: number, what = 'the CSV file'): AppError {
  const mb = (maxBytes / 1024 / 1024).toFixed(0);
  return new AppError('too_large', `(body): ${what} is larger than the limit of ${mb} MB (${maxBytes} bytes); split it into several imports`, {
    limit_bytes: maxBytes,
    problems: [{ field: '(body)', message: `must be at most ${maxBytes} bytes` }],
  });
}

/** CSV text as rows with the line each starts on. Problems name the line. */
export function parseCsvRecords(bytes: Uint8Array | string): CsvRecord[] {
  let text: string;
  if (typeof bytes === 'string') text = bytes;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new TimelineFileProblems([{ field: '(body)', message: 'must be UTF-8 text' }]);
    }
  }
  // An export's `meta=1` lines ("# key: value") come before the header: leave them out, counting lines.
  text = text.replace(/^\uFEFF/, '');
  let line = 1;
  while (text.startsWith('#')) {
    const end = text.indexOf('\n');
    text = end < 0 ? '' : text.slice(end + 1);
    line++;
  }
  let parsed: { record: string[]; raw: string }[];
  try {
    parsed = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, raw: true }) as unknown as { record: string[]; raw: string }[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    const offset = line - 1;
    throw new TimelineFileProblems([{ field: e.lines ? `line ${e.lines + offset}` : '(body)', message: `is not valid CSV: ${e.message.replace(/^Invalid [^:]*: /, '').replace(/ at line \d+/, '').slice(0, 200)}` }]);
  }
  const out: CsvRecord[] = [];
  for (const { record, raw } of parsed) {
    const start = line;
    line += 1 + (raw.match(/\n/g)?.length ?? 0);
    if (record.length === 1 && record[0]!.trim() === '') continue;
    out.push({ line: start, cells: record });
  }
  return out;
}
