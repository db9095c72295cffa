// Importing an episode (POST /api/episodes/import, POST /api/timeline/import, `npm run
// import:episode`): in one transaction, read what the ledger holds of the ids the bundle names,
// plan with the pure planner (lib/domain/episode), and append each new item's events with the
// same deciders as its single command. All or nothing: any problem refuses the whole bundle, and
// an item already in the ledger as given records nothing, so a re-sent bundle answers 200.
import type { LedgerReader, LedgerWriter } from '@/db/store';
import { EPISODE_MAX_ITEMS, emptyCounts, type EpisodeCounts, type EpisodeImportResponse, type TimelineImportResponse } from '@/lib/contracts/episode';
import type { Rules } from '@/lib/contracts/write';
import { csvField, timelineRowsToBundle, TimelineFileProblems } from '@/lib/csv/timeline-file';
import { AppError } from '@/lib/domain/errors';
import { decideClaim, evolveClaim, initialClaimState, type ClaimState } from '@/lib/domain/cost-claim';
import {
  BundleProblems,
  checkBundle,
  checkItemLimit,
  countItems,
  countsOf,
  CSV_ENTRY_KEYS,
  idsToLookUp,
  planEpisode,
  type CheckedBundle,
  type LedgerView,
  type PlanOptions,
  type Ticker,
} from '@/lib/domain/episode';
import type { CostClaim, DomainEvent, TimelineEntry } from '@/lib/domain/events';
import { decideNarrative, initialNarrativeState } from '@/lib/domain/narrative';
import { decideListTicker, initialTickerState } from '@/lib/domain/reference';
import { streamIds } from '@/lib/domain/stream-ids';
import { decideEntry, evolveEntry, initialEntryState, type EntryState } from '@/lib/domain/timeline-entry';
import { parseCsvRecords } from '../csv/read-timeline-file';
import { foldStream, toNewEvents, type CommandContext } from './handle';
import { narrativesInLedger } from './narratives';

const entryFold = { initial: initialEntryState as EntryState, evolve: evolveEntry };
const claimFold = { initial: initialClaimState as ClaimState, evolve: evolveClaim };

/** What the ledger holds of the bundle's ids, read inside the import's transaction. */
async function ledgerView(tx: LedgerReader, bundle: CheckedBundle): Promise<LedgerView> {
  const ids = idsToLookUp(bundle);
  const tickers = new Map<string, Ticker>();
  for (const symbol of ids.tickers) {
    const [listed] = await tx.readAll({ stream: streamIds.ticker(symbol), type: 'TickerListed', limit: 1 });
    if (listed) tickers.set(symbol, listed.data as Ticker);
  }
  const entries = new Map<string, TimelineEntry>();
  for (const id of ids.entries) {
    const state = foldStream(await tx.readStream(streamIds.entry(id)), entryFold);
    if (state.status !== 'none') entries.set(id, state.entry);
  }
  const claims = new Map<string, CostClaim>();
  for (const id of ids.claims) {
    const state = foldStream(await tx.readStream(streamIds.claim(id)), claimFold);
    if (state.status !== 'none') claims.set(id, state.claim);
  }
  return { narratives: await narrativesInLedger(tx), tickers, entries, claims };
}

