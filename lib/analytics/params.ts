// Parameters of the impact and narrative reads: parsing, validation, normalisation and a stable
// hash. Pure (the hash is lib/hash's SHA-256). Validation failures are
// AppError('validation') naming the parameter, in the same shape as lib/http parseQuery.
import { DEFAULT_BENCHMARK, DEFAULT_SUBJECT } from '@/lib/config';
import { sha256Hex } from '@/lib/hash';
import { AppError } from '@/lib/domain/errors';
import { isTickerSymbol, NARRATIVE_ID_PATTERN } from '@/lib/domain/schemas';
import { DEFAULT_PARAMS, MODELS } from './event-study';
import { DATE_RE, RETURNS_KINDS } from './returns';
import type { ModelName, ReturnsKind } from './types';

export type EventWindow = [number, number];

export const MAX_WINDOWS = 10;
export const MAX_WINDOW_DAY = 250;
export const ESTIMATION_MIN = 30;
export const ESTIMATION_MAX = 500;
export const GAP_MIN = 0;
export const GAP_MAX = 100;
export const DEFAULT_NARRATIVE_WINDOW: EventWindow = [-1, 1];

const CONTROL_OR_COMMA = /[\u0000-\u001f\u007f,]/;
const WINDOW_RE = /^([+-]?\d{1,6}):([+-]?\d{1,6})$/;

export type ParamProblem = { field: string; message: string };

