// The read model, written once for every database: the two clocks (DESIGN "Two clocks"),
// filters, ordering and paging, over the few primitive queries an adapter implements
// (ReadQueries). Live reads use the projections; replays fold the ledger with the domain's
// own evolve functions and map through lib/mappings, exactly as the projections do.
import type { BarView, ClaimView, EntryView, HistoryItem, LedgerEventView, NarrativeView, TickerView } from '@/lib/contracts/read';
import { CLAIM_EVENT_TYPES, evolveClaim, initialClaimState, type ClaimState } from '@/lib/domain/cost-claim';
import { entityIdOf, streamIds } from '@/lib/domain/stream-ids';
import { ENTRY_EVENT_TYPES, evolveEntry, initialEntryState, type EntryState } from '@/lib/domain/timeline-entry';
import { evolveNarrative, initialNarrativeState, NARRATIVE_EVENT_TYPES } from '@/lib/domain/narrative';
import { claimCore, claimViews, type ClaimCore } from '@/lib/mappings/claim';
import { compareEntries, entryView } from '@/lib/mappings/entry';
import type { LedgerRow } from '@/lib/mappings/ledger';
import { compareNarratives, domainEvent } from './projections';
import { isReplay, type Clock, type LedgerFilter, type PriceFilter, type ReadModel, type StoredEvent, type TimelineFilter } from './store';

/** A projection row of an entry or claim: the decider state (JSON text) at a stream version. */
export type StateRow = { state: string; version: number };

export type BarPageQuery = {
  ticker: string;
  from: string | null;
  to: string | null;
  /** Replay to a ledger position: bars first recorded later are left out, corrections undone. */
  position: number | null;
  /** Replay to a date: corrections recorded after it are undone. */
  asOf: string | null;
  /** Keyset: bars strictly after this date. */
  after: string | null;
  limit: number;
};

/** What an adapter implements; everything else in the read model is built on these. */
export interface ReadQueries {
  latestPosition(): Promise<number>;
  entryRows(range: { from: string | null; to: string | null }): Promise<StateRow[]>;
  entryRow(id: string): Promise<StateRow | null>;
  claimRows(): Promise<StateRow[]>;
  /** Ledger events of these types up to a position (all when null), in position order. */
  eventsOfTypes(types: readonly string[], upTo: number | null): Promise<StoredEvent[]>;
  readStream(streamId: string, upTo: number | null): Promise<StoredEvent[]>;
  readAll(filter: { after?: number; limit?: number; stream?: string; type?: string }): Promise<StoredEvent[]>;
  tickers(): Promise<TickerView[]>;
  tickerExists(symbol: string): Promise<boolean>;
  narratives(): Promise<NarrativeView[]>;
  barsPage(query: BarPageQuery): Promise<BarView[]>;
  /** Distinct `source` of a ticker stream's bar events up to a position, in order of first use. */
  priceSourcesOf(streamId: string, position: number): Promise<string[]>;
  ledgerPage(filter: { stream: string | null; type: string | null }, after: number, upTo: number, limit: number): Promise<LedgerRow[]>;
  /**
   * Optional: the same rows as repeated barsPage / ledgerPage calls, through one cursor over one
   * snapshot (PostgreSQL). An adapter without them is paged by keyset.
   */
  iterateBarPages?(query: Omit<BarPageQuery, 'limit'>, pageSize: number): AsyncIterable<BarView[]>;
  iterateLedgerRows?(
    filter: { stream: string | null; type: string | null },
    after: number,
    upTo: number,
    limit: number | null,
    pageSize: number,
  ): AsyncIterable<LedgerRow>;
}

/** Rows per page when bars are streamed (exports). */
export const PRICE_PAGE = 2000;
/** Ledger rows can be large (a price import holds up to 5,000 bars): keep pages small. */
export const LEDGER_PAGE = 32;

/** Valid-time test: an event counts as known on `asOf` when its occurred_at date is not later. */
function knownOn(e: StoredEvent, asOf: string | null | undefined): boolean {
  return !asOf || e.occurred_at.slice(0, 10) <= asOf;
}

