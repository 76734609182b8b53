import { FaultInjector, globMatch } from '../../../sandbox/partner-center/faults';
import { ApiError } from '../../../sandbox/partner-center/errors';

describe('fault injection', () => {
  test('path patterns: * within a segment, ** across', () => {
    expect(globMatch('/v1.0/engagements/referrals/*', '/v1.0/engagements/referrals/abc')).toBe(true);
    expect(globMatch('/v1.0/engagements/referrals/*', '/v1.0/engagements/referrals')).toBe(false);
    expect(globMatch('/v1.0/**', '/v1.0/engagements/referrals/abc')).toBe(true);
    expect(globMatch('/webhooks/v1/registration', '/webhooks/v1/registration/events')).toBe(false);
  });

  test('a status rule applies per method and path, skips the first N matches and stops after count', () => {
    const f = new FaultInjector('seed');
    f.add({
      kind: 'status',
      status: 429,
      method: 'PATCH',
      path: '/v1.0/engagements/referrals/*',
      skip: 1,
      count: 2,
      retryAfterSeconds: 7,
    });
    const seen = [1, 2, 3, 4].map(() => f.forRequest('PATCH', '/v1.0/engagements/referrals/x').status?.status ?? 200);
    expect(seen).toEqual([200, 429, 429, 200]);
    expect(f.forRequest('GET', '/v1.0/engagements/referrals/x').status).toBeUndefined();
    expect(f.list()[0]).toMatchObject({ matched: 4, applied: 2 });
    const g = new FaultInjector('seed');
    g.add({ kind: 'status', status: 429 });
    expect(g.forRequest('GET', '/x').status).toEqual({ status: 429, retryAfterSeconds: 1, ruleId: 'fault-1' });
  });

  test('probabilistic rules replay identically under the same seed and differ under another', () => {
    const run = (seed: string) => {
      const f = new FaultInjector(seed);
      f.add({ kind: 'status', status: 503, probability: 0.5 });
      return Array.from({ length: 64 }, () => (f.forRequest('GET', '/a').status ? 1 : 0)).join('');
    };
    expect(run('a')).toBe(run('a'));
    expect(run('a')).not.toBe(run('b'));
    expect(run('a')).toMatch(/1/);
    expect(run('a')).toMatch(/0/);
  });

  test('latency adds up, race flags, delivery faults per event pattern', () => {
    const f = new FaultInjector(1);
    f.add({ kind: 'latency', latencyMs: 200 });
    f.add({ kind: 'latency', latencyMs: 50, path: '/v1.0/**' });
    f.add({ kind: 'race', method: 'PATCH' });
    f.add({ kind: 'drop', event: 'referral-*', count: 1 });
    f.add({ kind: 'duplicate', event: 'related-referral-updated' });
    expect(f.forRequest('PATCH', '/v1.0/engagements/referrals/1')).toEqual({ latencyMs: 250, race: true });
    expect(f.forRequest('GET', '/webhooks/v1/registration')).toEqual({ latencyMs: 200, race: false });
    expect(f.forDelivery('referral-created')).toEqual({ drop: true, duplicate: false, reorder: false });
    expect(f.forDelivery('referral-created')).toEqual({ drop: false, duplicate: false, reorder: false });
    expect(f.forDelivery('related-referral-updated')).toEqual({ drop: false, duplicate: true, reorder: false });
  });

  test.each([
    [null, 'must be a JSON object'],
    [{ kind: 'explode' }, 'fault.kind must be one of'],
    [{ kind: 'status', status: 404 }, 'fault.status must be one of 429, 500, 503'],
    [{ kind: 'status' }, 'fault.status must be one of'],
    [{ kind: 'latency' }, 'latencyMs is required'],
    [{ kind: 'drop', status: 500 }, 'only goes with kind "status"'],
    [{ kind: 'drop', probability: 2 }, 'probability must be'],
    [{ kind: 'drop', count: -1 }, 'count must be a whole number'],
    [{ kind: 'drop', colour: 'red' }, 'Unknown fault property "colour"'],
    [{ kind: 'drop', path: '' }, 'fault.path must be non-empty text'],
  ])('bad rule %j → 400', (rule, fragment) => {
    const f = new FaultInjector();
    let error: unknown;
    try {
      f.add(rule);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain(fragment);
    expect(f.list()).toHaveLength(0);
  });

  test('remove, clear and reseed', () => {
    const f = new FaultInjector();
    const r = f.add({ kind: 'race' });
    expect(f.remove(r.id)).toBe(true);
    expect(f.remove(r.id)).toBe(false);
    f.add({ kind: 'race', count: 1 });
    f.forRequest('PUT', '/x');
    f.reseed('again');
    expect(f.list()[0].applied).toBe(0);
    f.clear();
    expect(f.list()).toHaveLength(0);
  });
});
