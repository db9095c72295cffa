// Timeline entry commands: record, amend, attach a source, retract.
import { randomBytes } from 'node:crypto';
import type { LedgerWriter } from '@/db/store';
import type { TimelineEntry } from '@/lib/domain/events';
import type { EntryChanges, Source } from '@/lib/domain/schemas';
import { slugify } from '@/lib/domain/slug';
import { streamIds } from '@/lib/domain/stream-ids';
import { decideEntry, evolveEntry, initialEntryState, type EntryCommand, type EntryState } from '@/lib/domain/timeline-entry';
import { handleCommand, type CommandContext, type CommandResult } from './handle';
import { checkNarrative } from './narratives';

const entryFold = { initial: initialEntryState as EntryState, evolve: evolveEntry };

function entryCommand(store: LedgerWriter, id: string, command: EntryCommand, ctx: CommandContext): Promise<CommandResult> {
  return handleCommand(store, streamIds.entry(id), id, entryFold, (s) => decideEntry(command, s), ctx);
}

/** A new entry's id: the dataset's own id when given, else a slug of the title plus a short suffix. */
export function newEntryId(title: string, suffix: string = randomBytes(3).toString('hex')): string {
  return `${slugify(title).slice(0, 60) || 'entry'}-${suffix}`;
}

/** Record an entry whose narrative the ledger knows (400 listing the known ones otherwise). */
export function recordEntry(store: LedgerWriter, entry: TimelineEntry, ctx: CommandContext) {
  return store.transaction(async (tx) => {
    await checkNarrative(tx, entry.narrative);
    return entryCommand(tx, entry.id, { type: 'RecordTimelineEntry', entry }, ctx);
  });
}
export function amendEntry(store: LedgerWriter, id: string, input: { changes: EntryChanges; reason: string }, ctx: CommandContext) {
  return store.transaction(async (tx) => {
    if (input.changes.narrative !== undefined) await checkNarrative(tx, input.changes.narrative, 'changes.narrative');
    return entryCommand(tx, id, { type: 'AmendTimelineEntry', ...input }, { ...ctx, reason: input.reason });
  });
}
export function attachSource(store: LedgerWriter, id: string, input: { source: Source; reason?: string }, ctx: CommandContext) {
  return entryCommand(store, id, { type: 'AttachSource', source: input.source }, { ...ctx, reason: input.reason ?? ctx.reason, source: input.source.url });
}
export function retractEntry(store: LedgerWriter, id: string, input: { reason: string }, ctx: CommandContext) {
  return entryCommand(store, id, { type: 'RetractTimelineEntry', reason: input.reason }, { ...ctx, reason: input.reason });
}
