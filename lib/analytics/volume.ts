// Abnormal trading volume (Campbell & Wasley 1996): v_t = ln(1 + volume_t), measured against its
// mean over the estimation window. Shared by the event study's volume mode and the battery.
import type { PreparedSeries } from './types';

/** Mean and sd (n − 1) of v = ln(1 + volume) over the calendar days [from, to] with a volume. */
export type VolumeBaseline = { n: number; mean: number; sd: number };

// v per calendar day, computed once per series when prepareSeries was not asked for it.
const logVolumeCache = new WeakMap<Float64Array, Float64Array>();

/** v_t = ln(1 + volume_t) per calendar day of the series (NaN where the volume is unknown). */
export function logVolumes(series: Pick<PreparedSeries, 'volume' | 'logVolume'>): Float64Array {
  if (series.logVolume) return series.logVolume;
  let lv = logVolumeCache.get(series.volume);
  if (!lv) {
    const volume = series.volume;
    lv = new Float64Array(volume.length);
    for (let i = 0; i < volume.length; i++) lv[i] = Math.log1p(volume[i] as number); // NaN stays NaN
    logVolumeCache.set(series.volume, lv);
  }
  return lv;
}

/** The estimation-window baseline of log volumes `lv`, or the reason there is none (too few days, constant volume). */
export function volumeBaseline(lv: Float64Array, from: number, to: number, need: number): VolumeBaseline | string {
  // One pass over values shifted by the first one (log volumes sit far from 0 and vary little:
  // the shift keeps Σx² − n·x̄² free of cancellation).
  let n = 0;
  let shift = NaN;
  let s1 = 0;
  let s2 = 0;
  for (let i = Math.max(0, from); i <= to; i++) {
    const v = lv[i] as number;
    if (v !== v) continue;
    if (n === 0) shift = v;
    const d = v - shift;
    n++;
    s1 += d;
    s2 += d * d;
  }
  if (n < need) return n === 0 ? 'no volume in the estimation window' : `only ${n} days with volume in the estimation window; need at least ${need}`;
  const m = s1 / n;
  const ss = s2 - s1 * m;
  const sd = Math.sqrt(Math.max(0, ss) / (n - 1));
  if (!(sd > 0)) return 'volume is constant in the estimation window';
  return { n, mean: shift + m, sd };
}

/** Abnormal log volume on calendar day i (NaN when the day has no volume). */
export function abnormalVolume(lv: Float64Array, i: number, base: VolumeBaseline): number {
  return (lv[i] as number) - base.mean;
}
