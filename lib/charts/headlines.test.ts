import { describe, expect, it } from 'vitest';
import { overlaps } from './claim-ladder';
import { lineColumns } from './decimate';
import { carText, groupHeadlines, headlineReason, placeHeadlines, segmentHitsBox, shortTitle, type HeadlineEntry, type HeadlineItem } from './headlines';
import { textWidth } from './text';

const entry = (over: Partial<HeadlineEntry> & Pick<HeadlineEntry, 'id'>): HeadlineEntry => ({ date: '2025-01-27', kind: 'report', title: over.id, tickers: [], sources: [], ...over });

describe('headlineReason', () => {
  it('given |t| ≥ 2 on the marker study, then the event is market-moving', () => {
    expect(headlineReason(entry({ id: 'a' }), { car: -0.0895, t: -2.23, p: 0.028 })).toBe('market-moving');
    expect(headlineReason(entry({ id: 'a' }), { car: 0.01, t: 1.99, p: 0.05 })).toBeNull();
  });
  it('given a release, then it is a headline whatever its t; a retracted entry never is', () => {
    expect(headlineReason(entry({ id: 'r1', kind: 'release' }), { car: 0.03, t: 0.84, p: 0.4 })).toBe('release');
    expect(headlineReason(entry({ id: 'r1', kind: 'release' }), undefined)).toBe('release');
    expect(headlineReason(entry({ id: 'x', kind: 'release', status: 'retracted' }), { car: -0.2, t: -5, p: 0 })).toBeNull();
  });
});

describe('label text', () => {
  it('shortens a title at its first clause when that reads on its own', () => {
    expect(shortTitle('NVIDIA falls ~17%, record ~$589-593B one-day loss', 300)).toBe('NVIDIA falls ~17%');
    expect(shortTitle('DeepSeek-R1 and R1-Zero released (MIT licence)', 300)).toBe('DeepSeek-R1 and R1-Zero released');
    // "Altman" alone would say nothing
    expect(shortTitle('Altman: GPT-4 training cost more than $100M', 300)).toBe('Altman: GPT-4 training cost more than $100M');
  });
  it('cuts at a word to the width given, with an ellipsis', () => {
    const t = shortTitle('DeepSeek-R1 and R1-Zero released (MIT licence)', 120);
    expect(t.endsWith('…')).toBe(true);
    expect(textWidth(t, 11, 'bold')).toBeLessThanOrEqual(120);
  });
  it('writes the CAR with a true minus and its stars', () => {
    expect(carText({ car: -0.0895073, t: -2.23, p: 0.0277 })).toBe('−8.95%**');
    expect(carText({ car: 0.0343, t: 0.84, p: 0.4 })).toBe('+3.43%');
    expect(carText({ car: null, t: null, p: null })).toBe('');
  });
});

describe('groupHeadlines', () => {
  const stat = { car: -0.0895, t: -2.23, p: 0.028 };
  const items: HeadlineItem[] = [
    { entry: entry({ id: 'meta-capex', kind: 'corporate', title: 'Meta plans $60-65B capex for 2025', tickers: ['META', 'NVDA'] }), stat: { car: -0.171, t: -4.19, p: 0.00005 }, reason: 'market-moving', x: 100, y: 50 },
    { entry: entry({ id: 'nvda-fall', kind: 'market', title: 'NVIDIA falls ~17%, record loss', tickers: ['NVDA'] }), stat, reason: 'market-moving', x: 110, y: 80 },
    { entry: entry({ id: 'trump', kind: 'policy', title: "Trump: DeepSeek a 'wake-up call'" }), stat, reason: 'market-moving', x: 110, y: 80 },
    { entry: entry({ id: 'r1', kind: 'release', title: 'DeepSeek-R1 released' }), stat: { car: 0.034, t: 0.84, p: 0.4 }, reason: 'release', x: 40, y: 60 },
  ];
  it('joins headlines closer than mergePx into one label titled after the primary ticker’s own move', () => {
    const groups = groupHeadlines(items, 'NVDA', { mergePx: 30, titlePx: 300 });
    expect(groups.map((g) => g.ids)).toEqual([['r1'], ['nvda-fall', 'meta-capex', 'trump']]);
    expect(groups[1]!.text).toBe('NVIDIA falls ~17% −8.95%** +2');
    expect(groups[1]!.weight).toBeCloseTo(4.19, 2);
    expect(groups[0]!.text).toBe('DeepSeek-R1 released +3.40%');
  });
  it('titles a run after the first of the primary ticker’s own moves (the fall, not the rebound)', () => {
    const rebound: HeadlineItem = { entry: entry({ id: 'nvda-rebound', date: '2025-01-28', kind: 'market', title: 'NVIDIA rebounds ~8.9%', tickers: ['NVDA'] }), stat: { car: -0.0959, t: -2.39, p: 0.019 }, reason: 'market-moving', x: 118, y: 70 };
    const groups = groupHeadlines([...items, rebound], 'NVDA', { mergePx: 12, titlePx: 300 });
    // single linkage: 100 → 110 → 118 is one run
    expect(groups.map((g) => g.ids[0])).toEqual(['r1', 'nvda-fall']);
    expect(groups[1]!.ids).toHaveLength(4);
  });
  it('keeps them apart when zoomed in far enough', () => {
    expect(groupHeadlines(items, 'NVDA', { mergePx: 5, titlePx: 300 }).map((g) => g.ids.length)).toEqual([1, 1, 2]);
  });
});

