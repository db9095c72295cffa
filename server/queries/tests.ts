// The test battery and the heatmap matrix read at a clock (issue 15). Statistics come from
// lib/analytics (battery.ts); this module resolves the sample (events, a narrative's events,
// tickers, explicit pairs), prepares each series once and shapes the output deterministically.
import { mapDay0, type ReturnsKind } from '@/lib/analytics';
import { addPair, bmpTest, createSample, runBattery, type BatteryParams, type Sample } from '@/lib/analytics/battery';
import {
  MAX_PAIRS,
  normaliseMatrixParams,
  normaliseTestsParams,
  paramError,
  paramsHash,
  returnsOf,
  type MatrixParamsInput,
  type TestsParamsInput,
} from '@/lib/analytics/params';
import type { EntryView, ExcludedPair, MatrixResponse, MatrixSummary, TestPair, TestsResponse } from '@/lib/contracts/read';
import { AppError } from '@/lib/domain/errors';
import type { ReadModel } from '@/db/store';
import { prepareContext, type Context } from './impacts';
import { checkNarrativeFilter } from './narrative-filter';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byDateThenId = (a: EntryView, b: EntryView): number => cmp(a.date, b.date) || cmp(a.id, b.id);
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Explicit events must be active entries at the clock (404 naming them), sorted by date. */
function pickEvents(ctx: Context, ids: readonly string[], clocked: boolean): EntryView[] {
  const byId = new Map(ctx.visible.map((e) => [e.id, e] as const));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0)
    throw new AppError(
      'not_found',
      `events: ${missing.map((id) => `"${id}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not an active timeline entry${clocked ? ' at this clock' : ''} (GET /api/timeline lists them)`,
      { parameter: 'events', events: missing },
    );
  return ids.map((id) => byId.get(id)!).sort(byDateThenId);
}

/**
 * A narrative's active entries at the clock. The narrative must be one the ledger defines at the
 * read's position: else 400 listing the known ones, as every other `narrative` filter does.
 */
async function narrativeEvents(read: ReadModel, ctx: Context, narrative: string, position: number | null): Promise<EntryView[]> {
  await checkNarrativeFilter(read, [narrative], { position });
  return ctx.visible.filter((e) => e.narrative === narrative).sort(byDateThenId);
}

/** Day 0 of an entry on the request's calendar (shared by every series), memoised per entry. */
function day0Finder(ctx: Context) {
  const any = ctx.series.values().next().value!;
  const cache = new Map<string, { index: number | null; reason: string }>();
  return (e: EntryView) => {
    let m = cache.get(e.id);
    if (!m) {
      const r = mapDay0(any.calendar, e.date, e.time_utc, any.end);
      m = { index: r.index, reason: r.reason };
      cache.set(e.id, m);
    }
    return m;
  };
}

type Slot = { event: EntryView; ticker: string; index: number | null; reason: string | null };

/**
 * Study every (event, ticker) pair into one sample: `index` is the pair's row in the sample, or
 * null with the reason it is left out.
 */
function studyPairs(ctx: Context, benchmark: string, params: BatteryParams, returns: ReturnsKind, list: { event: EntryView; ticker: string }[]): { sample: Sample; slots: Slot[] } {
  const sample = createSample(params, returns, list.length);
  const day0 = day0Finder(ctx);
  const slots = list.map(({ event, ticker }): Slot => {
    if (ticker === benchmark) return { event, ticker, index: null, reason: `${ticker} is the benchmark: its abnormal return is zero by construction` };
    const m = day0(event);
    if (m.index === null) return { event, ticker, index: null, reason: m.reason };
    const series = ctx.series.get(ticker)!;
    const index = sample.size;
    const reason = addPair(sample, series, m.index, series.end);
    return reason === null ? { event, ticker, index, reason: null } : { event, ticker, index: null, reason };
  });
  return { sample, slots };
}

function tooMany(field: string, n: number): AppError {
  return paramError([{ field, message: `at most ${MAX_PAIRS} pairs (this sample has ${n})` }]);
}

