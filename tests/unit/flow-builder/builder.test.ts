import {
  after,
  at,
  body,
  buildFlow,
  coalesce,
  compose,
  connectorAction,
  equals,
  fn,
  ifThen,
  interp,
  items,
  foreach,
  scope,
  terminate,
  triggerBody,
  variables,
  type ConnectionSpec,
} from '../../../flows/builder';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('expressions', () => {
  it('quotes strings by doubling single quotes and chains safe navigation', () => {
    expect(fn('concat', "Bob's", 1, true, null).toString()).toBe("concat('Bob''s', 1, true, null)");
    expect(body('Get_referral').prop('details', 'dealValue').toString()).toBe(
      "body('Get_referral')?['details']?['dealValue']",
    );
    expect(items('Each').index(0).prop("o'k").toString()).toBe("items('Each')?[0]?['o''k']");
    expect(at(coalesce(triggerBody().prop('id'), ''))).toBe("@coalesce(triggerBody()?['id'], '')");
    expect(() => fn('add', Number.NaN)).toThrow('Not a finite number');
  });

  it('interpolates with @{...} and escapes only what would start an expression', () => {
    expect(interp`id eq '${variables('id')}'`).toBe("id eq '@{variables('id')}'");
    expect(interp`mail a@b.com ${1}`).toBe('mail a@b.com @{1}');
    expect(interp`literal @{x} ${2}`).toBe('literal @@{x} @{2}');
    expect(interp`@start ${3}`).toBe("@{'@'}start @{3}");
    expect(interp`@{x} ${3}`).toBe('@@{x} @{3}');
  });
});

describe('buildFlow', () => {
  const dataverse: ConnectionSpec = {
    key: 'shared_commondataserviceforapps',
    referenceLogicalName: 'cosell_dataverse',
    apiName: 'shared_commondataserviceforapps',
  };
  const spec = {
    name: 'Sample flow',
    description: 'A sample.',
    trigger: {
      name: 'manual',
      type: 'Request',
      kind: 'Http',
      inputs: { schema: { type: 'object' } },
      conditions: ['@true'],
    },
    connections: [dataverse],
    parameters: [
      {
        displayName: 'Default country',
        schemaName: 'cosell_DefaultCountry',
        type: 'String' as const,
        defaultValue: 'US',
      },
    ],
    actions: [
      compose('First', triggerBody()),
      scope('Try', [
        connectorAction('Get_row', dataverse, 'GetItem', {
          entityName: 'opportunities',
          recordId: body('First').prop('id'),
        }),
        ifThen('Found', equals(body('Get_row').prop('name'), 'x'), [compose('Yes', 1)], [compose('No', 2)]),
        foreach('Each', body('Get_row').prop('value'), [compose('Item', items('Each'))]),
      ]),
      after(terminate('Fail', 'Failed', { code: 'SyncFailed', message: 'it failed' }), { Try: ['Failed', 'TimedOut'] }),
    ],
  };
  const flow = buildFlow(spec) as Json;
  const def = flow.properties.definition;

  it('emits the solution flow shape with $connections, $authentication and env parameters', () => {
    expect(flow.schemaVersion).toBe('1.0.0.0');
    expect(def.$schema).toContain('2016-06-01/workflowdefinition.json#');
    expect(def.parameters.$connections).toEqual({ defaultValue: {}, type: 'Object' });
    expect(def.parameters.$authentication).toEqual({ defaultValue: {}, type: 'SecureObject' });
    expect(def.parameters['Default country (cosell_DefaultCountry)']).toEqual({
      defaultValue: 'US',
      type: 'String',
      metadata: { schemaName: 'cosell_DefaultCountry' },
    });
    expect(flow.properties.connectionReferences.shared_commondataserviceforapps).toEqual({
      runtimeSource: 'embedded',
      connection: { connectionReferenceLogicalName: 'cosell_dataverse' },
      api: { name: 'shared_commondataserviceforapps' },
    });
    expect(def.triggers.manual.conditions).toEqual([{ expression: '@true' }]);
  });

  it('fills runAfter from list order, inside containers too, and keeps explicit runAfter', () => {
    expect(def.actions.First.runAfter).toEqual({});
    expect(def.actions.Try.runAfter).toEqual({ First: ['Succeeded'] });
    expect(def.actions.Try.actions.Get_row.runAfter).toEqual({});
    expect(def.actions.Try.actions.Found.runAfter).toEqual({ Get_row: ['Succeeded'] });
    expect(def.actions.Try.actions.Found.else.actions.No.runAfter).toEqual({});
    expect(def.actions.Fail.runAfter).toEqual({ Try: ['Failed', 'TimedOut'] });
    expect(def.actions.Fail.inputs).toEqual({
      runStatus: 'Failed',
      runError: { code: 'SyncFailed', message: 'it failed' },
    });
  });

  it('writes connector actions as OpenApiConnection with the connection key and $authentication', () => {
    expect(def.actions.Try.actions.Get_row.inputs).toEqual({
      host: {
        apiId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps',
        connectionName: 'shared_commondataserviceforapps',
        operationId: 'GetItem',
      },
      parameters: { entityName: 'opportunities', recordId: "@body('First')?['id']" },
      authentication: "@parameters('$authentication')",
    });
  });

  it('derives stable, distinct operationMetadataIds', () => {
    const again = buildFlow(spec) as Json;
    expect(JSON.stringify(again)).toBe(JSON.stringify(flow));
    const ids = [def.actions.First, def.actions.Try, def.actions.Try.actions.Get_row, def.triggers.manual].map(
      (a: Json) => a.metadata.operationMetadataId,
    );
    expect(new Set(ids).size).toBe(4);
  });

  it('refuses two actions with one name anywhere in the flow', () => {
    expect(() => buildFlow({ ...spec, actions: [compose('A', 1), scope('S', [compose('A', 2)])] })).toThrow(
      'action name "A" is used twice',
    );
  });
});
