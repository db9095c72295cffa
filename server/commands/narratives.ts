// Narrative commands: define and amend (lib/domain/narrative), and the check every entry and claim
// command makes: its narrative must be known to the ledger at the position it is decided at.
import type { LedgerReader, LedgerWriter } from '@/db/store';
import { defaultNarrativeColor } from '@/lib/charts/palette';
import type { NarrativeChanges, NarrativeDefinition } from '@/lib/domain/events';
import { decideNarrative, evolveNarrative, initialNarrativeState, NARRATIVE_EVENT_TYPES, requireKnownNarrative, type NarrativeState } from '@/lib/domain/narrative';
import { entityIdOf, streamIds } from '@/lib/domain/stream-ids';
import { foldStream, handleCommand, type CommandContext, type CommandResult } from './handle';

const narrativeFold = { initial: initialNarrativeState as NarrativeState, evolve: evolveNarrative };

/** Every narrative the ledger defines (as seen by `reader`, e.g. inside the command's transaction), folded. */
export async function narrativesInLedger(reader: LedgerReader): Promise<Map<string, NarrativeDefinition>> {
  const events = await reader.readAll({ types: NARRATIVE_EVENT_TYPES, limit: Number.MAX_SAFE_INTEGER });
  const byStream = new Map<string, typeof events>();
  for (const e of events) byStream.set(e.stream_id, [...(byStream.get(e.stream_id) ?? []), e]);
  const out = new Map<string, NarrativeDefinition>();
  for (const [streamId, history] of byStream) {
    const state = foldStream(history, narrativeFold);
    if (state.status === 'defined') out.set(entityIdOf(streamId), state.narrative);
  }
  return out;
}

/** 400 unless `id` is a narrative the ledger knows at this point of the transaction. */
export async function checkNarrative(reader: LedgerReader, id: string, field = 'narrative'): Promise<void> {
  // The common case is one index lookup; only a refusal reads every narrative, to list them.
  if ((await reader.streamVersion(streamIds.narrative(id))) > 0) return;
  requireKnownNarrative(id, (await narrativesInLedger(reader)).keys(), field);
}

export type DefineNarrativeInput = Omit<NarrativeDefinition, 'color' | 'sort_order'> & { color?: string; sort_order?: number };

/**
 * The definition with its defaults filled from the narratives already defined: a colour from the
 * palette that none of them uses yet, and a display order after the last of them.
 */
export function withNarrativeDefaults(input: DefineNarrativeInput, existing: Iterable<NarrativeDefinition>): NarrativeDefinition {
  const list = [...existing];
  return {
    id: input.id,
    name: input.name,
    thesis: input.thesis,
    color: input.color ?? defaultNarrativeColor(list.map((n) => n.color)),
    sort_order: input.sort_order ?? (list.length > 0 ? Math.max(...list.map((n) => n.sort_order)) + 1 : 0),
  };
}

export function defineNarrative(store: LedgerWriter, input: DefineNarrativeInput, ctx: CommandContext): Promise<CommandResult> {
  return store.transaction(async (tx) => {
    const narrative = withNarrativeDefaults(input, (await narrativesInLedger(tx)).values());
    return handleCommand(tx, streamIds.narrative(input.id), input.id, narrativeFold, (s) => decideNarrative({ type: 'DefineNarrative', narrative }, s), ctx);
  });
}

export function amendNarrative(store: LedgerWriter, id: string, input: { changes: NarrativeChanges; reason: string }, ctx: CommandContext): Promise<CommandResult> {
  return handleCommand(store, streamIds.narrative(id), id, narrativeFold, (s) => decideNarrative({ type: 'AmendNarrative', ...input }, s), {
    ...ctx,
    reason: input.reason,
  });
}
