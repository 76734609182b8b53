import type { ActionDefinition, ConnectionReference, WorkflowDefinition } from '../definition/types';
import type { Clock } from './clock';
import type { ActionError, ActionRecord, ActionStatus, FlowRun, HttpResponseRecord, TriggerRecord } from './history';

/** What `actions('X')` returns: the action's result as the expression language sees it. */
export interface ActionResult {
  name: string;
  type: string;
  status: ActionStatus;
  code?: string;
  error?: ActionError;
  inputs?: unknown;
  outputs?: unknown;
  startTime: string;
  endTime: string;
  trackingId: string;
  clientTrackingId: string;
}

/** A flow loaded into the runtime: the parts of its file the engine reads. */
export interface LoadedFlow {
  /** Workflow id (a GUID for solution flows); child flow calls find flows by it. */
  id: string;
  name: string;
  definition: WorkflowDefinition;
  connectionReferences: Record<string, ConnectionReference>;
  /** Parameter values after applying runtime overrides (environment variables). */
  parameters: Record<string, unknown>;
  triggerName: string;
}

export interface LoopState {
  name: string;
  kind: 'Foreach' | 'Until';
  item?: unknown;
  index: number;
}

/** One container execution (root, Scope, branch, loop iteration). Lookups walk outwards. */
export interface Frame {
  parent?: Frame;
  results: Map<string, ActionResult>;
  /** Foreach/Until iteration this frame is inside, when it opened one. */
  loop?: LoopState;
  /** `item()` inside Query/Select/Table/Foreach. */
  currentItem?: { has: true; value: unknown };
  /** Record id of the container action, for the run history tree. */
  parentRecordId?: number;
  iteration?: number;
  branch?: string;
}

/** Everything one run mutates. */
export interface RunState {
  flow: LoadedFlow;
  runId: string;
  clock: Clock;
  trigger: TriggerRecord & { scheduledTime?: string };
  variables: Map<string, { name: string; type: string; value: unknown }>;
  records: ActionRecord[];
  /** Last result of every action name, across containers (references from outside a scope or loop). */
  latest: Map<string, ActionResult>;
  /** First-level results of every execution of each container action, for `result()`. */
  containerResults: Map<string, ActionResult[]>;
  terminated?: { status: 'Succeeded' | 'Failed' | 'Cancelled'; error?: ActionError };
  response?: HttpResponseRecord;
  /** Action definitions by name, to tell "not defined" from "has not run" in reference errors. */
  definedActions: Map<string, ActionDefinition>;
  /** Child-flow call depth of this run (0 for a top-level run). */
  depth: number;
  workflowInfo: Record<string, unknown>;
  /** Seed of the run's deterministic random generator (never 0). */
  randomState: number;
}

export function lookupResult(frame: Frame | undefined, state: RunState, name: string): ActionResult | undefined {
  for (let f = frame; f; f = f.parent) {
    const hit = f.results.get(name);
    if (hit) return hit;
  }
  return state.latest.get(name);
}

export type { FlowRun };
