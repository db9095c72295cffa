// Importing an episode, all or nothing (pure). `checkBundle` checks every item of a bundle against
// its single command's schema and gives each its id; `planEpisode` checks the items against each
// other and against what the ledger holds (relations to unknown ids, duplicate ids, items that
// exist with other content, claim relations that form a cycle) and says what to record, in an
// order where every relation points back. The server reads the ledger and appends the plan in
// one transaction; nothing here does I/O.
import { z } from 'zod';
import {
  bundleClaim,
  bundleEntry,
  bundleNarrative,
  bundleTicker,
  EPISODE_MAX_ITEMS,
  EPISODE_MAX_PROBLEMS,
  emptyCounts,
  type EpisodeCounts,
} from '@/lib/contracts/episode';
import { narrativeFieldsFrom, type Problem, type Rules } from '@/lib/contracts/write';
import { defaultNarrativeColor } from '@/lib/charts/palette';
import { canonicalJson } from '@/lib/analytics/params';
import { sha256Hex } from '@/lib/hash';
import { AppError } from './errors';
import type { CostClaim, NarrativeDefinition, TimelineEntry } from './events';
import type { TickerFields } from './schemas';
import { slugify } from './slug';

export type Ticker = TickerFields & { symbol: string };

/** An item with where it sits in the bundle (`entries[3]`, `entries[3].claims[0]`) and its reason. */
export type Placed<T> = { at: string; item: T; reason: string | null };

export type NarrativeInput = Omit<NarrativeDefinition, 'color' | 'sort_order'> & { color?: string; sort_order?: number };

export type CheckedBundle = {
  narratives: Placed<NarrativeInput>[];
  tickers: Placed<Ticker>[];
  entries: Placed<TimelineEntry>[];
  /** Top-level claims, then the claims entries carry (their `entry` set to the carrier). */
  claims: Placed<CostClaim>[];
  /** Problems of items that failed their schema (left out above); the plan adds its own and refuses. */
  problems: Problem[];
  /** Ids given by items that failed their schema: relations to them are not reported a second time. */
  invalidIds: { narratives: Set<string>; entries: Set<string>; claims: Set<string> };
  /** What the bundle holds, valid or not (for a refusal). */
  items: EpisodeCounts;
};

// ---- paths and problems ----

/** `['entries', 3, 'sources', 0, 'url']` → `entries[3].sources[0].url`. */
export function pathLabel(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(body)';
}

