import { ConnectorRegistry, resolveConnection, type CustomConnectorRegistration } from '../connectors/dispatch';
import { sendHttpRequest } from '../connectors/custom-connector';
import type { ManagedConnectorAdapter, TriggerEvent } from '../connectors/types';
import { isRecord, splitFlowFile, type TriggerDefinition } from '../definition/types';
import { evaluateTemplate, ExpressionError } from '../expression';
import { validateAgainstSchema } from './actions/json-schema';
import { VirtualClock, type Clock } from './clock';
import { invalidTemplate } from './errors';
import type { FlowRun, HttpResponseRecord, TriggerRecord } from './history';
import { createHost } from './host';
import { executeRun, indexActions, newRunState } from './run';
import type { LoadedFlow } from './run-state';
import type { ChildFlowReply, EngineServices, HttpSender } from './services';
import { firstRecurrence, nextRecurrence } from './recurrence';

/**
 * The local Power Automate runtime: loads flow files, fires their triggers (HTTP request,
 * recurrence, connector webhook, connector polling) and runs them on a virtual clock, keeping the
 * history of every run.
 */
export interface FlowRuntimeOptions {
  clock?: Clock;
  adapters?: ManagedConnectorAdapter[];
  customConnectors?: CustomConnectorRegistration[];
  /** Transport for `Http` actions; defaults to axios. */
  sendHttp?: HttpSender;
  /** Parameter values (environment variables) by parameter name or by `metadata.schemaName`. */
  parameters?: Record<string, unknown>;
  environmentName?: string;
  /**
   * Request trigger body vs its schema: Power Automate does not reject mismatches unless the
   * trigger's operationOptions has `EnableSchemaValidation`, so the default records a warning.
   */
  requestSchemaValidation?: 'warn' | 'reject';
  /** Child flow nesting limit (guards against a flow that calls itself). */
  maxChildFlowDepth?: number;
}

export class FlowLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowLoadError';
  }
}

/** One trigger evaluation that did not start a run (conditions false, bad request, ...). */
export interface TriggerHistoryEntry {
  flowId: string;
  time: string;
  status: 'Fired' | 'Skipped' | 'Failed' | 'Rejected';
  reason?: string;
  runId?: string;
}

export interface HttpTriggerRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  queries?: Record<string, string>;
  relativePathParameters?: Record<string, string>;
}

export interface HttpTriggerOutcome {
  run?: FlowRun;
  /** With `splitOn`, every run started (`run` is the first). */
  runs?: FlowRun[];
  response: HttpResponseRecord;
}

export class FlowRuntime {
  readonly clock: Clock;
  readonly connectors = new ConnectorRegistry();
  /** Every run, in start order. */
  readonly runs: FlowRun[] = [];
  readonly triggerHistory: TriggerHistoryEntry[] = [];
  private readonly flows = new Map<string, LoadedFlow>();
  private readonly options: FlowRuntimeOptions;
  private readonly services: EngineServices;
  private runSeq = 0;
  private flowSeq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscriptions = new Map<string, () => void>();
  /** Polling triggers' adapter cursor, by flow id. */
  private readonly pollCursor = new Map<string, unknown>();
  /** Recurrence and polling schedules on the virtual clock, by flow id. */
  private readonly schedules = new Map<string, { next: number; anchor: number }>();

  constructor(options: FlowRuntimeOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? new VirtualClock();
    for (const a of options.adapters ?? []) this.connectors.registerAdapter(a);
    for (const c of options.customConnectors ?? []) this.connectors.registerCustomConnector(c);
    const sendHttp: HttpSender = options.sendHttp ?? ((r) => sendHttpRequest(r.method, r.url, r.headers, r.body));
    this.services = {
      clock: this.clock,
      invokeConnector: (host, parameters, refs) => this.connectors.invoke(host, parameters, refs),
      sendHttp,
      runChildFlow: (ref, body, headers, depth) => this.runChildFlow(ref, body, headers, depth),
    };
  }

  registerAdapter(adapter: ManagedConnectorAdapter): void {
    this.connectors.registerAdapter(adapter);
  }

  registerCustomConnector(registration: CustomConnectorRegistration): void {
    this.connectors.registerCustomConnector(registration);
  }

