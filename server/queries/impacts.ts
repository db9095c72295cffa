// Event-study impacts and narrative aggregates read at a clock (DESIGN "Event study", "Two clocks").
// All statistics come from lib/analytics; this module only reads entries and bars at the clock,
// prepares each series once per request and shapes the output deterministically.
import type { EntryView, ImpactResult, ImpactsResponse, NarrativesResponse } from '@/lib/contracts/read';
export type { ImpactResult, ImpactsResponse, NarrativesResponse };
import {
  aggregateNarratives,
  mapDay0,
  prepareBenchmark,
  prepareSeries,
  runEventStudy,
  type Bar,
  type NarrativeItem,
  type OtherEvent,
  type PreparedSeries,
  type ReturnsKind,
} from '@/lib/analytics';
import { addPair, createSample, runBattery, type Sample } from '@/lib/analytics/battery';
import {
  normaliseImpactParams,
  normaliseNarrativeParams,
  paramsHash,
  returnsOf,
  type ImpactParamsInput,
  type NarrativeParamsInput,
} from '@/lib/analytics/params';
import { AppError } from '@/lib/domain/errors';
import type { Clock, ReadModel } from '@/db/store';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function toBar(b: { date: string; close: number; adj_close: number | null; volume: number | null }): Bar {
  return { date: b.date, close: b.close, adj_close: b.adj_close, volume: b.volume };
}

/**
 * The benchmark's bars at the clock. With an asOf, bar values are those known on that day, and
 * the later trading dates (at the ledger position) are appended so that the calendar extends past
 * asOf: the engine then cuts at asOf and labels cut windows 'asOf' rather than 'end of data'.
 * Nothing after asOf is used as a value (the engine never reads past its cut).
 */
async function benchmarkBarsAt(read: ReadModel, symbol: string, clock: Clock): Promise<Bar[]> {
  const known = (await read.listBars(symbol, {}, clock)).map(toBar);
  if (!clock.asOf) return known;
  const asOf = clock.asOf;
  const later = (await read.listBars(symbol, {}, { position: clock.position ?? null }))
    .filter((b) => b.date > asOf)
    .map(toBar);
  return known.concat(later);
}

export type Context = {
  clock: Clock;
  position: number;
  visible: EntryView[];
  series: Map<string, PreparedSeries>;
  shares: Map<string, number | null>;
};

/** Checks the tickers, reads the entries and prepares the benchmark and each ticker once. */
export async function prepareContext(
  read: ReadModel,
  p: { tickers: string[]; benchmark: string; returns?: ReturnsKind; asOf: string | null; position: number | null },
  options: { logVolume?: boolean } = {},
): Promise<Context> {
  const clock: Clock = { asOf: p.asOf, position: p.position };
  const listed = new Map((await read.listTickers()).map((t) => [t.symbol, t] as const));
  for (const symbol of [...p.tickers, p.benchmark]) {
    if (!listed.has(symbol)) {
      const field = symbol === p.benchmark && !p.tickers.includes(symbol) ? 'benchmark' : 'tickers';
      throw new AppError('not_found', `${field}: ticker "${symbol}" is not listed (GET /api/tickers lists them)`, {
        parameter: field,
        ticker: symbol,
      });
    }
  }
  const bench = prepareBenchmark(await benchmarkBarsAt(read, p.benchmark, clock), returnsOf(p));
  const series = new Map<string, PreparedSeries>();
  const shares = new Map<string, number | null>();
  for (const symbol of p.tickers) {
    const bars = (await read.listBars(symbol, {}, clock)).map(toBar);
    series.set(symbol, prepareSeries(bars, bench, p.asOf, { logVolume: options.logVolume }));
    shares.set(symbol, listed.get(symbol)?.shares_outstanding ?? null);
  }
  const visible = (await read.listEntries({}, clock)).filter((e) => e.status === 'active');
  return { clock, position: await read.effectivePosition(clock), visible, series, shares };
}

/** Visible entries that list `ticker` (case-insensitive), as overlap candidates. */
function othersFor(visible: EntryView[], ticker: string): OtherEvent[] {
  return visible
    .filter((e) => e.tickers.some((t) => t.toUpperCase() === ticker))
    .map((e) => ({ id: e.id, title: e.title, date: e.date, time_utc: e.time_utc }));
}

const byDateThenId = (a: EntryView, b: EntryView): number => cmp(a.date, b.date) || cmp(a.id, b.id);

/**
 * Event study of each (event, ticker) pair at the clock. Throws AppError validation / not_found.
 * `daily: false` leaves out the daily rows (the summary form).
 */
