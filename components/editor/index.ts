// Editor forms for the write API. Each takes the stream's version as `expectedVersion` and an
// optional `onDone(result)`; all of them render user text as text only.
export { AddSourceForm } from './AddSourceForm';
export { AmendEntryForm } from './AmendEntryForm';
export { AssertClaimForm } from './AssertClaimForm';
export { ClaimChangeForm, type ClaimChange } from './ClaimChangeForm';
export { ConflictNotice, describeEvent } from './ConflictNotice';
export { RecordEventForm } from './RecordEventForm';
export { RetractEntryForm } from './RetractEntryForm';
export type { CommandResult, Conflict, Problem, UnseenEvent } from './use-command';
