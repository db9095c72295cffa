// Editor forms for the write API. Each takes the stream's version as `expectedVersion` and an
// optional `onDone(result)`; all of them render user text as text only.
export { AddSourceForm } from './add-source-form';
export { AmendEntryForm } from './amend-entry-form';
export { AssertClaimForm } from './assert-claim-form';
export { ClaimChangeForm, type ClaimChange } from './claim-change-form';
export { ConflictNotice, describeEvent } from './conflict-notice';
export { RecordEventForm } from './record-event-form';
export { RetractEntryForm } from './retract-entry-form';
export type { CommandResult, Conflict, Problem, UnseenEvent } from './use-command';
