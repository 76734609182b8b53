import type {
  ConnectorRequest,
  ConnectorResponse,
  ManagedConnectorAdapter,
  TriggerEvent,
} from '../../../flows/runtime/connectors/types';
import {
  connectorCalls,
  FlowRuntime,
  lastAction,
  runFlow,
  VirtualClock,
  type HttpRequestSpec,
} from '../../../flows/runtime/engine';
import { manualFlow } from './helpers';

function flowWithTrigger(
  trigger: Record<string, unknown>,
  actions: Record<string, unknown>,
  connectionReferences: Record<string, unknown> = {},
) {
  return {
    properties: {
      connectionReferences,
      definition: {
        contentVersion: '1.0.0.0',
        parameters: { $authentication: { type: 'SecureObject', defaultValue: {} } },
        triggers: { Trigger: trigger },
        actions,
      },
    },
    schemaVersion: '1.0.0.0',
  };
}

describe('Request trigger and Response', () => {
  const schema = { type: 'object', properties: { recordId: { type: 'string' } }, required: ['recordId'] };

  it('exposes headers, body and queries, and returns the Response action reply', async () => {
    const runtime = new FlowRuntime();
    const flow = runtime.load(
      manualFlow(
        {
          Reply: {
            type: 'Response',
            kind: 'Http',
            inputs: {
              statusCode: 201,
              headers: { 'x-id': "@triggerBody()?['recordId']" },
              body: { q: "@triggerOutputs()?['queries']?['mode']", h: "@triggerOutputs()?['headers']?['x-source']" },
            },
          },
        },
        { schema },
      ),
    );
    const outcome = await runtime.request(flow, {
      body: { recordId: 'r-1' },
      headers: { 'x-source': 'crm' },
      queries: { mode: 'full' },
    });
    expect(outcome.response).toEqual({ statusCode: 201, headers: { 'x-id': 'r-1' }, body: { q: 'full', h: 'crm' } });
    expect(outcome.run?.trigger.schemaWarnings).toBeUndefined();
  });

  it('records schema mismatches as warnings by default and rejects them with EnableSchemaValidation', async () => {
    const runtime = new FlowRuntime();
    const lax = runtime.load(manualFlow({ C: { type: 'Compose', inputs: 1 } }, { schema }));
    const laxOutcome = await runtime.request(lax, { body: { other: 1 } });
    expect(laxOutcome.response.statusCode).toBe(202);
    expect(laxOutcome.run?.trigger.schemaWarnings).toEqual([
      '(root): Required properties are missing from object: recordId.',
    ]);

    const strictJson = manualFlow({ C: { type: 'Compose', inputs: 1 } }, { schema }) as {
      properties: { definition: { triggers: { manual: Record<string, unknown> } } };
    };
    strictJson.properties.definition.triggers.manual.operationOptions = 'EnableSchemaValidation';
    const strict = runtime.load(strictJson);
    const rejected = await runtime.request(strict, { body: { recordId: 5 } });
    expect(rejected.run).toBeUndefined();
    expect(rejected.response.statusCode).toBe(400);
    expect((rejected.response.body as { error: { code: string } }).error.code).toBe('TriggerInputSchemaMismatch');
  });

  it('answers 502 when the flow has a Response action that did not run', async () => {
    const runtime = new FlowRuntime();
    const flow = runtime.load(
      manualFlow({
        Boom: { type: 'Compose', inputs: '@div(1,0)' },
        Reply: { type: 'Response', inputs: { statusCode: 200 }, runAfter: { Boom: ['Succeeded'] } },
      }),
    );
    const outcome = await runtime.request(flow, { body: {} });
    expect(outcome.response.statusCode).toBe(502);
    expect(outcome.run?.status).toBe('Failed');
  });

  it('evaluates trigger conditions before a run starts', async () => {
    const json = manualFlow({ C: { type: 'Compose', inputs: 1 } }) as {
      properties: { definition: { triggers: { manual: Record<string, unknown> } } };
    };
    json.properties.definition.triggers.manual.conditions = [
      { expression: "@not(equals(triggerBody()?['modifiedBy'], 'integration'))" },
    ];
    const runtime = new FlowRuntime();
    const flow = runtime.load(json);
    const skipped = await runtime.request(flow, { body: { modifiedBy: 'integration' } });
    expect(skipped.run).toBeUndefined();
    expect(runtime.runs).toHaveLength(0);
    expect(runtime.triggerHistory[0]).toMatchObject({ status: 'Skipped' });
    const fired = await runtime.request(flow, { body: { modifiedBy: 'alice' } });
    expect(fired.run?.status).toBe('Succeeded');
  });
});