  /**
   * Loads a flow file (`{properties: {definition, connectionReferences}}`) or a bare definition.
   * `id` is the workflow id child-flow calls use (`workflowReferenceName`). Throws FlowLoadError
   * when the value is not a flow or does not have exactly one trigger.
   */
  load(flowJson: unknown, options: { id?: string; name?: string } = {}): LoadedFlow {
    const parts = splitFlowFile(flowJson);
    if (!parts)
      throw new FlowLoadError(
        'The value is not a flow: expected {"properties": {"definition": {...}}} or a workflow definition.',
      );
    const triggers = isRecord(parts.definition.triggers) ? Object.keys(parts.definition.triggers) : [];
    if (triggers.length !== 1)
      throw new FlowLoadError(`A Power Automate flow has exactly one trigger; this definition has ${triggers.length}.`);
    const trigger = (parts.definition.triggers as Record<string, unknown>)[triggers[0]];
    if (!isRecord(trigger) || typeof trigger.type !== 'string')
      throw new FlowLoadError(`The trigger '${triggers[0]}' must be an object with a 'type'.`);
    const id = options.id ?? `flow-${++this.flowSeq}`;
    const name = options.name ?? parts.displayName ?? id;
    const parameters: Record<string, unknown> = {};
    const overrides = this.options.parameters ?? {};
    for (const [pname, pdef] of Object.entries(
      isRecord(parts.definition.parameters) ? parts.definition.parameters : {},
    )) {
      const schemaName = isRecord(pdef) && isRecord(pdef.metadata) ? pdef.metadata.schemaName : undefined;
      if (Object.prototype.hasOwnProperty.call(overrides, pname)) parameters[pname] = overrides[pname];
      else if (typeof schemaName === 'string' && Object.prototype.hasOwnProperty.call(overrides, schemaName))
        parameters[pname] = overrides[schemaName];
      else parameters[pname] = isRecord(pdef) ? (pdef.defaultValue ?? null) : null;
    }
    const flow: LoadedFlow = {
      id,
      name,
      definition: parts.definition,
      connectionReferences: parts.connectionReferences,
      parameters,
      triggerName: triggers[0],
    };
    indexActions(parts.definition.actions);
    this.flows.set(id.toLowerCase(), flow);
    return flow;
  }

  getFlow(id: string): LoadedFlow | undefined {
    return this.flows.get(id.toLowerCase());
  }

  private triggerDef(flow: LoadedFlow): TriggerDefinition {
    return (flow.definition.triggers ?? {})[flow.triggerName];
  }

  /** Calls a flow's Request trigger (HTTP, manual, Power Apps, child flow). */
  async request(flow: LoadedFlow, req: HttpTriggerRequest = {}, depth = 0): Promise<HttpTriggerOutcome> {
    const trig = this.triggerDef(flow);
    if (trig.type !== 'Request') {
      return {
        response: {
          statusCode: 400,
          headers: {},
          body: {
            error: {
              code: 'TriggerTypeMismatch',
              message: `Flow '${flow.name}' has a '${trig.type}' trigger, not a Request trigger.`,
            },
          },
        },
      };
    }
    const inputs = isRecord(trig.inputs) ? trig.inputs : {};
    const method = (req.method ?? 'POST').toUpperCase();
    if (typeof inputs.method === 'string' && inputs.method.toUpperCase() !== method) {
      return this.reject(
        flow,
        405,
        'MethodNotAllowed',
        `The trigger accepts '${inputs.method}' requests, not '${method}'.`,
      );
    }
    const schemaIssues = validateAgainstSchema(inputs.schema, req.body ?? null);
    const warnings = schemaIssues.map((i) => `${i.path || '(root)'}: ${i.message}`);
    const strict =
      this.options.requestSchemaValidation === 'reject' ||
      String(trig.operationOptions ?? '')
        .split(',')
        .some((o) => o.trim() === 'EnableSchemaValidation');
    if (warnings.length > 0 && strict) {
      return this.reject(
        flow,
        400,
        'TriggerInputSchemaMismatch',
        `The input body for trigger '${flow.triggerName}' of type 'Request' did not match its schema definition. ${warnings.join(' ')}`,
      );
    }
    const headers = { 'Content-Type': 'application/json', ...(req.headers ?? {}) };
    const outputs = {
      headers,
      body: req.body ?? null,
      queries: req.queries ?? {},
      relativePathParameters: req.relativePathParameters ?? {},
    };
    if (typeof trig.splitOn === 'string') {
      // Debatched requests start one run per item and cannot answer synchronously.
      const runs = await this.fireSplit(flow, outputs);
      return { run: runs[0], runs, response: { statusCode: 202, headers: {}, body: null } };
    }
    const run = await this.fire(
      flow,
      outputs,
      { method, ...(warnings.length ? { schemaWarnings: warnings } : {}) },
      depth,
    );
    if (!run) return { response: { statusCode: 202, headers: {}, body: null } };
    if (run.response) return { run, response: run.response };
    const hasResponseAction = [...indexActions(flow.definition.actions).values()].some(
      (a) => isRecord(a) && a.type === 'Response',
    );
    if (hasResponseAction) {
      return {
        run,
        response: {
          statusCode: 502,
          headers: {},
          body: {
            error: {
              code: 'NoResponse',
              message: `The flow run '${run.runId}' ended (${run.status}) without running its Response action.`,
            },
          },
        },
      };
    }
    return { run, response: { statusCode: 202, headers: {}, body: null } };
  }