export function paramError(problems: ParamProblem[]): AppError {
  return new AppError('validation', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
}

/** One window "from:to" (e.g. "-1:1"). Returns the window, or an error message. */
export function parseWindow(token: string): EventWindow | string {
  const t = token.trim();
  const m = WINDOW_RE.exec(t);
  if (!m) return `"${t}" is not a window from:to of whole trading days (e.g. -1:1)`;
  return checkWindow([Number(m[1]), Number(m[2])]);
}

function checkWindow(w: readonly unknown[]): EventWindow | string {
  const [a, b] = w;
  if (w.length !== 2 || typeof a !== 'number' || typeof b !== 'number' || !Number.isInteger(a) || !Number.isInteger(b))
    return `${JSON.stringify(w)} is not a window of whole trading days`;
  const label = `${a}:${b}`;
  if (a > b) return `window ${label} starts after it ends (from must be <= to)`;
  if (Math.abs(a) > MAX_WINDOW_DAY || Math.abs(b) > MAX_WINDOW_DAY)
    return `window ${label} reaches beyond ±${MAX_WINDOW_DAY} trading days`;
  // normalise -0 to 0 so that JSON and hashes agree
  return [a + 0, b + 0];
}

/** Comma-separated windows ("0:0,-1:1"). Returns the windows, or an error message. */
export function parseWindows(text: string | readonly string[]): EventWindow[] | string {
  const tokens = (typeof text === 'string' ? [text] : text).flatMap((s) => s.split(',')).map((s) => s.trim());
  if (tokens.length === 0 || tokens.every((s) => s === '')) return 'at least one window is required (e.g. 0:0,-1:1)';
  if (tokens.some((s) => s === '')) return 'empty window in the list';
  if (tokens.length > MAX_WINDOWS) return `at most ${MAX_WINDOWS} windows (got ${tokens.length})`;
  const out: EventWindow[] = [];
  for (const t of tokens) {
    const w = parseWindow(t);
    if (typeof w === 'string') return w;
    out.push(w);
  }
  return out;
}

/** JSON with object keys sorted at every level; arrays keep their order. Refuses non-finite numbers. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`);
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported value of type ${typeof value}`);
  }
}

/** sha256 (hex) of the canonical JSON of the parameters. */
export function paramsHash(params: unknown): string {
  return sha256Hex(canonicalJson(params));
}

// ---- normalisation ----

/**
 * `returns` is present only when it is not the default ('simple'): a request that does not ask
 * for log returns keeps the parameters, the hash and the response bytes it had before log
 * returns existed. `volume` likewise only when asked.
 */
export type ImpactParams = {
  /** Sorted, de-duplicated event ids; null = all active entries visible at the clock. */
  events: string[] | null;
  /** Upper-case, de-duplicated, in the order requested. */
  tickers: string[];
  benchmark: string;
  model: ModelName;
  returns?: 'log';
  estimation: number;
  gap: number;
  windows: EventWindow[];
  asOf: string | null;
  position: number | null;
  /** Abnormal volume with each study (the AR/CAR chart's volume mode). */
  volume?: true;
};

export type NarrativeParams = Omit<ImpactParams, 'events' | 'windows' | 'volume'> & { window: EventWindow };

/** The returns kind of a normalised parameter set. */
export function returnsOf(params: { returns?: ReturnsKind }): ReturnsKind {
  return params.returns ?? 'simple';
}

type CommonInput = {
  tickers?: readonly string[] | null;
  benchmark?: string | null;
  model?: string | null;
  returns?: string | null;
  estimation?: number | null;
  gap?: number | null;
  asOf?: string | null;
  position?: number | null;
};

export type ImpactParamsInput = CommonInput & {
  events?: readonly string[] | null;
  windows?: readonly (readonly number[])[] | string | null;
  volume?: boolean | null;
};

export type NarrativeParamsInput = CommonInput & { window?: readonly number[] | string | null };

type Common = Omit<ImpactParams, 'events' | 'windows' | 'volume' | 'returns'> & { returns: ReturnsKind };

/** `{returns: 'log'}` or nothing (see ImpactParams). */
const returnsKey = (returns: ReturnsKind): { returns?: 'log' } => (returns === 'log' ? { returns } : {});

function normaliseCommon(input: CommonInput, problems: ParamProblem[], defaultTickers: readonly string[] = [DEFAULT_SUBJECT]): Common {
  const tickers: string[] = [];
  const rawTickers = input.tickers && input.tickers.length > 0 ? input.tickers : defaultTickers;
  for (const t of rawTickers) {
    const s = String(t).trim();
    if (!isTickerSymbol(s)) {
      problems.push({ field: 'tickers', message: `"${s}" is not a ticker symbol` });
      continue;
    }
    const u = s.toUpperCase();
    if (!tickers.includes(u)) tickers.push(u);
  }
  if (tickers.length > 50) problems.push({ field: 'tickers', message: 'at most 50 tickers' });

  let benchmark = DEFAULT_BENCHMARK;
  if (input.benchmark != null) {
    const s = String(input.benchmark).trim();
    if (!isTickerSymbol(s)) problems.push({ field: 'benchmark', message: `"${s}" is not a ticker symbol` });
    else benchmark = s.toUpperCase();
  }

  let model: ModelName = DEFAULT_PARAMS.model;
  if (input.model != null) {
    if ((MODELS as readonly string[]).includes(input.model)) model = input.model as ModelName;
    else problems.push({ field: 'model', message: `must be one of ${MODELS.join(', ')}` });
  }

  let returns: ReturnsKind = 'simple';
  if (input.returns != null) {
    if ((RETURNS_KINDS as readonly string[]).includes(input.returns)) returns = input.returns as ReturnsKind;
    else problems.push({ field: 'returns', message: `must be one of ${RETURNS_KINDS.join(', ')}` });
  }

  const intIn = (field: string, v: number | null | undefined, def: number, min: number, max: number): number => {
    if (v == null) return def;
    if (!Number.isInteger(v)) problems.push({ field, message: 'must be a whole number' });
    else if (v < min) problems.push({ field, message: `must be at least ${min}` });
    else if (v > max) problems.push({ field, message: `must be at most ${max}` });
    else return v + 0;
    return def;
  };
  const estimation = intIn('estimation', input.estimation, DEFAULT_PARAMS.estimation, ESTIMATION_MIN, ESTIMATION_MAX);
  const gap = intIn('gap', input.gap, DEFAULT_PARAMS.gap, GAP_MIN, GAP_MAX);

  let asOf: string | null = null;
  if (input.asOf != null) {
    if (!DATE_RE.test(input.asOf) || Number.isNaN(Date.parse(`${input.asOf}T00:00:00Z`)))
      problems.push({ field: 'asOf', message: 'must be a date YYYY-MM-DD' });
    else asOf = input.asOf;
  }
  let position: number | null = null;
  if (input.position != null) {
    if (!Number.isInteger(input.position) || input.position < 0) problems.push({ field: 'position', message: 'must be a whole number, 0 or more' });
    else position = input.position + 0;
  }
  return { tickers, benchmark, model, returns, estimation, gap, asOf, position };
}

/** Defaults applied, values checked (AppError 'validation' naming the parameter), canonical forms. */
export function normaliseImpactParams(input: ImpactParamsInput = {}): ImpactParams {
  const problems: ParamProblem[] = [];
  let events: string[] | null = null;
  if (input.events != null && input.events.length > 0) {
    const set = new Set<string>();
    for (const e of input.events) {
      const s = String(e).trim();
      if (s.length === 0 || s.length > 200 || CONTROL_OR_COMMA.test(s)) problems.push({ field: 'event', message: `"${s}" is not an event id` });
      else set.add(s);
    }
    events = [...set].sort();
  }
  const common = normaliseCommon(input, problems);
  let windows: EventWindow[] = DEFAULT_PARAMS.windows.map(([a, b]) => [a, b] as EventWindow);
  if (input.windows != null) {
    if (typeof input.windows === 'string') {
      const w = parseWindows(input.windows);
      if (typeof w === 'string') problems.push({ field: 'windows', message: w });
      else windows = w;
    } else if (input.windows.length === 0) problems.push({ field: 'windows', message: 'at least one window is required' });
    else if (input.windows.length > MAX_WINDOWS) problems.push({ field: 'windows', message: `at most ${MAX_WINDOWS} windows (got ${input.windows.length})` });
    else {
      const out: EventWindow[] = [];
      for (const raw of input.windows) {
        const w = checkWindow(raw);
        if (typeof w === 'string') problems.push({ field: 'windows', message: w });
        else out.push(w);
      }
      windows = out;
    }
  }
  if (problems.length > 0) throw paramError(problems);
  return {
    events,
    tickers: common.tickers,
    benchmark: common.benchmark,
    model: common.model,
    ...returnsKey(common.returns),
    estimation: common.estimation,
    gap: common.gap,
    windows,
    asOf: common.asOf,
    position: common.position,
    ...(input.volume ? { volume: true as const } : {}),
  };
}

export function normaliseNarrativeParams(input: NarrativeParamsInput = {}): NarrativeParams {
  const problems: ParamProblem[] = [];
  const common = normaliseCommon(input, problems);
  let window: EventWindow = [...DEFAULT_NARRATIVE_WINDOW];
  if (input.window != null) {
    const w = typeof input.window === 'string' ? parseWindow(input.window) : checkWindow(input.window);
    if (typeof w === 'string') problems.push({ field: 'window', message: w });
    else window = w;
  }
  if (problems.length > 0) throw paramError(problems);
  return {
    tickers: common.tickers,
    benchmark: common.benchmark,
    model: common.model,
    ...returnsKey(common.returns),
    estimation: common.estimation,
    gap: common.gap,
    window,
    asOf: common.asOf,
    position: common.position,
  };
}

// ---- the test battery, the heatmap matrix and the claim-size scatter (issue 15) ----

/** Most (event, ticker) pairs one battery or matrix may hold. */
export const MAX_PAIRS = 5000;

const NARRATIVE_ID_RE = new RegExp(NARRATIVE_ID_PATTERN);

export type EventTicker = { event: string; ticker: string };

/** One window and the model parameters: what every battery, matrix and scatter read shares. */
type WindowedParams = {
  benchmark: string;
  model: ModelName;
  returns?: 'log';
  estimation: number;
  gap: number;
  window: EventWindow;
  asOf: string | null;
  position: number | null;
};

/**
 * GET /api/impacts/tests: the sample is events (explicit, or a narrative's) × tickers, or
 * explicit pairs. Events sorted; tickers and pairs in the order asked (de-duplicated).
 */
export type TestsParams = WindowedParams & {
  events: string[] | null;
  narrative: string | null;
  tickers: string[];
  pairs: EventTicker[] | null;
};

/**
 * GET /api/impacts/matrix: events (explicit, a narrative's, or all visible) filtered by kind and
 * date range, × tickers (null = the subject and its peers, chosen by the server).
 */
export type MatrixParams = WindowedParams & {
  events: string[] | null;
  narrative: string | null;
  kinds: string[] | null;
  from: string | null;
  to: string | null;
  tickers: string[] | null;
};

/** GET /api/narratives/claim-reactions: the subject's CAR at each cost claim's date. */
export type ClaimReactionParams = WindowedParams & { ticker: string };

type WindowedInput = Omit<CommonInput, 'tickers'> & { window?: readonly number[] | string | null };

export type TestsParamsInput = WindowedInput & {
  events?: readonly string[] | null;
  narrative?: string | null;
  tickers?: readonly string[] | null;
  pairs?: readonly string[] | null;
};

export type MatrixParamsInput = WindowedInput & {
  events?: readonly string[] | null;
  narrative?: string | null;
  kinds?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
  tickers?: readonly string[] | null;
};

export type ClaimReactionParamsInput = WindowedInput & { ticker?: string | null };

function normaliseEventIds(raw: readonly string[] | null | undefined, problems: ParamProblem[]): string[] | null {
  if (raw == null || raw.length === 0) return null;
  const set = new Set<string>();
  for (const e of raw) {
    const s = String(e).trim();
    if (s.length === 0 || s.length > 200 || CONTROL_OR_COMMA.test(s)) problems.push({ field: 'events', message: `"${s}" is not an event id` });
    else set.add(s);
  }
  return [...set].sort();
}

function normaliseNarrativeId(raw: string | null | undefined, problems: ParamProblem[]): string | null {
  if (raw == null) return null;
  const s = String(raw).trim();
  if (s.length > 60 || !NARRATIVE_ID_RE.test(s)) {
    problems.push({ field: 'narrative', message: `"${s}" is not a narrative id (lower-case letters, digits and dashes)` });
    return null;
  }
  return s;
}

function normaliseWindowed(input: WindowedInput, problems: ParamProblem[], tickers?: readonly string[] | null): Common & { window: EventWindow } {
  const common = normaliseCommon({ ...input, tickers }, problems);
  let window: EventWindow = [...DEFAULT_NARRATIVE_WINDOW];
  if (input.window != null) {
    const w = typeof input.window === 'string' ? parseWindow(input.window) : checkWindow(input.window);
    if (typeof w === 'string') problems.push({ field: 'window', message: w });
    else window = w;
  }
  return { ...common, window };
}

function windowedOut(c: Common & { window: EventWindow }): WindowedParams {
  return {
    benchmark: c.benchmark,
    model: c.model,
    ...returnsKey(c.returns),
    estimation: c.estimation,
    gap: c.gap,
    window: c.window,
    asOf: c.asOf,
    position: c.position,
  };
}

/** "eventId@TICKER" → the pair, or an error message. The last '@' separates them. */
export function parsePair(token: string): EventTicker | string {
  const t = token.trim();
  const at = t.lastIndexOf('@');
  if (at <= 0 || at === t.length - 1) return `"${t}" is not a pair eventId@TICKER`;
  const event = t.slice(0, at);
  const ticker = t.slice(at + 1);
  if (event.length > 200 || CONTROL_OR_COMMA.test(event)) return `"${event}" is not an event id`;
  if (!isTickerSymbol(ticker)) return `"${ticker}" is not a ticker symbol`;
  return { event, ticker: ticker.toUpperCase() };
}

export function normaliseTestsParams(input: TestsParamsInput = {}): TestsParams {
  const problems: ParamProblem[] = [];
  const events = normaliseEventIds(input.events, problems);
  const narrative = normaliseNarrativeId(input.narrative, problems);
  const askedTickers = input.tickers != null && input.tickers.length > 0;
  let pairs: EventTicker[] | null = null;
  if (input.pairs != null && input.pairs.length > 0) {
    const seen = new Set<string>();
    pairs = [];
    for (const token of input.pairs) {
      const p = parsePair(token);
      if (typeof p === 'string') problems.push({ field: 'pairs', message: p });
      else if (!seen.has(`${p.event}@${p.ticker}`)) {
        seen.add(`${p.event}@${p.ticker}`);
        pairs.push(p);
      }
    }
    if (events !== null || narrative !== null || askedTickers)
      problems.push({ field: 'pairs', message: 'give either pairs, or events (or a narrative) with tickers, not both' });
    if (pairs.length > MAX_PAIRS) problems.push({ field: 'pairs', message: `at most ${MAX_PAIRS} pairs (got ${pairs.length})` });
  } else if (events === null && narrative === null) {
    if (!problems.some((p) => p.field === 'events' || p.field === 'narrative'))
      problems.push({ field: 'events', message: 'the sample needs events, a narrative, or pairs (eventId@TICKER)' });
  } else if (events !== null && narrative !== null) {
    problems.push({ field: 'narrative', message: 'give events or a narrative, not both' });
  }
  const c = normaliseWindowed(input, problems, input.tickers);
  if (events !== null && events.length * c.tickers.length > MAX_PAIRS)
    problems.push({ field: 'events', message: `at most ${MAX_PAIRS} pairs (${events.length} events × ${c.tickers.length} tickers)` });
  if (problems.length > 0) throw paramError(problems);
  return { events, narrative, tickers: pairs ? [] : c.tickers, pairs, ...windowedOut(c) };
}

export function normaliseMatrixParams(input: MatrixParamsInput = {}): MatrixParams {
  const problems: ParamProblem[] = [];
  const events = normaliseEventIds(input.events, problems);
  const narrative = normaliseNarrativeId(input.narrative, problems);
  if (events !== null && narrative !== null) problems.push({ field: 'narrative', message: 'give events or a narrative, not both' });
  const kinds = input.kinds && input.kinds.length > 0 ? [...new Set(input.kinds.map((k) => String(k).trim()))].sort() : null;
  const date = (field: string, v: string | null | undefined): string | null => {
    if (v == null) return null;
    if (!DATE_RE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      problems.push({ field, message: 'must be a date YYYY-MM-DD' });
      return null;
    }
    return v;
  };
  const from = date('from', input.from);
  const to = date('to', input.to);
  if (from !== null && to !== null && from > to) problems.push({ field: 'from', message: 'must not be after to' });
  const askedTickers = input.tickers != null && input.tickers.length > 0;
  const c = normaliseWindowed(input, problems, askedTickers ? input.tickers : null);
  if (problems.length > 0) throw paramError(problems);
  return { events, narrative, kinds, from, to, tickers: askedTickers ? c.tickers : null, ...windowedOut(c) };
}

export function normaliseClaimReactionParams(input: ClaimReactionParamsInput = {}): ClaimReactionParams {
  const problems: ParamProblem[] = [];
  const c = normaliseWindowed(input, problems, input.ticker != null ? [input.ticker] : null);
  if (problems.length > 0) {
    for (const p of problems) if (p.field === 'tickers') p.field = 'ticker';
    throw paramError(problems);
  }
  return { ticker: c.tickers[0]!, ...windowedOut(c) };
}
