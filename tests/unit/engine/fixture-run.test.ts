import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  ConnectorRequest,
  ConnectorResponse,
  ManagedConnectorAdapter,
  TriggerEvent,
} from '../../../flows/runtime/connectors/types';
import { actionRecords, FlowRuntime, formatTrace, lastAction } from '../../../flows/runtime/engine';
import { runManual } from './helpers';

const flowJson = JSON.parse(readFileSync(join(__dirname, '../../fixtures/flows/lint/valid.json'), 'utf8')) as unknown;
const DV = 'shared_commondataserviceforapps';
const CU = 'shared_cs-5freferrals-5f0123456789abcdef';

class Dataverse implements ManagedConnectorAdapter {
  readonly apiName = DV;
  emit: ((e: TriggerEvent) => void) | undefined;
  async invoke(r: ConnectorRequest): Promise<ConnectorResponse> {
    return { statusCode: 200, headers: {}, body: { opportunityid: r.parameters.recordId, cs_referralid: 'ref-1' } };
  }
  subscribe(_op: string, _p: Record<string, unknown>, onEvent: (e: TriggerEvent) => void) {
    this.emit = onEvent;
    return () => (this.emit = undefined);
  }
}

/** Serves the custom connector's API name from memory (status flips to Active on the 3rd check). */
class Referrals implements ManagedConnectorAdapter {
  readonly apiName = CU;
  checks = 0;
  constructor(private readonly contacts: unknown[]) {}
  async invoke(r: ConnectorRequest): Promise<ConnectorResponse> {
    if (r.parameters.Accept)
      return { statusCode: 200, headers: {}, body: { id: r.parameters.id, contacts: this.contacts } };
    this.checks++;
    return { statusCode: 200, headers: {}, body: { status: this.checks >= 3 ? 'Active' : 'New' } };
  }
}

describe('the lint fixture flow runs end to end', () => {
  it('runs the try scope, loops, until and skips the catch', async () => {
    const dv = new Dataverse();
    const runtime = new FlowRuntime({
      adapters: [
        dv,
        new Referrals([
          { name: 'Ann', email: 'a@x' },
          { name: 'Bob', email: '' },
        ]),
      ],
      parameters: { cs_IntegrationUserId: 'sync' },
    });
    runtime.activate(runtime.load(flowJson, { name: 'Sync opportunity' }));
    dv.emit!({ body: { opportunityid: 'opp-1', _modifiedby_value: 'alice' } });
    dv.emit!({ body: { opportunityid: 'opp-2', _modifiedby_value: 'sync' } });
    await runtime.idle();
    expect(runtime.runs).toHaveLength(1);
    const run = runtime.runs[0];
    expect(run.status).toBe('Succeeded');
    expect(run.variables.errors).toEqual(['Bob']);
    expect(lastAction(run, 'Poll_status')?.iterations).toBe(3);
    expect(actionRecords(run, 'Note_missing_email')).toHaveLength(2);
    expect(actionRecords(run, 'Note_missing_email').map((r) => r.status)).toEqual(['Skipped', 'Succeeded']);
    expect(lastAction(run, 'Catch')?.status).toBe('Skipped');
    expect(formatTrace(run)).toContain('- Poll_status [Until] Succeeded iterations=3');
  });

  it('runs the catch scope and Terminate when a connector call fails', async () => {
    const dv = new Dataverse();
    const failing: ManagedConnectorAdapter = {
      apiName: CU,
      invoke: async () => ({ statusCode: 404, headers: {}, body: { error: { message: 'No referral' } } }),
    };
    const runtime = new FlowRuntime({ adapters: [dv, failing] });
    runtime.activate(runtime.load(flowJson));
    dv.emit!({ body: { opportunityid: 'opp-1', _modifiedby_value: 'alice' } });
    await runtime.idle();
    const run = runtime.runs[0];
    expect(lastAction(run, 'Get_referral')?.code).toBe('NotFound');
    expect(lastAction(run, 'Try')?.status).toBe('Failed');
    expect(
      (lastAction(run, 'Failed_actions')?.outputs as { body: { name: string }[] }).body.map((b) => b.name),
    ).toEqual(['Get_referral']);
    expect(run.status).toBe('Failed');
    expect(run.error).toEqual({ code: 'SyncFailed', message: '1 action(s) failed; first error ' });
  });
});

describe('malformed definitions never make the engine throw', () => {
  it.each([
    ['an action that is a string', { A: 'Compose' }],
    ['an action without type', { A: { inputs: 1 } }],
    ['a runAfter that is not an object', { A: { type: 'Compose', inputs: 1, runAfter: 'B' } }],
    ['a container whose actions is not an object', { S: { type: 'Scope', actions: 'x' } }],
    ['variables that are not an array', { V: { type: 'InitializeVariable', inputs: { variables: 'x' } } }],
    ['an unparsable expression', { A: { type: 'Compose', inputs: "@concat('a'" } }],
    ['a Switch without cases', { S: { type: 'Switch', expression: '@1' } }],
    [
      'an Until with a bad timeout',
      { U: { type: 'Until', expression: '@true', limit: { timeout: 'soon' }, actions: {} } },
    ],
  ])('%s', async (_label, actions) => {
    const { run } = await runManual(actions as Record<string, unknown>);
    expect(['Succeeded', 'Failed']).toContain(run.status);
    for (const a of run.actions) if (a.status === 'Failed') expect(a.code).toMatch(/^[A-Z][A-Za-z]+$/);
  });
});
