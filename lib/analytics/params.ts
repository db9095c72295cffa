// Parameters of the impact and narrative reads: parsing, validation, normalisation and a stable
// hash. Pure (the hash is lib/hash's SHA-256). Validation failures are
// AppError('validation') naming the parameter, in the same shape as lib/http parseQuery.
import { DEFAULT_BENCHMARK, DEFAULT_SUBJECT } from '@/lib/config';
import { sha256Hex } from '@/lib/hash';
import { AppError } from '@/lib/domain/errors';
import { isTickerSymbol } from '@/lib/domain/schemas';
import { DEFAULT_PARAMS, MODELS } from './event-study';
import { DATE_RE } from './returns';
import type { ModelName } from './types';

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

export type ImpactParams = {
  /** Sorted, de-duplicated event ids; null = all active entries visible at the clock. */
  events: string[] | null;
  /** Upper-case, de-duplicated, in the order requested. */
  tickers: string[];
  benchmark: string;
  model: ModelName;
  estimation: number;
  gap: number;
  windows: EventWindow[];
  asOf: string | null;
  position: number | null;
};

export type NarrativeParams = Omit<ImpactParams, 'events' | 'windows'> & { window: EventWindow };

type CommonInput = {
  tickers?: readonly string[] | null;
  benchmark?: string | null;
  model?: string | null;
  estimation?: number | null;
  gap?: number | null;
  asOf?: string | null;
  position?: number | null;
};

export type ImpactParamsInput = CommonInput & {
  events?: readonly string[] | null;
  windows?: readonly (readonly number[])[] | string | null;
};

export type NarrativeParamsInput = CommonInput & { window?: readonly number[] | string | null };

function normaliseCommon(input: CommonInput, problems: ParamProblem[]): Omit<ImpactParams, 'events' | 'windows'> {
  const tickers: string[] = [];
  const rawTickers = input.tickers && input.tickers.length > 0 ? input.tickers : [DEFAULT_SUBJECT];
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
  return { tickers, benchmark, model, estimation, gap, asOf, position };
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
    estimation: common.estimation,
    gap: common.gap,
    windows,
    asOf: common.asOf,
    position: common.position,
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
    estimation: common.estimation,
    gap: common.gap,
    window,
    asOf: common.asOf,
    position: common.position,
  };
}
