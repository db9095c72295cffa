import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import tcdf from '@stdlib/stats-base-dists-t-cdf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, runEventStudy } from './event-study';
import type { Bar } from './types';

const ROOT = path.resolve(__dirname, '../..');
function pricesDir(): string {
  const seed = path.join(ROOT, 'data/seed/prices');
  if (existsSync(path.join(seed, 'NVDA.csv')) && existsSync(path.join(seed, 'SPY.csv'))) return seed;
  return path.resolve(ROOT, '../shared/data/prices');
}

function readBars(symbol: string): Bar[] {
  const text = readFileSync(path.join(pricesDir(), `${symbol}.csv`), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  const head = lines[0]!.split(',');
  const di = head.indexOf('date');
  const ci = head.indexOf('close');
  const ai = head.indexOf('adj_close');
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    const adj = f[ai] ?? '';
    return { date: f[di]!, close: Number(f[ci]), adj_close: adj === '' ? null : Number(adj) };
  });
}

describe('NVDA 2025-01-27 (DeepSeek R1 sell-off), market model vs SPY', () => {
  const nvda = readBars('NVDA');
  const spy = readBars('SPY');

  it('matches an independent plain-loop computation', () => {
    // ---- reference: plain loops, same formulas
    const px = new Map<string, number>();
    for (const b of nvda) px.set(b.date, b.adj_close ?? b.close);
    const spyDates = spy.map((b) => b.date).sort();
    const spyPx = new Map<string, number>();
    for (const b of spy) spyPx.set(b.date, b.adj_close ?? b.close);
    const R: (number | null)[] = [null];
    const M: (number | null)[] = [null];
    for (let i = 1; i < spyDates.length; i++) {
      const p1 = px.get(spyDates[i]!);
      const p0 = px.get(spyDates[i - 1]!);
      R.push(p1 !== undefined && p0 !== undefined ? p1 / p0 - 1 : null);
      M.push(spyPx.get(spyDates[i]!)! / spyPx.get(spyDates[i - 1]!)! - 1);
    }
    const d0 = spyDates.indexOf('2025-01-27');
    expect(d0).toBeGreaterThan(140);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = d0 - 130; i <= d0 - 11; i++) {
      if (R[i] === null || M[i] === null) continue;
      xs.push(M[i]!);
      ys.push(R[i]!);
    }
    const L = xs.length;
    const mx = xs.reduce((a, b) => a + b, 0) / L;
    const my = ys.reduce((a, b) => a + b, 0) / L;
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < L; k++) {
      sxy += (xs[k]! - mx) * (ys[k]! - my);
      sxx += (xs[k]! - mx) ** 2;
    }
    const beta = sxy / sxx;
    const alpha = my - beta * mx;
    let ssr = 0;
    for (let k = 0; k < L; k++) ssr += (ys[k]! - alpha - beta * xs[k]!) ** 2;
    const s2 = ssr / (L - 2);
    const ar0 = R[d0]! - (alpha + beta * M[d0]!);
    const tRef = ar0 / Math.sqrt(s2);
    const pRef = 2 * (1 - tcdf(Math.abs(tRef), L - 2));

    // ---- engine
    const out = runEventStudy({
      event: { id: 'deepseek-r1-selloff', date: '2025-01-27', time_utc: '21:00' },
      ticker: 'NVDA',
      benchmark: 'SPY',
      tickerBars: nvda,
      benchmarkBars: spy,
      params: DEFAULT_PARAMS,
    });
    expect(out.day0).toEqual({ date: '2025-01-27', reason: 'same day' });
    const w = out.result!.windows[0]!;
    expect([w.from, w.to]).toEqual([0, 0]);
    expect(out.result!.estimation.n).toBe(L);
    expect(out.result!.estimation.df).toBe(L - 2);
    expect(out.result!.estimation.alpha).toBeCloseTo(alpha, 12);
    expect(out.result!.estimation.beta).toBeCloseTo(beta, 10);
    expect(w.car).toBeCloseTo(ar0, 12);
    expect(w.t).toBeCloseTo(tRef, 8);
    // p is tiny; compare on a relative scale (the reference's 1 - cdf loses digits in the tail)
    expect(Math.abs(w.p! - pRef)).toBeLessThan(1e-12 + 1e-3 * pRef);
    // sanity: a ~17% one-day drop against a ~-1.5% market is a large negative abnormal return
    expect(w.car!).toBeLessThan(-0.12);
    expect(w.t!).toBeLessThan(-4);
    expect(w.p!).toBeLessThan(1e-3);
    console.log(
      `NVDA 2025-01-27 market model CAR[0,0]=${w.car} t=${w.t} p=${w.p} (alpha=${alpha}, beta=${beta}, L=${L}, sigma=${Math.sqrt(s2)})`,
    );
  });

  it('an event in early 2024 has too few estimation returns', () => {
    const out = runEventStudy({
      event: { id: 'early', date: '2024-03-01' },
      ticker: 'NVDA',
      benchmark: 'SPY',
      tickerBars: nvda,
      benchmarkBars: spy,
      params: DEFAULT_PARAMS,
    });
    expect(out.result).toBeNull();
    expect(out.day0).toEqual({ date: '2024-03-01', reason: 'same day' });
    // 2024-03-01 is trading day index 41 (from 2024-01-02); days -130..-11 → index 0..30 → 30 returns
    expect(out.reason).toBe('only 30 estimation returns before 2024-03-01; need at least 60');
  });
});
