// Seeds an empty ledger with the bundled DeepSeek dataset (data/seed), by sending
// commands through the same handlers the API uses (metadata actor "seed").
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { claimFieldsSchema, entryFieldsSchema, narrativeFieldsSchema, tickerFieldsSchema, type PriceBar } from '@/lib/domain/schemas';
import type { Store } from '@/db/store';
import { assertClaim } from './commands/claims';
import { recordEntry } from './commands/entries';
import type { CommandContext } from './commands/handle';
import { importPriceBars } from './commands/prices';
import { defineNarrative } from './commands/narratives';
import { listTicker } from './commands/reference';
import { parsePriceFile } from './csv/read-price-file';

export const SEED_DIR = path.resolve(process.cwd(), 'data/seed');

const rawFigure = z.object({ label: z.string().optional(), value: z.union([z.number(), z.string()]), unit: z.string() });
const seedEntrySchema = z.looseObject({ id: z.string().min(1), figures: z.array(rawFigure) });
const seedClaimSchema = z.looseObject({ id: z.string().min(1) });
const seedNarrativeSchema = narrativeFieldsSchema.extend({ id: z.string() });
const seedTickerSchema = tickerFieldsSchema.omit({ shares_outstanding: true }).extend({ symbol: z.string(), prices: z.string() });

function readJson(dir: string, file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
}

/** "n/a" in the dataset means the publication date is unknown: leave it out rather than store a non-date. */
function normaliseSources(sources: unknown): unknown {
  if (!Array.isArray(sources)) return sources;
  return sources.map((s: Record<string, unknown>) => {
    if (s.published !== 'n/a') return s;
    const { published: _unknown, ...rest } = s;
    return rest;
  });
}

/** The dataset states two figures only in words; keep them verbatim as value_text, never as a number. */
function normaliseFigure(f: z.infer<typeof rawFigure>) {
  return typeof f.value === 'number'
    ? { ...(f.label ? { label: f.label } : {}), value: f.value, unit: f.unit }
    : { ...(f.label ? { label: f.label } : {}), value: null, value_text: f.value, unit: f.unit };
}

export type SeedReport = { seeded: boolean; events: number; position: number };

export async function seedIfEmpty(store: Store, options: { dir?: string; now?: string } = {}): Promise<SeedReport> {
  const position = await store.events.latestPosition();
  if (position > 0) return { seeded: false, events: 0, position };
  return seed(store, options);
}

/** Idempotent: every command carries a stable idempotency key, so a rerun adds nothing. */
export async function seed(store: Store, options: { dir?: string; now?: string } = {}): Promise<SeedReport> {
  const dir = options.dir ?? SEED_DIR;
  const now = options.now ?? new Date().toISOString();
  const before = await store.events.latestPosition();
  const ctx = (key: string, source: string): CommandContext => ({
    actor: 'seed',
    now,
    reason: 'initial dataset',
    source,
    idempotencyKey: `seed:${key}`,
    correlationId: 'seed',
  });

  const narratives = z.array(seedNarrativeSchema).parse(readJson(dir, 'narratives.json'));

  const tickers = z.array(seedTickerSchema).parse(readJson(dir, 'tickers.json'));
  // Parse every price file before writing any of them, so a bad file leaves the ledger untouched.
  const parsed: { ticker: z.infer<typeof seedTickerSchema>; bars: PriceBar[] }[] = [];
  for (const t of tickers) {
    const report = await parsePriceFile(fs.readFileSync(path.join(dir, t.prices), 'utf8'));
    if (report.errorCount > 0)
      throw new Error(`seed file ${t.prices} is invalid: ${report.errors.map((e) => e.message).join('; ')}`);
    parsed.push({ ticker: t, bars: report.bars.map(({ ticker: _t, line: _l, ...bar }) => bar) });
  }

  const entries = z.array(seedEntrySchema).parse(readJson(dir, 'events.json'));
  const claims = z.array(seedClaimSchema).parse(readJson(dir, 'claims.json'));

  // One transaction: nothing can start on a half-seeded ledger.
  await store.events.transaction(async (tx) => {
    for (const [i, n] of narratives.entries())
      await defineNarrative(tx, { ...n, sort_order: i }, ctx(`narrative:${n.id}`, 'data/seed/narratives.json'));
    for (const { ticker, bars } of parsed) {
      const { prices, symbol, ...fields } = ticker;
      await listTicker(tx, { symbol, ...fields, shares_outstanding: null }, ctx(`ticker:${symbol}`, 'data/seed/tickers.json'));
      await importPriceBars(tx, symbol, bars, { source: `data/seed/${prices}` }, ctx(`prices:${symbol}`, `data/seed/${prices}`));
    }
    const sortedEntries = [...entries].sort((a, b) => String(a.date).localeCompare(String(b.date)));
    for (const raw of sortedEntries) {
      const { id, ...rest } = raw;
      const fields = entryFieldsSchema.parse({ ...rest, sources: normaliseSources(rest.sources), figures: raw.figures.map(normaliseFigure) });
      await recordEntry(tx, { id, ...fields }, ctx(`entry:${id}`, 'data/seed/events.json'));
    }
    const sortedClaims = [...claims].sort((a, b) => String(a.asserted_on).localeCompare(String(b.asserted_on)));
    for (const raw of sortedClaims) {
      const { id, ...rest } = raw;
      await assertClaim(tx, { id, ...claimFieldsSchema.parse({ ...rest, sources: normaliseSources(rest.sources) }) }, ctx(`claim:${id}`, 'data/seed/claims.json'));
    }
  });

  const after = await store.events.latestPosition();
  return { seeded: after > before, events: after - before, position: after };
}
