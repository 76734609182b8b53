import { guidFromName } from '../../../scripts/lib/guid';
import { DataverseAdapter } from '../../../flows/runtime/connectors/dataverse';
import type { TriggerEvent } from '../../../flows/runtime/connectors/types';
import { startDataverseSandbox, type DataverseSandbox } from '../../../sandbox/dataverse';

let n = 0;
const newId = () => guidFromName(`trigger-test/${++n}`);
type Body = Record<string, unknown>;

describe('"When a row is added, modified or deleted" (SubscribeWebhookTrigger)', () => {
  let sandbox: DataverseSandbox;
  let adapter: DataverseAdapter;
  const unsubscribers: (() => void)[] = [];

  beforeEach(async () => {
    sandbox = await startDataverseSandbox({ newId });
    adapter = new DataverseAdapter({
      apiUrl: sandbox.apiUrl,
      connectionUsers: { integration: sandbox.integrationUserId },
      changeSource: sandbox.changeFeed,
      flowOwnerId: sandbox.adminUserId,
    });
  });
  afterEach(async () => {
    unsubscribers.splice(0).forEach((u) => u());
    adapter.close();
    await sandbox.stop();
  });

  function subscribe(parameters: Record<string, unknown>): TriggerEvent[] {
    const events: TriggerEvent[] = [];
    unsubscribers.push(adapter.subscribe('SubscribeWebhookTrigger', parameters, (e) => events.push(e)));
    return events;
  }
  const messages = (events: TriggerEvent[]) => events.map((e) => (e.body as Body).SdkMessage);
  const invoke = (operationId: string, parameters: Record<string, unknown>, connectionName = 'default') =>
    adapter.invoke({ apiName: 'shared_commondataserviceforapps', connectionName, operationId, parameters });

  async function createUpdateDelete(): Promise<string> {
    const c = await invoke('CreateRecord', { entityName: 'opportunities', 'item/name': 'T' });
    const id = (c.body as { opportunityid: string }).opportunityid;
    await invoke('UpdateRecord', { entityName: 'opportunities', recordId: id, 'item/name': 'T2' });
    await invoke('DeleteRecord', { entityName: 'opportunities', recordId: id });
    return id;
  }

  test.each([
    [1, ['Create']],
    [2, ['Delete']],
    [3, ['Update']],
    [4, ['Create', 'Update']],
    [5, ['Create', 'Delete']],
    [6, ['Update', 'Delete']],
    [7, ['Create', 'Update', 'Delete']],
  ])('message %i fires for %j', async (message, expected) => {
    const events = subscribe({
      'subscriptionRequest/message': message,
      'subscriptionRequest/entityname': 'opportunity',
      'subscriptionRequest/scope': 4,
    });
    await createUpdateDelete();
    expect(messages(events)).toEqual(expected);
  });

  test('trigger body: the row with lookups as _x_value and annotations, plus SdkMessage and identity', async () => {
    const events = subscribe({
      'subscriptionRequest/message': 7,
      'subscriptionRequest/entityname': 'opportunity',
      'subscriptionRequest/scope': 4,
      'subscriptionRequest/runas': 1,
    });
    const id = await createUpdateDelete();
    const created = events[0].body as Body;
    expect(created).toMatchObject({
      '@odata.type': '#Microsoft.Dynamics.CRM.opportunity',
      '@odata.id': `${sandbox.apiUrl}opportunities(${id})`,
      opportunityid: id,
      name: 'T',
      SdkMessage: 'Create',
      ItemInternalId: id,
      RunAsSystemUserId: sandbox.adminUserId,
      _modifiedby_value: sandbox.adminUserId,
      'statecode@OData.Community.Display.V1.FormattedValue': 'Open',
      cosell_syncwithpartnercenter: false,
    });
    expect(created['@odata.etag']).toMatch(/^W\/"\d+"$/);
    expect((events[1].body as Body).name).toBe('T2');
    expect(events[2].body).toEqual({
      '@odata.type': '#Microsoft.Dynamics.CRM.opportunity',
      '@odata.id': `${sandbox.apiUrl}opportunities(${id})`,
      '@odata.editLink': `opportunities(${id})`,
      opportunityid: id,
      SdkMessage: 'Delete',
      ItemInternalId: id,
      RunAsSystemUserId: sandbox.adminUserId,
    });
  });

  test('every update fires, even one that changes nothing', async () => {
    const events = subscribe({
      'subscriptionRequest/message': 3,
      'subscriptionRequest/entityname': 'opportunity',
      'subscriptionRequest/scope': 4,
    });
    const c = await invoke('CreateRecord', { entityName: 'opportunities', 'item/name': 'Same' });
    const id = (c.body as { opportunityid: string }).opportunityid;
    await invoke('UpdateRecord', { entityName: 'opportunities', recordId: id, 'item/name': 'Same' });
    await invoke('UpdateRecord', { entityName: 'opportunities', recordId: id });
    expect(messages(events)).toEqual(['Update', 'Update']);
  });

  test('filteringattributes: fires only when a listed column is in the request, even with the same value', async () => {
    const events = subscribe({
      'subscriptionRequest/message': 3,
      'subscriptionRequest/entityname': 'opportunity',
      'subscriptionRequest/scope': 4,
      'subscriptionRequest/filteringattributes': 'name, cosell_syncwithpartnercenter,parentaccountid',
    });
    const c = await invoke('CreateRecord', { entityName: 'opportunities', 'item/name': 'F' });
    const id = (c.body as { opportunityid: string }).opportunityid;
    const acc = await invoke('CreateRecord', { entityName: 'accounts', 'item/name': 'Acc' });
    await invoke('UpdateRecord', { entityName: 'opportunities', recordId: id, 'item/cosell_syncstate': '{}' });
    expect(events).toHaveLength(0);
    await invoke('UpdateRecord', { entityName: 'opportunities', recordId: id, 'item/name': 'F' });
    expect(events).toHaveLength(1);
    await invoke('UpdateRecord', {
      entityName: 'opportunities',
      recordId: id,
      'item/cosell_syncwithpartnercenter': true,
      'item/cosell_audit': 'x',
    });
    await invoke('UpdateRecord', {
      entityName: 'opportunities',
      recordId: id,
      'item/parentaccountid@odata.bind': `accounts(${(acc.body as { accountid: string }).accountid})`,
    });
    expect(events).toHaveLength(3);
  });

  test('filterexpression is evaluated on the row after the change', async () => {
    const events = subscribe({
      'subscriptionRequest/message': 4,
      'subscriptionRequest/entityname': 'opportunity',
      'subscriptionRequest/scope': 4,
      'subscriptionRequest/filterexpression': 'cosell_syncwithpartnercenter eq true and statecode eq 0',
    });
    const c = await invoke('CreateRecord', { entityName: 'opportunities', 'item/name': 'X' });
    const id = (c.body as { opportunityid: string }).opportunityid;
    expect(events).toHaveLength(0);
    await invoke('UpdateRecord', {
      entityName: 'opportunities',
      recordId: id,
      'item/cosell_syncwithpartnercenter': true,
    });
    expect(messages(events)).toEqual(['Update']);
    await invoke('UpdateRecord', { entityName: 'opportunities', recordId: id, 'item/statecode': 2 });
    expect(events).toHaveLength(1);
  });

  test('scope User sees rows the flow owner owns; Organization sees all', async () => {
    const userScope = subscribe({
      'subscriptionRequest/message': 1,
      'subscriptionRequest/entityname': 'account',
      'subscriptionRequest/scope': 1,
    });
    const orgScope = subscribe({
      'subscriptionRequest/message': 1,
      'subscriptionRequest/entityname': 'account',
      'subscriptionRequest/scope': 4,
    });
    await invoke('CreateRecord', { entityName: 'accounts', 'item/name': 'owned by admin' });
    await invoke('CreateRecord', { entityName: 'accounts', 'item/name': 'owned by integration' }, 'integration');
    expect(userScope.map((e) => (e.body as Body).name)).toEqual(['owned by admin']);
    expect(orgScope).toHaveLength(2);
  });

  test('run as: 1 modifying user, 2 row owner, 3 flow owner', async () => {
    const base = {
      'subscriptionRequest/message': 3,
      'subscriptionRequest/entityname': 'account',
      'subscriptionRequest/scope': 4,
    };
    const modifying = subscribe({ ...base, 'subscriptionRequest/runas': 1 });
    const owner = subscribe({ ...base, 'subscriptionRequest/runas': 2 });
    const flowOwner = subscribe({ ...base, 'subscriptionRequest/runas': 3 });
    const c = await invoke('CreateRecord', {
      entityName: 'accounts',
      'item/name': 'A',
      [`item/ownerid@odata.bind`]: `systemusers(${sandbox.integrationUserId})`,
    });
    await invoke('UpdateRecord', {
      entityName: 'accounts',
      recordId: (c.body as { accountid: string }).accountid,
      'item/name': 'B',
    });
    expect((modifying[0].body as Body).RunAsSystemUserId).toBe(sandbox.adminUserId);
    expect((owner[0].body as Body).RunAsSystemUserId).toBe(sandbox.integrationUserId);
    expect((flowOwner[0].body as Body).RunAsSystemUserId).toBe(sandbox.adminUserId);
  });

  test('only the subscribed table; N:N links fire nothing; unsubscribe stops delivery', async () => {
    const events = subscribe({
      'subscriptionRequest/message': 7,
      'subscriptionRequest/entityname': 'opportunity',
      'subscriptionRequest/scope': 4,
    });
    const s = await invoke('CreateRecord', {
      entityName: 'cosell_microsoftsolutions',
      'item/cosell_name': 'S',
      'item/cosell_solutionid': 'SOL-1',
    });
    expect(events).toHaveLength(0);
    const o = await invoke('CreateRecord', { entityName: 'opportunities', 'item/name': 'O' });
    const oid = (o.body as { opportunityid: string }).opportunityid;
    await invoke('AssociateEntities', {
      entityName: 'opportunities',
      recordId: oid,
      associationEntityRelationship: sandbox.schema.names.opportunitySolutionsRelationship,
      'item/@odata.id': `cosell_microsoftsolutions(${(s.body as { cosell_microsoftsolutionid: string }).cosell_microsoftsolutionid})`,
    });
    expect(messages(events)).toEqual(['Create']);
    unsubscribers.splice(0).forEach((u) => u());
    await invoke('UpdateRecord', { entityName: 'opportunities', recordId: oid, 'item/name': 'later' });
    expect(events).toHaveLength(1);
    expect(sandbox.changeFeed.registrationCount).toBe(0);
  });

  test('a failed write fires nothing', async () => {
    const events = subscribe({
      'subscriptionRequest/message': 7,
      'subscriptionRequest/entityname': 'opportunity',
      'subscriptionRequest/scope': 4,
    });
    await invoke('CreateRecord', { entityName: 'opportunities', 'item/name': 'x'.repeat(301) });
    expect(events).toHaveLength(0);
  });

  test('a subscriber that throws does not break the write or other subscribers', async () => {
    unsubscribers.push(
      adapter.subscribe(
        'SubscribeWebhookTrigger',
        { 'subscriptionRequest/message': 1, 'subscriptionRequest/entityname': 'account' },
        () => {
          throw new Error('boom');
        },
      ),
    );
    const events = subscribe({ 'subscriptionRequest/message': 1, 'subscriptionRequest/entityname': 'account' });
    const r = await invoke('CreateRecord', { entityName: 'accounts', 'item/name': 'ok' });
    expect(r.statusCode).toBe(201);
    expect(events).toHaveLength(1);
  });

  test.each([
    [{ 'subscriptionRequest/entityname': 'opportunity' }, /subscriptionRequest\/message' is required/],
    [
      { 'subscriptionRequest/message': 8, 'subscriptionRequest/entityname': 'opportunity' },
      /message must be one of 1, 2, 3, 4, 5, 6, 7/,
    ],
    [{ 'subscriptionRequest/message': 1, 'subscriptionRequest/entityname': 'opportunities' }, /use 'opportunity'/],
    [
      {
        'subscriptionRequest/message': 1,
        'subscriptionRequest/entityname': 'opportunity',
        'subscriptionRequest/scope': 5,
      },
      /scope must be one of 1, 2, 3, 4/,
    ],
    [
      {
        'subscriptionRequest/message': 1,
        'subscriptionRequest/entityname': 'opportunity',
        'subscriptionRequest/runas': 4,
      },
      /runas must be one of 1, 2, 3/,
    ],
    [
      {
        'subscriptionRequest/message': 3,
        'subscriptionRequest/entityname': 'opportunity',
        'subscriptionRequest/filteringattributes': 'name,bogus',
      },
      /'bogus'/,
    ],
    [
      {
        'subscriptionRequest/message': 3,
        'subscriptionRequest/entityname': 'opportunity',
        'subscriptionRequest/filterexpression': 'name eq',
      },
      /Expression expected/,
    ],
    [
      {
        'subscriptionRequest/message': 3,
        'subscriptionRequest/entityname': 'opportunity',
        'subscriptionRequest/postponeuntil': '2030-01-01',
      },
      /postponeuntil/,
    ],
  ])('bad trigger parameters %j are refused at subscribe time', (parameters, message) => {
    expect(() => adapter.subscribe('SubscribeWebhookTrigger', parameters, () => undefined)).toThrow(message);
    expect(sandbox.changeFeed.registrationCount).toBe(0);
  });

  test('numbers given as text and the nested subscriptionRequest object are accepted', async () => {
    const events = subscribe({ subscriptionRequest: { message: '1', entityname: 'contact', scope: '4' } });
    await invoke('CreateRecord', { entityName: 'contacts', 'item/lastname': 'L' });
    expect(messages(events)).toEqual(['Create']);
  });
});
