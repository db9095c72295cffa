import { describe, expect, it } from 'vitest';
import {
  decadeTicks,
  describeLadder,
  formatUsd,
  layoutClaimLadder,
  logDomain,
  overlaps,
  placeClaim,
  placeLabels,
  thinTicks,
  type LadderClaim,
} from './claim-ladder';
import { textWidth } from './text';

const claim = (over: Partial<LadderClaim> & Pick<LadderClaim, 'id' | 'asserted_on' | 'metric' | 'value' | 'unit'>): LadderClaim => ({
  current_value: over.value,
  claimant: 'someone',
  subject: 'subject',
  narrative: 'other',
  status: 'asserted',
  relation: null,
  ...over,
});

const v3 = claim({ id: 'v3', asserted_on: '2024-12-27', metric: 'training_run_cost', value: 5.576, unit: 'million USD', claimant: 'DeepSeek' });
const capex = claim({
  id: 'capex',
  asserted_on: '2025-01-31',
  metric: 'hardware_capex',
  value: 1600,
  unit: 'million USD',
  claimant: 'SemiAnalysis',
  relation: { type: 'disputes', target: 'v3' },
});
const gpus = claim({ id: 'gpus', asserted_on: '2025-01-31', metric: 'gpu_count', value: 50000, unit: 'GPUs' });
const salary = claim({ id: 'pay', asserted_on: '2025-01-31', metric: 'salary', value: 1.3, unit: 'million USD per year' });
const margin = claim({ id: 'margin', asserted_on: '2025-03-01', metric: 'other', value: 545, unit: 'percent' });

describe('placeClaim', () => {
  it('given a dollar metric in million USD, then the amount is in dollars on the usd axis', () => {
    expect(placeClaim(v3)).toEqual({ axis: 'usd', amount: 5_576_000 });
    expect(placeClaim(capex)).toEqual({ axis: 'usd', amount: 1_600_000_000 });
  });
  it('given a GPU count in GPUs or chips, then it goes on the count axis', () => {
    expect(placeClaim(gpus)).toEqual({ axis: 'count', amount: 50000 });
    expect(placeClaim({ ...gpus, unit: 'chips', current_value: 60000 })).toEqual({ axis: 'count', amount: 60000 });
  });
  it('given a salary or a percent, then it is not comparable and says why', () => {
    expect(placeClaim(salary).axis).toBe('none');
    expect(placeClaim(margin)).toMatchObject({ axis: 'none', reason: expect.stringContaining('percent') });
  });
  it('given an unknown unit on a dollar metric, then it is left off the axis rather than guessed', () => {
    expect(placeClaim({ metric: 'training_run_cost', unit: 'million EUR', current_value: 3 }).axis).toBe('none');
  });
  it('uses the current (revised) value', () => {
    expect(placeClaim({ ...v3, current_value: 6 })).toEqual({ axis: 'usd', amount: 6_000_000 });
  });
});

describe('formatUsd', () => {
  it('keeps the digits the data has, up to four significant', () => {
    expect(formatUsd(5_576_000)).toBe('$5.576M');
    expect(formatUsd(1_600_000_000)).toBe('$1.6B');
    expect(formatUsd(294_000)).toBe('$294K');
    expect(formatUsd(100_000_000)).toBe('$100M');
    expect(formatUsd(944_000_000)).toBe('$944M');
  });
});

describe('logDomain and decadeTicks', () => {
  it('spans whole decades around the values', () => {
    expect(logDomain([5_576_000, 1_600_000_000])).toEqual([1e6, 1e10]);
  });
  it('moves a value that sits on a decade off the edge', () => {
    expect(logDomain([1e8])).toEqual([1e7, 1e9]);
  });
  it('falls back when there is nothing to show', () => {
    expect(logDomain([])).toEqual([1e6, 1e9]);
  });
  it('thins ticks so labels keep their distance', () => {
    expect(decadeTicks([1e5, 1e10], 100)).toHaveLength(6);
    expect(decadeTicks([1e5, 1e10], 40)).toEqual([1e5, 1e7, 1e9]);
  });
});

describe('placeLabels', () => {
  it('puts a label right of its point, then left when the right is taken', () => {
    const bounds = { x0: 0, y0: 0, x1: 400, y1: 100 };
    const placed = placeLabels(
      [
        { id: 'a', x: 100, y: 50, text: '$5M' },
        { id: 'b', x: 110, y: 50, text: '$6M' },
      ],
      bounds,
    );
    expect(placed[0]).toMatchObject({ id: 'a', anchor: 'start' });
    expect(placed).toHaveLength(2);
    expect(overlaps(placed[0]!.box, placed[1]!.box)).toBe(false);
  });
  it('drops a label that fits nowhere rather than overlapping', () => {
    const bounds = { x0: 0, y0: 0, x1: 30, y1: 14 };
    expect(placeLabels([{ id: 'a', x: 15, y: 7, text: '$1,600,000,000' }], bounds)).toEqual([]);
  });
});

