import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateDeal, startReceiver, startSandbox } from './helpers';

const R = '/v1.0/engagements/referrals';

describe("admin API: Microsoft's side, clock, expiry", () => {
  let ctx: Awaited<ReturnType<typeof startSandbox>>;
  beforeEach(async () => {
    ctx = await startSandbox();
  });
  afterEach(() => ctx.sandbox.stop());

  test('GET /_admin lists the endpoints; admin paths are not part of the contract (no token needed)', async () => {
    const index = await ctx.call('GET', '/_admin', undefined, { Authorization: '' });
    expect(index.status).toBe(200);
    expect(index.json.endpoints.map((e: { path: string }) => e.path)).toContain('/_admin/clock/advance');
  });

  test('Microsoft sends a referral; 14 days on the clock expire it; events reach the partner', async () => {
    const sent = await ctx.call('POST', '/_admin/microsoft/referrals', {
      name: 'Inbound',
      details: { dealValue: 25000, currency: 'EUR', closingDateTime: '2026-03-01T00:00:00Z' },
    });
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({
      name: 'Inbound',
      status: 'New',
      substatus: 'Pending',
      direction: 'Incoming',
      inviteContext: { invitedBy: { organizationId: 'msft' } },
    });
    const inbound = await ctx.call(
      'GET',
      `${R}?$filter=${encodeURIComponent("direction eq 'Incoming' and substatus eq 'Pending'")}`,
    );
    expect(inbound.json.value.map((v: { id: string }) => v.id)).toEqual([sent.json.id]);
    expect((await ctx.call('POST', '/_admin/clock/advance', { days: 13 })).json.now).toBe('2026-01-18T09:00:00.000Z');
    expect((await ctx.call('GET', `${R}/${sent.json.id}`)).json.status).toBe('New');
    await ctx.call('POST', '/_admin/clock/advance', { days: 1 });
    expect((await ctx.call('GET', `${R}/${sent.json.id}`)).json).toMatchObject({
      status: 'Closed',
      substatus: 'Expired',
    });
  });

  test('bad admin input → 400; unknown admin path → 404; wrong method → 405; the service keeps running', async () => {
    expect((await ctx.call('POST', '/_admin/clock/advance', { weeks: 1 })).status).toBe(400);
    expect((await ctx.call('POST', '/_admin/clock/advance', { days: -1 })).status).toBe(400);
    expect((await ctx.call('POST', '/_admin/clock/advance', '{bad')).status).toBe(400);
    expect((await ctx.call('POST', '/_admin/microsoft/referrals', { details: { currency: 'ZZZ' } })).status).toBe(400);
    expect((await ctx.call('POST', '/_admin/microsoft/referrals/nope/updates', {})).status).toBe(404);
    expect((await ctx.call('POST', '/_admin/referrals/seed', { count: 0 })).status).toBe(400);
    expect((await ctx.call('GET', '/_admin/nothing')).status).toBe(404);
    const wrong = await ctx.call('DELETE', '/_admin/clock');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(ctx.sandbox.referrals.store.size).toBe(0);
    expect((await ctx.call('GET', '/_admin/state')).json).toMatchObject({
      referrals: 0,
      deliveries: { pending: 0, offline: 0 },
    });
  });

  test('expire on demand, tick, state, and the certificate in PEM and DER', async () => {
    const sent = (await ctx.call('POST', '/_admin/microsoft/referrals', {})).json;
    expect((await ctx.call('POST', '/_admin/expire')).json).toEqual({ expired: [] });
    ctx.sandbox.clock.advance(15 * 86_400_000 - 1);
    // advance() already expires; the endpoint finds nothing left to do.
    expect((await ctx.call('GET', `${R}/${sent.id}`)).json.substatus).toBe('Expired');
    expect((await ctx.call('POST', '/_admin/expire')).json).toEqual({ expired: [] });
    expect((await ctx.call('POST', '/_admin/webhooks/tick')).json).toEqual({ attempted: 0 });
    expect((await ctx.call('GET', '/_admin/state')).json).toMatchObject({ referrals: 1, registration: null });
    const pem = await fetch(ctx.sandbox.certificateUrl);
    expect(pem.headers.get('content-type')).toBe('application/x-pem-file');
    expect(await pem.text()).toContain('-----BEGIN CERTIFICATE-----');
    const der = await fetch(`${ctx.sandbox.certificateUrl}?format=der`);
    expect(Buffer.from(await der.arrayBuffer()).equals(ctx.sandbox.signingIdentity.certificateDer)).toBe(true);
    expect((await fetch(ctx.sandbox.certificateUrl, { method: 'POST' })).status).toBe(405);
  });

  test('seed creates sample referrals', async () => {
    expect((await ctx.call('POST', '/_admin/referrals/seed', { count: 5 })).json).toEqual({ created: 5, total: 5 });
    await ctx.call('POST', '/_admin/reset');
    expect(ctx.sandbox.referrals.store.size).toBe(0);
  });
});

