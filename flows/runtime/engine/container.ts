import { childContainers, isRecord, type ActionDefinition, type ActionMap } from '../definition/types';
import { evaluateTemplate, ExpressionError } from '../expression';
import { ActionFailure, conditionNotTakenError, invalidTemplate, skippedError } from './errors';
import { parseIsoDuration } from './iso-duration';
import type { ActionRecord, ActionStatus } from './history';
import { createHost, type HostOptions } from './host';
import type { ActionResult, Frame, RunState } from './run-state';
import type { EngineServices } from './services';

/**
 * Runs one container (the root, a Scope, an If branch, a Switch case, a loop iteration): a DAG of
 * actions ordered only by `runAfter`. Ready actions run one at a time in definition order, which
 * keeps runs deterministic; "parallel" branches therefore run back to back.
 */
export interface ExecResult {
  status: ActionStatus;
  code?: string;
  error?: { code: string; message: string };
  inputs?: unknown;
  outputs?: unknown;
  retries?: number;
  /** Billable requests; defaults to 1 + retries. */
  billable?: number;
  iterations?: number;
}

export interface ExecContext {
  state: RunState;
  services: EngineServices;
  frame: Frame;
  name: string;
  def: ActionDefinition;
  record: ActionRecord;
  /** Evaluates a template value; expression errors become an `InvalidTemplate` ActionFailure. */
  evaluate(value: unknown, section?: string, options?: Partial<HostOptions>, frame?: Frame): unknown;
  runContainer(actions: ActionMap, frame: Frame): Promise<ContainerOutcome>;
  /** Records every action of an untaken branch as Skipped. */
  skipContainer(actions: ActionMap, branch: string | undefined): void;
  childFrame(extra: Partial<Frame>): Frame;
}

export type Executor = (ctx: ExecContext) => Promise<ExecResult>;

export interface ContainerOutcome {
  /** Aggregated like Power Automate: unhandled failures at the leaves fail the container. */
  status: 'Succeeded' | 'Failed' | 'TimedOut' | 'Cancelled';
  /** First-level results, for `result()`. */
  results: ActionResult[];
}

/** What run history shows for values under `runtimeConfiguration.secureData`. */
export const SECURE_PLACEHOLDER = 'Content not shown due to security configuration.';

const STATUS_RANK: Record<string, number> = { Succeeded: 0, Cancelled: 1, TimedOut: 2, Failed: 3 };

export class ContainerRunner {
  constructor(
    private readonly executors: Record<string, Executor>,
    private readonly services: EngineServices,
  ) {}

  async run(state: RunState, actions: ActionMap, frame: Frame): Promise<ContainerOutcome> {
    const plan = planFor(actions);
    const count = plan.names.length;
    const status = new Map<string, ActionStatus>();
    const results: ActionResult[] = [];
    const waiting = Int32Array.from(plan.preds, (p) => p.length);
    const done = new Uint8Array(count);
    let first = 0;
    while (!state.terminated) {
      while (first < count && done[first]) first++;
      let next = -1;
      for (let i = first; i < count; i++) {
        if (!done[i] && waiting[i] === 0 && !plan.missing[i]) {
          next = i;
          break;
        }
      }
      if (next < 0) break;
      done[next] = 1;
      const name = plan.names[next];
      const result = await this.runAction(state, frame, name, actions[name], status);
      status.set(name, result.status);
      results.push(result);
      for (const s of plan.successors[next]) waiting[s]--;
    }
    const pending = plan.names.filter((_, i) => !done[i]);
    if (!state.terminated) {
      // Whatever is still pending waits on a missing predecessor or sits on a cycle: the service
      // rejects such definitions at save time; here the actions fail so the run reports it.
      for (const n of pending) {
        const ra = runAfterOf(actions[n]);
        const missing = Object.keys(ra).filter((p) => !(p in actions));
        const message = missing.length
          ? `The 'runAfter' property of template action '${n}' references action '${missing[0]}', which is not defined in the same scope.`
          : `The 'runAfter' properties of template action '${n}' form a cycle.`;
        const r = this.recordOnly(state, frame, n, actions[n], 'Failed', { code: 'InvalidTemplate', message });
        status.set(n, 'Failed');
        results.push(r);
      }
    }
    return { status: aggregateStatus(actions, status), results };
  }

