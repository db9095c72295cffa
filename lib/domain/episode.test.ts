import { describe, expect, it } from 'vitest';
import { writeRules } from '@/lib/contracts/write';
import { BundleProblems, bundleEntryId, checkBundle, countItems, pathLabel, planEpisode, type LedgerView } from './episode';
import type { NarrativeDefinition } from './events';

const rules = writeRules('2026-01-02T00:00:00.000Z');
const source = { title: 'Fictional source', url: 'https://example.com/x' };
const other: NarrativeDefinition = { id: 'other', name: 'Other', thesis: '', color: '#6b7280', sort_order: 4 };
const ledger = (over: Partial<LedgerView> = {}): LedgerView => ({ narratives: new Map([['other', other]]), tickers: new Map(), entries: new Map(), claims: new Map(), ...over });
const entry = (title: string, over: Record<string, unknown> = {}) => ({ date: '2025-02-03', kind: 'policy', title, summary: '', narrative: 'other', sources: [source], ...over });
const claim = (id: string, over: Record<string, unknown> = {}) => ({
  id, asserted_on: '2025-02-03', subject: 's', metric: 'other', value: 1, unit: 'USD', scope: '', claimant: 'c', narrative: 'other', sources: [source], ...over,
});
const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof BundleProblems) return e.all;
    throw e;
  }
  return [];
};

describe('checking a bundle', () => {
  it('names items and fields with indexes: entries[1].sources[0].url', () => {
    expect(pathLabel(['entries', 1, 'sources', 0, 'url'])).toBe('entries[1].sources[0].url');
    const b = checkBundle({ entries: [entry('a'), entry('b', { sources: [{ title: 't', url: 'ftp://x' }] })] }, rules);
    expect(b.problems).toEqual([{ field: 'entries[1].sources[0].url', message: 'must be an http(s) URL' }]);
    expect(b.entries.map((e) => e.at)).toEqual(['entries[0]']);
  });

  it('gives entries without an id one from date and title (stable), and nested claims their entry', () => {
    const b = checkBundle({ entries: [entry('Rule drafted', { claims: [claim('c1')] })] }, rules);
    expect(b.entries[0]!.item.id).toBe(bundleEntryId({ date: '2025-02-03', title: 'Rule drafted' }));
    expect(b.entries[0]!.item.id).toMatch(/^rule-drafted-[0-9a-f]{6}$/);
    expect(b.claims[0]).toMatchObject({ at: 'entries[0].claims[0]', item: { id: 'c1', entry: b.entries[0]!.item.id } });
  });

  it('counts nested claims among the items', () => {
    expect(countItems({ narratives: [{}], entries: [{ claims: [{}, {}] }, {}], claims: [{}] })).toEqual({ narratives: 1, tickers: 0, entries: 2, claims: 3 });
  });
});

describe('planning an import', () => {
  it('given a new narrative, then it gets the next palette colour and lane, and entries may name it', () => {
    const b = checkBundle({ narratives: [{ id: 'chips', label: 'Chips' }], entries: [entry('x', { narrative: 'chips' })] }, rules);
    const plan = planEpisode(b, ledger());
    expect(plan.narratives[0]!.item).toEqual({ id: 'chips', name: 'Chips', thesis: '', color: '#2f7ed8', sort_order: 5 });
    expect(plan.entries).toHaveLength(1);
  });

  it('given items already in the ledger as given, then they are unchanged; with other content, a problem', () => {
    const b = checkBundle({ narratives: [{ id: 'other', label: 'Other' }], claims: [claim('c1')] }, rules);
    const existing = { ...b.claims[0]!.item };
    expect(planEpisode(b, ledger({ claims: new Map([['c1', existing]]) })).unchanged).toEqual({ narratives: 1, tickers: 0, entries: 0, claims: 1 });
    expect(problemsOf(() => planEpisode(b, ledger({ claims: new Map([['c1', { ...existing, value: 2 }]]) })))).toEqual([
      { field: 'claims[0].id', message: 'claim "c1" already exists with another value; revise, dispute or corroborate it instead' },
    ]);
  });

  it('orders claims so that a relation target comes first, and refuses a cycle', () => {
    const b = checkBundle({ claims: [claim('c3', { relation: { type: 'disputes', target: 'c2' } }), claim('c2', { relation: { type: 'revises', target: 'c1' } }), claim('c1')] }, rules);
    expect(planEpisode(b, ledger()).claims.map((c) => c.item.id)).toEqual(['c1', 'c2', 'c3']);
    const cyc = checkBundle({ claims: [claim('a', { relation: { type: 'disputes', target: 'b' } }), claim('b', { relation: { type: 'disputes', target: 'a' } })] }, rules);
    expect(problemsOf(() => planEpisode(cyc, ledger())).map((p) => p.message)).toEqual(['claim relations form a cycle: a → b → a']);
  });

  it('does not report a relation to an item that already failed its own checks', () => {
    const b = checkBundle({ entries: [{ ...entry('bad'), id: 'e1', date: 'never' }], claims: [claim('c1', { entry: 'e1' })] }, rules);
    expect(new Set(problemsOf(() => planEpisode(b, ledger())).map((p) => p.field))).toEqual(new Set(['entries[0].date']));
  });
});