  private reject(flow: LoadedFlow, statusCode: number, code: string, message: string): HttpTriggerOutcome {
    this.triggerHistory.push({
      flowId: flow.id,
      time: this.clock.now().toISOString(),
      status: 'Rejected',
      reason: `${code}: ${message}`,
    });
    return { response: { statusCode, headers: {}, body: { error: { code, message } } } };
  }

  /** Fires a Recurrence trigger once, now. */
  async runRecurrence(flow: LoadedFlow): Promise<FlowRun | undefined> {
    const trig = this.triggerDef(flow);
    if (trig.type !== 'Recurrence')
      throw new FlowLoadError(`Flow '${flow.name}' has a '${trig.type}' trigger, not a Recurrence trigger.`);
    return this.fire(flow, { headers: {}, body: null }, undefined, 0, this.clock.now().toISOString());
  }

  /**
   * One poll of a polling connector trigger (`OpenApiConnection` with `recurrence`): asks the
   * adapter for new items, applies `splitOn` (one run per item) and trigger conditions.
   */
  async poll(flow: LoadedFlow): Promise<FlowRun[]> {
    const trig = this.triggerDef(flow);
    const inputs = isRecord(trig.inputs) ? trig.inputs : {};
    const host = isRecord(inputs.host) ? inputs.host : {};
    const fail = (reason: string): FlowRun[] => {
      this.triggerHistory.push({ flowId: flow.id, time: this.clock.now().toISOString(), status: 'Failed', reason });
      return [];
    };
    if (trig.type !== 'OpenApiConnection')
      return fail(`Flow '${flow.name}' has a '${trig.type}' trigger, not a polling connector trigger.`);
    let adapter: ManagedConnectorAdapter | undefined;
    let params: Record<string, unknown>;
    try {
      adapter = this.connectors.adapterFor(resolveConnection(host, flow.connectionReferences));
      params = this.evaluateTriggerInputs(flow, inputs.parameters);
    } catch (e) {
      return fail((e as Error).message);
    }
    if (!adapter?.poll)
      return fail(`No connector adapter with polling support is registered for trigger '${flow.triggerName}'.`);
    const key = flow.id.toLowerCase();
    let found: { items: unknown[]; state: unknown };
    try {
      found = await adapter.poll(String(host.operationId ?? ''), params, this.pollCursor.get(key));
    } catch (e) {
      return fail(`The polling trigger failed: ${(e as Error)?.message ?? String(e)}`);
    }
    this.pollCursor.set(key, found.state);
    if (!Array.isArray(found.items) || found.items.length === 0) {
      this.triggerHistory.push({
        flowId: flow.id,
        time: this.clock.now().toISOString(),
        status: 'Skipped',
        reason: 'No new items.',
      });
      return [];
    }
    return this.fireSplit(flow, { headers: {}, body: { value: found.items } });
  }

  /**
   * Subscribes a webhook trigger (`OpenApiConnectionWebhook`) through its adapter; each event
   * starts a run (queued in event order; await `idle()`). Returns the unsubscribe function.
   */
  activate(flow: LoadedFlow): () => void {
    const trig = this.triggerDef(flow);
    if (trig.type !== 'OpenApiConnectionWebhook' && trig.type !== 'OpenApiConnectionNotification') {
      throw new FlowLoadError(`Flow '${flow.name}' has a '${trig.type}' trigger, not a connector webhook trigger.`);
    }
    const inputs = isRecord(trig.inputs) ? trig.inputs : {};
    const host = isRecord(inputs.host) ? inputs.host : {};
    // Configuration faults surface here, at activation, like a flow that cannot be turned on.
    const adapter = this.connectors.adapterFor(resolveConnection(host, flow.connectionReferences));
    if (!adapter?.subscribe)
      throw new FlowLoadError(
        `No connector adapter with webhook support is registered for trigger '${flow.triggerName}' of flow '${flow.name}'.`,
      );
    const params = this.evaluateTriggerInputs(flow, inputs.parameters);
    const unsubscribe = adapter.subscribe(String(host.operationId ?? ''), params, (event: TriggerEvent) => {
      this.enqueue(() => this.fireSplit(flow, { headers: event.headers ?? {}, body: event.body ?? null }));
    });
    this.subscriptions.set(flow.id.toLowerCase(), unsubscribe);
    return () => {
      unsubscribe();
      this.subscriptions.delete(flow.id.toLowerCase());
    };
  }

