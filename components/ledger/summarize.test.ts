import { describe, expect, it } from 'vitest';
import { summarizeEvent } from './summarize';

describe('summarizeEvent', () => {
  it('given PriceBarsImported, then the number of bars and their date range', () => {
    const data = { source: 'NVDA.csv', bars: [{ date: '2024-01-03' }, { date: '2024-01-02' }, { date: '2025-06-30' }], checksum: 'x' };
    expect(summarizeEvent('PriceBarsImported', data)).toBe('3 bars 2024-01-02 to 2025-06-30 from NVDA.csv');
  });
  it('given PriceBarsCorrected, then before→after of the first three and a count of the rest', () => {
    const c = (date: string, a: number, b: number) => ({ date, before: { close: a, adj_close: a }, after: { close: b, adj_close: a } });
    const text = summarizeEvent('PriceBarsCorrected', { source: 'fix.csv', corrections: [c('2025-01-27', 118, 118.42), c('2025-01-28', 1, 2), c('2025-01-29', 3, 4), c('2025-01-30', 5, 6)] });
    expect(text).toContain('4 corrections: 2025-01-27 close 118→118.42');
    expect(text).toContain('(+1 more)');
    expect(text).not.toContain('adj_close 118');
  });
  it('given TimelineEntryAmended, then the changed fields and the reason', () => {
    expect(summarizeEvent('TimelineEntryAmended', { changes: { title: 'x', summary: 'y' }, reason: 'typo' })).toBe('changed title, summary — reason: typo');
  });
  it('given a claim, then claimant, value and unit as asserted', () => {
    expect(
      summarizeEvent('CostClaimAsserted', { claimant: 'DeepSeek', metric: 'training_run_cost', value: 5.576, unit: 'million USD', qualifier: 'exact', asserted_on: '2024-12-27' }),
    ).toBe('DeepSeek: training_run_cost 5.576 million USD (exact), asserted 2024-12-27');
  });
  it('given an unknown type or a malformed payload, then it names the fields instead of failing', () => {
    expect(summarizeEvent('SomethingNew', { a: 1, b: 2 })).toBe('fields: a, b');
    expect(summarizeEvent('PriceBarsImported', null)).toBe('0 bars');
  });
});
