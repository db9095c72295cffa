import { describe, expect, it } from 'vitest';
import { carBar, flowLegend, timelineLayout } from './timeline-layout';

describe('timelineLayout', () => {
  it('stacks price, volume, axis, lanes, legend and context without overlap', () => {
    const l = timelineLayout({ width: 1200, narrow: false, lanes: 5, volume: true });
    expect(l.volume!.top).toBeGreaterThan(l.price.height);
    expect(l.axisY).toBe(l.volume!.top + l.volume!.height);
    expect(l.lanes.top).toBeGreaterThan(l.axisY);
    expect(l.legend.top).toBeGreaterThan(l.lanesAxisY);
    expect(l.context.top).toBeGreaterThanOrEqual(l.legend.top + l.legend.height);
    expect(timelineLayout({ width: 1200, narrow: false, lanes: 5, volume: false }).volume).toBeNull();
  });
  it('gives phones 24 px touch targets and clusters markers closer than that', () => {
    const l = timelineLayout({ width: 390, narrow: true, lanes: 5, volume: true });
    expect(l.marker.hitR * 2).toBeGreaterThanOrEqual(24);
    expect(l.marker.gap).toBeGreaterThanOrEqual(24);
  });
});

describe('carBar', () => {
  const bar = { refCar: 0.1, refPx: 12, maxPx: 15 };
  it('draws every CAR on one scale: 10% is the reference height', () => {
    expect(carBar(-0.1, bar)).toEqual({ px: 12, clipped: false });
    expect(carBar(0.05, bar)).toEqual({ px: 6, clipped: false });
  });
  it('cuts a bar taller than the lane and says so', () => {
    expect(carBar(-0.17, bar)).toEqual({ px: 15, clipped: true });
  });
});

describe('flowLegend', () => {
  it('wraps items into rows of the width given', () => {
    const items = ['a', 'b', 'c'].map((k) => ({ key: k, text: 'x'.repeat(10), glyphW: 10 }));
    const flowed = flowLegend(items, 100, (s) => s.length * 6);
    expect(flowed.rows).toBe(3);
    expect(flowLegend(items, 1000, (s) => s.length * 6).rows).toBe(1);
  });
});
