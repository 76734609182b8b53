import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guidFromName } from '../../../scripts/lib/guid';
import { ManualClock, startDataverseSandbox, type DataverseSandbox } from '../../../sandbox/dataverse';
import { ApiClient, idFromEntityId } from './client';

const HELP_POC = 318700003;
const HELP_QUOTES = 318700004;
let counter = 0;
const newId = () => guidFromName(`web-api-test/${++counter}`);

describe('local Dataverse Web API', () => {
  let sandbox: DataverseSandbox;
  let api: ApiClient;
  const clock = new ManualClock('2026-03-01T10:00:00Z');

  beforeEach(async () => {
    sandbox = await startDataverseSandbox({ now: clock.now, newId });
    api = new ApiClient(sandbox.apiUrl);
  });
  afterEach(async () => {
    api.close();
    await sandbox.stop();
  });

  async function createOpportunity(body: Record<string, unknown>): Promise<string> {
    const r = await api.post('opportunities', body);
    expect(r.status).toBe(204);
    return idFromEntityId(r.headers['odata-entityid']);
  }

  test('listens on 127.0.0.1 and serves the service document and WhoAmI', async () => {
    expect(sandbox.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/data\/v9\.2\/$/);
    const doc = await api.get('');
    expect(doc.body.value.map((v: { name: string }) => v.name)).toEqual(
      expect.arrayContaining([
        'opportunities',
        'accounts',
        'contacts',
        'systemusers',
        'transactioncurrencies',
        'cosell_microsoftsolutions',
      ]),
    );
    const who = await api.get('WhoAmI', { MSCRMCallerID: sandbox.integrationUserId });
    expect(who.body.UserId).toBe(sandbox.integrationUserId);
  });

  test('create: 204 with OData-EntityId, or 201 with the row when return=representation', async () => {
    const r = await api.post('opportunities', { name: 'Deal A', estimatedvalue: 1250.5 });
    expect(r.status).toBe(204);
    expect(r.headers['odata-entityid']).toMatch(/\/api\/data\/v9\.2\/opportunities\([0-9a-f-]{36}\)$/);
    expect(r.headers.etag).toMatch(/^W\/"\d+"$/);
    const r2 = await api.post(
      'opportunities?$select=name,statecode',
      { name: 'Deal B' },
      { Prefer: 'return=representation' },
    );
    expect(r2.status).toBe(201);
    expect(r2.headers['preference-applied']).toBe('return=representation');
    expect(r2.body).toMatchObject({ name: 'Deal B', statecode: 0 });
    expect(Object.keys(r2.body).sort()).toEqual([
      '@odata.context',
      '@odata.etag',
      'name',
      'opportunityid',
      'statecode',
    ]);
  });

  test('retrieve: columns, defaults, system columns, lookups as _x_value, multi-select as comma-separated ints', async () => {
    const id = await createOpportunity({
      name: 'Deal',
      cosell_howcanmicrosofthelp: `${HELP_QUOTES},${HELP_POC}`,
      estimatedclosedate: '2026-06-30',
    });
    const r = await api.get(`opportunities(${id})`);
    expect(r.status).toBe(200);
    expect(r.headers.etag).toBe(r.body['@odata.etag']);
    expect(r.body).toMatchObject({
      opportunityid: id,
      name: 'Deal',
      cosell_howcanmicrosofthelp: `${HELP_POC},${HELP_QUOTES}`,
      cosell_syncwithpartnercenter: false,
      cosell_sharedwithmicrosoftsellers: false,
      cosell_syncstatus: 318700000,
      cosell_referralidentifier: null,
      estimatedclosedate: '2026-06-30',
      statecode: 0,
      statuscode: 1,
      createdon: '2026-03-01T10:00:00Z',
      modifiedon: '2026-03-01T10:00:00Z',
      _modifiedby_value: sandbox.adminUserId,
      _ownerid_value: sandbox.adminUserId,
      _transactioncurrencyid_value: sandbox.currencyId('USD'),
    });
    expect(typeof r.body.versionnumber).toBe('number');
    const annotated = await api.get(
      `opportunities(${id})?$select=cosell_howcanmicrosofthelp,_transactioncurrencyid_value`,
      {
        Prefer: 'odata.include-annotations="*"',
      },
    );
    expect(annotated.body['cosell_howcanmicrosofthelp@OData.Community.Display.V1.FormattedValue']).toBe(
      'Proof of concept/Demo; Quotes and licensing',
    );
    expect(annotated.body['_transactioncurrencyid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe(
      'transactioncurrency',
    );
    expect(annotated.body['_transactioncurrencyid_value@OData.Community.Display.V1.FormattedValue']).toBe('US Dollar');
  });

  test('retrieve and update by alternate key (case-insensitive like Dataverse)', async () => {
    const id = await createOpportunity({ name: 'Keyed', cosell_referralidentifier: 'REF-001' });
    const r = await api.get("opportunities(cosell_referralidentifier='ref-001')?$select=name");
    expect(r.body).toMatchObject({ opportunityid: id, name: 'Keyed' });
    const u = await api.patch("opportunities(cosell_referralidentifier='REF-001')", { name: 'Renamed' });
    expect(u.status).toBe(204);
    expect(idFromEntityId(u.headers['odata-entityid'])).toBe(id);
    const missing = await api.get("opportunities(cosell_referralidentifier='nope')");
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      code: '0x80040217',
      message: 'A record with the specified key values does not exist in opportunity entity',
    });
    const notAKey = await api.get("opportunities(name='Keyed')");
    expect(notAKey.status).toBe(400);
    expect(notAKey.body.error.message).toMatch(/not an alternate key/);
  });

  test('duplicate alternate key: Dataverse error and nothing changes', async () => {
    const first = await createOpportunity({ name: 'First', cosell_referralidentifier: 'R-1' });
    const other = await createOpportunity({ name: 'Other', cosell_referralidentifier: 'R-2' });
    const before = (await api.get('opportunities')).body.value;
    const dup = await api.post('opportunities', { name: 'Dup', cosell_referralidentifier: 'r-1' });
    expect(dup.status).toBe(412);
    expect(dup.body.error).toEqual({
      code: '0x80040237',
      message: 'A record with matching key values already exists.',
    });
    const dupUpdate = await api.patch(`opportunities(${other})`, { name: 'Changed', cosell_referralidentifier: 'R-1' });
    expect(dupUpdate.body.error.code).toBe('0x80040237');
    expect((await api.get('opportunities')).body.value).toEqual(before);
    // The key stays usable for its owner, and a freed key can be taken.
    expect((await api.patch(`opportunities(${first})`, { cosell_referralidentifier: 'R-3' })).status).toBe(204);
    expect((await api.patch(`opportunities(${other})`, { cosell_referralidentifier: 'R-1' })).status).toBe(204);
    // Null keys are not unique.
    await createOpportunity({ name: 'No key 1' });
    await createOpportunity({ name: 'No key 2' });
  });

  test('duplicate primary id on create', async () => {
    const id = await createOpportunity({ name: 'One' });
    const r = await api.post('opportunities', { opportunityid: id, name: 'Two' });
    expect(r.status).toBe(412);
    expect(r.body.error.code).toBe('0x80040237');
    expect((await api.get(`opportunities(${id})?$select=name`)).body.name).toBe('One');
  });

  test('type, length and choice violations: Dataverse errors, nothing written', async () => {
    const id = await createOpportunity({ name: 'Valid' });
    const before = (await api.get(`opportunities(${id})`)).body;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { name: 'x'.repeat(301) },
        '0x80044331',
        /The length of the 'name' attribute of the 'opportunity' entity exceeded the maximum allowed length of '300'/,
      ],
      [{ cosell_referrallink: `https://x/${'a'.repeat(1000)}` }, '0x80044331', /'cosell_referrallink'/],
      [
        { cosell_syncstatus: 5 },
        '0x8004431a',
        /The value 5 of 'cosell_syncstatus' on record of type 'opportunity' is outside the valid range. Accepted Values: 318700000,318700001,318700002,318700003/,
      ],
      [{ cosell_howcanmicrosofthelp: '318700001,42' }, '0x8004431a', /The value 42 of 'cosell_howcanmicrosofthelp'/],
      [{ cosell_howcanmicrosofthelp: 'a,b' }, '0x80048d19', /not a number/],
      [
        { estimatedvalue: 'lots' },
        '0x80048d19',
        /Cannot convert the literal 'lots' to the expected type 'Edm.Decimal'/,
      ],
      [{ cosell_syncwithpartnercenter: 1 }, '0x80048d19', /Edm.Boolean/],
      [{ closeprobability: 101 }, '0x8004431a', /outside the valid range/],
      [{ closeprobability: 1.5 }, '0x80048d19', /Edm.Int32/],
      [{ estimatedclosedate: '2026-02-30' }, '0x80048d19', /Edm.Date/],
      [{ cosell_lastsyncedon: 'yesterday' }, '0x80048d19', /Edm.DateTimeOffset/],
      [{ name: { text: 'x' } }, '0x80048d19', /StartObject/],
      [
        { nosuchcolumn: 1 },
        '0x80048d19',
        /The property 'nosuchcolumn' does not exist on type 'Microsoft.Dynamics.CRM.opportunity'/,
      ],
      [{ _parentaccountid_value: sandbox.adminUserId }, '0x80060888', /Use Navigation properties instead/],
      [{ modifiedon: '2026-01-01T00:00:00Z' }, '0x80048d19', /set by the platform/],
      [
        { statuscode: 3 },
        '0x80040203',
        /3 is not a valid status code for state code OpportunityState.Open on opportunity/,
      ],
      [{ name: 'ok', cosell_audit: 'y'.repeat(100001) }, '0x80044331', /'cosell_audit'/],
    ];
    for (const [body, code, message] of cases) {
      const r = await api.patch(`opportunities(${id})`, body);
      expect({ body, status: r.status, code: r.body.error.code }).toEqual({ body, status: 400, code });
      expect(r.body.error.message).toMatch(message);
    }
    expect((await api.get(`opportunities(${id})`)).body).toEqual(before);
    const bad = await api.post('opportunities', { name: 'x'.repeat(301) });
    expect(bad.status).toBe(400);
    expect((await api.get('opportunities?$count=true')).body['@odata.count']).toBe(1);
  });

  test('malformed JSON and requests for unknown things', async () => {
    const r = await api.post('opportunities', '{"name": ');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('0x80048d19');
    expect(r.body.error.message).toMatch(/Invalid JSON/);
    const arr = await api.post('opportunities', '[1]');
    expect(arr.body.error.message).toMatch(/must be a JSON object/);
    const set = await api.get('widgets');
    expect(set.status).toBe(404);
    expect(set.body.error).toEqual({ code: '0x8006088a', message: "Resource not found for the segment 'widgets'." });
    const method = await api.send('PUT', 'opportunities', {});
    expect(method.status).toBe(405);
    const missing = await api.get('opportunities(00000000-0000-0000-0000-000000000001)');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({
      code: '0x80040217',
      message: "Entity 'opportunity' With Id = 00000000-0000-0000-0000-000000000001 Does Not Exist",
    });
    const caller = await api.get('opportunities', { MSCRMCallerID: '00000000-0000-0000-0000-000000000009' });
    expect(caller.status).toBe(404);
  });

  test('hostile requests get a 4xx Dataverse error, never a crash', async () => {
    const paths = [
      'opportunities(',
      "opportunities(cosell_referralidentifier='unterminated)",
      'opportunities()',
      'opportunities(%E0%A4%A)',
      'opportunities?$filter=%',
      `opportunities?$filter=${encodeURIComponent('(((((' + "name eq 'a'")}`,
      `opportunities?$filter=${encodeURIComponent('name eq 1 eq 2')}`,
      `opportunities?$filter=${encodeURIComponent("Microsoft.Dynamics.CRM.In(PropertyName='estimatedvalue',PropertyValues=['x'])")}`,
      `opportunities?$expand=${encodeURIComponent('a(b(c))')}`,
      'opportunities?$select=',
      'opportunities?$orderby=',
      '$metadata',
      '$batch',
      'opportunities(00000000-0000-0000-0000-000000000001)/cosell_opportunity_cosell_microsoftsolution/$ref/x',
    ];
    for (const path of paths) {
      const r = await api.get(path);
      expect({ path, clientError: r.status >= 400 && r.status < 500 }).toEqual({ path, clientError: true });
      expect(typeof r.body.error.code).toBe('string');
    }
    const deep = '['.repeat(100000) + ']'.repeat(100000);
    const r = await api.post('opportunities', deep);
    expect(r.status).toBe(400);
    expect((await api.get('opportunities?$count=true')).body['@odata.count']).toBe(0);
  });

  test('malformed OData gets a 400 naming the fault', async () => {
    const cases: [string, RegExp][] = [
      [
        `opportunities?$filter=${encodeURIComponent("name eq 'a' and")}`,
        /Expression expected at position 15 in 'name eq 'a' and'/,
      ],
      [`opportunities?$filter=${encodeURIComponent('nope eq 1')}`, /Could not find a property named 'nope'/],
      ['opportunities?$select=name,nope', /Could not find a property named 'nope'/],
      ['opportunities?$orderby=nope', /Could not find a property named 'nope'/],
      ['opportunities?$expand=nope', /Could not find a property named 'nope'/],
      ['opportunities?$top=x', /\$top/],
      ['opportunities?$skiptoken=garbage', /not a paging cookie/],
      ['opportunities?$apply=groupby', /not supported/],
      ['opportunities(not-a-guid)', /Edm.Guid/],
      ['opportunities(00000000-0000-0000-0000-000000000001)?$filter=name eq null', /Only \$select and \$expand/],
    ];
    for (const [path, message] of cases) {
      const r = await api.get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(r.body.error.message).toMatch(message);
    }
  });

  test('$select, $filter, $orderby, $top, $count', async () => {
    for (const [name, value, state] of [
      ['Alpha', 300, 0],
      ['beta', 100, 0],
      ['Gamma', 200, 0],
      ['Delta', null, 0],
    ] as const) {
      await createOpportunity({ name, ...(value !== null ? { estimatedvalue: value } : {}), statecode: state });
    }
    const q = (s: string) => api.get(`opportunities?${s}`).then((r) => r.body);
    expect((await q('$select=name&$orderby=name')).value.map((r: { name: string }) => r.name)).toEqual([
      'Alpha',
      'beta',
      'Delta',
      'Gamma',
    ]);
    expect((await q('$select=name&$orderby=estimatedvalue desc')).value.map((r: { name: string }) => r.name)).toEqual([
      'Alpha',
      'Gamma',
      'beta',
      'Delta',
    ]);
    expect((await q('$select=name&$orderby=estimatedvalue')).value.map((r: { name: string }) => r.name)[0]).toBe(
      'Delta',
    );
    expect(
      (
        await q(
          `$select=name&$filter=${encodeURIComponent("estimatedvalue ge 200 or startswith(name,'B')")}&$orderby=name`,
        )
      ).value.map((r: { name: string }) => r.name),
    ).toEqual(['Alpha', 'beta', 'Gamma']);
    const top = await q('$select=name&$orderby=name desc&$top=2&$count=true');
    expect(top.value.map((r: { name: string }) => r.name)).toEqual(['Gamma', 'Delta']);
    expect(top['@odata.count']).toBe(4);
    expect(top['@odata.context']).toMatch(/\$metadata#opportunities\(name\)$/);
    expect(Object.keys(top.value[0]).sort()).toEqual(['@odata.etag', 'name', 'opportunityid']);
  });

  test('paging with Prefer: odata.maxpagesize and @odata.nextLink', async () => {
    for (let i = 0; i < 7; i++) await createOpportunity({ name: `P${i}`, estimatedvalue: i });
    const names: string[] = [];
    let link: string | undefined =
      `${sandbox.apiUrl}opportunities?$select=name&$orderby=estimatedvalue&$filter=${encodeURIComponent('estimatedvalue ge 1')}`;
    let pages = 0;
    while (link && pages < 10) {
      const r = await api.get(link, { Prefer: 'odata.maxpagesize=2' });
      expect(r.headers['preference-applied']).toBe('odata.maxpagesize=2');
      names.push(...r.body.value.map((v: { name: string }) => v.name));
      link = r.body['@odata.nextLink'];
      pages++;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
  });

  test('lookups via @odata.bind, $expand of a lookup and of the N:N relationship', async () => {
    const acc = await api.post(
      'accounts',
      { name: 'Contoso', address1_country: 'US', address1_postalcode: '98052' },
      { Prefer: 'return=representation' },
    );
    const accountId = acc.body.accountid;
    const contact = await api.post(
      'contacts',
      { firstname: 'Ada', lastname: 'Lovelace', 'parentcustomerid_account@odata.bind': `/accounts(${accountId})` },
      { Prefer: 'return=representation' },
    );
    expect(contact.body.fullname).toBe('Ada Lovelace');
    expect(contact.body._parentcustomerid_value).toBe(accountId);
    const id = await createOpportunity({
      name: 'With lookups',
      'customerid_account@odata.bind': `accounts(${accountId})`,
      'parentcontactid@odata.bind': `${sandbox.apiUrl}contacts(${contact.body.contactid})`,
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${sandbox.currencyId('EUR')})`,
    });
    const sol1 = await api.post(
      'cosell_microsoftsolutions',
      { cosell_name: 'Azure Thing', cosell_solutionid: 'SOL-1' },
      { Prefer: 'return=representation' },
    );
    expect(sol1.body.cosell_solutiontype).toBe(318700002);
    await api.post('cosell_microsoftsolutions', { cosell_name: 'Other', cosell_solutionid: 'SOL-2' });
    const assoc = await api.post(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution/$ref`, {
      '@odata.id': `${sandbox.apiUrl}cosell_microsoftsolutions(cosell_solutionid='SOL-1')`,
    });
    expect(assoc.status).toBe(204);
    const again = await api.post(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution/$ref`, {
      '@odata.id': `cosell_microsoftsolutions(${sol1.body.cosell_microsoftsolutionid})`,
    });
    expect(again.body.error).toEqual({ code: '0x80040237', message: 'Cannot insert duplicate key.' });
    const r = await api.get(
      `opportunities(${id})?$select=name,_customerid_value&$expand=customerid_account($select=name,address1_country),cosell_opportunity_cosell_microsoftsolution($select=cosell_solutionid)`,
      { Prefer: 'odata.include-annotations="*"' },
    );
    expect(r.body._customerid_value).toBe(accountId);
    expect(r.body['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
    expect(r.body.customerid_account).toMatchObject({ name: 'Contoso', address1_country: 'US' });
    expect(
      r.body.cosell_opportunity_cosell_microsoftsolution.map((s: { cosell_solutionid: string }) => s.cosell_solutionid),
    ).toEqual(['SOL-1']);
    // The relationship from the other side, and unlinking.
    const back = await api.get(
      `cosell_microsoftsolutions(cosell_solutionid='SOL-1')/cosell_opportunity_cosell_microsoftsolution?$select=name`,
    );
    expect(back.body.value.map((o: { name: string }) => o.name)).toEqual(['With lookups']);
    const un = await api.delete(
      `opportunities(${id})/cosell_opportunity_cosell_microsoftsolution(${sol1.body.cosell_microsoftsolutionid})/$ref`,
    );
    expect(un.status).toBe(204);
    const after = await api.get(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution`);
    expect(after.body.value).toEqual([]);
    // Re-link and unlink with $id.
    await api.post(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution/$ref`, {
      '@odata.id': `cosell_microsoftsolutions(${sol1.body.cosell_microsoftsolutionid})`,
    });
    const un2 = await api.delete(
      `opportunities(${id})/cosell_opportunity_cosell_microsoftsolution/$ref?$id=${encodeURIComponent(`${sandbox.apiUrl}cosell_microsoftsolutions(${sol1.body.cosell_microsoftsolutionid})`)}`,
    );
    expect(un2.status).toBe(204);
    expect((await api.get(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution`)).body.value).toEqual([]);
  });

  test('bad binds and bad $ref requests change nothing', async () => {
    const id = await createOpportunity({ name: 'Lookups' });
    const before = (await api.get(`opportunities(${id})`)).body;
    const missing = await api.patch(`opportunities(${id})`, {
      name: 'x',
      'parentaccountid@odata.bind': '/accounts(00000000-0000-0000-0000-00000000000a)',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('0x80040217');
    const wrongSet = await api.patch(`opportunities(${id})`, {
      name: 'x',
      'parentaccountid@odata.bind': `/systemusers(${sandbox.adminUserId})`,
    });
    expect(wrongSet.status).toBe(400);
    expect(wrongSet.body.error.message).toMatch(/must point to the 'account' table/);
    const notNav = await api.patch(`opportunities(${id})`, {
      'nothing@odata.bind': '/accounts(00000000-0000-0000-0000-00000000000a)',
    });
    expect(notNav.status).toBe(400);
    const badRef = await api.post(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution/$ref`, {
      '@odata.id': `accounts(${sandbox.adminUserId})`,
    });
    expect(badRef.status).toBe(400);
    const lookupRef = await api.post(`opportunities(${id})/parentaccountid/$ref`, {
      '@odata.id': `accounts(${sandbox.adminUserId})`,
    });
    expect(lookupRef.status).toBe(400);
    expect((await api.get(`opportunities(${id})`)).body).toEqual(before);
  });

  test('ETags: If-Match with a stale version is 412; upsert with If-None-Match / If-Match: *', async () => {
    const created = await api.post('opportunities', { name: 'E' }, { Prefer: 'return=representation' });
    const id = created.body.opportunityid;
    const etag = created.body['@odata.etag'];
    expect((await api.patch(`opportunities(${id})`, { name: 'E2' }, { 'If-Match': etag })).status).toBe(204);
    const stale = await api.patch(`opportunities(${id})`, { name: 'E3' }, { 'If-Match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('0x80060882');
    expect((await api.delete(`opportunities(${id})`, { 'If-Match': etag })).status).toBe(412);
    expect((await api.get(`opportunities(${id})?$select=name`)).body.name).toBe('E2');
    const current = (await api.get(`opportunities(${id})`)).headers.etag;
    const notModified = await api.get(`opportunities(${id})`, { 'If-None-Match': current });
    expect(notModified.status).toBe(304);
    expect((await api.get(`opportunities(${id})`, { 'If-None-Match': etag })).status).toBe(200);

    const newGuid = '11111111-2222-4333-8444-555555555555';
    const updateOnly = await api.patch(`opportunities(${newGuid})`, { name: 'nope' }, { 'If-Match': '*' });
    expect(updateOnly.status).toBe(404);
    const createOnly = await api.patch(
      `opportunities(${newGuid})`,
      { name: 'upserted' },
      { 'If-None-Match': '*', Prefer: 'return=representation' },
    );
    expect(createOnly.status).toBe(201);
    expect(createOnly.body).toMatchObject({ opportunityid: newGuid, name: 'upserted' });
    const createAgain = await api.patch(`opportunities(${newGuid})`, { name: 'again' }, { 'If-None-Match': '*' });
    expect(createAgain.status).toBe(412);
    expect(createAgain.body.error.code).toBe('0x80040237');
    const upsertKey = await api.patch(
      "opportunities(cosell_referralidentifier='NEW-REF')",
      { name: 'by key' },
      { Prefer: 'return=representation' },
    );
    expect(upsertKey.status).toBe(201);
    expect(upsertKey.body.cosell_referralidentifier).toBe('NEW-REF');
    const upsertKey2 = await api.patch(
      "opportunities(cosell_referralidentifier='NEW-REF')",
      { name: 'by key 2' },
      { Prefer: 'return=representation' },
    );
    expect(upsertKey2.status).toBe(200);
    expect(upsertKey2.body.opportunityid).toBe(upsertKey.body.opportunityid);
    const conflicting = await api.patch("opportunities(cosell_referralidentifier='OTHER')", {
      cosell_referralidentifier: 'DIFFERENT',
    });
    expect(conflicting.status).toBe(400);
  });

  test('every update is a real update: new version and modifiedon even when nothing changes; modifiedby is the caller', async () => {
    const id = await createOpportunity({ name: 'Same' });
    const v1 = (await api.get(`opportunities(${id})`)).body;
    clock.advance(60_000);
    expect(
      (await api.patch(`opportunities(${id})`, { name: 'Same' }, { MSCRMCallerID: sandbox.integrationUserId })).status,
    ).toBe(204);
    const v2 = (await api.get(`opportunities(${id})`)).body;
    expect(v2.versionnumber).toBeGreaterThan(v1.versionnumber);
    expect(v2['@odata.etag']).not.toBe(v1['@odata.etag']);
    expect(v2.modifiedon).toBe('2026-03-01T10:01:00Z');
    expect(v2.createdon).toBe(v1.createdon);
    expect(v2._modifiedby_value).toBe(sandbox.integrationUserId);
    expect(v2._createdby_value).toBe(sandbox.adminUserId);
  });

  test('state and status', async () => {
    const id = await createOpportunity({ name: 'S' });
    expect((await api.patch(`opportunities(${id})`, { statecode: 2 })).status).toBe(204);
    expect((await api.get(`opportunities(${id})?$select=statecode,statuscode`)).body).toMatchObject({
      statecode: 2,
      statuscode: 4,
    });
    expect((await api.patch(`opportunities(${id})`, { statecode: 1, statuscode: 3 })).status).toBe(204);
    const bad = await api.patch(`opportunities(${id})`, { statecode: 0, statuscode: 5 });
    expect(bad.body.error.code).toBe('0x80040203');
  });

  test('delete: the row, its key and its links go; missing rows are 404', async () => {
    const id = await createOpportunity({ name: 'Gone', cosell_referralidentifier: 'DEL-1' });
    const sol = await api.post(
      'cosell_microsoftsolutions',
      { cosell_name: 'S', cosell_solutionid: 'SOL-D' },
      { Prefer: 'return=representation' },
    );
    await api.post(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution/$ref`, {
      '@odata.id': `cosell_microsoftsolutions(${sol.body.cosell_microsoftsolutionid})`,
    });
    expect((await api.delete(`opportunities(${id})`)).status).toBe(204);
    expect((await api.get(`opportunities(${id})`)).status).toBe(404);
    expect((await api.delete(`opportunities(${id})`)).body.error.code).toBe('0x80040217');
    expect(
      (
        await api.get(
          `cosell_microsoftsolutions(${sol.body.cosell_microsoftsolutionid})/cosell_opportunity_cosell_microsoftsolution`,
        )
      ).body.value,
    ).toEqual([]);
    // The key is free again.
    await createOpportunity({ name: 'Reuse', cosell_referralidentifier: 'DEL-1' });
  });

  test('deleting a referenced row clears the lookups that pointed at it', async () => {
    const acc = await api.post('accounts', { name: 'Parent' }, { Prefer: 'return=representation' });
    const id = await createOpportunity({
      name: 'Child',
      'parentaccountid@odata.bind': `/accounts(${acc.body.accountid})`,
    });
    await api.delete(`accounts(${acc.body.accountid})`);
    expect(
      (await api.get(`opportunities(${id})?$select=_parentaccountid_value`)).body._parentaccountid_value,
    ).toBeNull();
  });
});

