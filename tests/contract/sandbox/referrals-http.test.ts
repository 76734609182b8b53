import { privateDeal, startSandbox, type Json } from './helpers';

type Ctx = Awaited<ReturnType<typeof startSandbox>>;
let ctx: Ctx;
const R = '/v1.0/engagements/referrals';

beforeEach(async () => {
  ctx = await startSandbox();
});
afterEach(async () => {
  await ctx.sandbox.stop();
});

async function created(): Promise<Json> {
  const r = await ctx.call('POST', R, privateDeal());
  expect(r.status).toBe(200);
  return r.json;
}

describe('Referrals API over HTTP', () => {
  test('create → 200 with the referral and an ETag header; GET by id adds @odata.context and Request-ID', async () => {
    const r = await ctx.call('POST', R, privateDeal());
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.headers.get('etag')).toBe(r.json.eTag);
    expect(r.json).toMatchObject({ status: 'Active', substatus: 'Accepted', direction: 'Outgoing' });
    const g = await ctx.call('GET', `${R}/${r.json.id}`);
    expect(g.status).toBe(200);
    expect(g.json['@odata.context']).toBe(
      `${ctx.sandbox.baseUrl}/v1.0/engagements/referrals/$metadata#Referrals/$entity`,
    );
    expect(g.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(g.json.links.self.uri).toBe(`${ctx.sandbox.baseUrl}${R}/${r.json.id}`);
  });

  test('create answers 201 when configured', async () => {
    const other = await startSandbox({ createStatus: 201 });
    try {
      expect((await other.call('POST', R, privateDeal())).status).toBe(201);
    } finally {
      await other.sandbox.stop();
    }
  });

  test('PATCH → 204 without a body; with Prefer: return=representation → 200 and the referral; the MS-CorrelationId is echoed', async () => {
    const ref = await created();
    const p = await ctx.call(
      'PATCH',
      `${R}/${ref.id}`,
      [{ op: 'replace', path: '/details/dealValue', value: '10000' }],
      { 'MS-CorrelationId': 'corr-1' },
    );
    expect(p.status).toBe(204);
    expect(p.text).toBe('');
    expect(p.headers.get('ms-correlationid')).toBe('corr-1');
    expect(p.headers.get('etag')).not.toBe(ref.eTag);
    const q = await ctx.call(
      'PATCH',
      `${R}/${ref.id}`,
      [{ op: 'add', path: '/team/-', value: { firstName: 'Jane' } }],
      { Prefer: 'return=representation', 'Content-Type': 'application/json-patch+json' },
    );
    expect(q.status).toBe(200);
    expect(q.json.details.dealValue).toBe(10000);
    expect(q.json.team).toHaveLength(2);
  });

  test('PATCH with a stale If-Match → 412 preconditionFailed; PUT without If-Match → 412; PUT with it → 200', async () => {
    const ref = await created();
    await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'v2' }]);
    const stale = await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'v3' }], {
      'If-Match': ref.eTag,
    });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('preconditionFailed');
    const current = (await ctx.call('GET', `${R}/${ref.id}`)).json;
    expect(current.name).toBe('v2');
    const { links: _links, '@odata.context': _ctx, ...body } = current;
    expect((await ctx.call('PUT', `${R}/${ref.id}`, { ...body, name: 'v4' })).status).toBe(412);
    const put = await ctx.call('PUT', `${R}/${ref.id}`, { ...body, name: 'v4' }, { 'If-Match': current.eTag });
    expect(put.status).toBe(200);
    expect(put.json.name).toBe('v4');
  });

  test('listing 250 referrals follows @odata.nextLink through three pages', async () => {
    ctx.sandbox.referrals.seed(250, (i) => ({ ...privateDeal(), name: `deal ${i}` }));
    const names: string[] = [];
    let next: string | undefined = `${ctx.sandbox.baseUrl}${R}?$select=name&$count=true`;
    let pages = 0;
    while (next && pages < 10) {
      const res = await ctx.call('GET', next.slice(ctx.sandbox.baseUrl.length));
      expect(res.status).toBe(200);
      expect(res.json['@odata.count']).toBe(250);
      names.push(...res.json.value.map((v: Json) => v.name));
      next = res.json['@odata.nextLink'];
      pages++;
    }
    expect(pages).toBe(3);
    expect(names).toEqual(Array.from({ length: 250 }, (_, i) => `deal ${i}`));
  });

  test('$filter with any() and nested paths over HTTP; unsupported syntax → 400 naming it', async () => {
    await created();
    await ctx.call('POST', R, {
      ...privateDeal(),
      customerProfile: {
        ...privateDeal().customerProfile,
        address: { addressLine1: 'x', city: 'Paris', country: 'FR' },
      },
      team: [{ email: 'r2d2@contoso.com' }],
    });
    const q = encodeURIComponent(
      "customerProfile/address/country eq 'FR' and team/any(t:t/email eq 'r2d2@contoso.com')",
    );
    const res = await ctx.call('GET', `${R}?$filter=${q}`);
    expect(res.json.value).toHaveLength(1);
    const bad = await ctx.call('GET', `${R}?$filter=${encodeURIComponent("contains(name,'x')")}`);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: 'invalidRequest',
      target: '$filter',
      message: expect.stringContaining("function 'contains()' is not supported"),
    });
    const badOrder = await ctx.call('GET', `${R}?$orderby=name`);
    expect(badOrder.status).toBe(400);
  });
});

