import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildConnectorRequest } from '../../../flows/runtime/connectors/custom-connector';
import { apiNameFromId, resolveConnection } from '../../../flows/runtime/connectors/dispatch';
import type { SwaggerDocument } from '../../../flows/runtime/connectors/swagger';
import type {
  ConnectorRequest,
  ConnectorResponse,
  ManagedConnectorAdapter,
} from '../../../flows/runtime/connectors/types';
import { lastAction, VirtualClock } from '../../../flows/runtime/engine';
import { runManual } from './helpers';

const swagger = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/flows/connectors/referrals.swagger.json'), 'utf8'),
) as SwaggerDocument;

const CUSTOM_API = 'shared_cs-5freferrals-5f0123456789abcdef';
const customRefs = {
  [CUSTOM_API]: {
    runtimeSource: 'embedded',
    connection: { connectionReferenceLogicalName: 'cs_Referrals' },
    api: { name: CUSTOM_API, logicalName: 'cs_5Freferrals' },
  },
};

function op(operationId: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'OpenApiConnection',
    inputs: {
      host: { apiId: '', connectionName: CUSTOM_API, operationId },
      parameters,
      authentication: "@parameters('$authentication')",
    },
    ...extra,
  };
}

describe('custom connector request building', () => {
  it('builds path, query (with internal defaults), header and flattened body', () => {
    const get = buildConnectorRequest(swagger, 'GetReferral', {
      id: 'a/b',
      $select: 'name',
      Accept: 'application/json',
    });
    expect(get).toEqual({
      method: 'GET',
      path: '/v1.0/engagements/referrals/a%2Fb',
      query: [
        ['api-version', '2024-01-01'],
        ['$select', 'name'],
      ],
      headers: { Accept: 'application/json' },
      body: undefined,
    });
    const create = buildConnectorRequest(swagger, 'CreateReferral', {
      'body/name': 'Deal',
      'body/customerProfile/address/country': 'US',
    });
    expect(create).toMatchObject({
      method: 'POST',
      path: '/v1.0/engagements/referrals',
      body: { name: 'Deal', type: 'Shared', customerProfile: { address: { country: 'US' } } },
    });
    const byName = buildConnectorRequest(swagger, 'CreateReferral', { referral: { name: 'X' } });
    expect(byName).toMatchObject({ body: { name: 'X', type: 'Shared' } });
    const list = buildConnectorRequest(swagger, 'ListReferrals', { status: ['New', 'Active'] });
    expect(list).toMatchObject({ query: [['status', 'New,Active']] });
  });

  it('reports unknown operations and missing required parameters', () => {
    expect(buildConnectorRequest(swagger, 'Nope', {})).toBe(
      "The operation 'Nope' is not defined in the connector's OpenAPI definition.",
    );
    expect(buildConnectorRequest(swagger, 'UpdateReferral', { id: '1', body: {} })).toBe(
      "The header parameter 'If-Match' of operation 'UpdateReferral' is required.",
    );
  });

  it('maps connection names to API names', () => {
    expect(apiNameFromId('/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps')).toBe(
      'shared_commondataserviceforapps',
    );
    expect(resolveConnection({ connectionName: CUSTOM_API, operationId: 'x' }, customRefs)).toEqual({
      apiName: CUSTOM_API,
      logicalName: 'cs_5Freferrals',
      connectionName: 'cs_Referrals',
    });
    expect(() => resolveConnection({ connectionName: 'shared_missing' }, customRefs)).toThrow(
      "The connection 'shared_missing' is not declared in the flow's connectionReferences.",
    );
  });
});