describe('Recurrence trigger', () => {
  it('fires on the virtual clock every interval', async () => {
    const clock = new VirtualClock('2026-05-01T00:00:00Z');
    const runtime = new FlowRuntime({ clock });
    runtime.load(
      flowWithTrigger(
        { type: 'Recurrence', recurrence: { frequency: 'Minute', interval: 15 } },
        { Now: { type: 'Compose', inputs: "@trigger()?['scheduledTime']" } },
      ),
    );
    const runs = await runtime.advanceTo('2026-05-01T01:00:00Z');
    expect(runs.map((r) => lastAction(r, 'Now')?.outputs)).toEqual([
      '2026-05-01T00:00:00.000Z',
      '2026-05-01T00:15:00.000Z',
      '2026-05-01T00:30:00.000Z',
      '2026-05-01T00:45:00.000Z',
      '2026-05-01T01:00:00.000Z',
    ]);
    expect(clock.now().toISOString()).toBe('2026-05-01T01:00:00.000Z');
  });

  it('runFlow fires a Recurrence flow once', async () => {
    const run = await runFlow(
      flowWithTrigger(
        { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1 } },
        { C: { type: 'Compose', inputs: 'x' } },
      ),
    );
    expect(run?.status).toBe('Succeeded');
  });
});

const DV = 'shared_commondataserviceforapps';
const SF = 'shared_salesforce';
const refs = {
  [DV]: {
    runtimeSource: 'embedded',
    connection: { connectionReferenceLogicalName: 'cs_Dataverse' },
    api: { name: DV },
  },
  [SF]: {
    runtimeSource: 'embedded',
    connection: { connectionReferenceLogicalName: 'cs_Salesforce' },
    api: { name: SF },
  },
};

class FakeTriggers implements ManagedConnectorAdapter {
  listeners: ((e: TriggerEvent) => void)[] = [];
  subscribed: { operationId: string; parameters: Record<string, unknown> }[] = [];
  polls: unknown[] = [];
  pages: unknown[][] = [];
  constructor(readonly apiName: string) {}
  async invoke(_r: ConnectorRequest): Promise<ConnectorResponse> {
    return { statusCode: 200, headers: {}, body: null };
  }
  subscribe(operationId: string, parameters: Record<string, unknown>, onEvent: (e: TriggerEvent) => void): () => void {
    this.subscribed.push({ operationId, parameters });
    this.listeners.push(onEvent);
    return () => (this.listeners = this.listeners.filter((l) => l !== onEvent));
  }
  async poll(_operationId: string, _parameters: Record<string, unknown>, state: unknown) {
    this.polls.push(state);
    const n = typeof state === 'number' ? state : 0;
    return { items: this.pages[n] ?? [], state: n + 1 };
  }
}

