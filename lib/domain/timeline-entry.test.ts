// Given / when / then tests of the timeline entry decider and its evolve function.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, TimelineEntry } from './events';
import { decideEntry, evolveEntry, initialEntryState, type EntryCommand, type EntryState } from './timeline-entry';

const entry: TimelineEntry = {
  id: 'deepseek-v3-release',
  date: '2024-12-26',
  kind: 'release',
  title: 'DeepSeek-V3 open weights released',
  summary: 'MoE model',
  narrative: 'cheap-ai',
  entities: ['DeepSeek'],
  tickers: [],
  figures: [{ label: 'total parameters', value: 671, unit: 'billion' }],
  sources: [{ title: 'README', url: 'https://github.com/deepseek-ai/DeepSeek-V3' }],
};

function given(events: DomainEvent[]): EntryState {
  return events.reduce(evolveEntry, initialEntryState);
}
function when(state: EntryState, command: EntryCommand) {
  return () => decideEntry(command, state);
}
const recorded: DomainEvent = { type: 'TimelineEntryRecorded', data: entry };

describe('timeline entry decider', () => {
  it('records a new entry', () => {
    expect(when(given([]), { type: 'RecordTimelineEntry', entry })()).toEqual([recorded]);
  });

  it('refuses to record the same id twice', () => {
    expect(when(given([recorded]), { type: 'RecordTimelineEntry', entry })).toThrow(/already exists/);
  });

  it('amends only the fields that differ, keeping the reason', () => {
    const events = when(given([recorded]), {
      type: 'AmendTimelineEntry',
      changes: { title: 'DeepSeek-V3 released', narrative: 'cheap-ai' },
      reason: 'shorter title',
    })();
    expect(events).toEqual([{ type: 'TimelineEntryAmended', data: { changes: { title: 'DeepSeek-V3 released' }, reason: 'shorter title' } }]);
  });

  it('refuses an amendment that changes nothing', () => {
    expect(when(given([recorded]), { type: 'AmendTimelineEntry', changes: { kind: 'release' }, reason: 'x' })).toThrow(/nothing differs/);
  });

  it('refuses to amend an unknown entry', () => {
    expect(when(given([]), { type: 'AmendTimelineEntry', changes: { title: 'x' }, reason: 'x' })).toThrow(/not found/);
  });

  it('attaches a new source but not the same URL twice', () => {
    const source = { title: 'Paper', url: 'https://arxiv.org/abs/2412.19437' };
    expect(when(given([recorded]), { type: 'AttachSource', source })()).toEqual([{ type: 'SourceAttached', data: { source } }]);
    expect(when(given([recorded]), { type: 'AttachSource', source: entry.sources[0]! })).toThrow(/already attached/);
  });

  it('retracts, after which no change is accepted', () => {
    const retracted: DomainEvent = { type: 'TimelineEntryRetracted', data: { reason: 'duplicate' } };
    expect(when(given([recorded]), { type: 'RetractTimelineEntry', reason: 'duplicate' })()).toEqual([retracted]);
    const state = given([recorded, retracted]);
    expect(state.status).toBe('retracted');
    expect(when(state, { type: 'AmendTimelineEntry', changes: { title: 'y' }, reason: 'x' })).toThrow(/retracted/);
    expect(when(state, { type: 'RetractTimelineEntry', reason: 'again' })).toThrow(/retracted/);
  });

  it('evolve applies amendments and attached sources in order', () => {
    const source = { title: 'Paper', url: 'https://arxiv.org/abs/2412.19437' };
    const state = given([
      recorded,
      { type: 'TimelineEntryAmended', data: { changes: { summary: 'new summary' }, reason: 'r' } },
      { type: 'SourceAttached', data: { source } },
    ]);
    if (state.status === 'none') throw new Error('expected an entry');
    expect(state.entry.summary).toBe('new summary');
    expect(state.entry.title).toBe(entry.title);
    expect(state.entry.sources.map((s) => s.url)).toEqual([entry.sources[0]!.url, source.url]);
  });
});