describe('custom connector dispatch over HTTP', () => {
  let server: Server;
  let baseUrl: string;
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.url?.startsWith('/v1.0/engagements/referrals/missing')) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'NotFound', message: 'Referral missing was not found.' } }));
          return;
        }
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'x-request-id': 'r1' });
        res.end(JSON.stringify({ id: 'r1', echo: body ? JSON.parse(body) : null }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the operation to the sandbox and returns status, headers and body', async () => {
    const { run } = await runManual(
      {
        Create: op('CreateReferral', { 'body/name': "@triggerBody()?['name']" }),
        Id: { type: 'Compose', inputs: "@outputs('Create')?['body/id']", runAfter: { Create: ['Succeeded'] } },
      },
      { name: 'Big deal' },
      {
        customConnectors: [
          { names: ['cs_5Freferrals'], definition: swagger, baseUrl, headers: { Authorization: 'Bearer sandbox' } },
        ],
      },
      { connectionReferences: customRefs },
    );
    expect(run.status).toBe('Succeeded');
    const create = lastAction(run, 'Create')!;
    expect(create.outputs).toMatchObject({
      statusCode: 201,
      headers: { 'x-request-id': 'r1' },
      body: { id: 'r1', echo: { name: 'Big deal', type: 'Shared' } },
    });
    expect(lastAction(run, 'Id')?.outputs).toBe('r1');
    const req = seen[seen.length - 1];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1.0/engagements/referrals');
    expect(req.headers.authorization).toBe('Bearer sandbox');
    expect(req.headers['content-type']).toBe('application/json');
  });

  it('fails the action with the status code on a non-2xx response, without retrying 404', async () => {
    const before = seen.length;
    const { run } = await runManual(
      { Get: op('GetReferral', { id: 'missing' }) },
      {},
      { customConnectors: [{ names: [CUSTOM_API], definition: swagger, baseUrl }] },
      { connectionReferences: customRefs },
    );
    const get = lastAction(run, 'Get')!;
    expect(get.status).toBe('Failed');
    expect(get.code).toBe('NotFound');
    expect(get.error?.message).toBe('Referral missing was not found.');
    expect((get.outputs as { statusCode: number }).statusCode).toBe(404);
    expect(get.retries).toBe(0);
    expect(seen.length - before).toBe(1);
    expect(seen[seen.length - 1].url).toBe('/v1.0/engagements/referrals/missing?api-version=2024-01-01');
  });

  it('fails with a clear code when the operation or the connector is unknown', async () => {
    const opts = { customConnectors: [{ names: [CUSTOM_API], definition: swagger, baseUrl }] };
    const { run } = await runManual({ X: op('DoesNotExist', {}) }, {}, opts, { connectionReferences: customRefs });
    expect(lastAction(run, 'X')?.code).toBe('InvalidConnectorOperation');
    const none = await runManual({ X: op('GetReferral', { id: '1' }) }, {}, {}, { connectionReferences: customRefs });
    expect(lastAction(none.run, 'X')?.code).toBe('ConnectorNotRegistered');
  });
});

/** A managed connector fake that answers from a script of responses and records calls. */
class ScriptedAdapter implements ManagedConnectorAdapter {
  readonly calls: ConnectorRequest[] = [];
  constructor(
    readonly apiName: string,
    private readonly script: ConnectorResponse[],
  ) {}
  async invoke(request: ConnectorRequest): Promise<ConnectorResponse> {
    this.calls.push(request);
    return this.script.length > 1 ? this.script.shift()! : this.script[0];
  }
}

const DV = 'shared_commondataserviceforapps';
const dvRefs = {
  [DV]: {
    runtimeSource: 'embedded',
    connection: { connectionReferenceLogicalName: 'cs_Dataverse' },
    api: { name: DV },
  },
};
function dvOp(operationId: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    type: 'OpenApiConnection',
    inputs: {
      host: { apiId: `/providers/Microsoft.PowerApps/apis/${DV}`, connectionName: DV, operationId },
      parameters,
    },
    ...extra,
  };
}

