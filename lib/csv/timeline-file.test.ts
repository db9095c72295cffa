import { describe, expect, it } from 'vitest';
import { csvField, readHeader, splitList, timelineRowsToBundle, TimelineFileProblems, unneutralise } from './timeline-file';

const HEADER = ['date', 'time_utc', 'kind', 'narrative', 'title', 'summary', 'tickers', 'entities', 'source_title', 'source_url', 'source_publisher', 'source_published'];
const row = (line: number, cells: string[]) => ({ line, cells });

describe('timeline CSV header', () => {
  it('takes the import columns in any order and case, and the export-only ones', () => {
    expect([...readHeader(['TITLE', 'Date', 'kind', 'narrative', 'source_title', 'source_url']).keys()]).toEqual(['title', 'date', 'kind', 'narrative', 'source_title', 'source_url']);
    expect(readHeader(['id', 'date', 'kind', 'narrative', 'title', 'source_title', 'source_urls', 'status', 'version', 'figures']).get('source_url')).toBe(6);
  });

  it('names unknown, duplicate and missing columns and lists the expected ones', () => {
    const problems = (h: string[]) => {
      try {
        readHeader(h);
        return [];
      } catch (e) {
        return (e as TimelineFileProblems).problems.map((p) => p.message);
      }
    };
    expect(problems(['when', ...HEADER])[0]).toMatch(/^unknown column "when"; expected columns: date,time_utc,kind,narrative,title,summary,tickers,entities,source_title,source_url,source_publisher,source_published/);
    expect(problems([...HEADER, 'date'])).toEqual(['column "date" appears twice']);
    expect(problems(['date', 'kind'])[0]).toMatch(/^missing columns narrative, title, source_title, source_url;/);
  });
});

describe('timeline CSV rows', () => {
  it('reads lists joined with " | ", parallel source lists, and undoes the export\'s formula guard', () => {
    expect(splitList('')).toEqual([]);
    expect(splitList('NVDA | AVGO')).toEqual(['NVDA', 'AVGO']);
    expect(splitList(' | ')).toEqual(['', '']);
    expect(unneutralise("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unneutralise("'plain")).toBe("'plain");
    const out = timelineRowsToBundle([
      row(1, HEADER),
      row(2, ['2025-02-03', '', 'policy', 'other', "'-minus title", 'two\nlines', 'NVDA | AVGO', '', 'A | B', 'https://a.example | https://b.example', ' | Pub B', '2025-01 | ']),
    ]);
    expect(out.bundle.entries).toEqual([
      {
        date: '2025-02-03',
        kind: 'policy',
        narrative: 'other',
        title: '-minus title',
        summary: 'two\nlines',
        tickers: ['NVDA', 'AVGO'],
        entities: [],
        sources: [
          { title: 'A', url: 'https://a.example', published: '2025-01' },
          { title: 'B', url: 'https://b.example', publisher: 'Pub B' },
        ],
      },
    ]);
    expect(out.lines).toEqual([2]);
  });

  it('leaves out retracted rows of an export, and names rows with the wrong field count or misaligned sources', () => {
    const header = [...HEADER, 'status'];
    const ok = ['2025-02-03', '', 'policy', 'other', 't', '', '', '', 'A', 'https://a.example', '', ''];
    const out = timelineRowsToBundle([row(1, header), row(2, [...ok, 'retracted']), row(3, [...ok, 'active'])]);
    expect(out.skipped).toEqual([{ line: 2, message: 'left out: the entry is retracted' }]);
    expect(out.lines).toEqual([3]);
    try {
      timelineRowsToBundle([row(1, HEADER), row(2, ok.slice(1)), row(4, [...ok.slice(0, 8), 'A | B', 'https://a.example', '', ''])]);
      expect.unreachable();
    } catch (e) {
      expect((e as TimelineFileProblems).problems).toEqual([
        { field: 'line 2', message: 'has 11 fields; the header has 12' },
        { field: 'line 4, source_url', message: 'lists 1 URLs for 2 sources; give one item per source, joined with " | "' },
      ]);
    }
  });

  it('turns a bundle field into the CSV line and column', () => {
    const lines = [2, 5];
    expect(csvField('entries[1].sources[0].url', lines)).toBe('line 5, source_url (source 1)');
    expect(csvField('entries[0].narrative', lines)).toBe('line 2, narrative');
    expect(csvField('entries[1].tickers[2]', lines)).toBe('line 5, tickers (item 3)');
    expect(csvField('entries[0]', lines)).toBe('line 2');
    expect(csvField('(body)', lines)).toBe('(body)');
  });
});