function issuesAt(error: z.ZodError, prefix: readonly PropertyKey[]): Problem[] {
  return error.issues.map((issue) => ({
    field: pathLabel([...prefix, ...issue.path]),
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
}

/**
 * The refusal of a bundle: 400 listing the first EPISODE_MAX_PROBLEMS problems, how many there
 * were in all and (once known) what the bundle holds. `all` keeps every problem.
 */
export class BundleProblems extends AppError {
  constructor(
    readonly all: Problem[],
    items?: EpisodeCounts,
  ) {
    const n = all.length;
    const head = all.slice(0, 3).map((p) => `${p.field}: ${p.message}`).join('; ');
    super('validation', `${n} problem${n === 1 ? '' : 's'} in the bundle; nothing was recorded: ${head}${n > 3 ? '; …' : ''}`, {
      problems: all.slice(0, EPISODE_MAX_PROBLEMS),
      problem_count: n,
      ...(items ? { items } : {}),
    });
    this.name = 'BundleProblems';
  }

  /** The same refusal, saying what the bundle holds. */
  withItems(items: EpisodeCounts): BundleProblems {
    return new BundleProblems(this.all, items);
  }
}

// ---- limits ----

const SECTIONS = ['narratives', 'tickers', 'entries', 'claims'] as const;

/** What a raw bundle holds, counted before any check (nested claims count as claims). */
export function countItems(raw: unknown): EpisodeCounts {
  const counts = emptyCounts();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return counts;
  const r = raw as Record<string, unknown>;
  for (const s of SECTIONS) if (Array.isArray(r[s])) counts[s] = (r[s] as unknown[]).length;
  if (Array.isArray(r.entries))
    for (const e of r.entries as unknown[])
      if (e && typeof e === 'object' && Array.isArray((e as { claims?: unknown }).claims)) counts.claims += (e as { claims: unknown[] }).claims.length;
  return counts;
}

export const totalItems = (c: EpisodeCounts): number => c.narratives + c.tickers + c.entries + c.claims;

/** 413 when the bundle holds more than EPISODE_MAX_ITEMS items. */
export function checkItemLimit(raw: unknown): void {
  const counts = countItems(raw);
  const total = totalItems(counts);
  if (total > EPISODE_MAX_ITEMS)
    throw new AppError('too_large', `(body): the bundle holds ${total.toLocaleString('en-US')} items; the limit is ${EPISODE_MAX_ITEMS.toLocaleString('en-US')} items per import; split it into several bundles`, {
      limit_items: EPISODE_MAX_ITEMS,
      items: counts,
      problems: [{ field: '(body)', message: `holds ${total} items; the limit is ${EPISODE_MAX_ITEMS}` }],
    });
}

// ---- ids ----

const shortHash = (...parts: string[]) => sha256Hex(parts.join('\n')).slice(0, 6);

/** An entry's id when the bundle gives none: stable for the same date and title, so a re-sent bundle finds it again. */
export function bundleEntryId(e: { date: string; title: string }): string {
  return `${slugify(e.title).slice(0, 60) || 'entry'}-${shortHash(e.date, e.title)}`;
}

/** A claim's id when the bundle gives none: stable for the same claimant, subject, metric, unit and date. */
export function bundleClaimId(c: { claimant: string; subject: string; metric: string; unit: string; asserted_on: string }): string {
  return `${slugify(`${c.claimant} ${c.subject}`).slice(0, 60) || 'claim'}-${shortHash(c.asserted_on, c.claimant, c.subject, c.metric, c.unit)}`;
}

// ---- check: every item against its command's schema ----

const topLevel = z
  .object({
    reason: z.unknown().optional(),
    narratives: z.array(z.unknown(), { message: 'must be a list' }).optional(),
    tickers: z.array(z.unknown(), { message: 'must be a list' }).optional(),
    entries: z.array(z.unknown(), { message: 'must be a list' }).optional(),
    claims: z.array(z.unknown(), { message: 'must be a list' }).optional(),
  }, { message: 'must be a JSON object {narratives?, tickers?, entries?, claims?}' })
  .strict();

const idOf = (raw: unknown, key = 'id'): string | null => {
  const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : null;
};

/**
 * Check every item of `raw` with the schema of its single command, and give each valid item its
 * id. The problems of the others (each naming its item and field) travel with the result, so the
 * plan reports them together with its own. Throws BundleProblems only when `raw` is not a bundle.
 */
export function checkBundle(raw: unknown, rules: Rules): CheckedBundle {
  const top = topLevel.safeParse(raw);
  if (!top.success) throw new BundleProblems(issuesAt(top.error, []));
  const problems: Problem[] = [];
  const invalidIds = { narratives: new Set<string>(), entries: new Set<string>(), claims: new Set<string>() };
  const bundleReason = (() => {
    if (top.data.reason === undefined) return null;
    const r = rules.optionalReason.safeParse(top.data.reason);
    if (!r.success) problems.push(...issuesAt(r.error, ['reason']));
    return r.success ? (r.data ?? null) : null;
  })();
  const out: CheckedBundle = { narratives: [], tickers: [], entries: [], claims: [], problems, invalidIds, items: countItems(raw) };
  const each = <S extends z.ZodType>(name: (typeof SECTIONS)[number], schema: S, take: (value: z.infer<S>, at: string) => void) =>
    (top.data[name] ?? []).forEach((rawItem, i) => {
      const parsed = schema.safeParse(rawItem);
      if (parsed.success) return take(parsed.data, `${name}[${i}]`);
      problems.push(...issuesAt(parsed.error, [name, i]));
      const id = idOf(rawItem);
      if (id && name !== 'tickers') invalidIds[name].add(id);
      if (name === 'entries') {
        const nested = (rawItem as { claims?: unknown })?.claims;
        if (Array.isArray(nested)) for (const c of nested) if (idOf(c)) invalidIds.claims.add(idOf(c)!);
      }
    });

  each('narratives', bundleNarrative(rules), (n, at) => {
    const { id, reason, ...fields } = n;
    const f = narrativeFieldsFrom(fields);
    out.narratives.push({ at, reason: reason ?? bundleReason, item: { id, name: f.name!, thesis: f.thesis ?? '', ...(f.color ? { color: f.color } : {}), ...(f.sort_order !== undefined ? { sort_order: f.sort_order } : {}) } });
  });
  each('tickers', bundleTicker(rules), (t, at) => {
    const { reason, ...ticker } = t;
    out.tickers.push({ at, reason: reason ?? bundleReason, item: ticker });
  });
  each('entries', bundleEntry(rules), (e, at) => {
    const { id, reason, claims, ...fields } = e;
    const entryId = id ?? bundleEntryId(fields);
    out.entries.push({ at, reason: reason ?? bundleReason, item: { id: entryId, ...fields } });
    (claims ?? []).forEach((c, j) => {
      const { id: claimId, reason: claimReason, ...claimFields } = c;
      const claim = { ...claimFields, entry: entryId };
      out.claims.push({ at: `${at}.claims[${j}]`, reason: claimReason ?? reason ?? bundleReason, item: { id: claimId ?? bundleClaimId(claim), ...claim } });
    });
  });
  const nested = out.claims.splice(0);
  each('claims', bundleClaim(rules), (c, at) => {
    const { id, reason, ...fields } = c;
    out.claims.push({ at, reason: reason ?? bundleReason, item: { id: id ?? bundleClaimId(fields), ...fields } });
  });
  out.claims.push(...nested);
  return out;
}

// ---- plan: against each other and against the ledger ----

/** What the ledger holds of the ids a bundle names, read by the server in the import's transaction. */
export type LedgerView = {
  narratives: ReadonlyMap<string, NarrativeDefinition>;
  tickers: ReadonlyMap<string, Ticker>;
  entries: ReadonlyMap<string, TimelineEntry>;
  claims: ReadonlyMap<string, CostClaim>;
};

/** The ids whose ledger state a plan needs: each item's own, and the entries and claims claims point at. */
export function idsToLookUp(bundle: CheckedBundle): { tickers: string[]; entries: string[]; claims: string[] } {
  const entries = new Set(bundle.entries.map((e) => e.item.id));
  const claims = new Set(bundle.claims.map((c) => c.item.id));
  for (const { item } of bundle.claims) {
    if (item.entry) entries.add(item.entry);
    if (item.relation) claims.add(item.relation.target);
  }
  return { tickers: [...new Set(bundle.tickers.map((t) => t.item.symbol))], entries: [...entries], claims: [...claims] };
}

export type EpisodePlan = {
  narratives: Placed<NarrativeDefinition>[];
  tickers: Placed<Ticker>[];
  entries: Placed<TimelineEntry>[];
  /** In an order where every relation's target is recorded first. */
  claims: Placed<CostClaim>[];
  unchanged: EpisodeCounts;
};

/** Fields of `a` and `b` (objects) that differ, compared as canonical JSON. */
function differing(a: Record<string, unknown>, b: Record<string, unknown>, keys: readonly string[]): string[] {
  const norm = (v: unknown) => canonicalJson(v === undefined ? null : v);
  return keys.filter((k) => norm(a[k]) !== norm(b[k]));
}

export const ENTRY_KEYS = ['date', 'time_utc', 'kind', 'title', 'summary', 'narrative', 'entities', 'tickers', 'figures', 'sources', 'confidence'] as const;
/** What a timeline CSV carries of an entry (no figures, no confidence): all a re-import can compare. */
export const CSV_ENTRY_KEYS = ENTRY_KEYS.filter((k) => k !== 'figures' && k !== 'confidence');

export type PlanOptions = {
  /** The entry fields an existing entry must match to count as unchanged (default: all). */
  entryKeys?: readonly string[];
};
const CLAIM_KEYS = ['entry', 'asserted_on', 'subject', 'metric', 'value', 'unit', 'qualifier', 'scope', 'claimant', 'narrative', 'relation', 'sources'] as const;
const TICKER_KEYS = ['name', 'exchange', 'role', 'shares_outstanding'] as const;

/**
 * Check the bundle's items against each other and the ledger, and say what to record. Throws
 * BundleProblems listing every problem; an item already in the ledger as given is unchanged.
 */
export function planEpisode(bundle: CheckedBundle, ledger: LedgerView, options: PlanOptions = {}): EpisodePlan {
  const entryKeys = options.entryKeys ?? ENTRY_KEYS;
  const problems: Problem[] = [...bundle.problems];
  const invalid = bundle.invalidIds;
  const plan: EpisodePlan = { narratives: [], tickers: [], entries: [], claims: [], unchanged: emptyCounts() };

  // Duplicate ids within the bundle: the second and later occurrences are problems.
  const firstAt = new Map<string, string>();
  const unique = <T>(section: string, list: Placed<T>[], key: (t: T) => string, field: string): Placed<T>[] =>
    list.filter((p) => {
      const k = `${section}\u0000${key(p.item)}`;
      const seen = firstAt.get(k);
      if (seen) {
        problems.push({ field: `${p.at}.${field}`, message: `duplicate ${field} "${key(p.item)}" (also ${seen})` });
        return false;
      }
      firstAt.set(k, p.at);
      return true;
    });
  const narratives = unique('narrative', bundle.narratives, (n) => n.id, 'id');
  const tickers = unique('ticker', bundle.tickers, (t) => t.symbol, 'symbol');
  const entries = unique('entry', bundle.entries, (e) => e.id, 'id');
  const claims = unique('claim', bundle.claims, (c) => c.id, 'id');

  // Narratives: new ones get their defaults in bundle order, each seeing the ones before it.
  const known = new Map(ledger.narratives);
  for (const p of narratives) {
    const existing = ledger.narratives.get(p.item.id);
    if (existing) {
      const diff = differing({ ...existing }, { ...existing, ...p.item }, ['name', 'thesis', 'color', 'sort_order']);
      if (diff.length === 0) plan.unchanged.narratives++;
      else problems.push({ field: `${p.at}.id`, message: `narrative "${p.item.id}" already exists with another ${diff.map((d) => (d === 'name' ? 'label' : d === 'thesis' ? 'description' : d)).join(', ')}; amend it with POST /api/narratives/${p.item.id}/amend` });
      continue;
    }
    const all = [...known.values()];
    const def: NarrativeDefinition = {
      id: p.item.id,
      name: p.item.name,
      thesis: p.item.thesis,
      color: p.item.color ?? defaultNarrativeColor(all.map((n) => n.color)),
      sort_order: p.item.sort_order ?? (all.length > 0 ? Math.max(...all.map((n) => n.sort_order)) + 1 : 0),
    };
    known.set(def.id, def);
    plan.narratives.push({ ...p, item: def });
  }
  const knownIds = [...known.keys()];
  const checkNarrative = (id: string, field: string) => {
    if (!known.has(id) && !invalid.narratives.has(id)) problems.push({ field, message: `unknown narrative "${id}"; known narratives (ledger and bundle): ${knownIds.join(', ') || '(none)'}` });
  };

  for (const p of tickers) {
    const existing = ledger.tickers.get(p.item.symbol);
    if (!existing) plan.tickers.push(p);
    else if (differing(existing, p.item, TICKER_KEYS).length === 0) plan.unchanged.tickers++;
    else problems.push({ field: `${p.at}.symbol`, message: `ticker "${p.item.symbol}" is already listed with another ${differing(existing, p.item, TICKER_KEYS).join(', ')}` });
  }

  const bundleEntries = new Set(entries.map((e) => e.item.id));
  for (const p of entries) {
    checkNarrative(p.item.narrative, `${p.at}.narrative`);
    const existing = ledger.entries.get(p.item.id);
    if (!existing) plan.entries.push(p);
    else {
      const diff = differing(existing, p.item, entryKeys);
      if (diff.length === 0) plan.unchanged.entries++;
      else problems.push({ field: `${p.at}.id`, message: `timeline entry "${p.item.id}" already exists with another ${diff.join(', ')}; amend it with POST /api/timeline/${p.item.id}/amend` });
    }
  }

  const bundleClaims = new Map(claims.map((c) => [c.item.id, c] as const));
  const newClaims: Placed<CostClaim>[] = [];
  for (const p of claims) {
    const c = p.item;
    checkNarrative(c.narrative, `${p.at}.narrative`);
    if (c.entry && !bundleEntries.has(c.entry) && !ledger.entries.has(c.entry) && !invalid.entries.has(c.entry))
      problems.push({ field: `${p.at}.entry`, message: `no timeline entry "${c.entry}" in the bundle or the ledger` });
    if (c.relation) {
      if (c.relation.target === c.id) problems.push({ field: `${p.at}.relation.target`, message: 'a claim cannot relate to itself' });
      else if (!bundleClaims.has(c.relation.target) && !ledger.claims.has(c.relation.target) && !invalid.claims.has(c.relation.target))
        problems.push({ field: `${p.at}.relation.target`, message: `no claim "${c.relation.target}" in the bundle or the ledger` });
    }
    const existing = ledger.claims.get(c.id);
    if (!existing) newClaims.push(p);
    else {
      const diff = differing({ qualifier: undefined, ...existing }, { qualifier: undefined, ...c }, CLAIM_KEYS);
      if (diff.length === 0) plan.unchanged.claims++;
      else problems.push({ field: `${p.at}.id`, message: `claim "${c.id}" already exists with another ${diff.join(', ')}; revise, dispute or corroborate it instead` });
    }
  }

  // Record targets before the claims that relate to them; a cycle among new claims is refused.
  const newIds = new Set(newClaims.map((c) => c.item.id));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (p: Placed<CostClaim>, trail: string[]): void => {
    const id = p.item.id;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      problems.push({ field: `${p.at}.relation.target`, message: `claim relations form a cycle: ${[...trail.slice(trail.indexOf(id)), id].join(' → ')}` });
      return;
    }
    state.set(id, 'visiting');
    const target = p.item.relation?.target;
    if (target && newIds.has(target) && target !== id) visit(bundleClaims.get(target)!, [...trail, id]);
    state.set(id, 'done');
    plan.claims.push(p);
  };
  for (const p of newClaims) visit(p, []);

  if (problems.length > 0) throw new BundleProblems(problems);
  return plan;
}

export function countsOf(plan: { [K in keyof EpisodeCounts]: readonly unknown[] }): EpisodeCounts {
  return { narratives: plan.narratives.length, tickers: plan.tickers.length, entries: plan.entries.length, claims: plan.claims.length };
}