describe('managed connectors and retry policies', () => {
  it('dispatches by API name with the connection reference logical name', async () => {
    const adapter = new ScriptedAdapter(DV, [{ statusCode: 200, headers: {}, body: { value: [{ name: 'Contoso' }] } }]);
    const { run } = await runManual(
      { List: dvOp('ListRecords', { entityName: 'accounts', $top: 1 }) },
      {},
      { adapters: [adapter] },
      { connectionReferences: dvRefs },
    );
    expect(run.status).toBe('Succeeded');
    expect(adapter.calls).toEqual([
      {
        apiName: DV,
        connectionName: 'cs_Dataverse',
        operationId: 'ListRecords',
        parameters: { entityName: 'accounts', $top: 1 },
      },
    ]);
    expect(lastAction(run, 'List')?.outputs).toEqual({
      statusCode: 200,
      headers: {},
      body: { value: [{ name: 'Contoso' }] },
    });
  });

  it('honours Retry-After on 429, advancing the virtual clock and counting retries as billable', async () => {
    const clock = new VirtualClock('2026-03-01T00:00:00Z');
    const adapter = new ScriptedAdapter(DV, [
      { statusCode: 429, headers: { 'Retry-After': '30' }, body: { error: { message: 'Rate limit' } } },
      { statusCode: 429, headers: { 'retry-after': '12' }, body: {} },
      { statusCode: 200, headers: {}, body: { ok: true } },
    ]);
    const { run } = await runManual(
      { Get: dvOp('GetItem', { entityName: 'accounts', recordId: '1' }) },
      {},
      { adapters: [adapter], clock },
      { connectionReferences: dvRefs },
    );
    const get = lastAction(run, 'Get')!;
    expect(get.status).toBe('Succeeded');
    expect(get.retries).toBe(2);
    expect(get.billable).toBe(3);
    expect(run.billableActions).toBe(1 + 3);
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:42.000Z');
    expect(Date.parse(get.endTime) - Date.parse(get.startTime)).toBe(42_000);
  });

  it('uses the default exponential policy (4 retries, 7.5 s scale) and then fails', async () => {
    const clock = new VirtualClock(0);
    const adapter = new ScriptedAdapter(DV, [{ statusCode: 503, headers: {}, body: {} }]);
    const { run } = await runManual(
      { Get: dvOp('GetItem', {}) },
      {},
      { adapters: [adapter], clock },
      { connectionReferences: dvRefs },
    );
    const get = lastAction(run, 'Get')!;
    expect(get.status).toBe('Failed');
    expect(get.code).toBe('ServiceUnavailable');
    expect(get.retries).toBe(4);
    expect(adapter.calls).toHaveLength(5);
    expect(clock.nowMs()).toBe(7_500 + 15_000 + 30_000 + 45_000);
  });

  it('supports none and fixed policies with ISO 8601 intervals', async () => {
    const none = new ScriptedAdapter(DV, [{ statusCode: 500, headers: {}, body: {} }]);
    const r1 = await runManual(
      { Get: dvOp('GetItem', {}, { retryPolicy: { type: 'none' } }) },
      {},
      { adapters: [none] },
      { connectionReferences: dvRefs },
    );
    expect(none.calls).toHaveLength(1);
    expect(lastAction(r1.run, 'Get')?.retries).toBe(0);

    const clock = new VirtualClock(0);
    const fixed = new ScriptedAdapter(DV, [
      { statusCode: 408, headers: {}, body: {} },
      { statusCode: 502, headers: {}, body: {} },
      { statusCode: 200, headers: {}, body: 1 },
    ]);
    const r2 = await runManual(
      { Get: dvOp('GetItem', {}, { retryPolicy: { type: 'fixed', count: 3, interval: 'PT20S' } }) },
      {},
      { adapters: [fixed], clock },
      { connectionReferences: dvRefs },
    );
    expect(lastAction(r2.run, 'Get')?.status).toBe('Succeeded');
    expect(clock.nowMs()).toBe(40_000);

    const clock3 = new VirtualClock(0);
    const expo = new ScriptedAdapter(DV, [{ statusCode: 500, headers: {}, body: {} }]);
    await runManual(
      {
        Get: dvOp(
          'GetItem',
          {},
          { retryPolicy: { type: 'exponential', count: 3, interval: 'PT10S', maximumInterval: 'PT25S' } },
        ),
      },
      {},
      { adapters: [expo], clock: clock3 },
      { connectionReferences: dvRefs },
    );
    expect(clock3.nowMs()).toBe(10_000 + 20_000 + 25_000);
  });

  it('fails on an invalid retry policy and does not retry 400', async () => {
    const a = new ScriptedAdapter(DV, [{ statusCode: 400, headers: {}, body: { message: 'bad' } }]);
    const { run } = await runManual(
      {
        Bad: dvOp('GetItem', {}, { retryPolicy: { type: 'fixed', count: 2, interval: 'PT1S' } }),
        Plain: dvOp('GetItem', {}),
      },
      {},
      { adapters: [a] },
      { connectionReferences: dvRefs },
    );
    expect(lastAction(run, 'Bad')?.code).toBe('InvalidTemplate');
    expect(lastAction(run, 'Plain')?.code).toBe('BadRequest');
    expect(lastAction(run, 'Plain')?.retries).toBe(0);
  });

  it('fails an action whose connection name is not declared', async () => {
    const { run } = await runManual({ Get: dvOp('GetItem', {}) }, {}, {}, { connectionReferences: {} });
    expect(lastAction(run, 'Get')?.code).toBe('InvalidConnectionReference');
  });

  it('turns a throwing adapter into a 502 failure instead of crashing the run', async () => {
    const adapter: ManagedConnectorAdapter = {
      apiName: DV,
      invoke: async () => {
        throw new Error('boom');
      },
    };
    const { run } = await runManual(
      { Get: dvOp('GetItem', {}, { retryPolicy: { type: 'none' } }) },
      {},
      { adapters: [adapter] },
      { connectionReferences: dvRefs },
    );
    expect(lastAction(run, 'Get')?.code).toBe('BadGateway');
    expect(run.status).toBe('Failed');
  });
});

describe('action timeouts', () => {
  it('ends an action TimedOut at its limit.timeout when retries run past it', async () => {
    const clock = new VirtualClock(0);
    const adapter = new ScriptedAdapter(DV, [{ statusCode: 503, headers: { 'retry-after': '40' }, body: {} }]);
    const { run } = await runManual(
      {
        Get: dvOp('GetItem', {}, { limit: { timeout: 'PT1M' } }),
        OnTimeout: { type: 'Compose', inputs: "@actions('Get')?['status']", runAfter: { Get: ['TimedOut'] } },
      },
      {},
      { adapters: [adapter], clock },
      { connectionReferences: dvRefs },
    );
    expect(lastAction(run, 'Get')?.status).toBe('TimedOut');
    expect(lastAction(run, 'Get')?.code).toBe('ActionTimedOut');
    expect(lastAction(run, 'OnTimeout')?.outputs).toBe('TimedOut');
    expect(clock.nowMs()).toBe(60_000);
    // Attempts at 0 s and 40 s; the retry due at 80 s would start after the timeout and is not sent.
    expect(adapter.calls).toHaveLength(2);
    expect(lastAction(run, 'Get')?.billable).toBe(2);
  });
});