describe('connector triggers', () => {
  it('subscribes a Dataverse webhook trigger and runs once per event, honouring conditions', async () => {
    const adapter = new FakeTriggers(DV);
    const runtime = new FlowRuntime({ adapters: [adapter] });
    const flow = runtime.load(
      flowWithTrigger(
        {
          type: 'OpenApiConnectionWebhook',
          inputs: {
            host: {
              apiId: `/providers/Microsoft.PowerApps/apis/${DV}`,
              connectionName: DV,
              operationId: 'SubscribeWebhookTrigger',
            },
            parameters: { 'subscriptionRequest/message': 3, 'subscriptionRequest/entityname': 'opportunity' },
          },
          conditions: [{ expression: "@not(equals(triggerOutputs()?['body/_modifiedby_value'], 'sync-user'))" }],
        },
        { Name: { type: 'Compose', inputs: "@triggerOutputs()?['body/name']" } },
        refs,
      ),
    );
    const off = runtime.activate(flow);
    expect(adapter.subscribed).toEqual([
      {
        operationId: 'SubscribeWebhookTrigger',
        parameters: { 'subscriptionRequest/message': 3, 'subscriptionRequest/entityname': 'opportunity' },
      },
    ]);
    adapter.listeners.forEach((l) => l({ body: { name: 'Deal A', _modifiedby_value: 'alice' } }));
    adapter.listeners.forEach((l) => l({ body: { name: 'Deal B', _modifiedby_value: 'sync-user' } }));
    await runtime.idle();
    expect(runtime.runs.map((r) => lastAction(r, 'Name')?.outputs)).toEqual(['Deal A']);
    off();
    expect(adapter.listeners).toHaveLength(0);
  });

  it('polls a Salesforce trigger with splitOn, one run per item', async () => {
    const adapter = new FakeTriggers(SF);
    adapter.pages = [
      [
        { Id: '1', LastModifiedById: 'u1' },
        { Id: '2', LastModifiedById: 'integration' },
        { Id: '3', LastModifiedById: 'u2' },
      ],
      [],
    ];
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    const runtime = new FlowRuntime({ adapters: [adapter], clock });
    runtime.load(
      flowWithTrigger(
        {
          type: 'OpenApiConnection',
          inputs: {
            host: {
              apiId: `/providers/Microsoft.PowerApps/apis/${SF}`,
              connectionName: SF,
              operationId: 'GetOnUpdatedItems',
            },
            parameters: { table: 'Opportunity' },
          },
          recurrence: { frequency: 'Minute', interval: 3 },
          splitOn: "@triggerOutputs()?['body/value']",
          conditions: [{ expression: "@not(equals(triggerOutputs()?['body/LastModifiedById'], 'integration'))" }],
        },
        { Id: { type: 'Compose', inputs: "@triggerBody()?['Id']" } },
        refs,
      ),
    );
    const runs = await runtime.advanceTo('2026-01-01T00:03:00Z');
    expect(runs.map((r) => lastAction(r, 'Id')?.outputs)).toEqual(['1', '3']);
    expect(adapter.polls).toEqual([undefined, 1]);
    expect(runtime.triggerHistory.map((t) => t.status)).toEqual(['Fired', 'Skipped', 'Fired', 'Skipped']);
  });
});

describe('Http action and child flows', () => {
  it('sends Http actions through the injected transport', async () => {
    const sent: HttpRequestSpec[] = [];
    const runtime = new FlowRuntime({
      sendHttp: async (r) => (
        sent.push(r),
        { statusCode: 200, headers: { 'content-type': 'application/json' }, body: { ok: 1 } }
      ),
    });
    const flow = runtime.load(
      manualFlow({
        Call: {
          type: 'Http',
          inputs: {
            method: 'post',
            uri: 'http://127.0.0.1:9/hook',
            queries: { a: 'b c' },
            headers: { 'x-k': 1 },
            body: { v: "@triggerBody()?['v']" },
          },
        },
      }),
    );
    const { run } = await runtime.request(flow, { body: { v: 3 } });
    expect(sent).toEqual([
      { method: 'POST', url: 'http://127.0.0.1:9/hook?a=b+c', headers: { 'x-k': '1' }, body: { v: 3 } },
    ]);
    expect(lastAction(run!, 'Call')?.outputs).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: { ok: 1 },
    });
  });

  it('calls a child flow by workflow id and reads its Response', async () => {
    const runtime = new FlowRuntime();
    runtime.load(
      manualFlow({
        Reply: {
          type: 'Response',
          kind: 'PowerApp',
          inputs: { statusCode: 200, body: { doubled: "@mul(triggerBody()?['n'], 2)" } },
        },
      }),
      { id: '5625768c-bd3d-ec11-8c63-00224829720b', name: 'Child' },
    );
    const parent = runtime.load(
      manualFlow({
        Run_a_Child_Flow: {
          type: 'Workflow',
          inputs: { host: { workflowReferenceName: '5625768c-bd3d-ec11-8c63-00224829720b' }, body: { n: 21 } },
        },
        Missing: { type: 'Workflow', inputs: { host: { workflowReferenceName: 'nope' }, body: {} } },
      }),
    );
    const { run } = await runtime.request(parent, { body: {} });
    expect(lastAction(run!, 'Run_a_Child_Flow')?.outputs).toMatchObject({ statusCode: 200, body: { doubled: 42 } });
    expect(lastAction(run!, 'Missing')?.code).toBe('WorkflowNotFound');
    expect(runtime.runs.map((r) => r.flowName)).toEqual(['Child', parent.name]);
  });

  it('stops a flow that calls itself at the depth limit', async () => {
    const runtime = new FlowRuntime({ maxChildFlowDepth: 3 });
    runtime.load(
      manualFlow({ Self: { type: 'Workflow', inputs: { host: { workflowReferenceName: 'loop' }, body: {} } } }),
      { id: 'loop' },
    );
    const { run } = await runtime.request(runtime.getFlow('loop')!, { body: {} });
    // Without a Response the caller gets 202 as soon as the child starts, so only the deepest run fails.
    expect(run?.status).toBe('Succeeded');
    expect(runtime.runs.length).toBe(4);
    expect(runtime.runs[0].status).toBe('Failed');
    expect(lastAction(runtime.runs[0], 'Self')?.error?.message).toBe('The child flow call depth exceeds 3.');
  });
});

