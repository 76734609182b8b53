import { verifyWebhookSignature } from '../../../sandbox/partner-center';
import { privateDeal, startReceiver, startSandbox } from './helpers';

type Ctx = Awaited<ReturnType<typeof startSandbox>>;
let ctx: Ctx;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const W = '/webhooks/v1/registration';
const R = '/v1.0/engagements/referrals';

afterEach(async () => {
  await ctx.sandbox.stop();
  await receiver.close();
});

async function setup(statuses: number[] = [200], options: Parameters<typeof startSandbox>[0] = {}) {
  ctx = await startSandbox(options);
  receiver = await startReceiver(statuses);
}

describe('Webhooks API over HTTP', () => {
  test('event types, then GET 404 → POST 200 → POST 409 → PUT 200 → GET 200 (PascalCase)', async () => {
    await setup();
    const events = await ctx.call('GET', `${W}/events`);
    expect(events.json).toEqual(
      expect.arrayContaining([
        'referral-created',
        'referral-updated',
        'related-referral-created',
        'related-referral-updated',
        'test-created',
      ]),
    );
    const none = await ctx.call('GET', W);
    expect(none.status).toBe(404);
    expect(none.json).toEqual({
      code: 404,
      description: expect.stringContaining('No webhook registration'),
      data: [],
      source: 'PartnerFD',
    });
    const post = await ctx.call('POST', W, {
      webhookUrl: receiver.url,
      WEBHOOKEVENTS: ['referral-created', 'Referral-Updated'],
      signatureTokenToMsSignatureHeader: true,
    });
    expect(post.status).toBe(200);
    expect(post.json).toMatchObject({
      SubscriberId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      WebhookUrl: receiver.url,
      WebhookEvents: ['referral-created', 'referral-updated'],
      SignatureTokenToMsSignatureHeader: true,
    });
    const again = await ctx.call('POST', W, { WebhookUrl: receiver.url, WebhookEvents: ['referral-created'] });
    expect(again.status).toBe(409);
    expect(again.json.description).toBe('Registration already exists, use the PUT method to update a registration.');
    const put = await ctx.call('PUT', W, {
      WebhookUrl: receiver.url,
      WebhookEvents: ['referral-updated'],
      SignatureTokenToMsSignatureHeader: 'false',
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      SubscriberId: post.json.SubscriberId,
      WebhookEvents: ['referral-updated'],
      SignatureTokenToMsSignatureHeader: false,
    });
    expect((await ctx.call('GET', W)).json).toEqual(put.json);
  });

  test.each([
    [{ WebhookEvents: ['referral-created'] }, "'WebhookUrl' is required"],
    [{ WebhookUrl: 'not a url', WebhookEvents: ['referral-created'] }, 'absolute URL'],
    [{ WebhookUrl: 'ftp://x/y', WebhookEvents: ['referral-created'] }, 'http(s)'],
    [{ WebhookUrl: 'https://x/y', WebhookEvents: [] }, 'at least one event'],
    [{ WebhookUrl: 'https://x/y', WebhookEvents: ['order-shipped'] }, 'Unknown webhook event'],
    [{ WebhookUrl: 'https://x/y', WebhookEvents: 'referral-created' }, 'must be an array'],
    [
      { WebhookUrl: 'https://x/y', WebhookEvents: ['referral-created'], SignatureTokenToMsSignatureHeader: 'maybe' },
      'true or false',
    ],
    ['{"WebhookUrl":', 'not valid JSON'],
  ])('bad registration %j → 400, nothing registered', async (body, fragment) => {
    await setup();
    const res = await ctx.call('POST', W, body);
    expect(res.status).toBe(400);
    expect(res.json.description).toContain(fragment);
    expect((await ctx.call('GET', W)).status).toBe(404);
  });

  test('401 without a token, 405 on DELETE, 404 on unknown sub-paths, 413 over 1 MB, 415 for XML (CSP error body)', async () => {
    await setup();
    const big = await ctx.call('POST', W, {
      WebhookUrl: receiver.url,
      WebhookEvents: ['referral-created'],
      Properties: { pad: 'x'.repeat(1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(big.json).toMatchObject({ code: 413, source: 'PartnerFD' });
    const xml = await ctx.call('PUT', W, '<registration/>', { 'Content-Type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect((await ctx.call('GET', W)).status).toBe(404);
    const unauth = await ctx.call('GET', W, undefined, { Authorization: '' });
    expect(unauth.status).toBe(401);
    expect(unauth.json).toMatchObject({ code: 401, source: 'PartnerFD' });
    const del = await ctx.call('DELETE', W);
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST, PUT');
    expect((await ctx.call('GET', `${W}/nothing`)).status).toBe(404);
  });

  test('every referral change is POSTed to the registered URL, signed, verifiable with the served certificate', async () => {
    await setup([200], { resourceBase: 'self' });
    await ctx.call('POST', W, { WebhookUrl: receiver.url, WebhookEvents: ['referral-created', 'referral-updated'] });
    const ref = (await ctx.call('POST', R, privateDeal())).json;
    await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'x' }]);
    expect(receiver.received).toHaveLength(0);
    const drained = await ctx.call('POST', '/_admin/webhooks/drain', {});
    expect(drained.json).toEqual({ attempted: 2, pending: 0, offline: 0 });
    expect(receiver.received.map((r) => JSON.parse(r.body).EventName)).toEqual([
      'referral-created',
      'referral-updated',
    ]);
    const first = receiver.received[0];
    expect(JSON.parse(first.body)).toEqual({
      EventName: 'referral-created',
      ResourceUri: `${ctx.sandbox.baseUrl}${R}/${ref.id}`,
      ResourceName: 'referral',
      AuditUri: null,
      ResourceChangeUtcDate: '2026-01-05T09:00:00.0000000+00:00',
    });
    expect(first.headers.authorization).toMatch(/^Signature /);
    expect(first.headers['x-ms-signature-algorithm']).toBe('rsa-sha256');
    const certUrl = String(first.headers['x-ms-certificate-url']);
    expect(certUrl).toBe(ctx.sandbox.certificateUrl);
    const cert = await (await fetch(certUrl)).text();
    expect(
      verifyWebhookSignature(first.body, first.headers as Record<string, string>, cert, {
        now: ctx.sandbox.clock.now(),
      }),
    ).toEqual({ ok: true });
    expect(
      verifyWebhookSignature(first.body + ' ', first.headers as Record<string, string>, cert, {
        now: ctx.sandbox.clock.now(),
      }),
    ).toMatchObject({ ok: false });
    // The ResourceUri leads back to the referral.
    const followed = await ctx.call('GET', JSON.parse(first.body).ResourceUri.slice(ctx.sandbox.baseUrl.length));
    expect(followed.json.id).toBe(ref.id);
  });

  test("ResourceUri defaults to the Partner Center host; x-ms-signature when asked; related-referral events for Microsoft's side", async () => {
    await setup();
    await ctx.call('POST', W, {
      WebhookUrl: receiver.url,
      WebhookEvents: ['referral-created', 'referral-updated', 'related-referral-created', 'related-referral-updated'],
      SignatureTokenToMsSignatureHeader: true,
    });
    const ref = (await ctx.call('POST', R, { ...privateDeal(), type: 'Shared' })).json;
    const ms = await ctx.call('POST', `/_admin/microsoft/referrals/${ref.id}/updates`, { msxId: '7-MSX0000001' });
    expect(ms.status).toBe(200);
    await ctx.call('POST', `/_admin/microsoft/referrals/${ref.id}/updates`, { status: 'Closed', substatus: 'Won' });
    await ctx.sandbox.dispatcher.drain();
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.EventName)).toEqual([
      'referral-created',
      'related-referral-created',
      'referral-updated',
      'related-referral-updated',
    ]);
    expect(bodies[0].ResourceUri).toBe(`https://api.partner.microsoft.com/v1.0/engagements/referrals/${ref.id}`);
    expect(bodies[1].ResourceUri).toBe(`https://api.partner.microsoft.com/v1.0/engagements/referrals/${ms.json.id}`);
    expect(receiver.received[0].headers.authorization).toBeUndefined();
    expect(receiver.received[0].headers['x-ms-signature']).toMatch(/^Signature /);
  });

  test('failed deliveries retry 10 times on the sandbox clock, then land in the offline queue the admin API shows', async () => {
    await setup([500]);
    await ctx.call('POST', W, { WebhookUrl: receiver.url, WebhookEvents: ['referral-created'] });
    await ctx.call('POST', R, privateDeal());
    const res = await ctx.call('POST', '/_admin/webhooks/drain', { advanceClock: true });
    expect(res.json).toEqual({ attempted: 10, pending: 0, offline: 1 });
    expect(receiver.received).toHaveLength(10);
    const offline = (await ctx.call('GET', '/_admin/webhooks/offline')).json.offline;
    expect(offline).toHaveLength(1);
    expect(offline[0]).toMatchObject({
      eventName: 'referral-created',
      state: 'offline',
      body: { EventName: 'referral-created' },
    });
    expect(offline[0].attempts).toHaveLength(10);
    expect((await ctx.call('POST', '/_admin/webhooks/offline/redeliver', {})).json).toEqual({ requeued: 1 });
  });

  test('validation events: at most 2 per minute on the sandbox clock (429 + Retry-After), results readable by correlation id', async () => {
    await setup([200]);
    expect((await ctx.call('POST', `${W}/validationEvents`)).status).toBe(404);
    await ctx.call('POST', W, { WebhookUrl: receiver.url, WebhookEvents: ['referral-created'] });
    expect((await ctx.call('POST', `${W}/validationEvents`)).json.description).toContain(
      'Register for the test-created event',
    );
    await ctx.call('PUT', W, { WebhookUrl: receiver.url, WebhookEvents: ['test-created'] });
    const first = await ctx.call('POST', `${W}/validationEvents`);
    expect(first.status).toBe(200);
    expect(first.json.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    ctx.sandbox.advance(10_000);
    expect((await ctx.call('POST', `${W}/validationEvents`)).status).toBe(200);
    const third = await ctx.call('POST', `${W}/validationEvents`);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('50');
    ctx.sandbox.advance(50_000);
    expect((await ctx.call('POST', `${W}/validationEvents`)).status).toBe(200);
    const pending = await ctx.call('GET', `${W}/validationEvents/${first.json.correlationId}`);
    expect(pending.json).toMatchObject({
      correlationId: first.json.correlationId,
      status: 'pending',
      callbackUrl: receiver.url,
      results: [],
    });
    await ctx.sandbox.dispatcher.drain();
    const done = await ctx.call('GET', `${W}/validationEvents/${first.json.correlationId}`);
    expect(done.json).toMatchObject({
      status: 'completed',
      partnerId: ctx.sandbox.referrals.partner.organizationId,
      results: [{ responseCode: 'OK', systemError: false }],
    });
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      EventName: 'test-created',
      ResourceName: 'test',
      ResourceUri: `${ctx.sandbox.baseUrl}${W}/validationEvents/${first.json.correlationId}`,
    });
    expect((await ctx.call('GET', `${W}/validationEvents/unknown`)).status).toBe(404);
    ctx.sandbox.advance(8 * 86_400_000);
    expect((await ctx.call('GET', `${W}/validationEvents/${first.json.correlationId}`)).status).toBe(404);
  });
});
