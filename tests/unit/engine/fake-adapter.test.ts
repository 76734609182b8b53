import { FakeConnectorAdapter } from '../../../flows/runtime/connectors/fake-adapter';
import { connectorCalls, FlowRuntime, lastAction } from '../../../flows/runtime/engine';

const DV = 'shared_commondataserviceforapps';
const refs = {
  [DV]: {
    runtimeSource: 'embedded',
    connection: { connectionReferenceLogicalName: 'cs_Dataverse' },
    api: { name: DV },
  },
};

function webhookFlow() {
  return {
    properties: {
      connectionReferences: refs,
      definition: {
        triggers: {
          When_a_row_is_modified: {
            type: 'OpenApiConnectionWebhook',
            inputs: {
              host: { connectionName: DV, operationId: 'SubscribeWebhookTrigger' },
              parameters: { 'subscriptionRequest/message': 3 },
            },
          },
        },
        actions: {
          Get: {
            type: 'OpenApiConnection',
            inputs: {
              host: { connectionName: DV, operationId: 'GetItem' },
              parameters: { entityName: 'accounts', recordId: "@triggerOutputs()?['body/accountid']" },
            },
          },
          Missing: {
            type: 'OpenApiConnection',
            runAfter: { Get: ['Succeeded'] },
            retryPolicy: { type: 'none' },
            inputs: { host: { connectionName: DV, operationId: 'Nope' }, parameters: {} },
          },
        },
      },
    },
  };
}

describe('FakeConnectorAdapter', () => {
  it('answers by operationId, records calls, delivers webhook events and 404s unknown operations', async () => {
    const fake = new FakeConnectorAdapter(DV).on('GetItem', (p) => ({
      statusCode: 200,
      headers: {},
      body: { accountid: p.recordId, name: 'Contoso' },
    }));
    const runtime = new FlowRuntime({ adapters: [fake] });
    runtime.activate(runtime.load(webhookFlow()));
    expect(fake.subscriptions).toEqual([
      { operationId: 'SubscribeWebhookTrigger', parameters: { 'subscriptionRequest/message': 3 } },
    ]);
    fake.emit({ body: { accountid: 'a1' } });
    await runtime.idle();
    const run = runtime.runs[0];
    expect(fake.callsOf('GetItem').map((c) => c.parameters.recordId)).toEqual(['a1']);
    expect(connectorCalls(run, 'GetItem')[0].statusCode).toBe(200);
    expect(lastAction(run, 'Missing')?.code).toBe('NotFound');
  });
});
