// The dashboard's view state lives in the URL so a reload or a shared link reproduces it.
// Pure parse/serialise, shared by the Server Component (prefetch) and the client.
import { DEFAULT_BENCHMARK, DEFAULT_SUBJECT } from './config';
import { addMonths } from './dates';
import { isTickerSymbol } from './domain/schemas';

export const MODES = ['price', 'rebased', 'car'] as const;
export type Mode = (typeof MODES)[number];
/** Rebased by default: tickers of very different price levels stay comparable. */
export const DEFAULT_MODE: Mode = 'rebased';
export const PRESETS = ['1M', '3M', '6M', 'YTD', '1Y', 'All'] as const;
export type Preset = (typeof PRESETS)[number];
/** More lines than this stop being readable on one chart. */
export const MAX_TICKERS = 8;

export type ViewState = {
  tickers: string[];
  from: string | null;
  to: string | null;
  mode: Mode;
  log: boolean;
  event: string | null;
  narratives: string[];
  kinds: string[];
  asOf: string | null;
  position: number | null;
  table: boolean;
  /** Volume bars of the primary ticker under the price panel (on unless `vol=0`). */
  volume: boolean;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Params = { get(name: string): string | null };

function list(value: string | null): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function defaultTickers(): string[] {
  return [DEFAULT_SUBJECT, DEFAULT_BENCHMARK];
}

export function parseViewState(params: Params): ViewState {
  const tickers = [...new Set(list(params.get('tickers')).map((t) => t.toUpperCase()).filter(isTickerSymbol))].slice(0, MAX_TICKERS);
  const date = (name: string) => {
    const v = params.get(name);
    return v && DATE.test(v) ? v : null;
  };
  const mode = params.get('mode');
  const position = params.get('position');
  return {
    tickers: tickers.length > 0 ? tickers : defaultTickers(),
    from: date('from'),
    to: date('to'),
    mode: (MODES as readonly string[]).includes(mode ?? '') ? (mode as Mode) : DEFAULT_MODE,
    log: params.get('log') === '1',
    event: params.get('event') || null,
    narratives: list(params.get('narratives')),
    kinds: list(params.get('kinds')),
    asOf: date('asOf'),
    position: position && /^\d+$/.test(position) ? Number(position) : null,
    table: params.get('table') === '1',
    volume: params.get('vol') !== '0',
  };
}

/** Serialise, leaving defaults out so links stay short. */
export function serializeViewState(state: ViewState): string {
  const p = new URLSearchParams();
  if (state.tickers.join(',') !== defaultTickers().join(',')) p.set('tickers', state.tickers.join(','));
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.mode !== DEFAULT_MODE) p.set('mode', state.mode);
  if (state.log) p.set('log', '1');
  if (state.event) p.set('event', state.event);
  if (state.narratives.length) p.set('narratives', state.narratives.join(','));
  if (state.kinds.length) p.set('kinds', state.kinds.join(','));
  if (state.asOf) p.set('asOf', state.asOf);
  if (state.position !== null) p.set('position', String(state.position));
  if (state.table) p.set('table', '1');
  if (!state.volume) p.set('vol', '0');
  const s = p.toString();
  return s ? `?${s}` : '';
}

// ---- dates ----

/** The [from, to] of a range preset ending at `end`, clamped to the data's extent. */
export function presetRange(preset: Preset, end: string, extent: [string, string]): [string, string] {
  const [min, max] = extent;
  const to = end > max ? max : end;
  let from: string;
  switch (preset) {
    case '1M':
      from = addMonths(to, -1);
      break;
    case '3M':
      from = addMonths(to, -3);
      break;
    case '6M':
      from = addMonths(to, -6);
      break;
    case '1Y':
      from = addMonths(to, -12);
      break;
    case 'YTD':
      from = `${to.slice(0, 4)}-01-01`;
      break;
    case 'All':
      return [min, max];
  }
  return [from < min ? min : from, to];
}