describe('fault injection over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof startSandbox>>;
  beforeEach(async () => {
    ctx = await startSandbox();
  });
  afterEach(() => ctx.sandbox.stop());

  test('429 with Retry-After on the next two GETs of the list, then normal', async () => {
    const rule = await ctx.call('POST', '/_admin/faults', {
      kind: 'status',
      status: 429,
      method: 'GET',
      path: R,
      count: 2,
      retryAfterSeconds: 3,
    });
    expect(rule.status).toBe(201);
    const a = await ctx.call('GET', R);
    const b = await ctx.call('GET', R);
    const c = await ctx.call('GET', R);
    expect([a.status, b.status, c.status]).toEqual([429, 429, 200]);
    expect(a.headers.get('retry-after')).toBe('3');
    expect(a.json.error.code).toBe('generalException');
    expect((await ctx.call('GET', '/_admin/faults')).json.rules[0]).toMatchObject({ applied: 2 });
  });

  test('500 and 503 on writes change nothing', async () => {
    const ref = (await ctx.call('POST', R, privateDeal())).json;
    await ctx.call('POST', '/_admin/faults', {
      kind: 'status',
      status: 503,
      method: 'PATCH',
      path: `${R}/*`,
      count: 1,
      retryAfterSeconds: 10,
    });
    await ctx.call('POST', '/_admin/faults', { kind: 'status', status: 500, method: 'POST', path: R, count: 1 });
    const p = await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'x' }]);
    expect(p.status).toBe(503);
    expect(p.json.error.code).toBe('serviceNotAvailable');
    expect((await ctx.call('POST', R, privateDeal())).status).toBe(500);
    expect(ctx.sandbox.referrals.store.size).toBe(1);
    expect((await ctx.call('GET', `${R}/${ref.id}`)).json.eTag).toBe(ref.eTag);
  });

  test('added latency is virtual: the sandbox clock moves, no real wait', async () => {
    await ctx.call('POST', '/_admin/faults', { kind: 'latency', latencyMs: 120_000, path: R });
    const before = ctx.sandbox.clock.now();
    const started = Date.now();
    expect((await ctx.call('GET', R)).status).toBe(200);
    expect(ctx.sandbox.clock.now() - before).toBe(120_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a 412 race: another writer changes the referral just before the PATCH with If-Match', async () => {
    const ref = (await ctx.call('POST', R, privateDeal())).json;
    await ctx.call('POST', '/_admin/faults', { kind: 'race', method: 'PATCH', count: 1 });
    const p = await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'mine' }], {
      'If-Match': ref.eTag,
    });
    expect(p.status).toBe(412);
    const fresh = (await ctx.call('GET', `${R}/${ref.id}`)).json;
    expect(fresh.eTag).not.toBe(ref.eTag);
    const retry = await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'mine' }], {
      'If-Match': fresh.eTag,
    });
    expect(retry.status).toBe(204);
  });

  test('dropped, duplicated and reordered deliveries, chosen by event', async () => {
    const receiver = await startReceiver([200]);
    try {
      await ctx.call('POST', '/webhooks/v1/registration', {
        WebhookUrl: receiver.url,
        WebhookEvents: ['referral-created', 'referral-updated'],
      });
      await ctx.call('POST', '/_admin/faults', { kind: 'reorder', event: 'referral-created', count: 1 });
      await ctx.call('POST', '/_admin/faults', { kind: 'duplicate', event: 'referral-updated', count: 1 });
      await ctx.call('POST', '/_admin/faults', { kind: 'drop', event: 'referral-updated', skip: 1, count: 1 });
      const ref = (await ctx.call('POST', R, privateDeal())).json;
      await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'a' }]);
      await ctx.call('PATCH', `${R}/${ref.id}`, [{ op: 'replace', path: '/name', value: 'b' }]);
      await ctx.call('POST', '/_admin/webhooks/drain', {});
      expect(receiver.received.map((r) => JSON.parse(r.body).EventName)).toEqual([
        'referral-updated',
        'referral-updated',
        'referral-created',
      ]);
      const deliveries = (await ctx.call('GET', '/_admin/webhooks/deliveries')).json;
      expect(deliveries.recent.filter((d: { state: string }) => d.state === 'dropped')).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  test('the same seed replays the same probabilistic faults', async () => {
    const run = async (): Promise<string> => {
      await ctx.call('POST', '/_admin/reset');
      await ctx.call('POST', '/_admin/faults/seed', { seed: 'replay' });
      await ctx.call('POST', '/_admin/faults', { kind: 'status', status: 503, probability: 0.5, path: R });
      let out = '';
      for (let i = 0; i < 16; i++) out += (await ctx.call('GET', R)).status === 503 ? 'x' : '.';
      return out;
    };
    const first = await run();
    expect(first).toMatch(/x/);
    expect(first).toMatch(/\./);
    expect(await run()).toBe(first);
  });

  test('a bad fault rule → 400; DELETE /_admin/faults/{id} removes one', async () => {
    expect((await ctx.call('POST', '/_admin/faults', { kind: 'status', status: 418 })).status).toBe(400);
    const rule = (await ctx.call('POST', '/_admin/faults', { kind: 'race' })).json;
    expect((await ctx.call('DELETE', `/_admin/faults/${rule.id}`)).status).toBe(204);
    expect((await ctx.call('DELETE', `/_admin/faults/${rule.id}`)).status).toBe(404);
  });
});

