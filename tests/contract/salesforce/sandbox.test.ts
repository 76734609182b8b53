import axios from 'axios';
import {
  startSalesforceSandbox,
  type SalesforceSandbox,
  makeId,
  normalizeId,
  parseSoql,
} from '../../../sandbox/salesforce';

let sf: SalesforceSandbox;
let now = Date.parse('2026-06-01T09:00:00.000Z');
const http = axios.create({ validateStatus: () => true });
const api = (path: string) => `${sf.instanceUrl}/services/data/v58.0/${path}`;
const as = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  sf = await startSalesforceSandbox({ now: () => new Date(now) });
});
afterAll(() => sf.stop());

async function account(): Promise<string> {
  const r = await http.post(api('sobjects/Account'), { Name: 'Northwind', BillingCountry: 'US' }, as(sf.tokens.seller));
  expect(r.status).toBe(201);
  return r.data.id;
}

describe('local Salesforce REST API', () => {
  it('creates, reads and updates a record, stamping who changed it and when', async () => {
    const accountId = await account();
    const n = sf.model.names;
    const created = await http.post(
      api('sobjects/Opportunity'),
      {
        Name: 'Deal',
        StageName: 'Prospecting',
        CloseDate: '2026-12-15',
        Amount: 1000,
        AccountId: accountId,
        [n.sync]: true,
      },
      as(sf.tokens.seller),
    );
    expect(created.status).toBe(201);
    expect(created.data).toEqual({ id: expect.stringMatching(/^006[0-9A-Za-z]{15}$/), success: true, errors: [] });
    const id = created.data.id;
    now += 60_000;
    expect(
      (await http.patch(api(`sobjects/Opportunity/${id}`), { StageName: 'Closed Won' }, as(sf.tokens.integration)))
        .status,
    ).toBe(204);
    const got = await http.get(api(`sobjects/Opportunity/${id}`), as(sf.tokens.seller));
    expect(got.data).toMatchObject({
      attributes: { type: 'Opportunity' },
      Id: id,
      IsClosed: true,
      IsWon: true,
      CreatedById: sf.users.sellerId,
      LastModifiedById: sf.users.integrationId,
      CreatedDate: expect.stringMatching(/^2026-06-01T09:00:00\.\d{3}\+0000$/),
      LastModifiedDate: '2026-06-01T09:01:00.000+0000',
      [n.sync]: true,
      [n.syncStatus]: 'NotSynced',
    });
  });

  it('answers validation failures with Salesforce error arrays and writes nothing', async () => {
    const before = (
      await http.get(api(`query?q=${encodeURIComponent('SELECT Id FROM Opportunity')}`), as(sf.tokens.seller))
    ).data.totalSize;
    const missing = await http.post(api('sobjects/Opportunity'), { Name: 'x' }, as(sf.tokens.seller));
    expect(missing.status).toBe(400);
    expect(missing.data).toEqual([
      {
        message: 'Required fields are missing: [StageName, CloseDate]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['StageName', 'CloseDate'],
      },
    ]);
    const picklist = await http.post(
      api('sobjects/Opportunity'),
      { Name: 'x', StageName: 'Nope', CloseDate: '2026-12-01', CurrencyIsoCode: 'XXX' },
      as(sf.tokens.seller),
    );
    expect(picklist.data.map((e: { errorCode: string }) => e.errorCode)).toEqual([
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    ]);
    expect(picklist.data[0].message).toBe('Stage: bad value for restricted picklist field: Nope');
    const long = await http.post(
      api('sobjects/Opportunity'),
      { Name: 'x'.repeat(121), StageName: 'Prospecting', CloseDate: '2026-12-01' },
      as(sf.tokens.seller),
    );
    expect(long.data[0]).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Name'] });
    expect(long.data[0].message).toMatch(/\(max length=120\)$/);
    const unknown = await http.post(api('sobjects/Opportunity'), { Nope__c: 1 }, as(sf.tokens.seller));
    expect(unknown.data[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Nope__c' on sobject of type Opportunity",
    });
    const readOnly = await http.post(api('sobjects/Opportunity'), { IsWon: true }, as(sf.tokens.seller));
    expect(readOnly.data[0].errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const notJson = await http.post(api('sobjects/Opportunity'), 'not json', {
      headers: { Authorization: `Bearer ${sf.tokens.seller}`, 'Content-Type': 'application/json' },
    });
    expect(notJson.data[0].errorCode).toBe('JSON_PARSER_ERROR');
    const after = (
      await http.get(api(`query?q=${encodeURIComponent('SELECT Id FROM Opportunity')}`), as(sf.tokens.seller))
    ).data.totalSize;
    expect(after).toBe(before);
  });

  it('upserts by the Referral Identifier external id and refuses a duplicate referral id', async () => {
    const n = sf.model.names;
    const body = { Name: 'From PC', StageName: 'On Hold', CloseDate: '2026-11-30' };
    const first = await http.patch(api(`sobjects/Opportunity/${n.referralId}/R-1`), body, as(sf.tokens.integration));
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ success: true, created: true });
    const again = await http.patch(
      api(`sobjects/Opportunity/${n.referralId}/R-1`),
      { Amount: 5 },
      as(sf.tokens.integration),
    );
    expect(again.status).toBe(200);
    expect(again.data).toMatchObject({ id: first.data.id, created: false });
    const dup = await http.post(api('sobjects/Opportunity'), { ...body, [n.referralId]: 'r-1' }, as(sf.tokens.seller));
    expect(dup.status).toBe(400);
    expect(dup.data[0]).toMatchObject({ errorCode: 'DUPLICATE_VALUE' });
    expect(dup.data[0].message).toContain(first.data.id);
    const notExternal = await http.patch(api('sobjects/Opportunity/Name/x'), body, as(sf.tokens.seller));
    expect(notExternal.status).toBe(404);
  });

  it('runs the SOQL subset: where, order by, limit, datetimes, and refuses the rest', async () => {
    const q = (soql: string) => http.get(api(`query?q=${encodeURIComponent(soql)}`), as(sf.tokens.seller));
    const r = await q(
      `SELECT Id, Name, LastModifiedDate FROM Opportunity WHERE LastModifiedDate >= 2026-06-01T09:00:00.000Z AND (StageName = 'closed won' OR Amount > 1) ORDER BY Name DESC LIMIT 5`,
    );
    expect(r.status).toBe(200);
    expect(r.data.records.map((x: { Name: string }) => x.Name)).toEqual(['From PC', 'Deal']);
    expect(Object.keys(r.data.records[0])).toEqual(['attributes', 'Id', 'Name', 'LastModifiedDate']);
    expect((await q("SELECT Id FROM Opportunity WHERE Name IN ('Deal', 'x')")).data.totalSize).toBe(1);
    expect((await q("SELECT Id FROM Opportunity WHERE Name LIKE 'De%'")).data.totalSize).toBe(1);
    expect((await q("SELECT Id FROM Opportunity WHERE Amount = '5'")).data[0].errorCode).toBe('MALFORMED_QUERY');
    expect((await q('SELECT Nope FROM Opportunity')).data[0].errorCode).toBe('INVALID_FIELD');
    expect((await q('SELECT Id FROM Nope')).data[0].errorCode).toBe('INVALID_TYPE');
    expect((await q('SELECT Id FROM Opportunity GROUP BY Name')).data[0].errorCode).toBe('MALFORMED_QUERY');
    expect(() => parseSoql("SELECT Id FROM X WHERE Name = 'unterminated")).toThrow(/unterminated/);
  });

  it('requires a session and serves injected faults as 503', async () => {
    const r = await http.get(api('sobjects/Opportunity/describe'));
    expect(r.status).toBe(401);
    expect(r.data).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    sf.failNext(1);
    expect((await http.get(api('sobjects/Opportunity/describe'), as(sf.tokens.seller))).status).toBe(503);
    expect((await http.get(api('sobjects/Opportunity/describe'), as(sf.tokens.seller))).status).toBe(200);
    expect((await http.get(api('sobjects/Opportunity/006000000000000'), as(sf.tokens.seller))).data[0].errorCode).toBe(
      'NOT_FOUND',
    );
    expect((await http.get(api('sobjects/Opportunity/bad-id'), as(sf.tokens.seller))).data[0].errorCode).toBe(
      'MALFORMED_ID',
    );
  });

  it('makes 18-character ids with the case-safe suffix', () => {
    const id = makeId('006', 1);
    expect(id).toHaveLength(18);
    expect(normalizeId(id.slice(0, 15))).toBe(id);
    expect(normalizeId(id.slice(0, 15) + 'AAB')).toBeUndefined();
    // A known pair from Salesforce's documentation of the algorithm.
    expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });
});