  private async runAction(
    state: RunState,
    frame: Frame,
    name: string,
    def: ActionDefinition,
    siblings: Map<string, ActionStatus>,
  ): Promise<ActionResult> {
    const ra = runAfterOf(def);
    for (const [pred, allowed] of Object.entries(ra)) {
      const actual = siblings.get(pred) as ActionStatus;
      const list = Array.isArray(allowed) ? allowed.map(String) : [];
      const ok = list.some((s) => s.toLowerCase() === actual.toLowerCase());
      if (!ok) {
        const err = skippedError(name, pred, list, actual);
        const r = this.recordOnly(state, frame, name, def, 'Skipped', err);
        const nested = childContainers(def);
        for (const c of nested)
          this.skipNested(
            state,
            c.actions,
            r.record.id,
            c.path[0] === 'cases' ? c.path[1] : c.kind === 'else' ? 'else' : undefined,
            name,
            false,
          );
        return r;
      }
    }
    const now = isoNow(state);
    const record: ActionRecord = {
      id: state.records.length + 1,
      parentId: frame.parentRecordId,
      name,
      type: String(def?.type ?? ''),
      status: 'Succeeded',
      startTime: now,
      endTime: now,
      retries: 0,
      billable: 0,
    };
    if (frame.iteration !== undefined) record.iteration = frame.iteration;
    if (frame.branch !== undefined) record.branch = frame.branch;
    state.records.push(record);
    let result: ExecResult;
    try {
      result = await this.execute(state, frame, name, def, record);
    } catch (e) {
      if (e instanceof ActionFailure) {
        result = { status: 'Failed', code: e.code, error: { code: e.code, message: e.message }, outputs: e.outputs };
      } else if (e instanceof ExpressionError) {
        const err = invalidTemplate(name, 'inputs', e.message);
        result = { status: 'Failed', code: err.code, error: err };
      } else {
        result = {
          status: 'Failed',
          code: 'InternalError',
          error: {
            code: 'InternalError',
            message: `The local runtime failed while running action '${name}': ${(e as Error)?.message ?? String(e)}`,
          },
        };
      }
    }
    result = applyActionTimeout(state, def, name, record, result);
    record.status = result.status;
    record.endTime = isoNow(state);
    if (result.code !== undefined) record.code = result.code;
    if (result.error !== undefined) record.error = result.error;
    // secureData hides values from run history only; later actions still read them.
    const secure = def?.runtimeConfiguration?.secureData?.properties;
    if (result.inputs !== undefined)
      record.inputs = Array.isArray(secure) && secure.includes('inputs') ? SECURE_PLACEHOLDER : result.inputs;
    if (result.outputs !== undefined)
      record.outputs = Array.isArray(secure) && secure.includes('outputs') ? SECURE_PLACEHOLDER : result.outputs;
    record.retries = result.retries ?? 0;
    record.billable = result.billable ?? 1 + record.retries;
    if (result.iterations !== undefined) record.iterations = result.iterations;
    const actionResult: ActionResult = {
      name,
      type: record.type,
      status: record.status,
      code: record.code ?? (record.status === 'Succeeded' ? 'OK' : undefined),
      error: record.error,
      inputs: result.inputs,
      outputs: result.outputs,
      startTime: record.startTime,
      endTime: record.endTime,
      trackingId: `${state.runId}-${record.id}`,
      clientTrackingId: state.runId,
    };
    frame.results.set(name, actionResult);
    state.latest.set(name, actionResult);
    return actionResult;
  }

