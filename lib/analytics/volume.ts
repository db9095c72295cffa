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
  let n = 0;
  let sum = 0;
  for (let i = Math.max(0, from); i <= to; i++) {
    const v = lv[i] as number;
    if (v === v) {
      n++;
      sum += v;
    }
  }
  if (n < need) return n === 0 ? 'no volume in the estimation window' : `only ${n} days with volume in the estimation window; need at least ${need}`;
  const mean = sum / n;
  let ss = 0;
  for (let i = Math.max(0, from); i <= to; i++) {
    const v = lv[i] as number;
    if (v === v) {
      const d = v - mean;
      ss += d * d;
    }
  }
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) return 'volume is constant in the estimation window';
  return { n, mean, sd };
}

/** Abnormal log volume on calendar day i (NaN when the day has no volume). */
export function abnormalVolume(lv: Float64Array, i: number, base: VolumeBaseline): number {
  return (lv[i] as number) - base.mean;
}
