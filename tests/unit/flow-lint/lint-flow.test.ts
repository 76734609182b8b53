import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SwaggerDocument } from '../../../flows/runtime/connectors/swagger';
import type { BuildStep } from '../../../scripts/pipeline/types';
import {
  flowLintStep,
  FlowLintError,
  LINT_RULES,
  lintFlow,
  lintFlowArtifacts,
  type LintRule,
} from '../../../flows/runtime/lint';

const dir = join(__dirname, '../../fixtures/flows');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(dir, 'lint', `${name}.json`), 'utf8'));
const swagger = JSON.parse(readFileSync(join(dir, 'connectors/referrals.swagger.json'), 'utf8')) as SwaggerDocument;
const options = {
  connectorDefinitions: { cs_5Freferrals: swagger },
  solutionConnectionReferences: ['cs_Dataverse', 'cs_Referrals'],
  solutionEnvironmentVariables: ['cs_IntegrationUserId'],
};

const D = '$.properties.definition';
const TRY = `${D}.actions.Try.actions`;

/** Each failing fixture: the rule it breaks and the JSON path of the fault. */
const cases: [LintRule, string][] = [
  ['runafter-target-missing', `${D}.actions.Notify.runAfter.Get_opportunity`],
  ['runafter-cycle', `${D}.actions.Step_two.runAfter.Step_one`],
  ['runafter-status-invalid', `${D}.actions.Catch.runAfter.Try[1]`],
  ['name-too-long', `${D}.actions.Send_a_notification_to_the_account_team_when_the_referral_status_changes_to_won_x`],
  ['name-duplicate', `${D}.actions.Names`],
  ['expression-parse', `${TRY}.Names.inputs.select`],
  ['function-unknown', `${TRY}.Names.inputs.select`],
  ['reference-unknown-action', `${TRY}.Names.inputs.from`],
  ['reference-not-before', `${TRY}.Get_referral.inputs.parameters.id`],
  ['items-outside-loop', `${TRY}.Names.inputs.from`],
  ['item-outside-context', `${TRY}.Get_referral.inputs.parameters.id`],
  ['variable-not-initialized', `${TRY}.For_each_contact.actions.Check_email.actions.Note_missing_email.inputs.name`],
  ['variable-init-not-top-level', `${TRY}.Init_inner`],
  ['parameter-undeclared', `${D}.triggers['When_a_row_is_added,_modified_or_deleted'].conditions[0].expression`],
  ['connection-undeclared', `${TRY}.Get_opportunity.inputs.host.connectionName`],
  ['operation-unknown', `${TRY}.Get_referral.inputs.host.operationId`],
  ['connector-parameter-unknown', `${TRY}.Get_referral.inputs.parameters.referralId`],
  ['action-in-loop', `${TRY}.For_each_contact.actions.Stop`],
  ['response-without-request', `${D}.actions.Reply`],
  ['limit-actions', `${D}.actions`],
  [
    'limit-nesting',
    `${D}.actions.Level_1.actions.Level_2.actions.Level_3.actions.Level_4.actions.Level_5.actions.Level_6.actions.Level_7.actions.Level_8.actions.Leaf`,
  ],
  ['limit-expression-length', `${TRY}.Names.inputs.select`],
  ['limit-switch-cases', `${D}.actions.Route.cases`],
  ['limit-variables', `${D}.actions`],
  ['trigger-count', `${D}.triggers`],
  ['definition-malformed', `${D}.actions.Catch.actions.Fail_run.type`],
  ['retry-policy-invalid', `${TRY}.Get_opportunity.retryPolicy`],
  ['loop-configuration-invalid', `${TRY}.For_each_contact.runtimeConfiguration.concurrency.repetitions`],
  [
    'connection-reference-not-in-solution',
    `$.properties.connectionReferences.shared_commondataserviceforapps.connection.connectionReferenceLogicalName`,
  ],
  [
    'environment-variable-not-in-solution',
    `${D}.parameters['Integration user id (cs_IntegrationUser)'].metadata.schemaName`,
  ],
  [
    'dataverse-trigger-enum',
    `${D}.triggers['When_a_row_is_added,_modified_or_deleted'].inputs.parameters['subscriptionRequest/scope']`,
  ],
];

