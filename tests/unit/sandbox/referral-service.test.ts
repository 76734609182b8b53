import { ManualClock } from '../../../sandbox/partner-center/clock';
import { ApiError } from '../../../sandbox/partner-center/errors';
import { EXPIRY_MS, MICROSOFT_ORGANIZATION, MicrosoftSide } from '../../../sandbox/partner-center/microsoft-side';
import { ReferralService, type ReferralChange } from '../../../sandbox/partner-center/referral-service';
import { sampleReferral } from '../../../sandbox/partner-center/sample-referral';
import { privateDealCreate } from '../../fixtures/partner-center';

// Referral bodies are free-form JSON in these tests.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PARTNER = {
  organizationId: '7d23e5ca-19dc-4eaa-aac8-5e6b559f0d1d',
  organizationName: 'Contoso Company',
  mpnId: '6115379',
};

function setup() {
  const clock = new ManualClock('2026-01-05T09:00:00Z');
  const service = new ReferralService({
    clock,
    seed: 'test',
    partner: PARTNER,
    linkBase: () => 'https://api.partner.microsoft.com',
  });
  const changes: ReferralChange[] = [];
  service.onChange((c) => changes.push(c));
  return { clock, service, changes };
}

const privateDeal = () => privateDealCreate<Json>();

function fails(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('create', () => {
  test('partner-created referrals come back Active/Accepted, Outgoing, accepted when created, with links and an eTag', () => {
    const { service, changes } = setup();
    const r = service.create({ ...privateDeal(), status: 'New', substatus: 'Pending' });
    expect(r).toMatchObject({
      status: 'Active',
      substatus: 'Accepted',
      direction: 'Outgoing',
      organizationId: PARTNER.organizationId,
      createdDateTime: '2026-01-05T09:00:00.0000000Z',
      acceptedDateTime: '2026-01-05T09:00:00.0000000Z',
      consent: {
        consentToToShareInfoWithOthers: true,
        consentToContact: true,
        consentToMicrosoftToContactSpecificPartners: true,
        consentToShareReferralWithMicrosoftSellers: false,
      },
    });
    expect(r.eTag).toMatch(/^"[0-9a-f]{8}-0000-0000-0000-[0-9a-f]{12}"$/);
    expect(r.links).toEqual({
      relatedReferrals: {
        uri: `https://api.partner.microsoft.com/v1.0/engagements/referrals?$filter=engagementId eq '${String(r.engagementId)}'`,
        method: 'GET',
      },
      self: { uri: `https://api.partner.microsoft.com/v1.0/engagements/referrals/${String(r.id)}`, method: 'GET' },
    });
    expect(changes).toEqual([
      { kind: 'created', id: r.id, ownedByPartner: true, at: Date.parse('2026-01-05T09:00:00Z') },
    ]);
  });

  test('nulls are emitted, not omitted; unknown properties are ignored; names come out camelCase', () => {
    const { service } = setup();
    const r = service.create({ ...privateDeal(), NoSuchThing: 1, ExternalReferenceID: 'CRM-1' });
    expect(r.externalReferenceId).toBe('CRM-1');
    expect(r).not.toHaveProperty('NoSuchThing');
    expect(r.statusReason).toBeNull();
    expect(r.trackingInfo).toEqual({
      microsoftMsxId: null,
      microsoftUSFedOpportunityId: null,
      microsoftUSFedLeadId: null,
      migratedPSCDealId: null,
      migratedPSCPartnerDealId: null,
    });
    expect(r.registrations).toEqual([]);
  });

  test('"10000" becomes 10000; enum values are matched case-insensitively and emitted PascalCase', () => {
    const { service } = setup();
    const r = service.create({
      ...privateDeal(),
      type: 'independent',
      details: { ...privateDeal().details, dealValue: '10000' },
    });
    expect(r.type).toBe('Independent');
    expect((r.details as Record<string, unknown>).dealValue).toBe(10000);
  });

  test.each([
    ['type missing', (b: Record<string, unknown>) => delete b.type, "'type' is required"],
    [
      'customerProfile missing',
      (b: Record<string, unknown>) => delete b.customerProfile,
      "'customerProfile' is required",
    ],
    ['consent missing', (b: Record<string, unknown>) => delete b.consent, "'consent' is required"],
    ['details missing', (b: Record<string, unknown>) => delete b.details, "'details' is required"],
    [
      'address.city missing',
      (b: Json) => delete b.customerProfile.address.city,
      "'customerProfile.address.city' is required",
    ],
    ['country not ISO', (b: Json) => (b.customerProfile.address.country = 'USA'), 'ISO 3166-1 alpha-2'],
    ['country lower case', (b: Json) => (b.customerProfile.address.country = 'us'), 'ISO 3166-1 alpha-2'],
    ['currency not ISO', (b: Json) => (b.details.currency = 'XYZ'), 'ISO 4217'],
    ['non-UTC date', (b: Json) => (b.details.closingDateTime = '2024-11-14T00:00:00+02:00'), 'UTC date and time'],
    ['date only', (b: Json) => (b.details.closingDateTime = '2024-11-14'), 'UTC date and time'],
    ['impossible date', (b: Json) => (b.details.closingDateTime = '2024-02-30T00:00:00Z'), 'not a real date'],
    ['dealValue not a number', (b: Json) => (b.details.dealValue = 'lots'), "'details.dealValue' must be a number"],
    ['dealValue boolean', (b: Json) => (b.details.dealValue = true), 'must be a number'],
    ['unknown enum', (b: Json) => (b.type = 'Secret'), 'unknown value "Secret"; allowed: Independent, Shared'],
    [
      'unknown qualification',
      (b: Json) => (b.qualification = 'Hot'),
      'allowed: None, Direct, MarketingQualified, SalesQualified',
    ],
    ['team not an array', (b: Json) => (b.team = { firstName: 'x' }), "'team' must be an array"],
    ['name a number', (b: Json) => (b.name = 42), "'name' must be text"],
    ['consent flag as text', (b: Json) => (b.consent.ConsentToContact = 'yes'), 'must be true or false'],
    [
      'more than 50 team members',
      (b: Json) => (b.team = Array.from({ length: 51 }, () => ({ firstName: 'x' }))),
      'at most 50',
    ],
    ['customer profile an array', (b: Json) => (b.customerProfile = []), 'must be a JSON object'],
    [
      'help requested without customer contact',
      (b: Json) => {
        b.inviteContext = { assistanceRequestCode: 'ProofOfConceptOrDemo' };
        b.customerProfile.team = [];
      },
      'customer contact',
    ],
    ['same property twice in different casing', (b: Json) => (b.Name = 'again'), 'given twice'],
  ])('%s → 400 with the documented error body, nothing stored', (_label, mutate, fragment) => {
    const { service, changes } = setup();
    const body = privateDeal() as Record<string, unknown>;
    mutate(body);
    const e = fails(() => service.create(body));
    expect(e.status).toBe(400);
    expect(e.toBody()).toEqual({
      error: { code: 'invalidRequest', message: expect.stringContaining(fragment), target: expect.any(String) },
    });
    expect(service.store.size).toBe(0);
    expect(changes).toEqual([]);
  });

  test('a connected referral joins an existing engagement; an unknown engagementId is a 400', () => {
    const { service } = setup();
    const first = service.create(privateDeal());
    const second = service.create({
      ...privateDeal(),
      type: 'Shared',
      engagementId: first.engagementId,
      target: [{ type: 'BusinessProfileLocation', id: 'msft' }],
    });
    expect(second.engagementId).toBe(first.engagementId);
    expect(
      fails(() => service.create({ ...privateDeal(), engagementId: '00000000-0000-4000-8000-000000000000' })).message,
    ).toContain('No engagement');
  });

  test('ids are deterministic under the seed', () => {
    const a = setup().service.create(privateDeal());
    const b = setup().service.create(privateDeal());
    expect(a.id).toBe(b.id);
  });
});

describe('PATCH', () => {
  test('the documented patch examples apply; the eTag and updatedDateTime change on every write', () => {
    const { service, clock, changes } = setup();
    const r = service.create(privateDeal());
    clock.advance(1000);
    const u = service.patch(
      String(r.id),
      [
        { op: 'replace', path: '/details/dealValue', value: '10000' },
        {
          op: 'add',
          path: '/team/-',
          value: { email: 'jane.doe@contoso.com', firstName: 'Jane', lastName: 'Doe', phoneNumber: '0000000001' },
        },
      ],
      undefined,
    );
    expect((u.details as Json).dealValue).toBe(10000);
    expect((u.team as Json[]).map((m) => m.firstName)).toEqual(['John', 'Jane']);
    expect(u.eTag).not.toBe(r.eTag);
    expect(u.updatedDateTime).toBe('2026-01-05T09:00:01.0000000Z');
    const w = service.patch(
      String(r.id),
      [{ op: 'replace', path: '/details/notes', value: 'Lorem ipsum dolor sit amet.' }],
      undefined,
    );
    expect(w.eTag).not.toBe(u.eTag);
    expect(changes.map((c) => c.kind)).toEqual(['created', 'updated', 'updated']);
  });

  test('appends to /customerProfile/team/- and /details/requirements/solutions/-', () => {
    const { service } = setup();
    const r = service.create(privateDeal());
    const u = service.patch(
      String(r.id),
      [
        { op: 'add', path: '/customerProfile/team/-', value: { firstName: 'Ann' } },
        { op: 'add', path: '/Details/Requirements/Solutions/-', value: { id: 'SOL-2', type: 'name' } },
      ],
      undefined,
    );
    expect((u.customerProfile as Json).team).toHaveLength(2);
    expect((u.details as Json).requirements.solutions[1]).toMatchObject({ id: 'SOL-2', type: 'Name' });
  });

  test('If-Match: current eTag passes (quoted or not), a stale one is 412 preconditionFailed and changes nothing', () => {
    const { service } = setup();
    const r = service.create(privateDeal());
    const etag = String(r.eTag);
    service.patch(String(r.id), [{ op: 'replace', path: '/name', value: 'a' }], etag.replace(/"/g, ''));
    const e = fails(() => service.patch(String(r.id), [{ op: 'replace', path: '/name', value: 'b' }], etag));
    expect(e.status).toBe(412);
    expect(e.code).toBe('preconditionFailed');
    expect(service.get(String(r.id)).name).toBe('a');
  });

  test('status transitions follow the table: Active → Closed/Won ok; Active → New, Active/Won, Closed/Accepted are 400', () => {
    const { service } = setup();
    const id = String(service.create(privateDeal()).id);
    for (const [status, substatus] of [
      ['New', 'Pending'],
      ['Active', 'Won'],
      ['Closed', 'Accepted'],
      ['Closed', 'Pending'],
    ]) {
      const e = fails(() =>
        service.patch(
          id,
          [
            { op: 'replace', path: '/status', value: status },
            { op: 'replace', path: '/substatus', value: substatus },
          ],
          undefined,
        ),
      );
      expect(e.status).toBe(400);
    }
    const won = service.patch(
      id,
      [
        { op: 'replace', path: '/status', value: 'Closed' },
        { op: 'replace', path: '/substatus', value: 'Won' },
      ],
      undefined,
    );
    expect(won).toMatchObject({ status: 'Closed', substatus: 'Won', closedDateTime: expect.any(String) });
  });

  test('closed referrals refuse every change (409) but accept a deal registration once Won', () => {
    const { service } = setup();
    const id = String(service.create(privateDeal()).id);
    service.patch(
      id,
      [
        { op: 'replace', path: '/status', value: 'Closed' },
        { op: 'replace', path: '/substatus', value: 'Won' },
      ],
      undefined,
    );
    const before = service.get(id);
    const e = fails(() => service.patch(id, [{ op: 'replace', path: '/details/notes', value: 'late' }], undefined));
    expect(e.status).toBe(409);
    expect(service.get(id)).toEqual(before);
    const reg = service.patch(
      id,
      [
        {
          op: 'add',
          path: '/registrations/-',
          value: {
            type: 'AzureIPCoSell',
            solutionDetails: [
              {
                id: 'SOL-1',
                currency: 'USD',
                value: 10000,
                isDeployedOnAzure: true,
                primaryDeploymentOn: 'Customer',
                pricingModel: 'PayAsYouGo',
              },
            ],
            contract: { currency: 'USD', value: 10000, term: 'Finite' },
          },
        },
      ],
      undefined,
    );
    expect(reg.registrationStatus).toBe('ReviewPending');
    expect((reg.registrations as Json[])[0]).toMatchObject({
      type: 'AzureIPCoSell',
      status: 'ReviewPending',
      id: expect.any(String),
    });
    const upd = service.patch(
      id,
      [{ op: 'replace', path: '/registrations/0/contract/value', value: 12000 }],
      undefined,
    );
    expect((upd.registrations as Json[])[0].contract.value).toBe(12000);
  });

  test('deal registration on a referral that is not won is a 400', () => {
    const { service } = setup();
    const id = String(service.create(privateDeal()).id);
    expect(
      fails(() =>
        service.patch(id, [{ op: 'add', path: '/registrations/-', value: { type: 'AzureIPCoSell' } }], undefined),
      ).message,
    ).toContain('won referral');
  });

  test.each([
    [[{ op: 'replace', path: '/id', value: 'x' }], 'read-only'],
    [[{ op: 'replace', path: '/direction', value: 'Incoming' }], 'read-only'],
    [[{ op: 'replace', path: '/trackingInfo/microsoftMsxId', value: 'x' }], 'read-only'],
    [[{ op: 'replace', path: '/nosuch', value: 1 }], 'not a property of Referral'],
    [[{ op: 'replace', path: '/details/dealValue', value: 'abc' }], 'must be a number'],
    [[{ op: 'replace', path: '/customerProfile/address/country', value: 'Germany' }], 'ISO 3166-1'],
    [[{ op: 'replace', path: '/status', value: 'Paused' }], 'unknown value "Paused"'],
    [[{ op: 'replace', path: '/details/currency', value: null }], "'details.currency' is required"],
    [[{ op: 'remove', path: '/name' }], 'only supports the replace and add'],
    [
      [
        { op: 'replace', path: '/consent/consentToShareReferralWithMicrosoftSellers', value: true },
        { op: 'replace', path: '/name', value: 1 },
      ],
      "'name' must be text",
    ],
    [{ op: 'replace' }, 'JSON Patch document'],
  ])('bad patch %j → 400, nothing changes', (ops, fragment) => {
    const { service, changes } = setup();
    const id = String(service.create(privateDeal()).id);
    const before = service.get(id);
    const e = fails(() => service.patch(id, ops, undefined));
    expect(e.status).toBe(400);
    expect(e.message).toContain(fragment);
    expect(service.get(id)).toEqual(before);
    expect(changes).toHaveLength(1);
  });

  test('sharing with Microsoft sellers cannot be undone', () => {
    const { service } = setup();
    const id = String(service.create(privateDeal()).id);
    service.patch(
      id,
      [{ op: 'replace', path: '/consent/consentToShareReferralWithMicrosoftSellers', value: true }],
      undefined,
    );
    expect(
      fails(() =>
        service.patch(
          id,
          [{ op: 'replace', path: '/consent/consentToShareReferralWithMicrosoftSellers', value: false }],
          undefined,
        ),
      ).message,
    ).toContain('cannot be set back');
  });

  test('unknown referral → 404 itemNotFound', () => {
    const e = fails(() => setup().service.patch('nope', [], undefined));
    expect(e.status).toBe(404);
    expect(e.code).toBe('itemNotFound');
  });
});

describe('PUT', () => {
  test('needs If-Match (412 without), replaces writable fields, keeps server fields, ignores links', () => {
    const { service } = setup();
    const r = service.create(privateDeal());
    const id = String(r.id);
    expect(fails(() => service.put(id, { ...r, name: 'x' }, undefined)).status).toBe(412);
    const body = {
      ...r,
      name: 'Renamed',
      externalReferenceId: 'LEAD-1',
      direction: 'Incoming',
      links: { self: { uri: 'elsewhere' } },
    };
    const u = service.put(id, body, String(r.eTag));
    expect(u).toMatchObject({
      name: 'Renamed',
      externalReferenceId: 'LEAD-1',
      direction: 'Outgoing',
      createdDateTime: r.createdDateTime,
      id,
    });
    expect((u.links as Json).self.uri).toContain(id);
    expect(fails(() => service.put(id, body, String(r.eTag))).status).toBe(412);
    expect(fails(() => service.put(id, { ...u, id: 'other' }, String(u.eTag))).message).toContain('does not match');
  });
});

describe("Microsoft's side", () => {
  test('Microsoft sends a referral: Incoming, New/Pending, invited by msft, expiring after 14 days', () => {
    const { service, clock, changes } = setup();
    const r = new MicrosoftSide(service).sendReferral({
      name: 'From MS',
      customerProfile: { name: 'Fabrikam', address: { addressLine1: '1 Way', city: 'Paris', country: 'FR' } },
    });
    expect(r).toMatchObject({
      name: 'From MS',
      status: 'New',
      substatus: 'Pending',
      direction: 'Incoming',
      inviteContext: { invitedBy: { organizationId: 'msft' } },
      expirationDateTime: '2026-01-19T09:00:00.0000000Z',
      organizationId: PARTNER.organizationId,
    });
    clock.advance(EXPIRY_MS - 1);
    expect(service.expireDue()).toEqual([]);
    clock.advance(1);
    expect(service.expireDue()).toEqual([r.id]);
    expect(service.get(String(r.id))).toMatchObject({
      status: 'Closed',
      substatus: 'Expired',
      closedDateTime: '2026-01-19T09:00:00.0000000Z',
    });
    expect(changes.map((c) => c.kind)).toEqual(['created', 'updated']);
  });

  test('an accepted referral does not expire', () => {
    const { service, clock } = setup();
    const id = String(new MicrosoftSide(service).sendReferral({}).id);
    const accepted = service.patch(
      id,
      [
        { op: 'replace', path: '/status', value: 'Active' },
        { op: 'replace', path: '/substatus', value: 'Accepted' },
      ],
      undefined,
    );
    expect(accepted.acceptedDateTime).toBe('2026-01-05T09:00:00.0000000Z');
    clock.advance(EXPIRY_MS * 2);
    expect(service.expireDue()).toEqual([]);
    expect(service.get(id).status).toBe('Active');
  });

  test('the partner can decline an incoming referral; declined is terminal', () => {
    const { service } = setup();
    const id = String(new MicrosoftSide(service).sendReferral({}).id);
    service.patch(
      id,
      [
        { op: 'replace', path: '/status', value: 'Closed' },
        { op: 'replace', path: '/substatus', value: 'Declined' },
        { op: 'replace', path: '/statusReason', value: 'Customer did not respond' },
      ],
      undefined,
    );
    expect(
      fails(() =>
        service.patch(
          id,
          [
            { op: 'replace', path: '/status', value: 'Active' },
            { op: 'replace', path: '/substatus', value: 'Accepted' },
          ],
          undefined,
        ),
      ).status,
    ).toBe(409);
  });

  test('Microsoft updates a shared referral: a related referral in the same engagement with the Microsoft team and MSX id', () => {
    const { service, changes } = setup();
    const partner = service.create({ ...privateDeal(), type: 'Shared' });
    const ms = new MicrosoftSide(service).updateShared(String(partner.id), {
      msxId: '7-ABCDEFGHIJ',
      team: [{ firstName: 'Alex', lastName: 'Seller', email: 'alex@microsoft.example' }],
    });
    expect(ms).toMatchObject({
      engagementId: partner.engagementId,
      organizationId: MICROSOFT_ORGANIZATION.organizationId,
      trackingInfo: { microsoftMsxId: '7-ABCDEFGHIJ' },
      team: [{ firstName: 'Alex', lastName: 'Seller', email: 'alex@microsoft.example' }],
      status: 'Active',
      substatus: 'Accepted',
    });
    expect(ms.id).not.toBe(partner.id);
    expect((service.get(String(partner.id)).trackingInfo as Json).microsoftMsxId).toBe('7-ABCDEFGHIJ');
    const closed = new MicrosoftSide(service).updateShared(String(partner.id), { status: 'Closed', substatus: 'Won' });
    expect(closed.id).toBe(ms.id);
    expect(changes.map((c) => [c.kind, c.ownedByPartner])).toEqual([
      ['created', true],
      ['created', false],
      ['updated', true],
      ['updated', false],
    ]);
    // The partner cannot change Microsoft's referral.
    expect(
      fails(() => service.patch(String(ms.id), [{ op: 'replace', path: '/name', value: 'x' }], undefined)).status,
    ).toBe(403);
    // Both sides are found through the relatedReferrals filter.
    const related = service.list(new URLSearchParams(`$filter=engagementId eq '${String(partner.engagementId)}'`));
    expect((related.value as unknown[]).length).toBe(2);
  });

  test('Microsoft side updates respect the transition table', () => {
    const { service } = setup();
    const partner = service.create(privateDeal());
    expect(
      fails(() => new MicrosoftSide(service).updateShared(String(partner.id), { status: 'New', substatus: 'Won' }))
        .status,
    ).toBe(400);
  });
});

describe('list', () => {
  test('@odata.context, @odata.count, value with $select, nextLink on the sandbox base', () => {
    const { service } = setup();
    service.seed(120, sampleReferral);
    const page = service.list(new URLSearchParams('$select=id,customerProfile/address/country'));
    expect(page['@odata.context']).toBe('https://api.partner.microsoft.com/v1.0/$metadata#Referrals');
    expect(page['@odata.count']).toBe(120);
    expect((page.value as Json[])[0]).toEqual({
      id: expect.any(String),
      customerProfile: { address: { country: 'US' } },
    });
    expect(String(page['@odata.nextLink'])).toMatch(
      /^https:\/\/api\.partner\.microsoft\.com\/v1\.0\/engagements\/referrals\?.*\$skiptoken=/,
    );
    expect(service.list(new URLSearchParams('$count=false'))).not.toHaveProperty('@odata.count');
  });
});
