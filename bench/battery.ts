// Figure 8 (issue 15): the event-study test battery for the sample of figure 5 (500 tickers × 50
// events), against figure 5's CAR-only engine on the same inputs, interleaved in the same run.
import { prepareBenchmark, prepareSeries, SERIES_WORDS } from '@/lib/analytics';
import { mapDay0s } from '@/lib/analytics/batch';
import { addPair, createSample, runBattery, sampleWidth, TEST_NAMES, type BatteryParams, type TestBattery } from '@/lib/analytics/battery';
import { fmtMs, median, row, type FigureRow } from './common';
import { engineRun, studyInputs, timeCall, type StudyInputs } from './in-process';

const PARAMS: BatteryParams = { model: 'market', estimation: 120, gap: 10, window: [-1, 1] };

/**
 * The battery as GET /api/impacts/tests computes it, for every ticker × event: the benchmark and
 * days 0 once, each ticker prepared once (with its log volume, into a lent buffer) and its pairs
 * added to one sample (whose abnormal-return rows live in a lent buffer too), then every test.
 */
function batteryRun(inp: StudyInputs, buffers: { series: Float64Array; ar: Float64Array }): { tests: TestBattery; caar: number; n: number } {
  const bench = prepareBenchmark(inp.benchBars);
  const days = bench.calendar.length;
  const day0 = mapDay0s(bench.calendar, inp.eventDates.map((date) => ({ date })), days).index;
  const sample = createSample(PARAMS, 'simple', inp.tickers * inp.eventDates.length, buffers.ar);
  for (let i = 0; i < inp.tickers; i++) {
    const series = prepareSeries(inp.tickerBars[i]!, bench, null, { buffer: buffers.series, logVolume: true });
    for (let e = 0; e < day0.length; e++) addPair(sample, series, day0[e]!, days);
  }
  let sum = 0;
  for (let k = 0; k < sample.size; k++) sum += sample.car[k]!;
  return { tests: runBattery(sample), caar: sum / sample.size, n: sample.size };
}

export function figure8(opts: { tickers: number; events: number; days: number; reps: number }): FigureRow {
  const inp = studyInputs(opts.tickers, opts.events, opts.days);
  const size = opts.tickers * opts.events * 5;
  const carOut = new Float64Array(size).fill(NaN);
  const buffers = { series: new Float64Array(SERIES_WORDS * opts.days), ar: new Float64Array(opts.tickers * opts.events * sampleWidth(PARAMS)) };
  const carCpu: number[] = [];
  const batteryCpu: number[] = [];
  const carWall: number[] = [];
  const batteryWall: number[] = [];
  // warm-up of both (JIT), not measured
  const small = { ...inp, tickers: Math.min(5, inp.tickers) };
  engineRun(small, carOut);
  batteryRun(small, buffers);
  let result = batteryRun(small, buffers);
  for (let r = 0; r < opts.reps; r++) {
    const car = timeCall(() => engineRun(inp, carOut));
    carCpu.push(car.cpu);
    carWall.push(car.wall);
    const battery = timeCall(() => batteryRun(inp, buffers));
    result = battery.result;
    batteryCpu.push(battery.cpu);
    batteryWall.push(battery.wall);
  }
  // the battery's CAAR is the mean of the CAR-only engine's CAR[-1,1] (window 1 of 5) over the same pairs
  let sum = 0;
  let n = 0;
  for (let k = 1; k < size; k += 5)
    if (carOut[k] === carOut[k]) {
      sum += carOut[k]!;
      n++;
    }
  const caarDiff = Math.abs(sum / n - result.caar);
  const battery = median(batteryCpu);
  const car = median(carCpu);
  // each rep runs both back to back: the median of the per-rep ratios of CPU time (as figure 5)
  const ratio = median(batteryCpu.map((t, i) => t / carCpu[i]!));
  const wallRatio = median(batteryWall.map((t, i) => t / carWall[i]!));
  const nulls = TEST_NAMES.filter((name) => result.tests[name].statistic === null);
  return row({
    id: '8',
    name: `Test battery ${opts.tickers} tickers × ${opts.events} events (9 tests, window [-1,1])`,
    value: `${fmtMs(battery)} CPU`,
    valueRaw: battery,
    baseline: `figure 5's CAR-only engine ${fmtMs(car)} CPU`,
    baselineRaw: car,
    compared: ratio,
    goal: { kind: 'ratio-max', max: 2.0, text: '≤ 2.0× CAR-only time' },
    notes: [
      `${opts.reps} reps, each figure 5's CAR-only engine then the battery on the same inputs; ratio = median of the per-rep ratios of CPU time (wall time: battery ${fmtMs(median(batteryWall))}, CAR-only ${fmtMs(median(carWall))}, ratio ${wallRatio.toFixed(2)}×); battery = prepare + addPair per pair (fit, SAR, BHAR, volume) + runBattery over all ${result.n} pairs`,
      `CAAR agrees with the CAR-only engine: |difference| = ${caarDiff.toExponential(1)}; tests without a statistic: ${nulls.join(', ') || 'none'}`,
    ],
    details: { batteryCpuMs: batteryCpu, carOnlyCpuMs: carCpu, batteryMs: batteryWall, carOnlyMs: carWall, pairs: result.n, caarDiff, tests: result.tests },
  });
}