/** Fold each stream of `events` that was known at the clock: id → state at its last version. */
function foldStreams<S>(events: readonly StoredEvent[], clock: Clock, initial: S, evolve: (s: S, e: ReturnType<typeof domainEvent>) => S) {
  const out = new Map<string, { state: S; version: number }>();
  for (const e of events) {
    if (!knownOn(e, clock.asOf)) continue;
    const id = entityIdOf(e.stream_id);
    const current = out.get(id) ?? { state: initial, version: 0 };
    out.set(id, { state: evolve(current.state, domainEvent(e)), version: e.stream_version });
  }
  return out;
}

function matches(e: EntryView, f: TimelineFilter, asOf: string | null | undefined): boolean {
  if (asOf && e.date > asOf) return false;
  if (f.from && e.date < f.from) return false;
  if (f.to && e.date > f.to) return false;
  if (f.narrative?.length && !f.narrative.includes(e.narrative)) return false;
  if (f.kind?.length && !f.kind.includes(e.kind)) return false;
  if (f.ticker?.length && !e.tickers.some((t) => f.ticker!.includes(t.toUpperCase()))) return false;
  return true;
}

const toView = (row: StateRow) => entryView(JSON.parse(row.state) as EntryState, row.version)!;

function historyItem(e: StoredEvent): HistoryItem {
  return {
    position: e.position,
    stream_version: e.stream_version,
    type: e.type,
    recorded_at: e.recorded_at,
    occurred_at: e.occurred_at,
    actor: typeof e.metadata.actor === 'string' ? e.metadata.actor : null,
    reason: typeof e.metadata.reason === 'string' ? e.metadata.reason : null,
    data: e.data,
  };
}

