// Cost claim decider: assert, revise, dispute, corroborate.
import { DomainError } from './errors';
import type { CostClaim, DomainEvent } from './events';
import type { Source } from './schemas';

export type ClaimHistoryItem =
  | { type: 'revised'; on: string; value: number; previous: number; reason: string; source: Source | null }
  | { type: 'disputed'; on: string; by: string; argument: string; source: Source | null }
  | { type: 'corroborated'; on: string; by: string; source: Source | null };

export type ClaimStatus = 'asserted' | 'revised' | 'disputed';

export type ClaimState =
  | { status: 'none' }
  | { status: 'exists'; claim: CostClaim; currentValue: number; claimStatus: ClaimStatus; history: ClaimHistoryItem[] };

export type ClaimCommand =
  | { type: 'AssertCostClaim'; claim: CostClaim }
  | { type: 'ReviseCostClaim'; value: number; reason: string; source: Source | null; on: string }
  | { type: 'DisputeCostClaim'; by: string; argument: string; source: Source | null; on: string }
  | { type: 'CorroborateCostClaim'; by: string; source: Source | null; on: string };

export const initialClaimState: ClaimState = { status: 'none' };

/** The events of a claim stream. */
export const CLAIM_EVENT_TYPES = ['CostClaimAsserted', 'CostClaimRevised', 'CostClaimDisputed', 'CostClaimCorroborated'] as const;

export function decideClaim(command: ClaimCommand, state: ClaimState): DomainEvent[] {
  if (command.type === 'AssertCostClaim') {
    if (state.status !== 'none') throw new DomainError('conflict', `claim "${command.claim.id}" already exists`);
    return [{ type: 'CostClaimAsserted', data: command.claim }];
  }
  if (state.status === 'none') throw new DomainError('not_found', 'claim not found');
  if (command.on < state.claim.asserted_on)
    throw new DomainError('unprocessable', `on: must not be before the claim was asserted (${state.claim.asserted_on})`);
  switch (command.type) {
    case 'ReviseCostClaim':
      if (command.value === state.currentValue)
        throw new DomainError('unprocessable', 'value: equals the current value; nothing to revise');
      return [
        {
          type: 'CostClaimRevised',
          data: { value: command.value, reason: command.reason, source: command.source, revised_on: command.on },
        },
      ];
    case 'DisputeCostClaim':
      return [
        {
          type: 'CostClaimDisputed',
          data: { by: command.by, argument: command.argument, source: command.source, disputed_on: command.on },
        },
      ];
    case 'CorroborateCostClaim':
      return [
        { type: 'CostClaimCorroborated', data: { by: command.by, source: command.source, corroborated_on: command.on } },
      ];
  }
}

export function evolveClaim(state: ClaimState, event: DomainEvent): ClaimState {
  if (event.type === 'CostClaimAsserted')
    return { status: 'exists', claim: event.data, currentValue: event.data.value, claimStatus: 'asserted', history: [] };
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CostClaimRevised':
      return {
        ...state,
        currentValue: event.data.value,
        claimStatus: state.claimStatus === 'disputed' ? 'disputed' : 'revised',
        history: [
          ...state.history,
          {
            type: 'revised',
            on: event.data.revised_on,
            value: event.data.value,
            previous: state.currentValue,
            reason: event.data.reason,
            source: event.data.source,
          },
        ],
      };
    case 'CostClaimDisputed':
      return {
        ...state,
        claimStatus: 'disputed',
        history: [
          ...state.history,
          { type: 'disputed', on: event.data.disputed_on, by: event.data.by, argument: event.data.argument, source: event.data.source },
        ],
      };
    case 'CostClaimCorroborated':
      return {
        ...state,
        history: [
          ...state.history,
          { type: 'corroborated', on: event.data.corroborated_on, by: event.data.by, source: event.data.source },
        ],
      };
    default:
      return state;
  }
}