describe('loading', () => {
  it('accepts a bare definition and rejects non-flows', async () => {
    const runtime = new FlowRuntime();
    const def = (manualFlow({ C: { type: 'Compose', inputs: 1 } }) as { properties: { definition: unknown } })
      .properties.definition;
    expect(runtime.load(def).triggerName).toBe('manual');
    expect(() => runtime.load({ hello: 1 })).toThrow('The value is not a flow');
    expect(() => runtime.load({ definition: { triggers: {}, actions: {} } })).toThrow('exactly one trigger');
    expect(() => runtime.load({ definition: { triggers: { t: null }, actions: {} } })).toThrow(
      "The trigger 't' must be an object with a 'type'.",
    );
  });
});

describe('Http asynchronous pattern, static results and cancellation', () => {
  it('polls a 202 + Location until done, waiting Retry-After on the virtual clock', async () => {
    const clock = new VirtualClock(0);
    const replies: ConnectorResponse[] = [
      { statusCode: 202, headers: { Location: '/status/1', 'Retry-After': '5' }, body: null },
      { statusCode: 202, headers: { location: 'http://127.0.0.1:9/status/1' }, body: null },
      { statusCode: 200, headers: {}, body: { done: true } },
    ];
    const urls: string[] = [];
    const runtime = new FlowRuntime({
      clock,
      sendHttp: async (r) => (urls.push(`${r.method} ${r.url}`), replies.shift()!),
    });
    const flow = runtime.load(
      manualFlow({ Start: { type: 'Http', inputs: { method: 'POST', uri: 'http://127.0.0.1:9/jobs' } } }),
    );
    const { run } = await runtime.request(flow, { body: {} });
    expect(urls).toEqual([
      'POST http://127.0.0.1:9/jobs',
      'GET http://127.0.0.1:9/status/1',
      'GET http://127.0.0.1:9/status/1',
    ]);
    expect(lastAction(run!, 'Start')?.outputs).toMatchObject({ statusCode: 200, body: { done: true } });
    expect(lastAction(run!, 'Start')?.billable).toBe(3);
    expect(clock.nowMs()).toBe(25_000);
  });

  it('returns the 202 as is with DisableAsyncPattern', async () => {
    const runtime = new FlowRuntime({
      sendHttp: async () => ({ statusCode: 202, headers: { location: 'http://127.0.0.1:9/s' }, body: null }),
    });
    const flow = runtime.load(
      manualFlow({
        Start: {
          type: 'Http',
          operationOptions: 'DisableAsyncPattern',
          inputs: { method: 'POST', uri: 'http://127.0.0.1:9/jobs' },
        },
      }),
    );
    const { run } = await runtime.request(flow, { body: {} });
    expect((lastAction(run!, 'Start')?.outputs as { statusCode: number }).statusCode).toBe(202);
  });

  it('uses staticResults when an action enables one', async () => {
    const json = manualFlow({
      Get: {
        type: 'OpenApiConnection',
        inputs: { host: { connectionName: 'shared_x', operationId: 'GetItem' } },
        runtimeConfiguration: { staticResult: { name: 'Get0', staticResultOptions: 'Enabled' } },
      },
      Use: { type: 'Compose', inputs: "@body('Get')?['name']", runAfter: { Get: ['Succeeded'] } },
    }) as { properties: { definition: Record<string, unknown> } };
    json.properties.definition.staticResults = {
      Get0: { status: 'Succeeded', outputs: { statusCode: 200, body: { name: 'Mocked' } } },
    };
    const runtime = new FlowRuntime();
    const { run } = await runtime.request(runtime.load(json), { body: {} });
    expect(lastAction(run!, 'Use')?.outputs).toBe('Mocked');
  });

  it('Terminate Cancelled cancels the run', async () => {
    const runtime = new FlowRuntime();
    const { run } = await runtime.request(
      runtime.load(manualFlow({ Stop: { type: 'Terminate', inputs: { runStatus: 'Cancelled' } } })),
      { body: {} },
    );
    expect(run?.status).toBe('Cancelled');
  });
});