describe('bad input: documented status and body, the service keeps running, nothing changes', () => {
  const cases: [string, (id: string) => [string, string, unknown, Record<string, string>?], number, string][] = [
    ['no bearer token', () => ['GET', R, undefined, { Authorization: '' }], 401, 'not authenticated'],
    [
      'Basic auth instead of Bearer',
      (id) => ['PATCH', `${R}/${id}`, [], { Authorization: 'Basic abc' }],
      401,
      'not authenticated',
    ],
    ['malformed JSON on create', () => ['POST', R, '{"name": "x",', {}], 400, 'not valid JSON'],
    ['malformed JSON on PATCH', (id) => ['PATCH', `${R}/${id}`, '[{"op":', {}], 400, 'not valid JSON'],
    ['empty body on create', () => ['POST', R, '', {}], 400, 'body is empty'],
    ['a JSON array on create', () => ['POST', R, [1, 2], {}], 400, 'must be a JSON object'],
    ['a JSON object on PATCH', (id) => ['PATCH', `${R}/${id}`, { op: 'replace' }, {}], 400, 'JSON Patch document'],
    [
      'wrong type: dealValue text',
      (id) => ['PATCH', `${R}/${id}`, [{ op: 'replace', path: '/details/dealValue', value: 'lots' }], {}],
      400,
      'must be a number',
    ],
    [
      'wrong type: team object',
      (id) => ['PATCH', `${R}/${id}`, [{ op: 'replace', path: '/team', value: {} }], {}],
      400,
      'must be an array',
    ],
    [
      'unknown enum value',
      (id) => ['PATCH', `${R}/${id}`, [{ op: 'replace', path: '/substatus', value: 'Maybe' }], {}],
      400,
      'unknown value "Maybe"',
    ],
    [
      'unsupported patch op',
      (id) => ['PATCH', `${R}/${id}`, [{ op: 'remove', path: '/name' }], {}],
      400,
      'only supports the replace and add',
    ],
    [
      'read-only path',
      (id) => ['PATCH', `${R}/${id}`, [{ op: 'replace', path: '/createdDateTime', value: '2020-01-01T00:00:00Z' }], {}],
      400,
      'read-only',
    ],
    [
      'invalid transition',
      (id) => [
        'PATCH',
        `${R}/${id}`,
        [
          { op: 'replace', path: '/status', value: 'New' },
          { op: 'replace', path: '/substatus', value: 'Pending' },
        ],
        {},
      ],
      400,
      "can't change to New",
    ],
    [
      'text/plain content type',
      (id) => ['PATCH', `${R}/${id}`, '[]', { 'Content-Type': 'text/plain' }],
      415,
      'not supported',
    ],
    ['DELETE a referral', (id) => ['DELETE', `${R}/${id}`, undefined, {}], 405, 'allowed: GET, PATCH, PUT'],
    ['POST to a referral', (id) => ['POST', `${R}/${id}`, {}, {}], 405, 'allowed'],
    ['DELETE the collection', () => ['DELETE', R, undefined, {}], 405, 'allowed: GET, POST'],
    [
      'unknown referral',
      () => ['GET', `${R}/00000000-0000-0000-0000-000000000000`, undefined, {}],
      404,
      'was not found',
    ],
    ['unknown sub-path', (id) => ['GET', `${R}/${id}/extra`, undefined, {}], 404, 'No resource'],
    ['unknown path', () => ['GET', '/v2/whatever', undefined, {}], 404, 'No resource'],
    ['unknown $option', () => ['GET', `${R}?$expand=team`, undefined, {}], 400, '$expand is not supported'],
    [
      'bad percent-encoding in the id',
      () => ['GET', `${R}/%E0%A4%A`, undefined, {}],
      400,
      'not valid percent-encoding',
    ],
    [
      'absurdly deep JSON',
      (id) => [
        'PATCH',
        `${R}/${id}`,
        `[{"op":"replace","path":"/name","value":${'['.repeat(100000)}${']'.repeat(100000)}}]`,
        {},
      ],
      400,
      'nests deeper than 64',
    ],
    [
      'wrong JSON type inside a patch value',
      (id) => ['PATCH', `${R}/${id}`, [{ op: 'replace', path: '/customerProfile/address', value: 'Main St' }], {}],
      400,
      'must be a JSON object',
    ],
  ];

  test.each(cases)('%s', async (_label, make, status, fragment) => {
    const ref = await created();
    const [method, path, body, headers] = make(ref.id);
    const res = await ctx.call(method, path, body, headers ?? {});
    expect(res.status).toBe(status);
    expect(res.json).toEqual({
      error: { code: expect.any(String), message: expect.stringContaining(fragment), target: expect.any(String) },
    });
    if (status === 401) {
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.json.error.code).toBe('unauthenticated');
    }
    if (status === 405) expect(res.headers.get('allow')).toBeTruthy();
    const after = await ctx.call('GET', `${R}/${ref.id}`);
    expect(after.status).toBe(200);
    expect(after.json.eTag).toBe(ref.eTag);
    expect(ctx.sandbox.referrals.store.size).toBe(1);
  });

  test('a body over 1 MB → 413, the connection and the service stay usable, nothing stored', async () => {
    const huge = { ...privateDeal(), name: 'x'.repeat(1024 * 1024 + 10) };
    const res = await ctx.call('POST', R, huge);
    expect(res.status).toBe(413);
    expect(res.json.error.message).toContain('larger than 1048576 bytes');
    expect(ctx.sandbox.referrals.store.size).toBe(0);
    expect((await ctx.call('POST', R, privateDeal())).status).toBe(200);
  });

  test('a chunked body over 1 MB (no Content-Length) → 413', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${ctx.sandbox.baseUrl}${R}`,
        { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let i = 0; i < 20; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect((await ctx.call('GET', R)).status).toBe(200);
  });
});