describe('lintFlow', () => {
  it('has a failing fixture for every rule', () => {
    expect(cases.map(([rule]) => rule).sort()).toEqual([...LINT_RULES].sort());
  });

  it('finds nothing in the valid fixture', () => {
    expect(lintFlow(fixture('valid'), options)).toEqual([]);
  });

  it.each(cases)('%s: reports the fault at its JSON path', (rule, path) => {
    const findings = lintFlow(fixture(rule), options);
    expect(findings).toContainEqual(expect.objectContaining({ rule, path }));
    // Each fixture breaks exactly one rule (the nested 9th level also counts as one finding).
    expect(findings.filter((f) => f.rule !== rule)).toEqual([]);
  });

  it('rejects JSON that is not a flow, with the path of the fault', () => {
    expect(lintFlow('text')).toEqual([
      { rule: 'definition-malformed', path: '$', message: 'A flow file must be a JSON object.' },
    ]);
    expect(lintFlow({ properties: { definition: [] } })[0]).toMatchObject({
      rule: 'definition-malformed',
      path: '$.properties.definition',
    });
    expect(
      lintFlow({ properties: { definition: { triggers: { t: { type: 'Request' } }, actions: { A: 'Compose' } } } })[0],
    ).toMatchObject({
      rule: 'definition-malformed',
      path: '$.properties.definition.actions.A',
    });
    expect(
      lintFlow({
        properties: {
          connectionReferences: { shared_x: { api: { name: 'shared_x' } } },
          definition: { triggers: { t: { type: 'Request' } }, actions: {} },
        },
      }),
    ).toEqual([
      expect.objectContaining({ rule: 'definition-malformed', path: '$.properties.connectionReferences.shared_x' }),
    ]);
    expect(
      lintFlow({
        triggers: { t: { type: 'Request' } },
        actions: { A: { type: 'Compose', runAfter: { B: 'Succeeded' } }, B: { type: 'Compose' } },
      }),
    ).toEqual([expect.objectContaining({ rule: 'runafter-status-invalid', path: '$.actions.A.runAfter.B' })]);
  });

  it('checks variable types and repeated switch case values', () => {
    const flow = {
      triggers: { manual: { type: 'Request', inputs: {} } },
      actions: {
        V: { type: 'InitializeVariable', inputs: { variables: [{ name: 'n', type: 'number', value: 1 }] } },
        S: {
          type: 'Switch',
          expression: '@1',
          cases: { A: { case: 1, actions: {} }, B: { case: 1, actions: {} } },
          runAfter: { V: ['Succeeded'] },
        },
      },
    };
    expect(lintFlow(flow)).toEqual([
      expect.objectContaining({ rule: 'definition-malformed', path: '$.actions.V.inputs.variables[0].type' }),
      expect.objectContaining({ rule: 'definition-malformed', path: '$.actions.S.cases.B.case' }),
    ]);
  });

  it('allows references to actions inside earlier scopes and to loop bodies from the Until condition', () => {
    const flow = {
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: {
        S: { type: 'Scope', actions: { Inner: { type: 'Compose', inputs: 1 } } },
        After: { type: 'Compose', inputs: "@outputs('Inner')", runAfter: { S: ['Succeeded'] } },
        Sibling: { type: 'Compose', inputs: "@outputs('After')" },
      },
    };
    expect(lintFlow(flow)).toEqual([
      expect.objectContaining({ rule: 'reference-not-before', path: '$.actions.Sibling.inputs' }),
    ]);
  });
});

describe('build step', () => {
  const artifacts = new Map<string, Buffer>([
    ['connectors/cs_5Freferrals/apiDefinition.swagger.json', Buffer.from(JSON.stringify(swagger))],
    ['flows/dataverse/Good.json', Buffer.from(JSON.stringify(fixture('valid')))],
    ['flows/dataverse/Bad.json', Buffer.from(JSON.stringify(fixture('operation-unknown')))],
    ['flows/dataverse/Broken.json', Buffer.from('{not json')],
  ]);

  it('lints every flow artifact against the build connector definitions', () => {
    const results = lintFlowArtifacts(artifacts);
    expect(results.map((r) => r.file)).toEqual(['flows/dataverse/Bad.json', 'flows/dataverse/Broken.json']);
    expect(results[0].findings[0].rule).toBe('operation-unknown');
  });

  it('fails the build with every finding listed', () => {
    const step: BuildStep & ReturnType<typeof flowLintStep> = flowLintStep();
    expect(step.name).toBe('flow lint');
    expect(() => step.run({ artifacts })).toThrow(FlowLintError);
    expect(() => step.run({ artifacts })).toThrow(
      /flows\/dataverse\/Bad\.json \$\.properties\.definition\.actions\.Try\.actions\.Get_referral\.inputs\.host\.operationId: \[operation-unknown\]/,
    );
    expect(
      step.run({ artifacts: new Map([...artifacts].filter(([p]) => !p.includes('Bad') && !p.includes('Broken'))) }),
    ).toEqual([]);
  });
});
