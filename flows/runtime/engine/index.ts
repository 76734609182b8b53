/**
 * Public API of the run engine.
 *
 *   const runtime = new FlowRuntime({ clock: new VirtualClock('2026-01-01T00:00:00Z'),
 *     adapters: [dataverseAdapter, salesforceAdapter],                       // ManagedConnectorAdapter
 *     customConnectors: [{ names: ['cs_5Freferrals'], definition: swagger, baseUrl: sandboxUrl }],
 *     parameters: { cs_IntegrationUserId: '...' } });                        // env vars by schema name
 *   const flow = runtime.load(JSON.parse(flowFileText), { id: workflowGuid, name: 'Sync' });
 *   await runtime.request(flow, { body });        // Request triggers (HTTP, manual, Power Apps, child)
 *   runtime.activate(flow); ...; await runtime.idle();   // connector webhook triggers
 *   await runtime.advanceTo('2026-01-01T01:00:00Z');     // Recurrence and polling triggers
 *   runtime.runs, runtime.triggerHistory, lastAction(run, 'X'), formatTrace(run)
 */
export { FlowRuntime, FlowLoadError, runFlow } from './runtime';
export type { FlowRuntimeOptions, HttpTriggerRequest, HttpTriggerOutcome, TriggerHistoryEntry } from './runtime';
export { VirtualClock } from './clock';
export type { Clock } from './clock';
export { actionRecords, connectorCalls, lastAction, formatTrace } from './history';
export type {
  ConnectorCall,
  ActionRecord,
  ActionStatus,
  FlowRun,
  RunStatus,
  TriggerRecord,
  ActionError,
  HttpResponseRecord,
} from './history';
export type { LoadedFlow } from './run-state';
export type { HttpSender, HttpRequestSpec } from './services';
export { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry';