describe('persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dv-sandbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('state survives a restart; the file is replaced atomically', async () => {
    const file = join(dir, 'dataverse.json');
    const s1 = await startDataverseSandbox({ persistPath: file });
    const api1 = new ApiClient(s1.apiUrl);
    const r = await api1.post('opportunities', { name: 'Persisted', cosell_referralidentifier: 'P-1' });
    const id = idFromEntityId(r.headers['odata-entityid']);
    const sol = await api1.post(
      'cosell_microsoftsolutions',
      { cosell_name: 'S', cosell_solutionid: 'SOL-P' },
      { Prefer: 'return=representation' },
    );
    await api1.post(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution/$ref`, {
      '@odata.id': `cosell_microsoftsolutions(${sol.body.cosell_microsoftsolutionid})`,
    });
    api1.close();
    await s1.stop();
    expect(JSON.parse(readFileSync(file, 'utf8')).format).toBe('cosell-dataverse-sandbox/1');

    const s2 = await startDataverseSandbox({ persistPath: file });
    const api2 = new ApiClient(s2.apiUrl);
    expect((await api2.get("opportunities(cosell_referralidentifier='P-1')?$select=name")).body.name).toBe('Persisted');
    expect(
      (await api2.get(`opportunities(${id})/cosell_opportunity_cosell_microsoftsolution`)).body.value,
    ).toHaveLength(1);
    expect((await api2.post('opportunities', { name: 'dup', cosell_referralidentifier: 'P-1' })).status).toBe(412);
    api2.close();
    await s2.stop();
  });

  test('a file that is not a sandbox state stops the start with a clear message', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"hello": 1}');
    await expect(startDataverseSandbox({ persistPath: file })).rejects.toThrow(/not a Dataverse sandbox state file/);
    writeFileSync(file, '{nope');
    await expect(startDataverseSandbox({ persistPath: file })).rejects.toThrow(/not valid JSON/);
  });
});