  private async execute(
    state: RunState,
    frame: Frame,
    name: string,
    def: ActionDefinition,
    record: ActionRecord,
  ): Promise<ExecResult> {
    if (!isRecord(def) || typeof def.type !== 'string') {
      throw new ActionFailure('InvalidTemplate', `The template action '${name}' has no 'type'.`);
    }
    const staticResult = staticResultFor(state, def);
    if (staticResult) return staticResult;
    const executor =
      this.executors[def.type] ??
      this.executors[Object.keys(this.executors).find((k) => k.toLowerCase() === def.type.toLowerCase()) ?? ''];
    if (!executor) {
      throw new ActionFailure(
        'InvalidTemplate',
        `The template action '${name}' is of type '${def.type}', which the local runtime does not support.`,
      );
    }
    const ctx: ExecContext = {
      state,
      services: this.services,
      frame,
      name,
      def,
      record,
      evaluate: (value, section = 'inputs', options, f) => evaluateIn(state, f ?? frame, name, value, section, options),
      runContainer: (actions, f) => this.run(state, actions, f),
      skipContainer: (actions, branch) => this.skipNested(state, actions, record.id, branch, name, true),
      childFrame: (extra) => ({ parent: frame, results: new Map(), parentRecordId: record.id, ...extra }),
    };
    return executor(ctx);
  }

  /** A record for an action that did not execute (skipped, or unreachable in a malformed definition). */
  private recordOnly(
    state: RunState,
    frame: Frame,
    name: string,
    def: ActionDefinition,
    status: ActionStatus,
    error: { code: string; message: string },
  ): ActionResult & { record: ActionRecord } {
    const now = isoNow(state);
    const record: ActionRecord = {
      id: state.records.length + 1,
      parentId: frame.parentRecordId,
      name,
      type: String(isRecord(def) ? def.type : ''),
      status,
      code: error.code,
      error,
      startTime: now,
      endTime: now,
      retries: 0,
      billable: 0,
    };
    if (frame.iteration !== undefined) record.iteration = frame.iteration;
    if (frame.branch !== undefined) record.branch = frame.branch;
    state.records.push(record);
    const result: ActionResult = {
      name,
      type: record.type,
      status,
      code: error.code,
      error,
      startTime: now,
      endTime: now,
      trackingId: `${state.runId}-${record.id}`,
      clientTrackingId: state.runId,
    };
    frame.results.set(name, result);
    state.latest.set(name, result);
    return { ...result, record };
  }

  private skipNested(
    state: RunState,
    actions: ActionMap,
    parentRecordId: number,
    branch: string | undefined,
    container: string,
    containerRan: boolean,
  ): void {
    const frame: Frame = { results: new Map(), parentRecordId, branch };
    for (const [n, def] of Object.entries(actions)) {
      const r = this.recordOnly(state, frame, n, def, 'Skipped', conditionNotTakenError(n, container, containerRan));
      for (const c of childContainers(def))
        this.skipNested(
          state,
          c.actions,
          r.record.id,
          c.path[0] === 'cases' ? c.path[1] : c.kind === 'else' ? 'else' : undefined,
          n,
          false,
        );
    }
  }
}

