import { describe, expect, it } from 'vitest';
import { parseViewState, serializeViewState } from './view-state';

describe('view state in the URL', () => {
  it('given an empty query, then the defaults: NVDA and SPY rebased, volume shown', () => {
    const v = parseViewState(new URLSearchParams(''));
    expect(v).toMatchObject({ tickers: ['NVDA', 'SPY'], mode: 'rebased', volume: true, table: false });
    expect(serializeViewState(v)).toBe('');
  });
  it('given vol=0, then the volume panel is off, and the link says so', () => {
    const v = parseViewState(new URLSearchParams('vol=0&from=2025-01-01&to=2025-02-28'));
    expect(v.volume).toBe(false);
    expect(serializeViewState(v)).toBe('?from=2025-01-01&to=2025-02-28&vol=0');
  });
  it('round-trips every field', () => {
    const q = '?tickers=NVDA%2CAVGO&from=2025-01-01&to=2025-02-28&mode=price&log=1&event=nvda-record-one-day-loss&narratives=cheap-ai&kinds=release&asOf=2025-01-28&position=90&table=1&vol=0';
    expect(serializeViewState(parseViewState(new URLSearchParams(q)))).toBe(q);
  });
});
