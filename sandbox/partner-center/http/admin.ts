import { ApiError, badRequest } from '../errors';
import type { PartnerCenterSandbox } from '../sandbox';
import type { Delivery } from '../webhooks/dispatcher';
import type { MicrosoftUpdate } from '../microsoft-side';
import { sampleReferral } from '../sample-referral';

interface AdminReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Every admin endpoint, for `GET /_admin` and the CLI banner. */
export const ADMIN_ENDPOINTS: readonly { method: string; path: string; does: string }[] = [
  { method: 'GET', path: '/_admin', does: 'this list' },
  { method: 'GET', path: '/_admin/state', does: 'counts, clock, registration, queue sizes' },
  { method: 'POST', path: '/_admin/reset', does: 'forget referrals, registration, deliveries and faults' },
  { method: 'GET', path: '/_admin/clock', does: 'sandbox time' },
  {
    method: 'POST',
    path: '/_admin/clock/advance',
    does: 'move time forward {ms|seconds|minutes|hours|days}; runs expiry',
  },
  {
    method: 'POST',
    path: '/_admin/microsoft/referrals',
    does: 'Microsoft sends the partner a referral (body: referral fields to override)',
  },
  {
    method: 'POST',
    path: '/_admin/microsoft/referrals/{id}/updates',
    does: "Microsoft updates its side of the referral's engagement {status, substatus, statusReason, msxId, team, notes}",
  },
  { method: 'POST', path: '/_admin/expire', does: 'expire unanswered referrals whose 14 days are over' },
  { method: 'POST', path: '/_admin/referrals/seed', does: 'create {count} sample partner referrals' },
  { method: 'GET', path: '/_admin/webhooks/deliveries', does: 'pending, offline and recent webhook deliveries' },
  { method: 'GET', path: '/_admin/webhooks/offline', does: 'the offline queue (deliveries that failed 10 times)' },
  { method: 'POST', path: '/_admin/webhooks/tick', does: 'attempt the deliveries due now' },
  {
    method: 'POST',
    path: '/_admin/webhooks/drain',
    does: 'deliver until nothing is due {advanceClock: true moves a manual clock to each retry}',
  },
  { method: 'POST', path: '/_admin/webhooks/offline/redeliver', does: 'requeue offline deliveries {id?}' },
  { method: 'GET', path: '/_admin/faults', does: 'fault rules and seed' },
  {
    method: 'POST',
    path: '/_admin/faults',
    does: 'add a fault rule {kind, method, path, event, status, retryAfterSeconds, latencyMs, skip, count, probability}',
  },
  { method: 'DELETE', path: '/_admin/faults', does: 'remove every fault rule' },
  { method: 'DELETE', path: '/_admin/faults/{id}', does: 'remove one fault rule' },
  { method: 'POST', path: '/_admin/faults/seed', does: 'reseed fault injection {seed}' },
];

/**
 * Microsoft's side and the test controls, on their own path prefix. Never part of the Partner
 * Center contract; no authentication (loopback only).
 */
