import { describe, expect, it } from 'vitest';
import { groupBarsByTicker } from './group';
import type { ParsedBar } from './types';

const bar = (ticker: string | null, date: string, close: number, line: number): ParsedBar => ({
  date,
  open: null,
  high: null,
  low: null,
  close,
  adj_close: null,
  volume: 1,
  ticker,
  line,
});

describe('groupBarsByTicker', () => {
  it('groups per ticker in order of first appearance, each sorted by date, without the bookkeeping', () => {
    const groups = groupBarsByTicker(
      [bar('NVDA', '2024-01-03', 2, 2), bar('AMD', '2024-01-02', 5, 3), bar('NVDA', '2024-01-02', 1, 4), bar(null, '2024-01-04', 9, 5)],
      'SPY',
    );
    expect([...groups.keys()]).toEqual(['NVDA', 'AMD', 'SPY']);
    expect(groups.get('NVDA')).toEqual([
      { date: '2024-01-02', open: null, high: null, low: null, close: 1, adj_close: null, volume: 1 },
      { date: '2024-01-03', open: null, high: null, low: null, close: 2, adj_close: null, volume: 1 },
    ]);
    expect(groups.get('SPY')?.map((b) => b.close)).toEqual([9]);
  });

  it('gives nothing for no bars', () => {
    expect(groupBarsByTicker([], 'SPY').size).toBe(0);
  });
});
