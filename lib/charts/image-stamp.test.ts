import { describe, expect, it } from 'vitest';
import { estimateWidth, imageFilename, legendLayout, stampHeight, stampLines, wrap, type ChartStamp } from './image-stamp';

const stamp: ChartStamp = {
  title: 'Timeline: NVDA, SPY (rebased to 100)',
  from: '2025-01-01',
  to: '2025-02-28',
  asOf: '2025-01-28',
  position: 1234,
  replay: false,
  paramsHash: '0123456789abcdef0123',
  sources: ['NVDA: data/seed/prices/NVDA.csv', 'SPY: data/seed/prices/SPY.csv', 'events: Impactline ledger'],
  legend: [
    { label: 'NVDA', color: '#1f5fbf' },
    { label: 'SPY', color: '#d9480f' },
  ],
};

describe('chart image stamp', () => {
  it('says what the image shows, when, with which parameters, and where the numbers come from', () => {
    const lines = stampLines(stamp, 1200).map((l) => l.text);
    expect(lines).toEqual([
      'Impactline — Timeline: NVDA, SPY (rebased to 100)',
      '2025-01-01 to 2025-02-28 · as known on 2025-01-28 · ledger position 1234 · params 0123456789ab',
      'Sources: NVDA: data/seed/prices/NVDA.csv; SPY: data/seed/prices/SPY.csv; events: Impactline ledger',
    ]);
  });

  it('wraps to a phone-width image, never cutting a word that fits', () => {
    const lines = stampLines(stamp, 360);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(estimateWidth(l.text, l.size, l.weight)).toBeLessThanOrEqual(360 - 24);
    const chars = (s: string) => s.length;
    expect(wrap('aaaa bbbbbb cc', 10, chars)).toEqual(['aaaa', 'bbbbbb cc']);
    expect(wrap('x'.repeat(25), 10, chars)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    // The browser's own measure decides where lines break.
    expect(stampLines({ ...stamp, sources: [] }, 400, (t) => t.length).map((l) => l.text)).toHaveLength(3);
    expect(stampHeight(stamp, 360)).toBeGreaterThan(stampHeight(stamp, 1200));
  });

  it('lays legend items in rows that fit', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ label: `Narrative ${i}`, color: '#000000' }));
    const rows = legendLayout(many, 400);
    expect(Math.max(...rows.map((r) => r.row))).toBeGreaterThan(0);
    for (const r of rows) expect(r.x).toBeLessThan(400);
  });

  it('names files as the CSV exports are named', () => {
    expect(imageFilename('timeline-chart', { from: '2025-01-01', to: '2025-02-28', asOf: '2025-01-28', position: 99 }, 'png')).toBe(
      'impactline-timeline-chart_2025-01-01_2025-02-28_asof-2025-01-28_pos-99.png',
    );
    expect(imageFilename('claim-ladder', {}, 'svg')).toBe('impactline-claim-ladder.svg');
  });
});