  /** Resolves when every queued webhook run has finished. */
  async idle(): Promise<void> {
    let current: Promise<unknown>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
  }

  private enqueue(job: () => Promise<unknown>): void {
    this.queue = this.queue.then(job, job).catch(() => undefined);
  }

  /**
   * Advances the virtual clock to `until`, firing every Recurrence and polling trigger of the
   * loaded flows that falls due on the way, in time order.
   */
  async advanceTo(until: Date | string): Promise<FlowRun[]> {
    const end = typeof until === 'string' ? Date.parse(until) : until.getTime();
    const started: FlowRun[] = [];
    for (let guard = 0; guard < 100_000; guard++) {
      let due: { flow: LoadedFlow; at: number } | undefined;
      for (const flow of this.flows.values()) {
        const trig = this.triggerDef(flow);
        if (!trig.recurrence || (trig.type !== 'Recurrence' && trig.type !== 'OpenApiConnection')) continue;
        const key = flow.id.toLowerCase();
        let st = this.schedules.get(key);
        if (!st) {
          const first = firstRecurrence(trig.recurrence, this.clock.nowMs());
          st = { next: first, anchor: first };
          // A start time in the past: resume at the first occurrence from now, as a newly turned-on flow does.
          for (let i = 0; i < 1_000_000 && st.next < this.clock.nowMs(); i++)
            st.next = nextRecurrence(trig.recurrence, st.next, first);
          this.schedules.set(key, st);
        }
        if (st.next <= end && (!due || st.next < due.at)) due = { flow, at: st.next };
      }
      if (!due) break;
      this.clock.set(Math.max(this.clock.nowMs(), due.at));
      const key = due.flow.id.toLowerCase();
      const trig = this.triggerDef(due.flow);
      const st = this.schedules.get(key)!;
      st.next = nextRecurrence(trig.recurrence!, due.at, st.anchor);
      if (trig.type === 'Recurrence') {
        const run = await this.fire(
          due.flow,
          { headers: {}, body: null },
          undefined,
          0,
          new Date(due.at).toISOString(),
        );
        if (run) started.push(run);
      } else {
        started.push(...(await this.poll(due.flow)));
      }
    }
    this.clock.set(Math.max(this.clock.nowMs(), end));
    return started;
  }

  /** Starts a run with the given trigger outputs, as any trigger type would (applies `splitOn` and conditions). */
  async trigger(flow: LoadedFlow, outputs: { headers?: Record<string, string>; body?: unknown }): Promise<FlowRun[]> {
    return this.fireSplit(flow, { headers: outputs.headers ?? {}, body: outputs.body ?? null });
  }

  private evaluateTriggerInputs(flow: LoadedFlow, parameters: unknown): Record<string, unknown> {
    const state = newRunState(
      flow,
      'trigger',
      this.placeholderTrigger(flow, {}),
      this.services,
      0,
      this.environmentName,
    );
    try {
      const v = evaluateTemplate(parameters ?? {}, createHost(state, undefined, { actionName: flow.triggerName }));
      return isRecord(v) ? v : {};
    } catch (e) {
      throw new FlowLoadError(
        e instanceof ExpressionError ? invalidTemplate(flow.triggerName, 'inputs', e.message).message : String(e),
      );
    }
  }

  private get environmentName(): string {
    return this.options.environmentName ?? 'local';
  }

  private placeholderTrigger(
    flow: LoadedFlow,
    outputs: Record<string, unknown>,
    inputs?: unknown,
    scheduledTime?: string,
  ): TriggerRecord & { scheduledTime?: string } {
    const trig = this.triggerDef(flow);
    const now = this.clock.now().toISOString();
    const rec: TriggerRecord & { scheduledTime?: string } = {
      name: flow.triggerName,
      type: String(trig.type),
      status: 'Succeeded',
      outputs,
      startTime: now,
      endTime: now,
    };
    if (trig.kind) rec.kind = trig.kind;
    if (inputs !== undefined) rec.inputs = inputs;
    if (scheduledTime) rec.scheduledTime = scheduledTime;
    return rec;
  }