/** GET /api/impacts/tests: the battery over one sample. Throws AppError validation / not_found. */
export async function computeTests(read: ReadModel, input: TestsParamsInput = {}): Promise<TestsResponse> {
  const params = normaliseTestsParams(input);
  const returns = returnsOf(params);
  const tickers = params.pairs ? [...new Set(params.pairs.map((p) => p.ticker))] : params.tickers;
  const ctx = await prepareContext(read, { tickers, benchmark: params.benchmark, returns, asOf: params.asOf, position: params.position }, { logVolume: true });
  const clocked = params.asOf !== null || params.position !== null;
  let list: { event: EntryView; ticker: string }[];
  if (params.pairs) {
    const events = new Map(pickEvents(ctx, [...new Set(params.pairs.map((p) => p.event))], clocked).map((e) => [e.id, e] as const));
    list = params.pairs.map((p) => ({ event: events.get(p.event)!, ticker: p.ticker }));
  } else {
    const events = params.events ? pickEvents(ctx, params.events, clocked) : await narrativeEvents(read, ctx, params.narrative!, params.position);
    if (events.length * tickers.length > MAX_PAIRS) throw tooMany('narrative', events.length * tickers.length);
    list = events.flatMap((event) => tickers.map((ticker) => ({ event, ticker })));
  }
  const batteryParams: BatteryParams = { model: params.model, estimation: params.estimation, gap: params.gap, window: params.window };
  const { sample, slots } = studyPairs(ctx, params.benchmark, batteryParams, returns, list);

  const pairs: TestPair[] = [];
  const excluded: ExcludedPair[] = [];
  for (const s of slots) {
    if (s.index === null) {
      excluded.push({ event: s.event.id, ticker: s.ticker, reason: s.reason!, scope: 'sample' });
      continue;
    }
    const i = s.index;
    const volumeReason = sample.volumeReason.get(i) ?? null;
    if (volumeReason !== null) excluded.push({ event: s.event.id, ticker: s.ticker, reason: volumeReason, scope: 'volume' });
    pairs.push({
      event: s.event.id,
      ticker: s.ticker,
      day0: ctx.series.get(s.ticker)!.calendar[sample.d0[i]!]!,
      car: sample.car[i]!,
      t: sample.t[i]!,
      p: finite(sample.p[i]!),
      scar: sample.scar[i]!,
      bhar: finite(sample.bhar[i]!),
      cav: finite(sample.cav[i]!),
      cav_t: finite(sample.cavT[i]!),
      sigma: sample.sigma[i]!,
      estimation_n: sample.M[i]!,
    });
  }
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  return {
    position: ctx.position,
    params,
    params_hash: paramsHash(params),
    window: { from: params.window[0], to: params.window[1] },
    n: pairs.length,
    pairs,
    excluded,
    caar: mean(pairs.map((p) => p.car)),
    mean_bhar: mean(pairs.map((p) => p.bhar)),
    tests: runBattery(sample),
  };
}

/** The subject and its peers (roles from the ledger), in listing order: the matrix's default columns. */
async function defaultTickers(read: ReadModel): Promise<string[]> {
  const listed = await read.listTickers();
  return [...listed.filter((t) => t.role === 'subject'), ...listed.filter((t) => t.role === 'peer')].map((t) => t.symbol);
}

function summary(sample: Sample, indices: number[]): MatrixSummary {
  const scar = indices.map((i) => sample.scar[i]!);
  const caar = indices.length > 0 ? indices.reduce((s, i) => s + sample.car[i]!, 0) / indices.length : null;
  return { caar, n: indices.length, bmp: bmpTest(scar) };
}

/** GET /api/impacts/matrix: CAR, t, p per event × ticker, with row and column summaries. */
export async function computeMatrix(read: ReadModel, input: MatrixParamsInput = {}): Promise<MatrixResponse> {
  const params = normaliseMatrixParams(input);
  const returns = returnsOf(params);
  const tickers = params.tickers ?? (await defaultTickers(read));
  const ctx = await prepareContext(read, { tickers, benchmark: params.benchmark, returns, asOf: params.asOf, position: params.position }, { logVolume: true });
  const clocked = params.asOf !== null || params.position !== null;
  let events = params.events
    ? pickEvents(ctx, params.events, clocked)
    : params.narrative
      ? await narrativeEvents(read, ctx, params.narrative, params.position)
      : [...ctx.visible].sort(byDateThenId);
  events = events.filter(
    (e) => (!params.kinds || params.kinds.includes(e.kind)) && (!params.from || e.date >= params.from) && (!params.to || e.date <= params.to),
  );
  if (events.length * tickers.length > MAX_PAIRS) throw tooMany('events', events.length * tickers.length);
  const batteryParams: BatteryParams = { model: params.model, estimation: params.estimation, gap: params.gap, window: params.window };
  const list = events.flatMap((event) => tickers.map((ticker) => ({ event, ticker })));
  const { sample, slots } = studyPairs(ctx, params.benchmark, batteryParams, returns, list);

  const cells: MatrixResponse['cells'] = [];
  const reasons: MatrixResponse['reasons'] = [];
  const rowIdx: number[][] = events.map(() => []);
  const colIdx: number[][] = tickers.map(() => []);
  for (let r = 0; r < events.length; r++) {
    const rowCells: MatrixResponse['cells'][number] = [];
    const rowReasons: (string | null)[] = [];
    for (let c = 0; c < tickers.length; c++) {
      const s = slots[r * tickers.length + c]!;
      if (s.index === null) {
        rowCells.push(null);
        rowReasons.push(s.reason);
        continue;
      }
      const i = s.index;
      rowCells.push({ car: sample.car[i]!, t: sample.t[i]!, p: finite(sample.p[i]!) });
      rowReasons.push(null);
      rowIdx[r]!.push(i);
      colIdx[c]!.push(i);
    }
    cells.push(rowCells);
    reasons.push(rowReasons);
  }
  return {
    position: ctx.position,
    params,
    params_hash: paramsHash(params),
    window: { from: params.window[0], to: params.window[1] },
    events: events.map((e) => ({ id: e.id, date: e.date, title: e.title, narrative: e.narrative, kind: e.kind })),
    tickers,
    cells,
    reasons,
    rows: rowIdx.map((idx) => summary(sample, idx)),
    columns: colIdx.map((idx) => summary(sample, idx)),
  };
}