let lastMs = NaN;
let lastIso = '';
/** Virtual time moves rarely within a run, so the ISO text is reused while the clock stands still. */
function isoNow(state: RunState): string {
  const ms = state.clock.nowMs();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/** A container's runAfter graph, computed once per definition object. */
interface ContainerPlan {
  names: string[];
  /** Predecessors (within the container) of each action, by index. */
  preds: number[][];
  successors: number[][];
  /** True when the action runs after a name that is not in the container: it can never start. */
  missing: boolean[];
}

const plans = new WeakMap<ActionMap, ContainerPlan>();

function planFor(actions: ActionMap): ContainerPlan {
  let plan = plans.get(actions);
  if (plan) return plan;
  const names = Object.keys(actions);
  const index = new Map(names.map((n, i) => [n, i]));
  const preds: number[][] = [];
  const successors: number[][] = names.map(() => []);
  const missing: boolean[] = [];
  names.forEach((n, i) => {
    const own: number[] = [];
    let absent = false;
    for (const p of Object.keys(runAfterOf(actions[n]))) {
      const j = index.get(p);
      if (j === undefined) absent = true;
      else {
        own.push(j);
        successors[j].push(i);
      }
    }
    preds.push(own);
    missing.push(absent);
  });
  plan = { names, preds, successors, missing };
  plans.set(actions, plan);
  return plan;
}

/**
 * An action's own `limit.timeout` (Until uses `limit` for its loop instead): when the action's virtual
 * duration (retry waits, async polling) passes it, the action ends TimedOut at the deadline.
 */
function applyActionTimeout(
  state: RunState,
  def: ActionDefinition,
  name: string,
  record: ActionRecord,
  result: ExecResult,
): ExecResult {
  if (!isRecord(def) || def.type === 'Until' || !isRecord(def.limit) || def.limit.timeout === undefined) return result;
  const timeoutMs = parseIsoDuration(def.limit.timeout);
  if (timeoutMs === undefined) return result;
  const started = Date.parse(record.startTime);
  if (state.clock.nowMs() - started <= timeoutMs) return result;
  state.clock.set(started + timeoutMs);
  const error = {
    code: 'ActionTimedOut',
    message: `The execution of template action '${name}' exceeded its timeout of ${String(def.limit.timeout)}.`,
  };
  return { ...result, status: 'TimedOut', code: error.code, error };
}

export function runAfterOf(def: ActionDefinition | undefined): Record<string, string[]> {
  return isRecord(def) && isRecord(def.runAfter) ? (def.runAfter as Record<string, string[]>) : {};
}

/**
 * Power Automate's status rule, applied to a container: look at its leaves (actions nothing else
 * runs after); a Skipped leaf takes its predecessors' status (a skipped catch branch after a
 * success is fine, a step skipped because its predecessor failed is not). Any failed leaf fails the
 * container; otherwise TimedOut, then Cancelled, then Succeeded.
 */
export function aggregateStatus(actions: ActionMap, status: Map<string, ActionStatus>): ContainerOutcome['status'] {
  const hasSuccessor = new Set<string>();
  for (const n of status.keys()) for (const p of Object.keys(runAfterOf(actions[n]))) hasSuccessor.add(p);
  const memo = new Map<string, ContainerOutcome['status']>();
  const effective = (n: string, seen: Set<string>): ContainerOutcome['status'] => {
    const cached = memo.get(n);
    if (cached) return cached;
    const s = status.get(n);
    let out: ContainerOutcome['status'];
    if (s === undefined) out = 'Succeeded';
    else if (s !== 'Skipped') out = s;
    else {
      out = 'Succeeded';
      seen.add(n);
      for (const p of Object.keys(runAfterOf(actions[n]))) {
        if (seen.has(p) || !status.has(p)) continue;
        const e = effective(p, seen);
        if (STATUS_RANK[e] > STATUS_RANK[out]) out = e;
      }
    }
    memo.set(n, out);
    return out;
  };
  let worst: ContainerOutcome['status'] = 'Succeeded';
  for (const n of status.keys()) {
    if (hasSuccessor.has(n)) continue;
    const e = effective(n, new Set());
    if (STATUS_RANK[e] > STATUS_RANK[worst]) worst = e;
  }
  return worst;
}

export function evaluateIn(
  state: RunState,
  frame: Frame | undefined,
  actionName: string,
  value: unknown,
  section: string,
  options?: Partial<HostOptions>,
): unknown {
  try {
    return evaluateTemplate(value, createHost(state, frame, { actionName, ...options }));
  } catch (e) {
    if (e instanceof ExpressionError) {
      const err = invalidTemplate(actionName, section, e.message);
      throw new ActionFailure(e.code && e.code !== 'InvalidTemplate' ? e.code : err.code, err.message);
    }
    throw e;
  }
}

function staticResultFor(state: RunState, def: ActionDefinition): ExecResult | undefined {
  const sr = def.runtimeConfiguration?.staticResult;
  if (!sr || sr.staticResultOptions !== 'Enabled' || typeof sr.name !== 'string') return undefined;
  const entry = state.flow.definition.staticResults?.[sr.name];
  if (!entry)
    throw new ActionFailure(
      'InvalidStaticResultName',
      `The static result '${sr.name}' is not defined in the workflow's 'staticResults'.`,
    );
  const s = String(entry.status ?? 'Succeeded');
  const statusValue: ActionStatus =
    s === 'Failed' || s === 'TimedOut' || s === 'Skipped' || s === 'Cancelled' ? s : 'Succeeded';
  const error = isRecord(entry.error)
    ? { code: String(entry.error.code ?? 'ActionFailed'), message: String(entry.error.message ?? '') }
    : undefined;
  return { status: statusValue, outputs: entry.outputs, error, code: error?.code };
}
