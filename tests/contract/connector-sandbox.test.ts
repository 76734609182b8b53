import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { generateConnectors } from '../../connector/generator';
import { resolveConfig } from '../../scripts/lib/config';
import { PartnerCenterSandbox } from '../../sandbox/partner-center';

/**
 * The connector and the sandbox held together: every operation of the generated connector
 * definitions is called against the sandbox the way the connector describes it (path, query, header
 * and body parameters by name), and every answer must be a status the operation declares with a
 * body valid against that status's schema. Nulls count as absent (Swagger 2.0 has no null, and
 * Power Automate reads a null property as a missing one).
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const connectors = generateConnectors(resolveConfig(undefined, '1.0.0'));
const byFolder = (folder: string) => {
  const c = connectors.find((x) => x.spec.folder === folder);
  if (!c) throw new Error(`no connector ${folder}`);
  return c;
};

interface Call {
  params: Record<string, unknown>;
  /** Status the scenario expects (must also be declared by the operation). */
  expect: number;
  /**
   * A `$select` answer holds only the chosen properties, so the definitions' `required` lists (the
   * create-time requirements) are not applied to it.
   */
  partial?: boolean;
}

interface Operation {
  connector: string;
  path: string;
  method: string;
  op: Json;
  swagger: Json;
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const c of connectors) {
    for (const [path, item] of Object.entries(c.swagger.paths as Json)) {
      for (const [method, op] of Object.entries(item as Json))
        out.push({ connector: c.spec.folder, path, method: method.toUpperCase(), op, swagger: c.swagger });
    }
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of ['int32', 'int64', 'double', 'float']) ajv.addFormat(f, true);
const validators = new Map<string, ValidateFunction>();

function validatorFor(o: Operation, status: number, partial: boolean): ValidateFunction | 'no-body' {
  const responses = o.op.responses as Json;
  const declared = responses[String(status)] ?? (status >= 400 ? responses.default : undefined);
  if (!declared)
    throw new Error(
      `${o.op.operationId} answered ${status}, which it does not declare (declares ${Object.keys(responses).join(', ')})`,
    );
  if (!declared.schema) return 'no-body';
  const key = `${o.connector} ${o.op.operationId} ${status} ${partial}`;
  let v = validators.get(key);
  if (!v) {
    const definitions = partial
      ? Object.fromEntries(
          Object.entries(o.swagger.definitions as Json).map(([k, d]) => [k, { ...(d as Json), required: undefined }]),
        )
      : o.swagger.definitions;
    v = ajv.compile({ ...declared.schema, definitions });
    validators.set(key, v);
  }
  return v;
}

function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v !== null && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = withoutNulls(x);
    return out;
  }
  return v;
}

let sandbox: PartnerCenterSandbox;
const checked: string[] = [];

/** Calls one operation against the sandbox exactly as its parameters are declared, then validates. */
async function invoke(operationId: string, call: Call): Promise<{ status: number; body: Json }> {
  const o = operations().find((x) => x.op.operationId === operationId);
  if (!o) throw new Error(`no operation ${operationId}`);
  const c = byFolder(o.connector);
  let path = o.path;
  const query = new URLSearchParams();
  const headers: Record<string, string> = { Authorization: 'Bearer contract-test' };
  let body: string | undefined;
  for (const p of (o.op.parameters ?? []) as Json[]) {
    const value = call.params[p.name];
    if (value === undefined) {
      if (p.required) throw new Error(`${operationId}: required parameter ${p.name} not given by the scenario`);
      continue;
    }
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(value)));
    else if (p.in === 'query') query.set(p.name, String(value));
    else if (p.in === 'header') headers[p.name] = String(value);
    else if (p.in === 'body') {
      body = JSON.stringify(value);
      headers['Content-Type'] = 'application/json';
    }
  }
  for (const name of Object.keys(call.params)) {
    if (!((o.op.parameters ?? []) as Json[]).some((p) => p.name === name))
      throw new Error(`${operationId} has no parameter ${name}`);
  }
  const qs = query.toString();
  const url = `${sandbox.baseUrl}${c.swagger.basePath}${path}${qs ? `?${qs}` : ''}`;
  const res = await fetch(url, { method: o.method, headers, body });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  expect({ operationId, status: res.status }).toEqual({ operationId, status: call.expect });
  const validate = validatorFor(o, res.status, call.partial === true);
  if (validate === 'no-body') expect(text).toBe('');
  else {
    const ok = validate(withoutNulls(parsed));
    if (!ok)
      throw new Error(
        `${operationId} ${res.status}: response does not match its schema: ${ajv.errorsText(validate.errors)}\n${text.slice(0, 500)}`,
      );
  }
  checked.push(`${operationId} ${res.status}`);
  return { status: res.status, body: parsed };
}