export async function computeImpacts(read: ReadModel, input: ImpactParamsInput = {}, options: { daily?: boolean } = {}): Promise<ImpactsResponse> {
  const params = normaliseImpactParams(input);
  const ctx = await prepareContext(read, params);

  let events: EntryView[];
  if (params.events === null) events = ctx.visible;
  else {
    const byId = new Map(ctx.visible.map((e) => [e.id, e] as const));
    const missing = params.events.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      const at = params.asOf || params.position != null ? ' at this clock' : '';
      throw new AppError(
        'not_found',
        `event: ${missing.map((id) => `"${id}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not an active timeline entry${at} (GET /api/timeline lists them)`,
        { parameter: 'event', events: missing },
      );
    }
    events = params.events.map((id) => byId.get(id)!);
  }
  events = [...events].sort(byDateThenId);

  const engineParams = { model: params.model, estimation: params.estimation, gap: params.gap, windows: params.windows };
  // Map each candidate's day 0 once per ticker series, not once per study.
  const others = new Map(
    params.tickers.map((t) => {
      const series = ctx.series.get(t)!;
      return [t, othersFor(ctx.visible, t).map((o) => ({ ...o, day0: mapDay0(series.calendar, o.date, o.time_utc, series.end).index }))] as const;
    }),
  );
  const results: ImpactResult[] = [];
  for (const e of events) {
    for (const ticker of params.tickers) {
      const r = runEventStudy({
        event: { id: e.id, date: e.date, time_utc: e.time_utc },
        ticker,
        benchmark: params.benchmark,
        params: engineParams,
        series: ctx.series.get(ticker)!,
        asOf: params.asOf,
        otherEvents: others.get(ticker)!,
        sharesOutstanding: ctx.shares.get(ticker) ?? null,
        daily: options.daily,
        volume: params.volume === true,
      });
      results.push({
        event_id: e.id,
        event_date: e.date,
        event_time_utc: e.time_utc ?? null,
        event_title: e.title,
        ticker: r.ticker,
        benchmark: r.benchmark,
        model: r.model,
        day0: r.day0,
        result: r.result,
        reason: r.reason,
        warnings: r.warnings,
      });
    }
  }
  return { position: ctx.position, params, params_hash: paramsHash(params), results };
}

/**
 * Per (narrative, ticker): the CAR of one window for every active entry visible at the clock,
 * aggregated by lib/analytics aggregateNarratives (null CARs are counted as missing), and the
 * test battery over the same pairs (those with a complete window).
 */
export async function computeNarratives(read: ReadModel, input: NarrativeParamsInput = {}): Promise<NarrativesResponse> {
  const params = normaliseNarrativeParams(input);
  const ctx = await prepareContext(read, params, { logVolume: true });
  const engineParams = { model: params.model, estimation: params.estimation, gap: params.gap, windows: [params.window] };
  const batteryParams = { model: params.model, estimation: params.estimation, gap: params.gap, window: params.window };
  const items: NarrativeItem[] = [];
  const samples = new Map<string, Sample>();
  const visible = [...ctx.visible].sort(byDateThenId);
  for (const e of visible) {
    for (const ticker of params.tickers) {
      const series = ctx.series.get(ticker)!;
      const r = runEventStudy({
        event: { id: e.id, date: e.date, time_utc: e.time_utc },
        ticker,
        benchmark: params.benchmark,
        params: engineParams,
        series,
        asOf: params.asOf,
        daily: false,
      });
      const car = r.result?.windows[0]?.car ?? null;
      items.push({ narrative: e.narrative, ticker, event_id: e.id, date: e.date, car });
      const key = `${e.narrative}\u0000${ticker}`;
      let sample = samples.get(key);
      if (!sample) samples.set(key, (sample = createSample(batteryParams, returnsOf(params), visible.length)));
      const d0 = r.day0 ? mapDay0(series.calendar, e.date, e.time_utc, series.end).index : null;
      if (r.result && d0 !== null) addPair(sample, series, d0, series.end);
    }
  }
  const narratives = aggregateNarratives(items).map((a) => ({ ...a, tests: runBattery(samples.get(`${a.narrative}\u0000${a.ticker}`)!) }));
  return { position: ctx.position, params, params_hash: paramsHash(params), narratives };
}

/**
 * The compact form behind `summary=1`: per (event, ticker) the day-0 mapping, the window
 * statistics and a warning count, without daily rows or warning texts. The dashboard's markers
 * need only this, and on a large ledger the full form is megabytes.
 */
export function summarizeImpacts(full: ImpactsResponse): ImpactsResponse {
  // computeImpacts(…, { daily: false }) already leaves the daily rows out; this drops the warning texts too.
  return {
    ...full,
    results: full.results.map((r) => ({
      ...r,
      result: r.result ? { ...r.result, daily: [] } : null,
      warnings: [],
      warnings_count: r.warnings.length,
    })),
  };
}
