import { isRecord } from '../definition/types';
import { evaluateTemplate, ExpressionError } from '../expression';
import { basicExecutors } from './actions/basic';
import { callExecutors } from './actions/calls';
import { controlExecutors } from './actions/control';
import { dataExecutors } from './actions/data';
import { ContainerRunner, type Executor } from './container';
import { ACTION_FAILED, invalidTemplate } from './errors';
import type { ActionDefinition } from '../definition/types';
import type { FlowRun, TriggerRecord } from './history';
import { createHost } from './host';
import type { LoadedFlow, RunState } from './run-state';
import type { EngineServices } from './services';

export const EXECUTORS: Record<string, Executor> = {
  ...basicExecutors,
  ...controlExecutors,
  ...dataExecutors,
  ...callExecutors,
};

/** Every action definition by name, across containers (names are unique per flow). */
export function indexActions(
  actions: Record<string, ActionDefinition> | undefined,
  into = new Map<string, ActionDefinition>(),
): Map<string, ActionDefinition> {
  if (!isRecord(actions)) return into;
  for (const [name, def] of Object.entries(actions)) {
    into.set(name, def);
    if (!isRecord(def)) continue;
    indexActions(def.actions, into);
    if (isRecord(def.else)) indexActions(def.else.actions, into);
    if (isRecord(def.default)) indexActions(def.default.actions, into);
    if (isRecord(def.cases)) for (const c of Object.values(def.cases)) if (isRecord(c)) indexActions(c.actions, into);
  }
  return into;
}

const definedActionsCache = new WeakMap<object, Map<string, ActionDefinition>>();

export function newRunState(
  flow: LoadedFlow,
  runId: string,
  trigger: TriggerRecord & { scheduledTime?: string },
  services: EngineServices,
  depth: number,
  environmentName: string,
): RunState {
  let defined = definedActionsCache.get(flow.definition);
  if (!defined) {
    defined = indexActions(flow.definition.actions);
    definedActionsCache.set(flow.definition, defined);
  }
  let seed = 0x9e3779b9;
  for (let i = 0; i < runId.length; i++) seed = Math.imul(seed ^ runId.charCodeAt(i), 16777619);
  return {
    flow,
    runId,
    clock: services.clock,
    trigger,
    variables: new Map(),
    records: [],
    latest: new Map(),
    containerResults: new Map(),
    definedActions: defined,
    depth,
    randomState: seed | 1,
    workflowInfo: {
      id: `/workflows/${flow.id}`,
      name: flow.id,
      type: 'Microsoft.Logic/workflows',
      location: 'local',
      run: { id: `/workflows/${flow.id}/runs/${runId}`, name: runId, type: 'Microsoft.Logic/workflows/runs' },
      tags: { flowDisplayName: flow.name, environmentName, logicAppName: flow.id, xrmWorkflowId: flow.id },
    },
  };
}

/**
 * Runs a flow's actions for one trigger firing and returns the run's history. Never throws: a
 * definition or runtime error fails actions (and the run) the way Power Automate would.
 */
export async function executeRun(
  state: RunState,
  services: EngineServices,
  executors: Record<string, Executor> = EXECUTORS,
): Promise<FlowRun> {
  const runner = new ContainerRunner(executors, services);
  const startTime = state.trigger.startTime;
  let status: FlowRun['status'] = 'Succeeded';
  let error: FlowRun['error'];
  try {
    const outcome = await runner.run(
      state,
      isRecord(state.flow.definition.actions) ? state.flow.definition.actions : {},
      { results: new Map() },
    );
    if (state.terminated) {
      status = state.terminated.status;
      error = state.terminated.error;
    } else if (outcome.status === 'Failed' || outcome.status === 'TimedOut') {
      status = 'Failed';
      error = { ...ACTION_FAILED };
    } else if (outcome.status === 'Cancelled') {
      status = 'Cancelled';
    }
  } catch (e) {
    status = 'Failed';
    error = { code: 'InternalError', message: `The local runtime failed: ${(e as Error)?.message ?? String(e)}` };
  }
  const run: FlowRun = {
    runId: state.runId,
    flowName: state.flow.name,
    status,
    startTime,
    endTime: state.clock.now().toISOString(),
    trigger: state.trigger,
    actions: state.records,
    billableActions: 1 + state.records.reduce((sum, r) => sum + r.billable, 0),
    variables: Object.fromEntries([...state.variables.values()].map((v) => [v.name, v.value])),
  };
  if (error) run.error = error;
  if (state.response) run.response = state.response;
  const outputs = evaluateOutputs(state);
  if (outputs) run.outputs = outputs;
  return run;
}

/** The definition's `outputs`; an output whose expression fails is reported as an error object. */
function evaluateOutputs(state: RunState): Record<string, unknown> | undefined {
  const defs = state.flow.definition.outputs;
  if (!isRecord(defs) || Object.keys(defs).length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(defs)) {
    try {
      out[name] = evaluateTemplate(
        isRecord(def) ? def.value : undefined,
        createHost(state, undefined, { actionName: name }),
      );
    } catch (e) {
      out[name] = {
        error:
          e instanceof ExpressionError
            ? invalidTemplate(name, 'outputs', e.message)
            : { code: 'InternalError', message: String(e) },
      };
    }
  }
  return out;
}
