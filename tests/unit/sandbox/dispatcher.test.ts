import { ManualClock } from '../../../sandbox/partner-center/clock';
import { FaultInjector } from '../../../sandbox/partner-center/faults';
import {
  defaultBackoff,
  WebhookDispatcher,
  type WebhookTransport,
} from '../../../sandbox/partner-center/webhooks/dispatcher';

function setup(statuses: (number | 'error')[] = [], faults?: FaultInjector) {
  const clock = new ManualClock('2026-01-05T09:00:00Z');
  const sent: { body: string; at: number }[] = [];
  let i = 0;
  const transport: WebhookTransport = async ({ body }) => {
    sent.push({ body, at: clock.now() });
    const s = statuses[Math.min(i++, statuses.length - 1)] ?? 200;
    if (s === 'error') throw new Error('connect ECONNREFUSED');
    return { status: s };
  };
  const dispatcher = new WebhookDispatcher({
    clock,
    transport,
    faults: faults ? (e) => faults.forDelivery(e) : undefined,
  });
  return { clock, dispatcher, sent };
}

describe('webhook delivery', () => {
  test('nothing is sent until tick; a 2xx delivers', async () => {
    const { dispatcher, sent } = setup([200]);
    dispatcher.enqueue('referral-created', 'http://r', '{"a":1}', {});
    expect(sent).toHaveLength(0);
    expect(await dispatcher.tick()).toBe(1);
    expect(sent).toEqual([{ body: '{"a":1}', at: Date.parse('2026-01-05T09:00:00Z') }]);
    expect(dispatcher.recent()[0]).toMatchObject({ state: 'delivered', attempts: [{ status: 200, ok: true }] });
    expect(dispatcher.pendingDeliveries()).toHaveLength(0);
  });

  test('failures retry with backoff on the sandbox clock; after 10 attempts the delivery goes offline', async () => {
    const { dispatcher, sent, clock } = setup([500, 'error', 503]);
    const start = clock.now();
    dispatcher.enqueue('referral-updated', 'http://r', '{}', {});
    await dispatcher.tick();
    expect(await dispatcher.tick()).toBe(0); // not due yet
    clock.advance(defaultBackoff(1) - 1);
    expect(await dispatcher.tick()).toBe(0);
    clock.advance(1);
    expect(await dispatcher.tick()).toBe(1);
    const result = await dispatcher.drain({ advanceClock: true });
    expect(result).toEqual({ attempted: 8, pending: 0, offline: 1 });
    expect(sent).toHaveLength(10);
    const gaps = sent.slice(1).map((s, k) => s.at - sent[k].at);
    expect(gaps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(defaultBackoff));
    expect(sent[9].at - start).toBe(gaps.reduce((a, b) => a + b, 0));
    const offline = dispatcher.offlineQueue()[0];
    expect(offline.state).toBe('offline');
    expect(offline.attempts.map((a) => a.status)).toEqual([500, null, 503, 503, 503, 503, 503, 503, 503, 503]);
    expect(offline.attempts[1].error).toContain('ECONNREFUSED');
    // No further attempts once offline.
    clock.advance(86_400_000);
    expect(await dispatcher.tick()).toBe(0);
    expect(dispatcher.redeliverOffline()).toBe(1);
    expect(dispatcher.pendingDeliveries()).toHaveLength(1);
  });

  test('a delivery that succeeds on the third attempt is delivered once', async () => {
    const { dispatcher, sent } = setup([500, 500, 204]);
    dispatcher.enqueue('referral-updated', 'http://r', '{}', {});
    expect(await dispatcher.drain({ advanceClock: true })).toEqual({ attempted: 3, pending: 0, offline: 0 });
    expect(sent).toHaveLength(3);
  });

  test('drain without advanceClock leaves future retries pending', async () => {
    const { dispatcher } = setup([500]);
    dispatcher.enqueue('e', 'http://r', '{}', {});
    expect(await dispatcher.drain()).toEqual({ attempted: 1, pending: 1, offline: 0 });
  });

  test('faults: dropped deliveries are never sent, duplicated ones twice, reordered ones after the next', async () => {
    const faults = new FaultInjector('x');
    faults.add({ kind: 'drop', event: 'dropme' });
    faults.add({ kind: 'duplicate', event: 'twice' });
    faults.add({ kind: 'reorder', event: 'late' });
    const { dispatcher, sent } = setup([200], faults);
    dispatcher.enqueue('late', 'http://r', 'late', {});
    dispatcher.enqueue('dropme', 'http://r', 'dropped', {});
    dispatcher.enqueue('twice', 'http://r', 'twice', {});
    dispatcher.enqueue('normal', 'http://r', 'normal', {});
    await dispatcher.drain();
    expect(sent.map((s) => s.body)).toEqual(['twice', 'twice', 'normal', 'late']);
    expect(dispatcher.recent().find((d) => d.eventName === 'dropme')?.state).toBe('dropped');
  });
});

test('a reordered delivery sent tick by tick (auto delivery) waits for the next one to pass it', async () => {
  const faults = new FaultInjector('x');
  faults.add({ kind: 'reorder', event: 'first', count: 1 });
  const { dispatcher, sent } = setup([200], faults);
  dispatcher.enqueue('first', 'http://r', 'first', {});
  expect(await dispatcher.tick()).toBe(0);
  dispatcher.enqueue('second', 'http://r', 'second', {});
  expect(await dispatcher.tick()).toBe(2);
  expect(sent.map((s) => s.body)).toEqual(['second', 'first']);
});

test('a reordered delivery with nothing after it is still sent on the following tick', async () => {
  const faults = new FaultInjector('x');
  faults.add({ kind: 'reorder' });
  const { dispatcher, sent } = setup([200], faults);
  dispatcher.enqueue('only', 'http://r', 'only', {});
  expect(await dispatcher.drain()).toEqual({ attempted: 1, pending: 0, offline: 0 });
  expect(sent.map((s) => s.body)).toEqual(['only']);
});
