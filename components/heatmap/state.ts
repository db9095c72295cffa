// The /heatmap view state, kept in the URL (narrative, kinds, range, window, model, returns,
// as-of, tickers) so that a reload or a shared link shows the same matrix. Pure: the server page
// (prefetch) and the client build the same query keys from it.
import { MODELS, RETURNS_KINDS } from '@/lib/analytics/models';
import type { QueryParams } from '@/components/data/api-client';
import { isTickerSymbol, KINDS, NARRATIVE_ID_PATTERN } from '@/lib/domain/schemas';
import type { ClockKey } from '@/lib/query-keys';

export const WINDOWS = ['0:0', '-1:1', '0:1', '0:5', '-5:5'] as const;
export const DEFAULT_WINDOW = '-1:1';
export const MAX_TICKERS = 30;

export type HeatmapState = {
  narrative: string | null;
  kinds: string[];
  from: string | null;
  to: string | null;
  window: string;
  model: (typeof MODELS)[number];
  returns: (typeof RETURNS_KINDS)[number];
  asOf: string | null;
  position: number | null;
  /** null: the subject and its peers (the API's default). */
  tickers: string[] | null;
};

type Get = (key: string) => string | null | undefined;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const WINDOW_RE = /^-?\d{1,3}:-?\d{1,3}$/;
const SLUG_RE = new RegExp(NARRATIVE_ID_PATTERN);

function date(s: string | null | undefined): string | null {
  if (!s || !DATE_RE.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? null : s;
}

export function parseHeatmapState(get: Get): HeatmapState {
  const list = (k: string) =>
    (get(k) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const narrative = get('narrative') ?? '';
  const win = get('window') ?? '';
  const model = get('model') ?? '';
  const returns = get('returns') ?? '';
  const position = get('position') ?? '';
  const tickers = [...new Set(list('tickers').map((t) => t.toUpperCase()).filter(isTickerSymbol))].slice(0, MAX_TICKERS);
  return {
    narrative: SLUG_RE.test(narrative) ? narrative : null,
    kinds: list('kind').filter((k) => (KINDS as readonly string[]).includes(k)),
    from: date(get('from')),
    to: date(get('to')),
    window: WINDOW_RE.test(win) ? win : DEFAULT_WINDOW,
    model: (MODELS as readonly string[]).includes(model) ? (model as HeatmapState['model']) : 'market',
    returns: (RETURNS_KINDS as readonly string[]).includes(returns) ? (returns as HeatmapState['returns']) : 'simple',
    asOf: date(get('asOf')),
    position: /^\d{1,12}$/.test(position) ? Number(position) : null,
    tickers: tickers.length > 0 ? tickers : null,
  };
}

/** Search string of a state, defaults left out (the plain URL is the default view). */
export function toSearch(s: HeatmapState): string {
  const p = new URLSearchParams();
  if (s.narrative) p.set('narrative', s.narrative);
  if (s.kinds.length) p.set('kind', s.kinds.join(','));
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.window !== DEFAULT_WINDOW) p.set('window', s.window);
  if (s.model !== 'market') p.set('model', s.model);
  if (s.returns !== 'simple') p.set('returns', s.returns);
  if (s.asOf) p.set('asOf', s.asOf);
  if (s.position !== null) p.set('position', String(s.position));
  if (s.tickers) p.set('tickers', s.tickers.join(','));
  const out = p.toString();
  return out ? `?${out}` : '';
}

export function clockOf(s: Pick<HeatmapState, 'asOf' | 'position'>): ClockKey {
  return { asOf: s.asOf, position: s.position };
}

/** Parameters of /api/impacts/matrix and heatmap.csv (also the query key's params). */
export function matrixParams(s: HeatmapState): QueryParams {
  return {
    narrative: s.narrative,
    kind: s.kinds.length ? s.kinds.join(',') : null,
    from: s.from,
    to: s.to,
    window: s.window,
    model: s.model === 'market' ? null : s.model,
    returns: s.returns === 'simple' ? null : s.returns,
    asOf: s.asOf,
    position: s.position,
    tickers: s.tickers ? s.tickers.join(',') : null,
  };
}

/** The dashboard showing one event for one ticker (against the benchmark), at the same clock. */
export function dashboardHref(eventId: string, ticker: string, benchmark: string, clock: ClockKey): string {
  const p = new URLSearchParams();
  p.set('tickers', ticker === benchmark ? ticker : `${ticker},${benchmark}`);
  p.set('event', eventId);
  if (clock.asOf) p.set('asOf', clock.asOf);
  if (clock.position !== null) p.set('position', String(clock.position));
  return `/?${p.toString()}`;
}
