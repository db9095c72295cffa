import { describe, expect, it } from 'vitest';
import { decideClaim, evolveClaim, initialClaimState, type ClaimState } from './cost-claim';
import type { CostClaim, DomainEvent } from './events';

const claim: CostClaim = {
  id: 'v3-training-run-cost',
  entry: 'deepseek-v3-technical-report',
  asserted_on: '2024-12-27',
  subject: 'DeepSeek-V3',
  metric: 'training_run_cost',
  value: 5.576,
  unit: 'million USD',
  qualifier: 'exact',
  scope: 'official V3 training run only',
  claimant: 'DeepSeek',
  narrative: 'cheap-ai',
  relation: { type: 'compares', target: 'gpt4-training-cost' },
  sources: [],
};
const asserted: DomainEvent = { type: 'CostClaimAsserted', data: claim };
const given = (events: DomainEvent[]): ClaimState => events.reduce(evolveClaim, initialClaimState);

describe('cost claim decider', () => {
  it('asserts once', () => {
    expect(decideClaim({ type: 'AssertCostClaim', claim }, given([]))).toEqual([asserted]);
    expect(() => decideClaim({ type: 'AssertCostClaim', claim }, given([asserted]))).toThrow(/already exists/);
  });

  it('revises the current value and keeps the previous one in history', () => {
    const events = decideClaim({ type: 'ReviseCostClaim', value: 5.6, reason: 'rounding', source: null, on: '2025-01-02' }, given([asserted]));
    const state = given([asserted, ...events]);
    if (state.status !== 'exists') throw new Error('expected a claim');
    expect(state.currentValue).toBe(5.6);
    expect(state.claim.value).toBe(5.576);
    expect(state.claimStatus).toBe('revised');
    expect(state.history).toEqual([{ type: 'revised', on: '2025-01-02', value: 5.6, previous: 5.576, reason: 'rounding', source: null }]);
  });

  it('refuses a revision to the same value, and changes dated before the assertion', () => {
    expect(() => decideClaim({ type: 'ReviseCostClaim', value: 5.576, reason: 'r', source: null, on: '2025-01-02' }, given([asserted]))).toThrow(/equals/);
    expect(() => decideClaim({ type: 'DisputeCostClaim', by: 'x', argument: 'y', source: null, on: '2024-01-01' }, given([asserted]))).toThrow(/before the claim/);
  });

  it('a dispute marks the claim disputed; a later revision keeps it disputed', () => {
    const dispute = decideClaim({ type: 'DisputeCostClaim', by: 'SemiAnalysis', argument: 'excludes capex', source: null, on: '2025-01-31' }, given([asserted]));
    const revise = decideClaim({ type: 'ReviseCostClaim', value: 6, reason: 'r', source: null, on: '2025-02-01' }, given([asserted, ...dispute]));
    const state = given([asserted, ...dispute, ...revise]);
    expect(state.status === 'exists' && state.claimStatus).toBe('disputed');
  });

  it('corroboration is recorded in history without changing the value', () => {
    const events = decideClaim({ type: 'CorroborateCostClaim', by: 'House committee', source: null, on: '2025-04-16' }, given([asserted]));
    const state = given([asserted, ...events]);
    expect(state.status === 'exists' && state.currentValue).toBe(5.576);
    expect(state.status === 'exists' && state.history[0]?.type).toBe('corroborated');
  });

  it('changes to an unknown claim are refused', () => {
    expect(() => decideClaim({ type: 'CorroborateCostClaim', by: 'x', source: null, on: '2025-01-01' }, given([]))).toThrow(/not found/);
  });
});
