import { SalesforceAdapter, odataFilterToSoql } from '../../../flows/runtime/connectors/salesforce';
import { startSalesforceSandbox, type SalesforceSandbox } from '../../../sandbox/salesforce';

let sf: SalesforceSandbox;
let adapter: SalesforceAdapter;
let now = Date.parse('2026-06-01T09:00:00.000Z');

beforeAll(async () => {
  sf = await startSalesforceSandbox({ now: () => new Date(now) });
  adapter = new SalesforceAdapter({
    instanceUrl: sf.instanceUrl,
    connectionTokens: { flows: sf.tokens.integration },
    defaultToken: sf.tokens.integration,
  });
});
afterAll(async () => {
  adapter.close();
  await sf.stop();
});

const invoke = (operationId: string, parameters: Record<string, unknown>) =>
  adapter.invoke({ apiName: 'shared_salesforce', connectionName: 'flows', operationId, parameters });

describe('Salesforce connector adapter', () => {
  it('creates, reads, updates and upserts records as the connection user', async () => {
    const n = sf.model.names;
    const created = await invoke('PostItem_V2', {
      table: 'Opportunity',
      'item/Name': 'Deal',
      'item/StageName': 'On Hold',
      'item/CloseDate': '2026-12-01',
    });
    expect(created.statusCode).toBe(200);
    const id = (created.body as { Id: string }).Id;
    expect(created.body).toMatchObject({ Name: 'Deal', LastModifiedById: sf.users.integrationId });
    expect(created.body).not.toHaveProperty('attributes');
    const patched = await invoke('PatchItem_V3', { table: 'Opportunity', id, item: { Amount: 10 } });
    expect(patched.body).toMatchObject({ Id: id, Amount: 10 });
    const upserted = await invoke('PatchItemByExternalIdV2', {
      table: 'Opportunity',
      externalIdField: n.referralId,
      externalId: 'R-9',
      item: { Name: 'Upserted', StageName: 'On Hold', CloseDate: '2026-12-01' },
    });
    expect(upserted.body).toMatchObject({ Name: 'Upserted', [n.referralId]: 'R-9' });
    const list = await invoke('GetItems', {
      table: 'Opportunity',
      $filter: `${n.referralId} eq 'R-9' or Name eq 'O''Brien'`,
      $select: 'Id,Name',
      $top: 5,
    });
    expect(list.body).toEqual({ value: [{ Id: (upserted.body as { Id: string }).Id, Name: 'Upserted' }] });
    expect((await invoke('GetItem_V2', { table: 'Opportunity', id })).body).toMatchObject({ Amount: 10 });
  });

  it("surfaces Salesforce's own message and refuses what the connector cannot write", async () => {
    const bad = await invoke('PostItem_V2', {
      table: 'Opportunity',
      'item/Name': 'x',
      'item/StageName': 'Nope',
      'item/CloseDate': '2026-12-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatchObject({
      error: {
        code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Stage: bad value for restricted picklist field: Nope',
      },
    });
    const multi = await invoke('PostItem_V2', {
      table: 'Opportunity',
      [`item/${sf.model.names.help}`]: 'GeneralOrOther',
    });
    expect(multi.statusCode).toBe(400);
    expect(JSON.stringify(multi.body)).toMatch(/Multi-select picklist fields are not supported/);
    expect((await invoke('DeleteItem', { table: 'Opportunity', id: 'x' })).statusCode).toBe(400);
    expect((await invoke('GetItems', { table: 'Opportunity', $filter: "startswith(Name,'x')" })).statusCode).toBe(400);
  });

  it('polls "When a record is modified": new and modified records since the last poll, each once', async () => {
    const params = { table: 'Opportunity', $filter: 'IsDeleted eq false' };
    const first = await adapter.poll('GetOnUpdatedItems', params, undefined);
    expect(first.items).toEqual([]);
    now += 60_000;
    const created = await invoke('PostItem_V2', {
      table: 'Opportunity',
      'item/Name': 'New one',
      'item/StageName': 'Prospecting',
      'item/CloseDate': '2026-12-01',
    });
    const id = (created.body as { Id: string }).Id;
    const second = await adapter.poll('GetOnUpdatedItems', params, first.state);
    expect(second.items.map((r) => (r as { Id: string }).Id)).toEqual([id]);
    const quiet = await adapter.poll('GetOnUpdatedItems', params, second.state);
    expect(quiet.items).toEqual([]);
    now += 60_000;
    await invoke('PatchItem_V3', { table: 'Opportunity', id, item: { Amount: 7 } });
    const third = await adapter.poll('GetOnUpdatedItems', params, quiet.state);
    expect(third.items).toEqual([
      expect.objectContaining({ Id: id, Amount: 7, LastModifiedById: sf.users.integrationId }),
    ]);
  });

  it('translates OData filters to SOQL', () => {
    expect(
      odataFilterToSoql("Name eq 'O''Brien' and not (Amount gt 5) or LastModifiedDate ge 2026-06-01T00:00:00Z"),
    ).toBe("Name = 'O\\'Brien' AND NOT ( Amount > 5 ) OR LastModifiedDate >= 2026-06-01T00:00:00Z");
  });
});