describe('Recurrence schedules', () => {
  const fireTimes = async (recurrence: Record<string, unknown>, from: string, to: string) => {
    const runtime = new FlowRuntime({ clock: new VirtualClock(from) });
    runtime.load(flowWithTrigger({ type: 'Recurrence', recurrence }, { C: { type: 'Compose', inputs: 1 } }));
    return (await runtime.advanceTo(to)).map((r) => r.trigger.scheduledTime);
  };

  it('fires daily at the scheduled hours and minutes in the trigger time zone', async () => {
    const times = await fireTimes(
      {
        frequency: 'Day',
        interval: 1,
        timeZone: 'W. Europe Standard Time',
        startTime: '2026-03-27T00:00:00',
        schedule: { hours: ['9', '17'], minutes: [30] },
      },
      '2026-03-26T00:00:00Z',
      '2026-03-29T23:00:00Z',
    );
    // Clocks in Europe go forward on 2026-03-29: 09:30 local is 08:30 UTC before and 07:30 UTC after.
    expect(times).toEqual([
      '2026-03-27T08:30:00.000Z',
      '2026-03-27T16:30:00.000Z',
      '2026-03-28T08:30:00.000Z',
      '2026-03-28T16:30:00.000Z',
      '2026-03-29T07:30:00.000Z',
      '2026-03-29T15:30:00.000Z',
    ]);
  });

  it('fires weekly on the listed week days, every other week', async () => {
    const times = await fireTimes(
      {
        frequency: 'Week',
        interval: 2,
        startTime: '2026-06-01T00:00:00Z',
        schedule: { weekDays: ['Monday', 'Friday'], hours: [6], minutes: [0] },
      },
      '2026-06-01T00:00:00Z',
      '2026-06-30T00:00:00Z',
    );
    expect(times).toEqual([
      '2026-06-01T06:00:00.000Z',
      '2026-06-05T06:00:00.000Z',
      '2026-06-15T06:00:00.000Z',
      '2026-06-19T06:00:00.000Z',
      '2026-06-29T06:00:00.000Z',
    ]);
  });

  it('resumes from now when the start time is in the past, and keeps monthly dates', async () => {
    const times = await fireTimes(
      { frequency: 'Month', interval: 1, startTime: '2025-01-15T12:00:00Z' },
      '2026-02-01T00:00:00Z',
      '2026-05-01T00:00:00Z',
    );
    expect(times).toEqual(['2026-02-15T12:00:00.000Z', '2026-03-15T12:00:00.000Z', '2026-04-15T12:00:00.000Z']);
  });
});

describe('debatched requests and connector call queries', () => {
  it('starts one run per item for a Request trigger with splitOn and answers 202', async () => {
    const json = manualFlow({ C: { type: 'Compose', inputs: "@triggerBody()?['id']" } }) as {
      properties: { definition: { triggers: { manual: Record<string, unknown> } } };
    };
    json.properties.definition.triggers.manual.splitOn = "@triggerBody()?['rows']";
    const runtime = new FlowRuntime();
    const outcome = await runtime.request(runtime.load(json), { body: { rows: [{ id: 1 }, { id: 2 }] } });
    expect(outcome.response.statusCode).toBe(202);
    expect(outcome.runs?.map((r) => lastAction(r, 'C')?.outputs)).toEqual([1, 2]);
  });

  it('lists the connector calls a run made', async () => {
    const adapter: ManagedConnectorAdapter = {
      apiName: DV,
      invoke: async () => ({ statusCode: 204, headers: {}, body: null }),
    };
    const runtime = new FlowRuntime({ adapters: [adapter] });
    const flow = runtime.load(
      manualFlow(
        {
          Update: {
            type: 'OpenApiConnection',
            inputs: {
              host: { connectionName: DV, operationId: 'UpdateRecord' },
              parameters: { entityName: 'accounts', recordId: '1', 'item/name': 'X' },
            },
          },
          Never: {
            type: 'OpenApiConnection',
            runAfter: { Update: ['Failed'] },
            inputs: { host: { connectionName: DV, operationId: 'DeleteRecord' }, parameters: {} },
          },
        },
        { connectionReferences: refs },
      ),
    );
    const { run } = await runtime.request(flow, { body: {} });
    expect(connectorCalls(run!)).toEqual([
      {
        action: 'Update',
        connectionName: DV,
        operationId: 'UpdateRecord',
        parameters: { entityName: 'accounts', recordId: '1', 'item/name': 'X' },
        status: 'Succeeded',
        statusCode: 204,
      },
    ]);
    expect(connectorCalls(run!, 'DeleteRecord')).toEqual([]);
  });
});