export async function handleAdmin(
  sandbox: PartnerCenterSandbox,
  method: string,
  path: string,
  body: unknown,
): Promise<AdminReply> {
  const seg = path
    .split('/')
    .filter((s) => s !== '')
    .slice(1);
  const route = `${method} /${seg.map((s, i) => (isIdSlot(seg, i) ? '{id}' : s)).join('/')}`;
  const input = (body ?? {}) as Record<string, unknown>;
  if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body)))
    throw badRequest('Admin requests take a JSON object body.', 'body');
  switch (route) {
    case 'GET /':
      return ok({ endpoints: ADMIN_ENDPOINTS, baseUrl: sandbox.baseUrl });
    case 'GET /state':
      return ok(state(sandbox));
    case 'POST /reset':
      sandbox.reset();
      return ok(state(sandbox));
    case 'GET /clock':
      return ok(clock(sandbox));
    case 'POST /clock/advance': {
      const ms = durationMs(input);
      sandbox.advance(ms);
      return ok(clock(sandbox));
    }
    case 'POST /microsoft/referrals':
      return { status: 201, body: sandbox.microsoft.sendReferral(body ?? {}) };
    case 'POST /microsoft/referrals/{id}/updates': {
      const allowed = ['status', 'substatus', 'statusReason', 'msxId', 'team', 'notes'];
      for (const k of Object.keys(input))
        if (!allowed.includes(k)) throw badRequest(`Unknown property "${k}"; allowed: ${allowed.join(', ')}.`, k);
      for (const k of ['status', 'substatus', 'statusReason', 'msxId', 'notes'])
        if (input[k] !== undefined && typeof input[k] !== 'string') throw badRequest(`"${k}" must be text.`, k);
      return ok(sandbox.microsoft.updateShared(safeDecode(seg[2]), input as MicrosoftUpdate));
    }
    case 'POST /expire':
      return ok({ expired: sandbox.referrals.expireDue() });
    case 'POST /referrals/seed': {
      const count = input.count ?? 1;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100_000)
        throw badRequest('"count" must be a whole number from 1 to 100000.', 'count');
      const before = sandbox.referrals.store.size;
      sandbox.referrals.seed(count, (i) => sampleReferral(before + i));
      return { status: 201, body: { created: count, total: sandbox.referrals.store.size } };
    }
    case 'GET /webhooks/deliveries':
      return ok({
        pending: sandbox.dispatcher.pendingDeliveries().map(showDelivery),
        offline: sandbox.dispatcher.offlineQueue().map(showDelivery),
        recent: sandbox.dispatcher.recent().map(showDelivery),
      });
    case 'GET /webhooks/offline':
      return ok({ offline: sandbox.dispatcher.offlineQueue().map(showDelivery) });
    case 'POST /webhooks/tick':
      return ok({ attempted: await sandbox.dispatcher.tick() });
    case 'POST /webhooks/drain':
      return ok(await sandbox.dispatcher.drain({ advanceClock: input.advanceClock === true }));
    case 'POST /webhooks/offline/redeliver': {
      if (input.id !== undefined && typeof input.id !== 'string') throw badRequest('"id" must be text.', 'id');
      return ok({ requeued: sandbox.dispatcher.redeliverOffline(input.id as string | undefined) });
    }
    case 'GET /faults':
      return ok({ seed: sandbox.faults.seed, rules: sandbox.faults.list() });
    case 'POST /faults':
      return { status: 201, body: sandbox.faults.add(body) };
    case 'DELETE /faults':
      sandbox.faults.clear();
      return { status: 204 };
    case 'DELETE /faults/{id}':
      if (!sandbox.faults.remove(safeDecode(seg[1])))
        throw new ApiError(404, 'itemNotFound', `No fault rule ${seg[1]}.`, 'fault');
      return { status: 204 };
    case 'POST /faults/seed':
      if (typeof input.seed !== 'string' && typeof input.seed !== 'number')
        throw badRequest('"seed" must be text or a number.', 'seed');
      sandbox.faults.reseed(input.seed);
      return ok({ seed: sandbox.faults.seed });
    default: {
      const known = ADMIN_ENDPOINTS.filter((e) => matches(e.path, path));
      if (known.length > 0)
        throw new ApiError(
          405,
          'invalidRequest',
          `Method ${method} is not allowed on ${path}; allowed: ${known.map((k) => k.method).join(', ')}.`,
          'method',
          undefined,
          {
            Allow: known.map((k) => k.method).join(', '),
          },
        );
      throw new ApiError(404, 'itemNotFound', `No admin endpoint ${method} ${path}; GET /_admin lists them.`, 'path');
    }
  }
}

function isIdSlot(seg: string[], i: number): boolean {
  return (
    (seg[0] === 'microsoft' && seg[1] === 'referrals' && i === 2) ||
    (seg[0] === 'faults' && i === 1 && seg[1] !== 'seed')
  );
}

function matches(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.replace(/\{id\}/g, '[^/]+')}$`);
  return re.test(path);
}

const ok = (body: unknown): AdminReply => ({ status: 200, body });

function clock(sandbox: PartnerCenterSandbox): { now: string; kind: string } {
  return { now: new Date(sandbox.clock.now()).toISOString(), kind: sandbox.clock.kind };
}

function state(sandbox: PartnerCenterSandbox): Record<string, unknown> {
  return {
    clock: clock(sandbox),
    referrals: sandbox.referrals.store.size,
    registration: sandbox.webhooks.current(),
    deliveries: {
      pending: sandbox.dispatcher.pendingDeliveries().length,
      offline: sandbox.dispatcher.offlineQueue().length,
      recent: sandbox.dispatcher.recent().length,
    },
    faults: sandbox.faults.list().length,
  };
}

function showDelivery(d: Delivery): Record<string, unknown> {
  return {
    id: d.id,
    eventName: d.eventName,
    url: d.url,
    state: d.state,
    attempts: d.attempts.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    nextAttemptAt: d.state === 'pending' ? new Date(d.dueAt).toISOString() : null,
    duplicateOf: d.duplicateOf,
    body: JSON.parse(d.body) as unknown,
  };
}

function durationMs(input: Record<string, unknown>): number {
  const units: Record<string, number> = { ms: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };
  let total = 0;
  let any = false;
  for (const [k, v] of Object.entries(input)) {
    const unit = units[k];
    if (unit === undefined) throw badRequest(`Unknown duration unit "${k}"; use ${Object.keys(units).join(', ')}.`, k);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw badRequest(`"${k}" must be a non-negative number.`, k);
    total += v * unit;
    any = true;
  }
  if (!any) throw badRequest(`Say how far to advance: one of ${Object.keys(units).join(', ')}.`, 'body');
  if (total > 10 * 365 * 86_400_000) throw badRequest('Advance at most 10 years at a time.', 'body');
  return total;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`The path segment "${segment.slice(0, 100)}" is not valid percent-encoding.`, 'path');
  }
}
