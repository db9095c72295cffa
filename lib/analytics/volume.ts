// Abnormal trading volume (Campbell & Wasley 1996): v_t = ln(1 + volume_t), measured against its
// mean over the estimation window. Shared by the event study's volume mode and the battery.

/** Mean and sd (n − 1) of v = ln(1 + volume) over the calendar days [from, to] with a volume. */
export type VolumeBaseline = { n: number; mean: number; sd: number };

/** The estimation-window baseline, or the reason there is none (too few days, constant volume). */
export function volumeBaseline(volume: Float64Array, from: number, to: number, need: number): VolumeBaseline | string {
  let n = 0;
  let sum = 0;
  for (let i = Math.max(0, from); i <= to; i++) {
    const v = volume[i] as number;
    if (v === v) {
      n++;
      sum += Math.log1p(v);
    }
  }
  if (n < need) return n === 0 ? 'no volume in the estimation window' : `only ${n} days with volume in the estimation window; need at least ${need}`;
  const mean = sum / n;
  let ss = 0;
  for (let i = Math.max(0, from); i <= to; i++) {
    const v = volume[i] as number;
    if (v === v) {
      const d = Math.log1p(v) - mean;
      ss += d * d;
    }
  }
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) return 'volume is constant in the estimation window';
  return { n, mean, sd };
}

/** Abnormal log volume on calendar day i (NaN when the day has no volume). */
export function abnormalVolume(volume: Float64Array, i: number, base: VolumeBaseline): number {
  const v = volume[i] as number;
  return v === v ? Math.log1p(v) - base.mean : NaN;
}