describe('layoutClaimLadder', () => {
  const bars = [
    { date: '2024-12-27', close: 137, adj_close: 137 },
    { date: '2025-01-24', close: 142.6, adj_close: 142.6 },
    { date: '2025-01-27', close: 118.4, adj_close: 118.4 },
  ];
  const input = {
    claims: [v3, capex, gpus, salary, margin],
    series: [{ ticker: 'NVDA', bars }],
    width: 900,
    domain: ['2024-12-01', '2025-03-31'] as [string, string],
    priceMode: 'rebased' as const,
  };

  it('puts every comparable claim on its row, on one shared time scale with the price strip', () => {
    const l = layoutClaimLadder(input);
    expect(l.dots.map((d) => [d.id, d.row])).toEqual([
      ['v3', 'training_run_cost'],
      ['capex', 'hardware_capex'],
      ['gpus', 'gpu_count'],
    ]);
    expect(l.notComparable.map((n) => n.claim.id)).toEqual(['pay', 'margin']);
    // capex and gpus were asserted on the same day: same x
    expect(l.dots[1]!.x).toBe(l.dots[2]!.x);
    // the 2025-01-27 price point lies between the two claims
    const v3x = l.dots[0]!.x;
    expect(v3x).toBeGreaterThan(l.margin.left);
    expect(l.price!.lines[0]!.d).toMatch(/^M/);
    expect(l.price!.top).toBeGreaterThan(Math.max(...l.rows.map((r) => r.top)));
  });

  it('sizes each dollar row to the decades its claims need, at the same pixels per decade', () => {
    const l = layoutClaimLadder(input);
    const usdRows = l.rows.filter((r) => r.axis === 'usd');
    expect(usdRows).toHaveLength(4);
    const training = usdRows.find((r) => r.key === 'training_run_cost')!;
    const capexRow = usdRows.find((r) => r.key === 'hardware_capex')!;
    expect(training.domain).toEqual([1e6, 1e7]);
    expect(capexRow.domain).toEqual([1e9, 1e10]);
    // one decade each: the same height; the tick labels carry SI suffixes
    expect(training.height).toBe(capexRow.height);
    expect(training.ticks.map((t) => t.label)).toEqual(['$1M', '$10M']);
    expect(capexRow.ticks.map((t) => t.label)).toEqual(['$1B', '$10B']);
    // an empty row shrinks to a strip that says so
    const empty = usdRows.find((r) => r.key === 'operating_cost')!;
    expect(empty.empty).toBe(true);
    expect(empty.height).toBeLessThan(training.height);
    const wide = layoutClaimLadder({ ...input, claims: [v3, claim({ id: 'big', asserted_on: '2025-01-02', metric: 'training_run_cost', value: 100, unit: 'million USD' })] });
    const wideRow = wide.rows.find((r) => r.key === 'training_run_cost')!;
    expect(wideRow.domain).toEqual([1e6, 1e9]);
    expect(wideRow.height).toBeGreaterThan(training.height);
  });

  it('focuses the time axis on the claims, breaking it around a far-off one', () => {
    const gpt4 = claim({ id: 'gpt4', asserted_on: '2023-04-17', metric: 'training_run_cost', value: 100, unit: 'million USD', relation: null });
    const l = layoutClaimLadder({ ...input, claims: [gpt4, v3, capex, gpus], domain: ['2023-03-01', '2025-10-01'], focus: true });
    expect(l.segments).toHaveLength(2);
    expect(l.breaks).toHaveLength(1);
    const [inset, main] = l.segments;
    expect(inset!.to < '2023-06-01').toBe(true);
    expect(main!.from > '2024-11-01').toBe(true);
    // the episode gets most of the width instead of a quarter of it
    expect(main!.x1 - main!.x0).toBeGreaterThan(0.65 * (l.width - l.margin.left - l.margin.right));
    const x = Object.fromEntries(l.dots.map((d) => [d.id, d.x]));
    expect(x.gpt4!).toBeLessThan(inset!.x1);
    expect(x.v3!).toBeGreaterThan(main!.x0);
    expect(l.outside).toEqual([]);
    // without focus, the whole domain on one axis
    expect(layoutClaimLadder({ ...input, claims: [gpt4, v3], domain: ['2023-03-01', '2025-10-01'] }).segments).toHaveLength(1);
  });

  it('keeps tick labels of neighbouring segments apart', () => {
    const gpt4 = claim({ id: 'gpt4', asserted_on: '2023-04-17', metric: 'training_run_cost', value: 100, unit: 'million USD' });
    for (const width of [340, 900]) {
      const l = layoutClaimLadder({ ...input, width, claims: [gpt4, v3, capex], domain: ['2023-03-01', '2025-10-01'], focus: true });
      const boxes = l.xTicks.map((t) => ({ x0: t.x - textWidth(t.label, 10) / 2, x1: t.x + textWidth(t.label, 10) / 2, y0: 0, y1: 10 }));
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x0).toBeGreaterThan(boxes[i - 1]!.x1);
    }
  });

  it('leaves the price strip out when asked (the event page snippet)', () => {
    const l = layoutClaimLadder({ ...input, prices: false });
    expect(l.price).toBeNull();
    expect(l.height).toBeLessThan(layoutClaimLadder(input).height);
  });

  it('links a claim to the claim it disputes, when both are shown', () => {
    const l = layoutClaimLadder(input);
    expect(l.links).toEqual([expect.objectContaining({ from: 'capex', to: 'v3', type: 'disputes' })]);
    const noTarget = layoutClaimLadder({ ...input, claims: [capex] });
    expect(noTarget.links).toEqual([]);
  });

  it('rebases each ticker to 100 at its first bar in view', () => {
    const l = layoutClaimLadder(input);
    expect(l.price!.lines[0]!.first).toEqual({ date: '2024-12-27', value: 100 });
    expect(l.price!.lines[0]!.last!.value).toBeCloseTo((118.4 / 137) * 100, 6);
    expect(l.price!.base).toBe('2024-12-27');
    const p = layoutClaimLadder({ ...input, priceMode: 'price' });
    expect(p.price!.lines[0]!.last!.value).toBe(118.4);
    expect(p.price!.baselineY).toBeNull();
  });

  it('lists claims outside the time domain instead of drawing them', () => {
    const l = layoutClaimLadder({ ...input, domain: ['2025-01-01', '2025-03-31'] });
    expect(l.outside.map((c) => c.id)).toEqual(['v3']);
    expect(l.links).toEqual([]);
  });

  it('never places two value labels on top of each other, on a phone or a desktop', () => {
    for (const width of [340, 900, 1400]) {
      const many = Array.from({ length: 12 }, (_, i) =>
        claim({ id: `c${i}`, asserted_on: `2025-01-${String(10 + i).padStart(2, '0')}`, metric: 'training_run_cost', value: 5 + i * 0.01, unit: 'million USD' }),
      );
      const l = layoutClaimLadder({ ...input, width, claims: many });
      for (let i = 0; i < l.labels.length; i++)
        for (let j = i + 1; j < l.labels.length; j++) expect(overlaps(l.labels[i]!.box, l.labels[j]!.box)).toBe(false);
      for (const lab of l.labels) expect(lab.box.x1).toBeLessThanOrEqual(l.width);
    }
  });

  it('marks the as-of day when it is in view', () => {
    expect(layoutClaimLadder({ ...input, asOf: '2025-01-28' }).asOfX).toBeGreaterThan(0);
    expect(layoutClaimLadder({ ...input, asOf: '2026-01-01' }).asOfX).toBeNull();
  });

  it('summarises the chart in words', () => {
    const text = describeLadder(layoutClaimLadder(input), ['NVDA']);
    expect(text).toContain('2 dollar claims');
    expect(text).toContain('$5.576M (DeepSeek, 2024-12-27)');
    expect(text).toContain('$1.6B (SemiAnalysis, 2025-01-31)');
    expect(text).toContain('NVDA');
  });
});

describe('thinTicks', () => {
  it('keeps ticks at least minGap pixels apart', () => {
    expect(thinTicks([{ y: 100 }, { y: 90 }, { y: 80 }, { y: 70 }], 13).map((t) => t.y)).toEqual([100, 80]);
  });
  it('thins the GPU axis on a phone', () => {
    const l = layoutClaimLadder({
      claims: [claim({ id: 'g', asserted_on: '2025-01-31', metric: 'gpu_count', value: 60000, unit: 'chips' })],
      series: [],
      width: 360,
      domain: ['2025-01-01', '2025-03-01'],
      priceMode: 'rebased',
    });
    const ys = l.rows.find((r) => r.key === 'gpu_count')!.ticks.map((t) => t.y);
    for (let i = 1; i < ys.length; i++) expect(Math.abs(ys[i]! - ys[i - 1]!)).toBeGreaterThanOrEqual(13);
  });
});