describe('placeHeadlines', () => {
  const bounds = { x0: 0, y0: 0, x1: 600, y1: 300 };
  // a line across the middle with a deep drop at x = 300
  const xs = Array.from({ length: 61 }, (_, i) => i * 10);
  const ys = xs.map((x) => (x === 300 ? 250 : 150));
  const lines = lineColumns([{ xs, ys }], 600);
  const group = (id: string, ax: number, ay: number, weight: number, text = `label ${id}`) => ({ id, ids: [id], ax, ay, text, title: text, car: '', more: 0, weight, coverage: 1 });

  it('places every label inside the plot, off the line, off the anchors and off each other', () => {
    const groups = [group('a', 300, 250, 5, 'NVIDIA falls ~17% −8.95%** +10'), group('b', 250, 150, 2), group('c', 320, 150, 3), group('d', 560, 150, 2)];
    const placed = placeHeadlines(groups, { bounds, lines, maxLabels: 10 });
    expect(placed.map((p) => p.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const p of placed) {
      expect(p.box.x0).toBeGreaterThanOrEqual(0);
      expect(p.box.x1).toBeLessThanOrEqual(600);
      expect(p.box.y0).toBeGreaterThanOrEqual(0);
      expect(p.box.y1).toBeLessThanOrEqual(300);
      // the leader joins the anchor and the box edge, and crosses no other label
      expect(p.leader.x1).toBe(p.ax);
      expect(p.leader.x2).toBeGreaterThanOrEqual(p.box.x0);
      expect(p.leader.x2).toBeLessThanOrEqual(p.box.x1);
      expect([p.box.y0, p.box.y1]).toContain(p.leader.y2);
      for (const q of placed) if (q !== p) expect(segmentHitsBox(p.leader.x1, p.leader.y1, p.leader.x2, p.leader.y2, q.box)).toBe(false);
      for (let x = Math.floor(p.box.x0); x < p.box.x1; x++) {
        const top = lines.top[x]!;
        if (!Number.isNaN(top)) expect(top > p.box.y1 || lines.bottom[x]! < p.box.y0).toBe(true);
      }
    }
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!.box, placed[j]!.box)).toBe(false);
  });
  it('gives the heaviest group the first choice and stops at maxLabels', () => {
    const placed = placeHeadlines([group('light', 300, 250, 1), group('heavy', 305, 250, 9)], { bounds, lines, maxLabels: 1 });
    expect(placed.map((p) => p.id)).toEqual(['heavy']);
  });
  it('places a crowded pair by slanting a leader rather than dropping one', () => {
    // two days 12 px apart under a flat line: one label above the line, or side by side below it
    const flat = lineColumns([{ xs: [0, 600], ys: [150, 150] }], 600);
    const wide = 'a label of some 200 pixels width here';
    const placed = placeHeadlines([group('a', 300, 150, 2, wide), group('b', 312, 150, 2, wide)], { bounds, lines: flat, maxLabels: 5 });
    expect(placed).toHaveLength(2);
    expect(overlaps(placed[0]!.box, placed[1]!.box)).toBe(false);
  });
  it('tells a segment through a box from one beside it', () => {
    const b = { x0: 10, y0: 10, x1: 20, y1: 20 };
    expect(segmentHitsBox(0, 15, 30, 15, b)).toBe(true);
    expect(segmentHitsBox(0, 0, 30, 5, b)).toBe(false);
    expect(segmentHitsBox(15, 0, 15, 10, b)).toBe(false); // ends on the edge
  });
  it('leaves out a label that fits nowhere rather than overlapping', () => {
    const tiny = { x0: 0, y0: 0, x1: 80, y1: 40 };
    expect(placeHeadlines([group('a', 40, 20, 1, 'a label far wider than the plot')], { bounds: tiny, lines: lineColumns([], 80), maxLabels: 5 })).toEqual([]);
  });
});
