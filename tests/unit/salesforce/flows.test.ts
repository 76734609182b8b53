import { connectorArtifacts, generateConnectors } from '../../../connector/generator';
import { defaultConfig } from '../../../scripts/lib/config';
import { UserError } from '../../../scripts/lib/user-error';
import type { Artifact, BuildContext } from '../../../scripts/pipeline/types';
import { FIELD_MAPPING, validateMapping } from '../../../flows/mapping';
import {
  generateSalesforceFlows,
  salesforceCatalog,
  salesforceFlowsStep,
  SF_FLOWS,
  sfContext,
} from '../../../flows/salesforce';
import { salesforceModel } from '../../../solution/salesforce';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

const config = defaultConfig('1.0.0');
const ctx = sfContext(config);
const flows = generateSalesforceFlows(config);
const byFile = Object.fromEntries(flows.map((f) => [f.file, f.json])) as Record<string, Loose>;

/** Every OpenApiConnection action in a definition, recursively. */
function connectorActions(
  actions: Record<string, Loose>,
): { name: string; op: string; params: Record<string, unknown> }[] {
  return Object.entries(actions ?? {}).flatMap(([name, a]) => [
    ...(a.type === 'OpenApiConnection'
      ? [{ name, op: a.inputs.host.operationId as string, params: a.inputs.parameters as Record<string, unknown> }]
      : []),
    ...connectorActions(a.actions),
    ...connectorActions(a.else?.actions),
  ]);
}

const SALESFORCE_OPERATIONS = ['GetItems', 'GetItem_V2', 'PostItem_V2', 'PatchItem_V3', 'PatchItemByExternalIdV2'];

describe('Salesforce flows', () => {
  it('are the six flows of the documented set, in turn-on order', () => {
    expect(SF_FLOWS.map((f) => f.file)).toEqual([
      'webhook-registration',
      'create-referral',
      'partner-center-to-salesforce',
      'opportunity-to-partner-center',
      'solutions-to-partner-center',
      'reconciliation',
    ]);
  });

  it('poll "When a record is modified" on Opportunity, one run per record, never for the integration user', () => {
    for (const file of ['create-referral', 'opportunity-to-partner-center']) {
      const [trigger] = Object.values(byFile[file].properties.definition.triggers) as Loose[];
      expect(trigger).toMatchObject({
        type: 'OpenApiConnection',
        inputs: { host: { operationId: 'GetOnUpdatedItems' }, parameters: { table: 'Opportunity' } },
        recurrence: { frequency: 'Minute', interval: ctx.pollMinutes },
        splitOn: "@triggerOutputs()?['body/value']",
      });
      const condition = trigger.conditions[0].expression as string;
      expect(condition).toContain(
        `not(equals(triggerBody()?['LastModifiedById'], parameters('${ctx.env.integrationUserId.displayName} (${ctx.env.integrationUserId.schemaName})')))`,
      );
      expect(condition).toContain(`not(equals(triggerBody()?['${ctx.fields.syncStatus}'], 'Error'))`);
    }
  });

  it("use only the Salesforce connector's current operations, and never write the multi-select picklist", () => {
    for (const { file, json } of flows) {
      const calls = connectorActions((json as Loose).properties.definition.actions).filter(
        (c) => !/Referral|Registration|ValidationEvent/.test(c.op),
      );
      for (const c of calls) {
        expect(SALESFORCE_OPERATIONS).toContain(c.op);
        if (c.op !== 'GetItems' && c.op !== 'GetItem_V2') {
          expect(Object.keys(c.params)).not.toContain(`item/${ctx.fields.help}`);
          expect(JSON.stringify(c.params)).not.toContain(ctx.fields.help);
        }
      }
      expect(file).toBeTruthy();
    }
  });

  it('create opportunities for new referrals by upsert on the Referral Identifier external id', () => {
    const calls = connectorActions(byFile['partner-center-to-salesforce'].properties.definition.actions);
    expect(calls.find((c) => c.name === 'Create_opportunity')).toMatchObject({
      op: 'PatchItemByExternalIdV2',
      params: { table: 'Opportunity', externalIdField: ctx.fields.referralId },
    });
  });

  it('read the stage names and the integration user from environment variables', () => {
    const params = byFile['partner-center-to-salesforce'].properties.definition.parameters;
    expect(params[`${ctx.env.onHoldStage.displayName} (${ctx.env.onHoldStage.schemaName})`]).toMatchObject({
      defaultValue: 'On Hold',
      metadata: { schemaName: ctx.env.onHoldStage.schemaName },
    });
    expect(params[`${ctx.env.activeStage.displayName} (${ctx.env.activeStage.schemaName})`].defaultValue).toBe(
      'Qualification',
    );
  });

  it('check the mapping against the Salesforce fields: an unknown field stops the build', () => {
    const catalog = salesforceCatalog(salesforceModel(config));
    expect(() => validateMapping(FIELD_MAPPING, [catalog], ctx.prefix)).not.toThrow();
    const bad = FIELD_MAPPING.map((m) => (m.key === 'notes' ? { ...m, salesforce: 'Opportunity.Notes__c' } : m));
    expect(() => validateMapping(bad, [catalog], ctx.prefix)).toThrow(UserError);
    expect(() => validateMapping(bad, [catalog], ctx.prefix)).toThrow(/Opportunity.Notes__c" is not in the schema/);
  });

  it('build step: six linted files under flows/salesforce/, byte-identical on a second run', async () => {
    const artifacts = new Map<string, Buffer>();
    for (const c of generateConnectors(config)) for (const a of connectorArtifacts(c)) artifacts.set(a.path, a.bytes);
    const run = (): Promise<Artifact[]> =>
      Promise.resolve(
        salesforceFlowsStep.run({ root: '/nowhere', outDir: '/nowhere', config, artifacts } as BuildContext),
      );
    const a = await run();
    const b = await run();
    expect(a.map((x) => x.path)).toEqual(SF_FLOWS.map((f) => `flows/salesforce/${f.file}.json`));
    a.forEach((x, i) => expect(x.bytes.equals(b[i].bytes)).toBe(true));
  });
});
