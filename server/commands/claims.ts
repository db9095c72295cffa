// Cost claim commands: assert, revise, dispute, corroborate.
import type { LedgerWriter } from '@/db/store';
import { decideClaim, evolveClaim, initialClaimState, type ClaimCommand, type ClaimState } from '@/lib/domain/cost-claim';
import type { CostClaim } from '@/lib/domain/events';
import { streamIds } from '@/lib/domain/stream-ids';
import { handleCommand, type CommandContext, type CommandResult } from './handle';
import { checkNarrative } from './narratives';

const claimFold = { initial: initialClaimState as ClaimState, evolve: evolveClaim };

export function claimCommand(store: LedgerWriter, id: string, command: ClaimCommand, ctx: CommandContext): Promise<CommandResult> {
  return handleCommand(store, streamIds.claim(id), id, claimFold, (s) => decideClaim(command, s), ctx);
}

/** Assert a claim whose narrative the ledger knows (400 listing the known ones otherwise). */
export function assertClaim(store: LedgerWriter, claim: CostClaim, ctx: CommandContext) {
  return store.transaction(async (tx) => {
    await checkNarrative(tx, claim.narrative);
    return claimCommand(tx, claim.id, { type: 'AssertCostClaim', claim }, ctx);
  });
}