  private async fireSplit(flow: LoadedFlow, outputs: Record<string, unknown>): Promise<FlowRun[]> {
    const trig = this.triggerDef(flow);
    if (typeof trig.splitOn !== 'string') {
      const run = await this.fire(flow, outputs);
      return run ? [run] : [];
    }
    const probe = newRunState(
      flow,
      'trigger',
      this.placeholderTrigger(flow, outputs),
      this.services,
      0,
      this.environmentName,
    );
    let items: unknown;
    try {
      items = evaluateTemplate(trig.splitOn, createHost(probe, undefined, { actionName: flow.triggerName }));
    } catch (e) {
      this.triggerHistory.push({
        flowId: flow.id,
        time: this.clock.now().toISOString(),
        status: 'Failed',
        reason:
          e instanceof ExpressionError ? invalidTemplate(flow.triggerName, 'splitOn', e.message).message : String(e),
      });
      return [];
    }
    if (!Array.isArray(items)) {
      this.triggerHistory.push({
        flowId: flow.id,
        time: this.clock.now().toISOString(),
        status: 'Failed',
        reason: `The 'splitOn' expression of trigger '${flow.triggerName}' did not evaluate to an array.`,
      });
      return [];
    }
    const runs: FlowRun[] = [];
    for (const item of items) {
      const run = await this.fire(flow, { headers: outputs.headers ?? {}, body: item });
      if (run) runs.push(run);
    }
    return runs;
  }

  /** Evaluates trigger conditions on the candidate outputs and, when all hold, runs the flow. */
  private async fire(
    flow: LoadedFlow,
    outputs: Record<string, unknown>,
    inputs?: Record<string, unknown>,
    depth = 0,
    scheduledTime?: string,
  ): Promise<FlowRun | undefined> {
    const trig = this.triggerDef(flow);
    const runId = `08584${String(++this.runSeq).padStart(15, '0')}CU00`;
    const triggerRecord = this.placeholderTrigger(flow, outputs, inputs, scheduledTime);
    if (inputs && Array.isArray(inputs.schemaWarnings))
      triggerRecord.schemaWarnings = inputs.schemaWarnings as string[];
    const state = newRunState(flow, runId, triggerRecord, this.services, depth, this.environmentName);
    const time = this.clock.now().toISOString();
    for (const [i, cond] of (Array.isArray(trig.conditions) ? trig.conditions : []).entries()) {
      let ok: unknown;
      try {
        ok = evaluateTemplate(
          isRecord(cond) ? cond.expression : cond,
          createHost(state, undefined, { actionName: flow.triggerName }),
        );
      } catch (e) {
        const reason =
          e instanceof ExpressionError
            ? invalidTemplate(flow.triggerName, `conditions[${i}]`, e.message).message
            : String(e);
        this.triggerHistory.push({ flowId: flow.id, time, status: 'Failed', reason });
        return undefined;
      }
      if (ok !== true) {
        this.triggerHistory.push({
          flowId: flow.id,
          time,
          status: 'Skipped',
          reason: `Trigger condition ${i} evaluated to ${JSON.stringify(ok)}.`,
        });
        return undefined;
      }
    }
    this.triggerHistory.push({ flowId: flow.id, time, status: 'Fired', runId });
    const run = await executeRun(state, this.services);
    this.runs.push(run);
    return run;
  }

  private async runChildFlow(
    reference: string,
    body: unknown,
    headers: Record<string, string>,
    depth: number,
  ): Promise<ChildFlowReply | string> {
    const flow = this.getFlow(reference);
    if (!flow)
      return `The child flow '${reference}' is not loaded in the runtime (load it with the workflow id as 'id').`;
    if (depth > (this.options.maxChildFlowDepth ?? 8))
      return `The child flow call depth exceeds ${this.options.maxChildFlowDepth ?? 8}.`;
    const outcome = await this.request(flow, { method: 'POST', body, headers }, depth);
    return { ...outcome.response, runId: outcome.run?.runId ?? '', runStatus: outcome.run?.status ?? 'NotStarted' };
  }
}

/** Loads a single flow into a fresh runtime and calls its trigger once with `input` (HTTP body / event body). */
export async function runFlow(
  flowJson: unknown,
  input: { body?: unknown; headers?: Record<string, string> } = {},
  options: FlowRuntimeOptions = {},
): Promise<FlowRun | undefined> {
  const runtime = new FlowRuntime(options);
  const flow = runtime.load(flowJson);
  const trig = (flow.definition.triggers ?? {})[flow.triggerName];
  if (trig.type === 'Request') return (await runtime.request(flow, input)).run;
  if (trig.type === 'Recurrence') return runtime.runRecurrence(flow);
  const runs = await runtime.trigger(flow, input);
  return runs[0];
}
