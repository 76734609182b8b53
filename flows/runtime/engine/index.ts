/** Public API of the run engine. */
export { FlowRuntime, FlowLoadError, runFlow } from './runtime';
export type { FlowRuntimeOptions, HttpTriggerRequest, HttpTriggerOutcome, TriggerHistoryEntry } from './runtime';
export { VirtualClock } from './clock';
export type { Clock } from './clock';
export { actionRecords, lastAction, formatTrace } from './history';
export type { ActionRecord, ActionStatus, FlowRun, RunStatus, TriggerRecord, ActionError, HttpResponseRecord } from './history';
export type { LoadedFlow } from './run-state';
export type { HttpSender, HttpRequestSpec } from './services';
export { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry';