const EVENT_SECTION: Record<string, keyof EpisodeCounts> = {
  NarrativeDefined: 'narratives',
  TickerListed: 'tickers',
  TimelineEntryRecorded: 'entries',
  CostClaimAsserted: 'claims',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export type EpisodeImportOptions = { dryRun: boolean } & PlanOptions;

/**
 * Check and record `bundle`. Throws BundleProblems (400) when any item is refused; nothing is
 * written then, nor on a dry run. `ctx.source` labels where the bundle came from.
 */
export async function importEpisode(store: LedgerWriter, bundle: CheckedBundle, ctx: CommandContext, options: EpisodeImportOptions): Promise<EpisodeImportResponse & { replayed: boolean }> {
  return store.transaction(async (tx) => {
    // A retried keyed import answers with what the first one recorded and writes nothing.
    if (ctx.idempotencyKey && !options.dryRun) {
      const prior = await tx.readByIdempotencyKey(ctx.idempotencyKey);
      if (prior.length > 0) {
        const counts = emptyCounts();
        for (const e of prior) if (EVENT_SECTION[e.type]) counts[EVENT_SECTION[e.type]!]++;
        return { ...counts, dry_run: false, position: prior.at(-1)!.position, unchanged: emptyCounts(), events: prior.length, message: 'already imported under this Idempotency-Key; nothing was recorded again', replayed: true };
      }
    }
    const plan = planEpisode(bundle, await ledgerView(tx, bundle), options);
    const counts = countsOf(plan);
    const decided: { streamId: string; events: DomainEvent[]; reason: string | null }[] = [
      ...plan.narratives.map((p) => ({ streamId: streamIds.narrative(p.item.id), events: decideNarrative({ type: 'DefineNarrative', narrative: p.item }, initialNarrativeState), reason: p.reason })),
      ...plan.tickers.map((p) => ({ streamId: streamIds.ticker(p.item.symbol), events: decideListTicker(p.item, initialTickerState), reason: p.reason })),
      ...plan.entries.map((p) => ({ streamId: streamIds.entry(p.item.id), events: decideEntry({ type: 'RecordTimelineEntry', entry: p.item }, initialEntryState), reason: p.reason })),
      ...plan.claims.map((p) => ({ streamId: streamIds.claim(p.item.id), events: decideClaim({ type: 'AssertCostClaim', claim: p.item }, initialClaimState), reason: p.reason })),
    ];
    const eventCount = decided.reduce((n, d) => n + d.events.length, 0);
    const recorded = counts.narratives + counts.tickers + counts.entries + counts.claims;
    const describe = (verb: string) =>
      recorded === 0
        ? 'nothing new: every item is already in the ledger as given; nothing was recorded'
        : `${verb} ${[plural(counts.narratives, 'narrative'), plural(counts.tickers, 'ticker'), plural(counts.entries, 'entry', 'entries'), plural(counts.claims, 'claim')].join(', ')}`;
    if (options.dryRun || eventCount === 0) {
      return { ...counts, dry_run: options.dryRun, position: await tx.latestPosition(), unchanged: plan.unchanged, events: eventCount, message: options.dryRun ? `dry run: ${describe('would record')}` : describe('recorded'), replayed: false };
    }
    let numbered = 0;
    let position = 0;
    for (const d of decided) {
      const result = await tx.append(d.streamId, 'no-stream', toNewEvents(d.events, { ...ctx, reason: d.reason ?? ctx.reason ?? null }, numbered), { recordedAt: ctx.now });
      numbered += d.events.length;
      position = result.positions.at(-1)!;
    }
    return { ...counts, dry_run: false, position, unchanged: plan.unchanged, events: eventCount, message: describe('recorded'), replayed: false };
  });
}

/** The item limit (413), then every item's schema (400 listing every problem, with what the bundle holds). */
export function checkRawBundle(raw: unknown, rules: Rules): CheckedBundle {
  checkItemLimit(raw);
  try {
    return checkBundle(raw, rules);
  } catch (error) {
    throw error instanceof BundleProblems ? error.withItems(countItems(raw)) : error;
  }
}

/** importEpisode, with a refusal that says what the bundle holds. */
export async function importCheckedBundle(store: LedgerWriter, bundle: CheckedBundle, ctx: CommandContext, options: EpisodeImportOptions) {
  try {
    return await importEpisode(store, bundle, ctx, options);
  } catch (error) {
    throw error instanceof BundleProblems ? error.withItems(bundle.items) : error;
  }
}

/**
 * A timeline CSV, imported as a bundle of entries: the header and rows are checked, then the
 * bundle's checks and plan run as for JSON; every problem names the CSV line and column.
 */
export async function importTimelineCsv(
  store: LedgerWriter,
  bytes: Uint8Array | string,
  ctx: CommandContext,
  rules: Rules,
  options: { dryRun: boolean },
): Promise<TimelineImportResponse & { replayed: boolean }> {
  let rows;
  let records: ReturnType<typeof parseCsvRecords> = [];
  try {
    records = parseCsvRecords(bytes);
    rows = timelineRowsToBundle(records);
  } catch (error) {
    if (error instanceof TimelineFileProblems) throw new BundleProblems(error.problems, { ...emptyCounts(), entries: Math.max(0, records.length - 1) });
    throw error;
  }
  if (rows.bundle.entries.length > EPISODE_MAX_ITEMS)
    throw new AppError('too_large', `(body): the file holds ${rows.bundle.entries.length.toLocaleString('en-US')} entries; the limit is ${EPISODE_MAX_ITEMS.toLocaleString('en-US')} per import; split it`, {
      limit_items: EPISODE_MAX_ITEMS,
      problems: [{ field: '(body)', message: `holds ${rows.bundle.entries.length} entries; the limit is ${EPISODE_MAX_ITEMS}` }],
    });
  const items = { ...emptyCounts(), entries: rows.bundle.entries.length };
  const remap = (error: unknown) =>
    error instanceof BundleProblems ? new BundleProblems(error.all.map((p) => ({ field: csvField(p.field, rows.lines), message: p.message })), items) : error;
  let bundle: CheckedBundle;
  try {
    bundle = checkBundle(rows.bundle, rules);
  } catch (error) {
    throw remap(error);
  }
  try {
    const result = await importEpisode(store, bundle, ctx, { ...options, entryKeys: CSV_ENTRY_KEYS });
    const notes = rows.ignored.length > 0 ? `; not imported: ${rows.ignored.join('; ')}` : '';
    return { ...result, message: `${result.message}${notes}`, rows: rows.rows, skipped: rows.skipped };
  } catch (error) {
    throw remap(error);
  }
}
