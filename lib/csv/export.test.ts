// CSV export encoding: columns, cells, formula neutralising, RFC 4180 round-trip, chunking, file
// names and URLs. Pure: no database.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  BOM,
  EXPORT_COLUMNS,
  csvChunks,
  encodeRows,
  exportFilename,
  exportFilenameFor,
  exportUrl,
  formatCell,
  isExportDataset,
  metaLines,
  neutraliseFormula,
  recordToCells,
} from './export';
import { formatFigure } from '@/lib/mappings/entry';
import { impactRecords } from '@/lib/mappings/impact';
import type { ImpactResult } from '@/lib/contracts/read';

describe('columns', () => {
  it('are the issue-6 headers, in order', () => {
    const names = (d: keyof typeof EXPORT_COLUMNS) => EXPORT_COLUMNS[d].map((c) => c.name).join(',');
    // issue 17 appended the source columns POST /api/timeline/import reads back.
    expect(names('timeline')).toBe(
      'id,date,time_utc,kind,narrative,title,summary,tickers,entities,figures,source_urls,status,version,source_title,source_url,source_publisher,source_published',
    );
    expect(names('claims')).toBe(
      'id,asserted_on,subject,metric,value,unit,qualifier,scope,claimant,status,current_value,relation_type,relation_target,entry_id,source_urls',
    );
    expect(names('prices')).toBe('ticker,date,open,high,low,close,adj_close,volume');
    expect(names('impacts')).toBe(
      'event_id,event_date,day0,day0_reason,ticker,benchmark,model,window_from,window_to,car,t_stat,p_value,n,alpha,beta,sigma,estimation_n,warnings',
    );
    expect(names('narratives')).toBe('narrative,ticker,events,mean_car,t_stat,p_value,cumulative_car,share_negative');
    expect(names('ledger')).toBe('position,event_id,stream_id,stream_version,type,occurred_at,recorded_at,data_json,metadata_json');
  });
});

describe('cells', () => {
  it('writes numbers in full precision with . decimals and no separators', () => {
    expect(formatCell(1234567.891)).toBe('1234567.891');
    expect(formatCell(-0.13230471861273158)).toBe('-0.13230471861273158');
    expect(formatCell(411254000)).toBe('411254000');
    expect(formatCell(8.76590302906606e-8)).toBe('8.76590302906606e-8');
    expect(Number(formatCell(8.76590302906606e-8))).toBe(8.76590302906606e-8);
    expect(formatCell(Number.NaN)).toBe('');
  });
  it('leaves null empty and joins lists with " | "', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(undefined)).toBe('');
    expect(formatCell(['NVDA', 'AVGO'])).toBe('NVDA | AVGO');
    expect(formatCell([])).toBe('');
  });
  it('neutralises text that a spreadsheet would run (OWASP), and only text', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")']) expect(neutraliseFormula(s)).toBe(`'${s}`);
    for (const s of ['plain', ' =x', "'=x", '1-2', '']) expect(neutraliseFormula(s)).toBe(s);
    expect(formatCell('-5 %')).toBe("'-5 %");
    expect(formatCell(['=cmd', 'ok'])).toBe("'=cmd | ok");
    expect(formatCell(-5)).toBe('-5');
    const cols = EXPORT_COLUMNS.prices;
    expect(recordToCells(cols, { ticker: 'NVDA', date: '2025-01-27', open: null, high: 1, low: -1, close: 2, adj_close: null, volume: 0 })).toEqual([
      'NVDA', '2025-01-27', '', '1', '-1', '2', '', '0',
    ]);
  });
  it('formats figures as "label: value unit"', () => {
    expect(formatFigure({ label: 'Training run', value: 5.576, unit: 'million USD' })).toBe('Training run: 5.576 million USD');
    expect(formatFigure({ value: null, value_text: 'a few tens of', unit: 'billion USD' })).toBe('a few tens of billion USD');
  });
});