const referral = () => ({
  name: 'Contract test deal',
  type: 'Shared',
  qualification: 'SalesQualified',
  customerProfile: {
    name: 'Fabrikam',
    address: { addressLine1: '1 Main St', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US' },
    team: [{ firstName: 'Ann', lastName: 'Lee', email: 'ann@fabrikam.example', phoneNumber: '1' }],
  },
  consent: {
    consentToShareReferralWithMicrosoftSellers: true,
    consentToContact: true,
    consentToToShareInfoWithOthers: true,
  },
  details: {
    dealValue: 1000,
    currency: 'USD',
    closingDateTime: '2026-06-30T00:00:00Z',
    requirements: { solutions: [{ id: 'SOL-1', type: 'Name' }] },
  },
  team: [{ firstName: 'Bo', lastName: 'Ng', email: 'bo@contoso.example' }],
  inviteContext: { assistanceRequestCode: 'ProofOfConceptOrDemo', notes: 'Please help' },
});

beforeAll(async () => {
  sandbox = new PartnerCenterSandbox({ transport: async () => ({ status: 200 }) });
  await sandbox.start();
});
afterAll(() => sandbox.stop());

test('every operation of both generated connectors is exercised against the sandbox and answers per its schema', async () => {
  // Referrals connector.
  const created = (
    await invoke('CreateReferral', { params: { body: referral(), 'MS-CorrelationId': 'c-1' }, expect: 200 })
  ).body;
  await invoke('CreateReferral', {
    params: { body: { ...referral(), details: { ...referral().details, currency: 'usd' } } },
    expect: 400,
  });
  sandbox.referrals.seed(120, () => referral());
  const page1 = (
    await invoke('ListReferrals', {
      params: {
        $filter: "status eq 'Active' and customerProfile/address/country eq 'US'",
        $orderby: 'createdDateTime desc',
        $count: true,
        $top: 150,
      },
      expect: 200,
    })
  ).body;
  expect(page1.value).toHaveLength(100);
  const token = new URL(page1['@odata.nextLink']).searchParams.get('$skiptoken');
  const page2 = (
    await invoke('ListReferrals', {
      params: {
        $filter: "status eq 'Active' and customerProfile/address/country eq 'US'",
        $orderby: 'createdDateTime desc',
        $count: true,
        $skiptoken: token,
      },
      expect: 200,
    })
  ).body;
  expect(page2.value).toHaveLength(21);
  expect(page2).not.toHaveProperty('@odata.nextLink');
  await invoke('ListReferrals', {
    params: { $select: 'id,status,customerProfile', $skip: 5, $top: 3 },
    expect: 200,
    partial: true,
  });
  await invoke('ListReferrals', { params: { $filter: "endswith(name,'x')" }, expect: 400 });
  const got = (await invoke('GetReferral', { params: { id: created.id }, expect: 200 })).body;
  await invoke('GetReferral', { params: { id: '00000000-0000-0000-0000-000000000000' }, expect: 404 });
  const patched = (
    await invoke('UpdateReferral', {
      params: {
        id: created.id,
        'If-Match': got.eTag,
        Prefer: 'return=representation',
        body: [
          { op: 'replace', path: '/details/dealValue', value: '2500' },
          { op: 'add', path: '/team/-', value: { firstName: 'Cy' } },
        ],
      },
      expect: 200,
    })
  ).body;
  expect(patched.details.dealValue).toBe(2500);
  await invoke('UpdateReferral', {
    params: { id: created.id, 'If-Match': got.eTag, body: [{ op: 'replace', path: '/name', value: 'stale' }] },
    expect: 412,
  });
  await invoke('UpdateReferral', {
    params: {
      id: created.id,
      Prefer: 'return=minimal',
      body: [{ op: 'replace', path: '/externalReferenceId', value: 'OPP-1' }],
    },
    expect: 204,
  });
  const current = (await invoke('GetReferral', { params: { id: created.id }, expect: 200 })).body;
  const { links: _l, '@odata.context': _c, ...full } = current;
  await invoke('ReplaceReferral', {
    params: { id: created.id, 'If-Match': current.eTag, body: { ...full, name: 'Replaced' } },
    expect: 200,
  });
  await invoke('ReplaceReferral', {
    params: { id: created.id, 'If-Match': current.eTag, body: { ...full, name: 'Stale' } },
    expect: 412,
  });
  await invoke('CreateDealRegistration', {
    params: { id: created.id, body: [{ op: 'add', path: '/registrations/-', value: { type: 'AzureIPCoSell' } }] },
    expect: 400,
  });
  await invoke('UpdateReferral', {
    params: {
      id: created.id,
      Prefer: 'return=representation',
      body: [
        { op: 'replace', path: '/status', value: 'Closed' },
        { op: 'replace', path: '/substatus', value: 'Won' },
      ],
    },
    expect: 200,
  });
  await invoke('UpdateReferral', {
    params: { id: created.id, body: [{ op: 'replace', path: '/name', value: 'too late' }] },
    expect: 409,
  });
  await invoke('CreateDealRegistration', {
    params: {
      id: created.id,
      Prefer: 'return=representation',
      body: [
        {
          op: 'add',
          path: '/registrations/-',
          value: {
            type: 'AzureIPCoSell',
            solutionDetails: [
              {
                id: 'SOL-1',
                currency: 'USD',
                value: 1000,
                isDeployedOnAzure: true,
                primaryDeploymentOn: 'Customer',
                pricingModel: 'PayAsYouGo',
                marketplaceTransactionDetails: {
                  isMarketplaceTransacted: false,
                  marketplaceTransactionDateTime: '2026-01-01T00:00:00Z',
                },
              },
            ],
            contract: {
              currency: 'USD',
              value: 1000,
              term: 'Finite',
              startDateTime: '2026-01-01T00:00:00Z',
              endDateTime: '2027-01-01T00:00:00Z',
              signDateTime: '2025-12-20T00:00:00Z',
            },
          },
        },
      ],
    },
    expect: 200,
  });
  const reg = (
    await invoke('UpdateDealRegistration', {
      params: {
        id: created.id,
        Prefer: 'return=representation',
        body: [
          { op: 'replace', path: '/registrations/0/contract/value', value: 1500 },
          { op: 'replace', path: '/registrations/0/solutionDetails/0/pricingModel', value: 'Other' },
        ],
      },
      expect: 200,
    })
  ).body;
  expect(reg.registrations[0].contract.value).toBe(1500);
  await invoke('UpdateDealRegistration', {
    params: { id: created.id, body: [{ op: 'replace', path: '/registrations/0/contract/term', value: 'Forever' }] },
    expect: 400,
  });

  // Events connector.
  const types = (await invoke('ListEventTypes', { params: {}, expect: 200 })).body;
  expect(types).toEqual(
    expect.arrayContaining([
      'referral-created',
      'referral-updated',
      'related-referral-created',
      'related-referral-updated',
      'test-created',
    ]),
  );
  const missing = await fetch(`${sandbox.baseUrl}/webhooks/v1/registration`, {
    headers: { Authorization: 'Bearer t' },
  });
  expect(missing.status).toBe(404);
  await invoke('CreateRegistration', {
    params: {
      body: {
        WebhookUrl: 'https://flow.example/hook',
        WebhookEvents: ['referral-created', 'referral-updated', 'test-created'],
        SignatureTokenToMsSignatureHeader: true,
      },
    },
    expect: 200,
  });
  await invoke('GetRegistration', { params: {}, expect: 200 });
  await invoke('UpdateRegistration', {
    params: {
      body: {
        WebhookUrl: 'https://flow.example/hook2',
        WebhookEvents: ['referral-updated', 'related-referral-updated', 'test-created'],
      },
    },
    expect: 200,
  });
  const validation = (await invoke('CreateValidationEvent', { params: {}, expect: 200 })).body;
  await sandbox.dispatcher.drain();
  const result = (
    await invoke('GetValidationEvent', { params: { correlationId: validation.correlationId }, expect: 200 })
  ).body;
  expect(result.status).toBe('completed');

  const all = operations().map((o) => o.op.operationId as string);
  const exercised = new Set(checked.map((c) => c.split(' ')[0]));
  expect(all.filter((id) => !exercised.has(id))).toEqual([]);
});

test('Events connector errors: a 409 answers with the Partner Center (CSP) error body the connector declares', async () => {
  // The Webhooks host is the CSP Partner Center API: errors are {code, description, data, source} (reference §3.8).
  const registration = { WebhookUrl: 'https://x.example/h', WebhookEvents: ['referral-created'] };
  if (!sandbox.webhooks.current()) await invoke('CreateRegistration', { params: { body: registration }, expect: 200 });
  const { body } = await invoke('CreateRegistration', { params: { body: registration }, expect: 409 });
  expect(body).toEqual({
    code: 409,
    description: 'Registration already exists, use the PUT method to update a registration.',
    data: [],
    source: 'PartnerFD',
  });
});
