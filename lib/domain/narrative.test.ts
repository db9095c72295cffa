import { describe, expect, it } from 'vitest';
import type { DomainEvent, NarrativeDefinition } from './events';
import { decideNarrative, evolveNarrative, initialNarrativeState, requireKnownNarrative, type NarrativeState } from './narrative';
import { narrativeIdSchema } from './schemas';

const chips: NarrativeDefinition = { id: 'chip-export-rule', name: 'Chip export rule', thesis: 'Export rules cap demand.', color: '#d95f02', sort_order: 5 };
const given = (...events: DomainEvent[]): NarrativeState => events.reduce(evolveNarrative, initialNarrativeState);
const defined: DomainEvent = { type: 'NarrativeDefined', data: chips };

describe('narrative decider', () => {
  it('given no narrative, when it is defined, then NarrativeDefined carries the definition', () => {
    expect(decideNarrative({ type: 'DefineNarrative', narrative: chips }, initialNarrativeState)).toEqual([defined]);
  });

  it('given a defined narrative, when it is defined again, then 409', () => {
    expect(() => decideNarrative({ type: 'DefineNarrative', narrative: chips }, given(defined))).toThrow(/already exists/);
  });

  it('given a defined narrative, when amended, then only the fields that differ are recorded, and the fold applies them', () => {
    const events = decideNarrative({ type: 'AmendNarrative', changes: { name: 'Chip export rule', color: '#0f766e' }, reason: 'clash with capex' }, given(defined));
    expect(events).toEqual([{ type: 'NarrativeAmended', data: { changes: { color: '#0f766e' }, reason: 'clash with capex' } }]);
    const state = given(defined, ...events);
    expect(state).toEqual({ status: 'defined', narrative: { ...chips, color: '#0f766e' } });
  });

  it('refuses an amendment that changes nothing (422) and one of an unknown narrative (404)', () => {
    expect(() => decideNarrative({ type: 'AmendNarrative', changes: { sort_order: 5 }, reason: 'x' }, given(defined))).toThrow(/nothing differs/);
    expect(() => decideNarrative({ type: 'AmendNarrative', changes: { sort_order: 1 }, reason: 'x' }, initialNarrativeState)).toThrow(/not found/);
  });

  it('names the field and lists the known narratives for an unknown id', () => {
    expect(() => requireKnownNarrative('cheap-ai', ['cheap-ai', 'other'])).not.toThrow();
    expect(() => requireKnownNarrative('chips', ['cheap-ai', 'other'], 'entries[3].narrative')).toThrow(
      'entries[3].narrative: unknown narrative "chips"; known narratives: cheap-ai, other',
    );
  });

  it('takes ids as slugs only: no spaces, capitals, leading or double dashes', () => {
    for (const ok of ['cheap-ai', 'a', 'capex-race-2026']) expect(narrativeIdSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['Cheap-AI', 'cheap ai', '-cheap', 'cheap--ai', 'cheap-', '', 'x'.repeat(61), 'é']) {
      const r = narrativeIdSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/must be a slug: lower-case letters/);
    }
  });
});
