// The episode bundle (POST /api/episodes/import, `npm run import:episode`, the /import page): the
// narratives, tickers, timeline entries and cost claims of an episode in one JSON document, each
// item in the shape of its single command (POST /api/narratives, /api/tickers, /api/timeline,
// /api/claims); an entry may carry its own claims. Shared by the route, the CLI, the CSV import
// (which turns rows into a bundle) and the UI.
import { z } from 'zod';
import { assertClaimBody, defineNarrativeBody, listTickerBody, recordEntryBody, type Problem, type Rules } from './write';

/** Largest bundle (or timeline CSV) accepted over HTTP, in bytes. */
export const EPISODE_MAX_BYTES = 20 * 1024 * 1024;
/** Most items (narratives + tickers + entries + claims, nested claims included) in one import. */
export const EPISODE_MAX_ITEMS = 10_000;
/** Problems listed in a refusal (the count says how many there were in all). */
export const EPISODE_MAX_PROBLEMS = 200;

export const EPISODE_SECTIONS = ['narratives', 'tickers', 'entries', 'claims'] as const;
export type EpisodeSection = (typeof EPISODE_SECTIONS)[number];
export type EpisodeCounts = Record<EpisodeSection, number>;

// ---- the items: the single commands' bodies ----

export const bundleNarrative = (r: Rules) => defineNarrativeBody(r);
export const bundleTicker = (r: Rules) => listTickerBody().extend({ reason: r.optionalReason }).strict();
/** A claim of the bundle: `entry` may name an entry of the bundle or of the ledger, `relation.target` a claim of either. */
export const bundleClaim = (r: Rules) => assertClaimBody(r);
/** A claim carried by its entry: the same shape without `entry` (it belongs to the entry that holds it). */
export const bundleEntryClaim = (r: Rules) => assertClaimBody(r).omit({ entry: true }).strict();
export const bundleEntry = (r: Rules) =>
  recordEntryBody(r)
    .extend({ claims: z.array(bundleEntryClaim(r)).max(EPISODE_MAX_ITEMS, { message: `must be at most ${EPISODE_MAX_ITEMS} claims` }).optional() })
    .strict();

const section = <T extends z.ZodType>(item: T) => z.array(item).max(EPISODE_MAX_ITEMS, { message: `must be at most ${EPISODE_MAX_ITEMS} items` }).optional();

/** The whole bundle, as documented (GET /api/openapi.json) and as checked item by item. */
export const episodeBundle = (r: Rules) =>
  z
    .object({
      /** Why this episode is recorded; each item's own `reason` wins. */
      reason: r.optionalReason,
      narratives: section(bundleNarrative(r)),
      tickers: section(bundleTicker(r)),
      entries: section(bundleEntry(r)),
      claims: section(bundleClaim(r)),
    })
    .strict();
export type EpisodeBundle = z.infer<ReturnType<typeof episodeBundle>>;

/** Query of the import routes: `dryRun=1` checks and answers what would be recorded, writing nothing. */
export const episodeImportQuery = z.object({
  dryRun: z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' }).optional(),
});
export const isDryRun = (query: { dryRun?: string }) => query.dryRun === '1' || query.dryRun === 'true';

// ---- answers ----

/** 201 (something recorded), 200 (nothing new: every item is already in the ledger as given), or the dry run's 200. */
export type EpisodeImportResponse = EpisodeCounts & {
  dry_run: boolean;
  /** The last position written; when nothing was written, the ledger position the check ran at. */
  position: number;
  /** Items already in the ledger exactly as given: re-sending a bundle records nothing. */
  unchanged: EpisodeCounts;
  /** Ledger events appended (or that would be). */
  events: number;
  message: string;
};

/** The CSV import's answer: the bundle's, plus what the file held. */
export type TimelineImportResponse = EpisodeImportResponse & {
  rows: number;
  /** Rows left out (retracted entries of an export), with why. */
  skipped: { line: number; message: string }[];
};

/** 400: the problems (the first EPISODE_MAX_PROBLEMS), how many there were, and what the bundle holds. */
export type EpisodeRefusal = {
  error: string;
  message: string;
  problems: Problem[];
  problem_count: number;
  items: EpisodeCounts;
};

export function emptyCounts(): EpisodeCounts {
  return { narratives: 0, tickers: 0, entries: 0, claims: 0 };
}
