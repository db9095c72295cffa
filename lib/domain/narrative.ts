// Narrative decider (DESIGN "Streams and events": narrative-<slug>). A narrative is ledger data:
// NarrativeDefined gives its slug, name (the API's "label"), thesis (the API's "description"),
// colour and display order; NarrativeAmended changes any of those but the slug. Entries and
// claims name a narrative by slug, checked against the narratives known at that ledger position.
import { DomainError } from './errors';
import type { DomainEvent, NarrativeChanges, NarrativeDefinition } from './events';

export type NarrativeState = { status: 'none' } | { status: 'defined'; narrative: NarrativeDefinition };
export const initialNarrativeState: NarrativeState = { status: 'none' };

/** The events of a narrative stream. */
export const NARRATIVE_EVENT_TYPES = ['NarrativeDefined', 'NarrativeAmended'] as const;

export type NarrativeCommand =
  | { type: 'DefineNarrative'; narrative: NarrativeDefinition }
  | { type: 'AmendNarrative'; changes: NarrativeChanges; reason: string };

export function decideNarrative(command: NarrativeCommand, state: NarrativeState): DomainEvent[] {
  switch (command.type) {
    case 'DefineNarrative':
      if (state.status !== 'none') throw new DomainError('conflict', `narrative "${command.narrative.id}" already exists`);
      return [{ type: 'NarrativeDefined', data: command.narrative }];
    case 'AmendNarrative': {
      if (state.status === 'none') throw new DomainError('not_found', 'narrative not found');
      const current = state.narrative;
      const effective: NarrativeChanges = {};
      for (const [k, v] of Object.entries(command.changes) as [keyof NarrativeChanges, unknown][])
        if (v !== undefined && current[k] !== v) (effective as Record<string, unknown>)[k] = v;
      if (Object.keys(effective).length === 0) throw new DomainError('unprocessable', 'changes: nothing differs from the current narrative');
      return [{ type: 'NarrativeAmended', data: { changes: effective, reason: command.reason } }];
    }
  }
}

export function evolveNarrative(state: NarrativeState, event: DomainEvent): NarrativeState {
  switch (event.type) {
    case 'NarrativeDefined':
      return { status: 'defined', narrative: event.data };
    case 'NarrativeAmended':
      return state.status === 'defined' ? { status: 'defined', narrative: { ...state.narrative, ...event.data.changes } } : state;
    default:
      return state;
  }
}

/**
 * Refuse a narrative id that the ledger does not know (400 naming the field and listing the known
 * ids). `known` holds the narratives at the ledger position the command is decided at.
 */
export function requireKnownNarrative(id: string, known: Iterable<string>, field = 'narrative'): void {
  const ids = [...known];
  if (ids.includes(id)) return;
  const message = `unknown narrative "${id}"; known narratives: ${ids.length > 0 ? ids.join(', ') : '(none yet; define one with POST /api/narratives)'}`;
  throw new DomainError('validation', `${field}: ${message}`, { known_narratives: ids, problems: [{ field, message }] });
}
