import { guidFromName } from '../../../scripts/lib/guid';
import { DataverseAdapter } from '../../../flows/runtime/connectors/dataverse';
import type { ConnectorRequest } from '../../../flows/runtime/connectors/types';
import { ManualClock, startDataverseSandbox, type DataverseSandbox } from '../../../sandbox/dataverse';

let n = 0;
const newId = () => guidFromName(`adapter-test/${++n}`);

describe('Dataverse connector adapter over the local Web API', () => {
  let sandbox: DataverseSandbox;
  let adapter: DataverseAdapter;
  const clock = new ManualClock('2026-04-01T08:00:00Z');

  beforeEach(async () => {
    sandbox = await startDataverseSandbox({ now: clock.now, newId });
    adapter = new DataverseAdapter({
      apiUrl: sandbox.apiUrl,
      connectionUsers: { cosell_dataverse_integration: sandbox.integrationUserId },
      changeSource: sandbox.changeFeed,
      flowOwnerId: sandbox.adminUserId,
    });
  });
  afterEach(async () => {
    adapter.close();
    await sandbox.stop();
  });

  const call = (operationId: string, parameters: Record<string, unknown>, connectionName = 'cosell_dataverse') =>
    adapter.invoke({
      apiName: 'shared_commondataserviceforapps',
      connectionName,
      operationId,
      parameters,
    } satisfies ConnectorRequest);

  test('apiName', () => {
    expect(adapter.apiName).toBe('shared_commondataserviceforapps');
  });

  test('CreateRecord with item/ parameters and a lookup bind returns the row (201)', async () => {
    const acc = await call('CreateRecord', {
      entityName: 'accounts',
      'item/name': 'Fabrikam',
      'item/address1_country': 'DE',
    });
    expect(acc.statusCode).toBe(201);
    const accountId = (acc.body as { accountid: string }).accountid;
    const r = await call('CreateRecord', {
      entityName: 'opportunities',
      item: { name: 'from item object', estimatedvalue: 10 },
      'item/estimatedvalue': 5000,
      'item/cosell_referralidentifier': 'REF-9',
      'item/customerid_account@odata.bind': `accounts(${accountId})`,
    });
    expect(r.statusCode).toBe(201);
    expect(r.headers['odata-entityid']).toMatch(/opportunities\(/);
    expect(r.body).toMatchObject({
      name: 'from item object',
      estimatedvalue: 5000,
      cosell_referralidentifier: 'REF-9',
      _customerid_value: accountId,
      '_customerid_value@OData.Community.Display.V1.FormattedValue': 'Fabrikam',
      'estimatedvalue@OData.Community.Display.V1.FormattedValue': '$5,000.00',
    });
  });

  test('the connection acts as its user (MSCRMCallerID)', async () => {
    const r = await call(
      'CreateRecord',
      { entityName: 'opportunities', 'item/name': 'by integration' },
      'cosell_dataverse_integration',
    );
    expect((r.body as { _createdby_value: string })._createdby_value).toBe(sandbox.integrationUserId);
  });

  test('GetItem by id and by alternate key, with $select and $expand', async () => {
    const created = await call('CreateRecord', {
      entityName: 'opportunities',
      'item/name': 'Get me',
      'item/cosell_referralidentifier': "R'1",
    });
    const id = (created.body as { opportunityid: string }).opportunityid;
    const byId = await call('GetItem', {
      entityName: 'opportunities',
      recordId: `{${id.toUpperCase()}}`,
      $select: 'name, cosell_referralidentifier',
      $expand: 'ownerid($select=fullname)',
    });
    expect(byId.statusCode).toBe(200);
    expect(byId.body).toMatchObject({ name: 'Get me', ownerid: { fullname: 'System Administrator' } });
    const byKey = await call('GetItem', { entityName: 'opportunities', recordId: "cosell_referralidentifier='R''1'" });
    expect((byKey.body as { opportunityid: string }).opportunityid).toBe(id);
    const missing = await call('GetItem', {
      entityName: 'opportunities',
      recordId: '00000000-0000-0000-0000-000000000042',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toEqual({
      error: {
        code: '0x80040217',
        message: "Entity 'opportunity' With Id = 00000000-0000-0000-0000-000000000042 Does Not Exist",
      },
    });
  });

  test('ListRecords: $filter, $orderby, $top, and paging through @odata.nextLink / $skiptoken', async () => {
    for (let i = 0; i < 5; i++)
      await call('CreateRecord', { entityName: 'opportunities', 'item/name': `L${i}`, 'item/estimatedvalue': i * 100 });
    const r = await call('ListRecords', {
      entityName: 'opportunities',
      $select: 'name',
      $filter: "estimatedvalue ge 200 and contains(name,'l')",
      $orderby: 'estimatedvalue desc',
      $top: 2,
    });
    expect(r.statusCode).toBe(200);
    expect((r.body as { value: { name: string }[] }).value.map((v) => v.name)).toEqual(['L4', 'L3']);

    const paged = new DataverseAdapter({ apiUrl: sandbox.apiUrl, pageSize: 2 });
    try {
      const names: string[] = [];
      let skip: string | undefined;
      for (let page = 0; page < 5; page++) {
        const res = await paged.invoke({
          apiName: 'shared_commondataserviceforapps',
          connectionName: 'c',
          operationId: 'ListRecords',
          parameters: {
            entityName: 'opportunities',
            $select: 'name',
            $orderby: 'name',
            ...(skip ? { $skiptoken: skip } : {}),
          },
        });
        const body = res.body as { value: { name: string }[]; '@odata.nextLink'?: string };
        names.push(...body.value.map((v) => v.name));
        skip = body['@odata.nextLink'];
        if (!skip) break;
      }
      expect(names).toEqual(['L0', 'L1', 'L2', 'L3', 'L4']);
    } finally {
      paged.close();
    }
    const bad = await call('ListRecords', { entityName: 'opportunities', $filter: "name eq 'x' or" });
    expect(bad.statusCode).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toMatch(/Expression expected at position/);
  });

  test('UpdateRecord is an upsert: a missing id creates the row; UpdateOnlyRecord fails on a missing row', async () => {
    const id = '6e0c3c4e-1111-4222-8333-444455556666';
    const created = await call('UpdateRecord', { entityName: 'opportunities', recordId: id, 'item/name': 'Upserted' });
    expect(created.statusCode).toBe(201);
    expect((created.body as { opportunityid: string }).opportunityid).toBe(id);
    const updated = await call('UpdateRecord', {
      entityName: 'opportunities',
      recordId: id,
      'item/name': 'Updated',
      'item/cosell_syncstatus': 318700002,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'Updated',
      cosell_syncstatus: 318700002,
      'cosell_syncstatus@OData.Community.Display.V1.FormattedValue': 'Synced',
    });
    const byKey = await call('UpdateRecord', {
      entityName: 'opportunities',
      recordId: "cosell_referralidentifier='K-1'",
      'item/name': 'Upsert by key',
    });
    expect(byKey.statusCode).toBe(201);
    const only = await call('UpdateOnlyRecord', {
      entityName: 'opportunities',
      recordId: '6e0c3c4e-1111-4222-8333-000000000000',
      'item/name': 'x',
    });
    expect(only.statusCode).toBe(404);
    expect(
      (await call('GetItem', { entityName: 'opportunities', recordId: '6e0c3c4e-1111-4222-8333-000000000000' }))
        .statusCode,
    ).toBe(404);
    const onlyOk = await call('UpdateOnlyRecord', { entityName: 'opportunities', recordId: id, 'item/name': 'only' });
    expect(onlyOk.statusCode).toBe(200);
  });

  test('Dataverse errors come back as non-2xx responses and change nothing', async () => {
    await call('CreateRecord', {
      entityName: 'opportunities',
      'item/name': 'A',
      'item/cosell_referralidentifier': 'DUP',
    });
    const dup = await call('CreateRecord', {
      entityName: 'opportunities',
      'item/name': 'B',
      'item/cosell_referralidentifier': 'DUP',
    });
    expect(dup.statusCode).toBe(412);
    expect(dup.body).toEqual({
      error: { code: '0x80040237', message: 'A record with matching key values already exists.' },
    });
    const long = await call('CreateRecord', { entityName: 'opportunities', 'item/name': 'x'.repeat(400) });
    expect((long.body as { error: { code: string } }).error.code).toBe('0x80044331');
    const choice = await call('CreateRecord', {
      entityName: 'opportunities',
      'item/name': 'c',
      'item/cosell_howcanmicrosofthelp': '1',
    });
    expect((choice.body as { error: { code: string } }).error.code).toBe('0x8004431a');
    const list = await call('ListRecords', { entityName: 'opportunities', $select: 'name' });
    expect((list.body as { value: unknown[] }).value).toHaveLength(1);
  });

  test('DeleteRecord', async () => {
    const c = await call('CreateRecord', { entityName: 'accounts', 'item/name': 'Del' });
    const id = (c.body as { accountid: string }).accountid;
    expect((await call('DeleteRecord', { entityName: 'accounts', recordId: id })).statusCode).toBe(204);
    expect((await call('DeleteRecord', { entityName: 'accounts', recordId: id })).statusCode).toBe(404);
  });

  test('AssociateEntities and DisassociateEntities on the opportunity ⇄ Microsoft Solution relationship', async () => {
    const o = await call('CreateRecord', { entityName: 'opportunities', 'item/name': 'O' });
    const s = await call('CreateRecord', {
      entityName: 'cosell_microsoftsolutions',
      'item/cosell_name': 'S',
      'item/cosell_solutionid': 'SOL-42',
    });
    const oid = (o.body as { opportunityid: string }).opportunityid;
    const rel = sandbox.schema.names.opportunitySolutionsRelationship;
    const a = await call('AssociateEntities', {
      entityName: 'opportunities',
      recordId: oid,
      associationEntityRelationship: rel,
      'item/@odata.id': `${sandbox.apiUrl}cosell_microsoftsolutions(cosell_solutionid='SOL-42')`,
    });
    expect(a.statusCode).toBe(204);
    const listed = await call('GetItem', {
      entityName: 'opportunities',
      recordId: oid,
      $select: 'name',
      $expand: `${rel}($select=cosell_solutionid)`,
    });
    expect(
      (listed.body as Record<string, { cosell_solutionid: string }[]>)[rel].map((x) => x.cosell_solutionid),
    ).toEqual(['SOL-42']);
    const d = await call('DisassociateEntities', {
      entityName: 'opportunities',
      recordId: oid,
      associationEntityRelationship: rel,
      $id: `${sandbox.apiUrl}cosell_microsoftsolutions(${(s.body as { cosell_microsoftsolutionid: string }).cosell_microsoftsolutionid})`,
    });
    expect(d.statusCode).toBe(204);
    const after = await call('GetItem', { entityName: 'opportunities', recordId: oid, $expand: rel });
    expect((after.body as Record<string, unknown[]>)[rel]).toEqual([]);
  });

  test.each([
    ['GetItem', { entityName: 'opportunities' }, /'recordId' is required/],
    ['GetItem', { entityName: 'opportunities', recordId: 'not an id' }, /must be a row id \(GUID\) or alternate key/],
    ['ListRecords', { entityName: 'opportunities(1)' }, /entity set name/],
    ['ListRecords', { entityName: 'opportunities', fetchXml: '<fetch/>' }, /fetchXml/],
    ['ListRecords', { entityName: 'opportunities', $top: 'ten' }, /\$top/],
    ['CreateRecord', { entityName: 'opportunities', item: 'x' }, /'item' must be an object/],
    [
      'AssociateEntities',
      {
        entityName: 'opportunities',
        recordId: '6e0c3c4e-1111-4222-8333-444455556666',
        associationEntityRelationship: 'x',
      },
      /item\/@odata.id/,
    ],
    ['PerformBoundAction', { entityName: 'opportunities' }, /not implemented by the local Dataverse connector/],
  ])('%s with bad parameters is a 400 response naming the parameter', async (op, params, message) => {
    const r = await call(op, params);
    expect(r.statusCode).toBe(400);
    expect((r.body as { error: { message: string } }).error.message).toMatch(message);
  });

  test('an unreachable Dataverse is a 502 response, not an exception', async () => {
    const dead = new DataverseAdapter({ apiUrl: 'http://127.0.0.1:1/api/data/v9.2/' });
    const r = await dead.invoke({
      apiName: 'shared_commondataserviceforapps',
      connectionName: 'c',
      operationId: 'ListRecords',
      parameters: { entityName: 'accounts' },
    });
    dead.close();
    expect(r.statusCode).toBe(502);
  });
});