export function createReadModel(q: ReadQueries): ReadModel {
  const effectivePosition = async (clock: Clock = {}) => {
    const latest = await q.latestPosition();
    return clock.position != null ? Math.min(clock.position, latest) : latest;
  };

  async function* iterateBarPages(ticker: string, filter: PriceFilter = {}, clock: Clock = {}, pageSize = PRICE_PAGE): AsyncGenerator<BarView[]> {
    // An asOf caps the range: no bar after the as-of day was known on it.
    const to = [filter.to, clock.asOf].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
    const base = { ticker, from: filter.from ?? null, to, position: clock.position ?? null, asOf: clock.asOf ?? null, limit: pageSize };
    if (q.iterateBarPages && pageSize < Number.MAX_SAFE_INTEGER) {
      yield* q.iterateBarPages({ ...base, after: null }, pageSize);
      return;
    }
    let after: string | null = null;
    for (;;) {
      const rows = await q.barsPage({ ...base, after });
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.date;
    }
  }

  async function* iterateBars(ticker: string, filter: PriceFilter = {}, clock: Clock = {}, pageSize = PRICE_PAGE): AsyncGenerator<BarView> {
    for await (const page of iterateBarPages(ticker, filter, clock, pageSize)) yield* page;
  }

  return {
    latestPosition: () => q.latestPosition(),
    effectivePosition,

    async listEntries(filter: TimelineFilter = {}, clock: Clock = {}): Promise<EntryView[]> {
      let all: EntryView[];
      if (isReplay(clock)) {
        const folded = foldStreams(await q.eventsOfTypes(ENTRY_EVENT_TYPES, clock.position ?? null), clock, initialEntryState, evolveEntry);
        all = [...folded.values()].map(({ state, version }) => entryView(state, version)).filter((e): e is EntryView => e !== null);
      } else {
        all = (await q.entryRows({ from: filter.from ?? null, to: filter.to ?? null })).map(toView);
      }
      return all.filter((e) => matches(e, filter, clock.asOf)).sort(compareEntries);
    },

    async getEntry(id: string, clock: Clock = {}) {
      const streamId = streamIds.entry(id);
      let entry: EntryView | null;
      if (isReplay(clock)) {
        const folded = foldStreams(await q.readStream(streamId, clock.position ?? null), clock, initialEntryState, evolveEntry).get(id);
        entry = folded ? entryView(folded.state, folded.version) : null;
        if (entry && clock.asOf && entry.date > clock.asOf) entry = null;
      } else {
        const row = await q.entryRow(id);
        entry = row ? toView(row) : null;
      }
      if (!entry) return null;
      const history = (await q.readStream(streamId, clock.position ?? null)).filter((e) => knownOn(e, clock.asOf)).map(historyItem);
      return { ...entry, history };
    },

    async listClaims(clock: Clock = {}): Promise<ClaimView[]> {
      let cores: ClaimCore[];
      if (isReplay(clock)) {
        const folded = foldStreams(await q.eventsOfTypes(CLAIM_EVENT_TYPES, clock.position ?? null), clock, initialClaimState, evolveClaim);
        cores = [...folded.values()].map(({ state, version }) => claimCore(state, version)).filter((c): c is ClaimCore => c !== null);
      } else {
        cores = (await q.claimRows()).map((r) => claimCore(JSON.parse(r.state) as ClaimState, r.version)!);
      }
      return claimViews(cores);
    },

    listTickers: () => q.tickers(),
    tickerExists: (symbol) => q.tickerExists(symbol),
    async listNarratives(clock: Clock = {}): Promise<NarrativeView[]> {
      // A narrative is a classification, not a fact of the world: it has no valid time, so only a
      // ledger position replays it (an as-of date shows today's narratives).
      if (clock.position === undefined || clock.position === null) return q.narratives();
      const folded = new Map<string, { state: ReturnType<typeof evolveNarrative>; version: number }>();
      for (const e of await q.eventsOfTypes(NARRATIVE_EVENT_TYPES, clock.position)) {
        const id = entityIdOf(e.stream_id);
        const current = folded.get(id) ?? { state: initialNarrativeState, version: 0 };
        folded.set(id, { state: evolveNarrative(current.state, domainEvent(e)), version: e.stream_version });
      }
      const out: NarrativeView[] = [];
      for (const { state, version } of folded.values()) {
        if (state.status !== 'defined') continue;
        const n = state.narrative;
        out.push({ id: n.id, name: n.name, thesis: n.thesis, color: n.color, sort_order: n.sort_order, version });
      }
      return out.sort(compareNarratives);
    },

    async listBars(ticker, filter = {}, clock = {}) {
      const pages: (readonly BarView[])[] = [];
      for await (const page of iterateBarPages(ticker, filter, clock, Number.MAX_SAFE_INTEGER)) pages.push(page);
      return pages.flat();
    },
    iterateBars,
    iterateBarPages,

    async priceSources(symbols, position) {
      const out: string[] = [];
      for (const s of [...new Set(symbols)]) {
        const sources = await q.priceSourcesOf(streamIds.ticker(s), position);
        out.push(`${s}: ${sources.length > 0 ? sources.join(', ') : '(no price data)'}`);
      }
      return out;
    },

    tickerPriceSources: (symbol, position) => q.priceSourcesOf(streamIds.ticker(symbol), position),

    async listLedger(filter): Promise<LedgerEventView[]> {
      return q.readAll(filter);
    },

    async *iterateLedger(filter: LedgerFilter, upTo: number, pageSize = LEDGER_PAGE): AsyncGenerator<LedgerRow> {
      let after = filter.after ?? 0;
      let left = filter.limit ?? Number.POSITIVE_INFINITY;
      const f = { stream: filter.stream ?? null, type: filter.type ?? null };
      if (q.iterateLedgerRows) {
        yield* q.iterateLedgerRows(f, after, upTo, filter.limit ?? null, pageSize);
        return;
      }
      while (left > 0) {
        const limit = Math.min(pageSize, left);
        const rows = await q.ledgerPage(f, after, upTo, limit);
        yield* rows;
        left -= rows.length;
        if (rows.length < limit) return;
        after = rows[rows.length - 1]!.position;
      }
    },
  };
}