describe('RFC 4180', () => {
  it('quotes commas, quotes, CR/LF and # and round-trips through csv-parse', () => {
    const row = ['a,b', 'say "hi"', 'line1\nline2', 'cr\ronly', 'crlf\r\nx', '#5', 'plain', ''];
    const text = encodeRows([row, row]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"a,b","say ""hi""","line1\nline2"');
    expect(parse(text)).toEqual([row, row]);
  });
});

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

describe('csvChunks', () => {
  const records = Array.from({ length: 25 }, (_, i) => ({ ticker: 'X', date: `2025-01-${String(i + 1).padStart(2, '0')}`, close: i - 10 }));
  it('puts BOM, meta and header first, then rows in chunks', async () => {
    const meta = metaLines({ dataset: 'prices', position: 7, generatedAt: '2026-01-01T00:00:00.000Z', params: { b: 1, a: [1] }, paramsHash: 'h', dataSources: ['X: a.csv'] });
    const chunks = await collect(csvChunks('prices', records, { bom: true, meta, maxRowsPerChunk: 10 }));
    expect(chunks).toHaveLength(4);
    expect(chunks[0]!.startsWith(`${BOM}# Impactline export: prices\r\n# ledger_position: 7\r\n# generated_at: 2026-01-01T00:00:00.000Z\r\n`)).toBe(true);
    expect(chunks[0]).toContain('# parameters: {"a":[1],"b":1}\r\n# params_hash: h\r\n# data_sources: X: a.csv\r\n');
    expect(chunks[0]!.endsWith('ticker,date,open,high,low,close,adj_close,volume\r\n')).toBe(true);
    const rows = parse(chunks.join('').slice(1), { comment: '#', comment_no_infix: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(25);
    expect(rows[0]).toEqual({ ticker: 'X', date: '2025-01-01', open: '', high: '', low: '', close: '-10', adj_close: '', volume: '' });
  });
  it('meta lines never break a line', () => {
    const meta = metaLines({ dataset: 'ledger', position: 1, generatedAt: 'g', params: {}, paramsHash: 'h', dataSources: ['a\nb'] });
    expect(meta.split('\r\n').filter(Boolean).every((l) => l.startsWith('# '))).toBe(true);
  });
});

describe('impact records', () => {
  const base: ImpactResult = {
    event_id: 'e',
    event_date: '2025-01-27',
    event_time_utc: null,
    event_title: 'E',
    ticker: 'NVDA',
    benchmark: 'SPY',
    model: 'market',
    day0: null,
    result: null,
    reason: 'event date is after the last trading day',
    warnings: [],
  };
  it('gives a result-less study one row per window, with its reason in warnings', () => {
    const rows = impactRecords(base, [[0, 0], [-1, 1]]);
    expect(rows.map((r) => [r.window_from, r.window_to, r.car])).toEqual([[0, 0, null], [-1, 1, null]]);
    expect(rows[0]!.warnings).toEqual(['no_result: event date is after the last trading day']);
  });
});

describe('file names and URLs', () => {
  it('names the dataset, range, as-of and position, leaving out what is absent', () => {
    expect(exportFilename('impacts', { from: '2025-01-01', to: '2025-02-28', asOf: '2025-01-28' })).toBe(
      'impactline-impacts_2025-01-01_2025-02-28_asof-2025-01-28.csv',
    );
    expect(exportFilename('ledger')).toBe('impactline-ledger.csv');
    expect(exportFilename('prices', { to: '2025-02-28', position: 90 })).toBe('impactline-prices_to-2025-02-28_pos-90.csv');
    expect(exportFilename('prices', { from: '2025-01-01' })).toBe('impactline-prices_from-2025-01-01.csv');
    expect(exportFilename('timeline', { from: '../etc', asOf: 'x' })).toBe('impactline-timeline.csv');
  });
  it('builds the same name from view params as the server does', () => {
    expect(exportFilenameFor('timeline', { from: '2025-01-01', to: '2025-01-31', asOf: null, position: '12', tickers: ['NVDA'] })).toBe(
      'impactline-timeline_2025-01-01_2025-01-31_pos-12.csv',
    );
  });
  it('builds the export URL: empty values dropped, lists comma-joined, options last', () => {
    expect(exportUrl('prices', { tickers: ['NVDA', 'AVGO'], from: '2025-01-01', to: '', asOf: null, position: undefined, meta: '1' }, { bom: true })).toBe(
      '/api/export/prices.csv?tickers=NVDA%2CAVGO&from=2025-01-01&bom=1',
    );
    expect(exportUrl('ledger')).toBe('/api/export/ledger.csv');
    expect(exportUrl('impacts', { estimation: 120 }, { meta: true })).toBe('/api/export/impacts.csv?estimation=120&meta=1');
    expect(isExportDataset('prices')).toBe(true);
    expect(isExportDataset('secrets')).toBe(false);
  });
});