describe('state file', () => {
  test('a rehearsal survives a restart: referrals, eTags, registration, clock and id sequence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-sandbox-'));
    const stateFile = join(dir, 'state', 'partner-center.json');
    try {
      const first = await startSandbox({ stateFile });
      const ref = (await first.call('POST', R, privateDeal())).json;
      await first.call('POST', '/webhooks/v1/registration', {
        WebhookUrl: 'http://127.0.0.1:9/hook',
        WebhookEvents: ['referral-updated'],
      });
      await first.call('POST', '/_admin/clock/advance', { hours: 5 });
      await first.sandbox.stop();
      expect(readdirSync(join(dir, 'state'))).toEqual(['partner-center.json']);

      const second = await startSandbox({ stateFile });
      try {
        const got = await second.call('GET', `${R}/${ref.id}`);
        expect(got.status).toBe(200);
        expect(got.json.eTag).toBe(ref.eTag);
        expect((await second.call('GET', '/webhooks/v1/registration')).json.WebhookUrl).toBe('http://127.0.0.1:9/hook');
        expect((await second.call('GET', '/_admin/clock')).json.now).toBe('2026-01-05T14:00:00.000Z');
        const another = (await second.call('POST', R, privateDeal())).json;
        expect(another.id).not.toBe(ref.id);
        expect(another.eTag).not.toBe(ref.eTag);
      } finally {
        await second.sandbox.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
