// The /narratives view state, kept in the URL (tickers, asOf, position, window, mode, range, table)
// so that a reload or a shared link reproduces the view. Pure: used by the server page (prefetch)
// and by the client components, so both build the same query keys.
import { isTickerSymbol } from '@/lib/domain/schemas';
import type { ClockKey } from '@/lib/query-keys';

export const WINDOWS = ['0:0', '-1:1', '0:1', '0:5', '-5:5'] as const;
export const DEFAULT_WINDOW = '-1:1';
export const DEFAULT_TICKERS = ['NVDA'];
export const MAX_TICKERS = 6;

export type PriceMode = 'rebased' | 'price';

export type NarrativesState = {
  tickers: string[];
  asOf: string | null;
  position: number | null;
  window: string;
  mode: PriceMode;
  table: boolean;
  from: string | null;
  to: string | null;
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const WINDOW_RE = /^-?\d{1,3}:-?\d{1,3}$/;

type Get = (key: string) => string | null | undefined;

export function validDate(s: string | null | undefined): string | null {
  if (!s || !DATE_RE.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
}

export function validPosition(s: string | null | undefined): number | null {
  if (!s || !/^\d{1,12}$/.test(s)) return null;
  return Number(s);
}

export function parseNarrativesState(get: Get): NarrativesState {
  const tickers = (get('tickers') ?? '')
    .split(',')
    .map((t) => t.trim().toUpperCase())
    .filter(isTickerSymbol);
  const unique = [...new Set(tickers)].slice(0, MAX_TICKERS);
  const win = get('window') ?? '';
  return {
    tickers: unique.length ? unique : DEFAULT_TICKERS,
    asOf: validDate(get('asOf')),
    position: validPosition(get('position')),
    window: WINDOW_RE.test(win) ? win : DEFAULT_WINDOW,
    mode: get('mode') === 'price' ? 'price' : 'rebased',
    table: get('view') === 'table',
    from: validDate(get('from')),
    to: validDate(get('to')),
  };
}

/** Search string of a state, leaving defaults out (so the plain URL is the default view). */
export function toSearch(s: NarrativesState): string {
  const p = new URLSearchParams();
  if (s.tickers.join(',') !== DEFAULT_TICKERS.join(',')) p.set('tickers', s.tickers.join(','));
  if (s.asOf) p.set('asOf', s.asOf);
  if (s.position !== null) p.set('position', String(s.position));
  if (s.window !== DEFAULT_WINDOW) p.set('window', s.window);
  if (s.mode !== 'rebased') p.set('mode', s.mode);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.table) p.set('view', 'table');
  const out = p.toString();
  return out ? `?${out}` : '';
}

export function clockOf(s: Pick<NarrativesState, 'asOf' | 'position'>): ClockKey {
  return { asOf: s.asOf, position: s.position };
}

/** Parameters of /api/narratives, also the query key's params (server and client agree). */
export function narrativesParams(s: NarrativesState): { tickers: string; window: string; asOf: string | null; position: number | null } {
  return { tickers: s.tickers.join(','), window: s.window, asOf: s.asOf, position: s.position };
}
