import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/domain/errors';
import { canonicalJson, normaliseImpactParams, normaliseNarrativeParams, paramsHash, parseWindow, parseWindows } from './params';

describe('parseWindows', () => {
  it('parses comma-separated from:to windows in order', () => {
    expect(parseWindows('0:0,-1:1, +0:5')).toEqual([
      [0, 0],
      [-1, 1],
      [0, 5],
    ]);
    expect(parseWindows(['0:0', '-5:5'])).toEqual([
      [0, 0],
      [-5, 5],
    ]);
    expect(Object.is((parseWindow('-0:0') as number[])[0], 0)).toBe(true);
  });
  it('rejects from > to, non-integers, too many windows and far days', () => {
    expect(parseWindows('1:0')).toMatch(/starts after it ends/);
    expect(parseWindows('0:1.5')).toMatch(/not a window/);
    expect(parseWindows('a:b')).toMatch(/not a window/);
    expect(parseWindows('')).toMatch(/at least one window/);
    expect(parseWindows('0:0,')).toMatch(/empty window/);
    expect(parseWindows(Array.from({ length: 11 }, () => '0:0').join(','))).toMatch(/at most 10/);
    expect(parseWindows(Array.from({ length: 10 }, () => '0:0').join(','))).toHaveLength(10);
    expect(parseWindows('-251:0')).toMatch(/±250/);
    expect(parseWindows('-250:250')).toEqual([[-250, 250]]);
  });
});

describe('canonicalJson / paramsHash', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(paramsHash({ a: 1, b: 2 })).toBe(paramsHash({ b: 2, a: 1 }));
    expect(paramsHash({ a: 1, b: 2 })).not.toBe(paramsHash({ a: 1, b: 3 }));
    expect(paramsHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(() => canonicalJson({ a: NaN })).toThrow(TypeError);
  });
});

describe('normaliseImpactParams', () => {
  it('applies defaults', () => {
    expect(normaliseImpactParams()).toEqual({
      events: null,
      tickers: ['NVDA'],
      benchmark: 'SPY',
      model: 'market',
      estimation: 120,
      gap: 10,
      windows: [
        [0, 0],
        [-1, 1],
        [0, 1],
        [0, 5],
        [-5, 5],
      ],
      asOf: null,
      position: null,
    });
  });
  it('sorts and de-duplicates events, upper-cases tickers keeping their order', () => {
    const p = normaliseImpactParams({ events: ['b', 'a', 'b'], tickers: ['msft', 'nvda', 'MSFT'], benchmark: 'qqq' });
    expect(p.events).toEqual(['a', 'b']);
    expect(p.tickers).toEqual(['MSFT', 'NVDA']);
    expect(p.benchmark).toBe('QQQ');
  });
  it('names every bad parameter', () => {
    try {
      normaliseImpactParams({ estimation: 29, gap: 101, model: 'capm', windows: '1:0', asOf: '2025-02-30x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const fields = ((e as AppError).details!.problems as { field: string }[]).map((p) => p.field).sort();
      expect(fields).toEqual(['asOf', 'estimation', 'gap', 'model', 'windows']);
    }
  });
  it('narrative params default to window [-1,1]', () => {
    expect(normaliseNarrativeParams({ window: '0:5' }).window).toEqual([0, 5]);
    expect(normaliseNarrativeParams().window).toEqual([-1, 1]);
    expect(() => normaliseNarrativeParams({ window: [3, 2] })).toThrow(/window: window 3:2 starts after it ends/);
  });
});
