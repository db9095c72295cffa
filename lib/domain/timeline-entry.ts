// Timeline entry decider: record, amend, attach a source, retract.
import { DomainError } from './errors';
import type { DomainEvent, TimelineEntry } from './events';
import type { EntryChanges, Source } from './schemas';

export type EntryState =
  | { status: 'none' }
  | { status: 'active' | 'retracted'; entry: TimelineEntry; retractReason?: string };

export type EntryCommand =
  | { type: 'RecordTimelineEntry'; entry: TimelineEntry }
  | { type: 'AmendTimelineEntry'; changes: EntryChanges; reason: string }
  | { type: 'AttachSource'; source: Source }
  | { type: 'RetractTimelineEntry'; reason: string };

export const initialEntryState: EntryState = { status: 'none' };

/** The events of an entry stream. */
export const ENTRY_EVENT_TYPES = ['TimelineEntryRecorded', 'TimelineEntryAmended', 'SourceAttached', 'TimelineEntryRetracted'] as const;

function requireActive(state: EntryState): asserts state is Exclude<EntryState, { status: 'none' }> {
  if (state.status === 'none') throw new DomainError('not_found', 'timeline entry not found');
  if (state.status === 'retracted') throw new DomainError('conflict', 'timeline entry is retracted');
}

export function decideEntry(command: EntryCommand, state: EntryState): DomainEvent[] {
  switch (command.type) {
    case 'RecordTimelineEntry':
      if (state.status !== 'none')
        throw new DomainError('conflict', `timeline entry "${command.entry.id}" already exists`);
      return [{ type: 'TimelineEntryRecorded', data: command.entry }];
    case 'AmendTimelineEntry': {
      requireActive(state);
      const effective = Object.fromEntries(
        Object.entries(command.changes).filter(
          ([k, v]) => JSON.stringify(state.entry[k as keyof TimelineEntry]) !== JSON.stringify(v),
        ),
      ) as EntryChanges;
      if (Object.keys(effective).length === 0)
        throw new DomainError('unprocessable', 'changes: nothing differs from the current entry');
      return [{ type: 'TimelineEntryAmended', data: { changes: effective, reason: command.reason } }];
    }
    case 'AttachSource':
      requireActive(state);
      if (state.entry.sources.some((s) => s.url === command.source.url))
        throw new DomainError('conflict', 'source.url: this source is already attached');
      return [{ type: 'SourceAttached', data: { source: command.source } }];
    case 'RetractTimelineEntry':
      requireActive(state);
      return [{ type: 'TimelineEntryRetracted', data: { reason: command.reason } }];
  }
}

export function evolveEntry(state: EntryState, event: DomainEvent): EntryState {
  switch (event.type) {
    case 'TimelineEntryRecorded':
      return { status: 'active', entry: event.data };
    case 'TimelineEntryAmended':
      if (state.status === 'none') return state;
      return { ...state, entry: { ...state.entry, ...event.data.changes } };
    case 'SourceAttached':
      if (state.status === 'none') return state;
      return { ...state, entry: { ...state.entry, sources: [...state.entry.sources, event.data.source] } };
    case 'TimelineEntryRetracted':
      if (state.status === 'none') return state;
      return { ...state, status: 'retracted', retractReason: event.data.reason };
    default:
      return state;
  }
}
