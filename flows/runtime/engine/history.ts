/**
 * Run history: what a run did, action by action, in execution order. Tests query it; `formatTrace`
 * prints it as an indented tree.
 */

/** Statuses an action or run can end with. */
export type ActionStatus = 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut' | 'Cancelled';
export type RunStatus = 'Succeeded' | 'Failed' | 'Cancelled';

export interface ActionError {
  code: string;
  message: string;
}

export interface ActionRecord {
  /** Sequence number within the run (1-based), in start order. */
  id: number;
  /** The enclosing container action's record id, absent at the top level. */
  parentId?: number;
  name: string;
  type: string;
  /** For actions inside Foreach/Until: the iteration (0-based) of the nearest loop. */
  iteration?: number;
  /** Which branch of an If/Switch the action sits in (`actions`, `else`, a case name, `default`). */
  branch?: string;
  status: ActionStatus;
  /** Error or status code, e.g. `InvalidTemplate`, `ActionBranchingConditionNotSatisfied`, `NotFound`. */
  code?: string;
  error?: ActionError;
  inputs?: unknown;
  outputs?: unknown;
  startTime: string;
  endTime: string;
  /** Retries performed (attempts - 1) for actions with a retry policy. */
  retries: number;
  /** Requests Power Platform counts for this record: attempts, 0 when skipped (see docs/DECISIONS.md). */
  billable: number;
  /** Foreach / Until: iterations run. */
  iterations?: number;
}

export interface TriggerRecord {
  name: string;
  type: string;
  kind?: string;
  status: 'Succeeded';
  inputs?: unknown;
  outputs: unknown;
  startTime: string;
  endTime: string;
  /** Recurrence and polling triggers: the time the firing was scheduled for. */
  scheduledTime?: string;
  /** Present when the trigger's body did not match its schema (Request triggers); the run still starts unless schema validation is enabled. */
  schemaWarnings?: string[];
}

export interface HttpResponseRecord {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface FlowRun {
  runId: string;
  flowName: string;
  status: RunStatus;
  error?: ActionError;
  startTime: string;
  endTime: string;
  trigger: TriggerRecord;
  /** Every action execution (each loop iteration separately), in start order. */
  actions: ActionRecord[];
  /** Power Platform requests this run consumed: the trigger plus every action attempt (docs/DECISIONS.md). */
  billableActions: number;
  /** The Response action's reply, when one ran. */
  response?: HttpResponseRecord;
  /** Values of the definition's `outputs`, evaluated at the end of the run. */
  outputs?: Record<string, unknown>;
  /** Final variable values. */
  variables: Record<string, unknown>;
}

/** Every execution of the named action (several inside loops), in start order. */
export function actionRecords(run: FlowRun, name: string): ActionRecord[] {
  return run.actions.filter((a) => a.name === name);
}

/** The last execution of the named action, or undefined if it never got a status. */
export function lastAction(run: FlowRun, name: string): ActionRecord | undefined {
  const all = actionRecords(run, name);
  return all[all.length - 1];
}

export interface ConnectorCall {
  action: string;
  connectionName?: string;
  operationId: string;
  parameters: Record<string, unknown>;
  status: ActionStatus;
  statusCode?: number;
}

/** Every connector operation a run sent (OpenApiConnection actions that executed), optionally one operationId. */
export function connectorCalls(run: FlowRun, operationId?: string): ConnectorCall[] {
  const out: ConnectorCall[] = [];
  for (const a of run.actions) {
    if (a.type !== 'OpenApiConnection' || a.status === 'Skipped') continue;
    const inputs = a.inputs as
      { host?: { connectionName?: string; operationId?: string }; parameters?: Record<string, unknown> } | undefined;
    const op = inputs?.host?.operationId;
    if (typeof op !== 'string' || (operationId !== undefined && op !== operationId)) continue;
    const statusCode = (a.outputs as { statusCode?: unknown } | undefined)?.statusCode;
    out.push({
      action: a.name,
      connectionName: inputs?.host?.connectionName,
      operationId: op,
      parameters: inputs?.parameters ?? {},
      status: a.status,
      ...(typeof statusCode === 'number' ? { statusCode } : {}),
    });
  }
  return out;
}

/** Indented tree: one line per action execution with status, code, retries and virtual duration. */
export function formatTrace(run: FlowRun): string {
  const lines: string[] = [];
  lines.push(
    `Run ${run.runId} of ${run.flowName}: ${run.status}${run.error ? ` (${run.error.code}: ${run.error.message})` : ''}`,
  );
  lines.push(`  ${run.startTime} -> ${run.endTime}, ${run.billableActions} billable action(s)`);
  lines.push(`  trigger ${run.trigger.name} [${run.trigger.type}${run.trigger.kind ? `/${run.trigger.kind}` : ''}]`);
  const children = new Map<number | undefined, ActionRecord[]>();
  for (const a of run.actions) {
    const list = children.get(a.parentId) ?? [];
    list.push(a);
    children.set(a.parentId, list);
  }
  const visit = (parent: number | undefined, depth: number): void => {
    for (const a of children.get(parent) ?? []) {
      const ms = Date.parse(a.endTime) - Date.parse(a.startTime);
      const parts = [`${a.name} [${a.type}]`, a.status];
      if (a.iteration !== undefined) parts.push(`#${a.iteration}`);
      if (a.branch !== undefined) parts.push(`branch=${a.branch}`);
      if (a.code && a.status !== 'Succeeded') parts.push(`code=${a.code}`);
      if (a.retries > 0) parts.push(`retries=${a.retries}`);
      if (a.iterations !== undefined) parts.push(`iterations=${a.iterations}`);
      if (ms > 0) parts.push(`${ms} ms`);
      lines.push(`${'  '.repeat(depth + 1)}- ${parts.join(' ')}`);
      if (a.error && a.status !== 'Skipped') lines.push(`${'  '.repeat(depth + 2)}! ${a.error.message}`);
      visit(a.id, depth + 1);
    }
  };
  visit(undefined, 0);
  if (run.response) lines.push(`  response ${run.response.statusCode}`);
  return lines.join('\n');
}
