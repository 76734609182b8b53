import { guidFromName } from '../../../scripts/lib/guid';
import { WebhookRegistration } from '../../../connector/model/webhooks';
import { REFERRAL_WEBHOOK_EVENTS, VALIDATION_WEBHOOK_EVENT } from '../../../connector/model/enums';
import { formatTimestamp, type Clock } from '../clock';
import { ApiError, webhookError } from '../errors';
import type { ReferralChange } from '../referral-service';
import { readObject } from '../schema-walk';
import type { Delivery, WebhookDispatcher } from './dispatcher';
import { referralEvent, validationEvent } from './events';
import { signatureHeaders } from './signature';
import type { SigningIdentity } from './certificate';

/** Event names `GET /webhooks/v1/registration/events` returns by default (referral events, the test event, one CSP event). */
export const DEFAULT_EVENT_TYPES: readonly string[] = [
  ...REFERRAL_WEBHOOK_EVENTS,
  VALIDATION_WEBHOOK_EVENT,
  'subscription-updated',
];

export interface Registration {
  SubscriberId: string;
  WebhookUrl: string;
  WebhookEvents: string[];
  SignatureTokenToMsSignatureHeader: boolean;
  Properties: Record<string, string>;
  LastModifiedTimestamp: string;
}

export interface ValidationRecord {
  correlationId: string;
  partnerId: string;
  callbackUrl: string;
  createdAt: number;
  deliveryId: string | null;
  results: { responseCode: string; responseMessage: string; systemError: boolean; dateTimeUtc: string }[];
  status: 'pending' | 'completed' | 'failed';
}

export interface WebhooksSnapshot {
  registration: Registration | null;
  validations: ValidationRecord[];
  validationPosts: number[];
  counter: number;
}

export interface WebhooksServiceOptions {
  clock: Clock;
  seed: string;
  partnerId: string;
  dispatcher: WebhookDispatcher;
  identity: () => SigningIdentity;
  eventTypes: readonly string[];
  /** Base of ResourceUri in referral events (default https://api.partner.microsoft.com). */
  resourceBase: () => string;
  /** Base of the Webhooks API itself (ResourceUri of test-created). */
  webhooksBase: () => string;
  certificateUrl: () => string;
}

const VALIDATION_LIMIT = 2;
const VALIDATION_WINDOW_MS = 60_000;
const VALIDATION_RETENTION_MS = 7 * 24 * 3600 * 1000;

/**
 * The Webhooks API (reference §5): one registration per tenant, validation events at most twice a
 * minute, and a signed POST to the registered URL for every referral change it subscribes to.
 */
export class WebhooksService {
  private registration: Registration | null = null;
  private validations = new Map<string, ValidationRecord>();
  private validationPosts: number[] = [];
  private counter = 0;

  constructor(private readonly options: WebhooksServiceOptions) {
    options.dispatcher.onAttempt((d) => this.recordValidationAttempt(d));
  }

  eventTypes(): string[] {
    return [...this.options.eventTypes];
  }

  get(): Registration {
    if (!this.registration)
      throw webhookError(404, 'No webhook registration exists for this partner; create one with POST.');
    return this.registration;
  }

  current(): Registration | null {
    return this.registration;
  }

  create(body: unknown): Registration {
    if (this.registration)
      throw webhookError(409, 'Registration already exists, use the PUT method to update a registration.');
    this.registration = this.read(body, guidFromName(`${this.options.seed}/subscriber/${++this.counter}`));
    return this.registration;
  }

  update(body: unknown): Registration {
    if (!this.registration)
      throw webhookError(404, 'No webhook registration exists for this partner; create one with POST.');
    this.registration = this.read(body, this.registration.SubscriberId);
    return this.registration;
  }

  /** Sends a test-created event; at most 2 per minute (429 with Retry-After otherwise). */
  postValidationEvent(): { correlationId: string } {
    const registration = this.get();
    if (!registration.WebhookEvents.includes(VALIDATION_WEBHOOK_EVENT))
      throw webhookError(400, `Register for the ${VALIDATION_WEBHOOK_EVENT} event before sending a validation event.`);
    const now = this.options.clock.now();
    this.validationPosts = this.validationPosts.filter((t) => t > now - VALIDATION_WINDOW_MS);
    if (this.validationPosts.length >= VALIDATION_LIMIT) {
      const retryAfter = Math.max(1, Math.ceil((this.validationPosts[0] + VALIDATION_WINDOW_MS - now) / 1000));
      throw webhookError(
        429,
        'A throttle limit of 2 requests per minute is enforced when posting a test-created event.',
        {
          'Retry-After': String(retryAfter),
        },
      );
    }
    this.validationPosts.push(now);
    this.purgeValidations(now);
    const correlationId = guidFromName(`${this.options.seed}/validation/${++this.counter}`);
    const record: ValidationRecord = {
      correlationId,
      partnerId: this.options.partnerId,
      callbackUrl: registration.WebhookUrl,
      createdAt: now,
      deliveryId: null,
      results: [],
      status: 'pending',
    };
    this.validations.set(correlationId, record);
    const payload = validationEvent(correlationId, this.options.webhooksBase(), now);
    record.deliveryId = this.send(registration, VALIDATION_WEBHOOK_EVENT, payload, correlationId)?.id ?? null;
    return { correlationId };
  }

  getValidationEvent(correlationId: string): Omit<ValidationRecord, 'createdAt' | 'deliveryId'> {
    this.purgeValidations(this.options.clock.now());
    const r = this.validations.get(correlationId.toLowerCase());
    if (!r) throw webhookError(404, `No validation event ${correlationId} (they are deleted after 7 days).`);
    return {
      correlationId: r.correlationId,
      partnerId: r.partnerId,
      status: r.status,
      callbackUrl: r.callbackUrl,
      results: r.results,
    };
  }

  /** Turns a referral change into referral-* (partner's own) or related-referral-* (Microsoft's side) events. */
  onReferralChange(change: ReferralChange): void {
    const registration = this.registration;
    if (!registration) return;
    const eventName = `${change.ownedByPartner ? 'referral' : 'related-referral'}-${change.kind}`;
    if (!registration.WebhookEvents.includes(eventName)) return;
    this.send(
      registration,
      eventName,
      referralEvent(eventName, change.id, this.options.resourceBase(), change.at),
      null,
    );
  }

  snapshot(): WebhooksSnapshot {
    return {
      registration: this.registration,
      validations: [...this.validations.values()],
      validationPosts: this.validationPosts,
      counter: this.counter,
    };
  }

  restore(s: WebhooksSnapshot): void {
    this.registration = s.registration;
    this.validations = new Map(s.validations.map((v) => [v.correlationId, v]));
    this.validationPosts = s.validationPosts;
    this.counter = s.counter;
  }

  clear(): void {
    this.registration = null;
    this.validations.clear();
    this.validationPosts = [];
  }

  private send(registration: Registration, eventName: string, payload: object, correlationId: string | null): Delivery {
    const body = JSON.stringify(payload);
    const identity = this.options.identity();
    const headers = signatureHeaders(
      body,
      identity.privateKey,
      this.options.certificateUrl(),
      registration.SignatureTokenToMsSignatureHeader,
    );
    return this.options.dispatcher.enqueue(eventName, registration.WebhookUrl, body, headers, correlationId);
  }

  private recordValidationAttempt(d: Delivery): void {
    if (!d.correlationId) return;
    const record = this.validations.get(d.correlationId);
    if (!record) return;
    const last = d.attempts[d.attempts.length - 1];
    record.results.push({
      responseCode: last.status === null ? 'ServiceUnavailable' : httpStatusName(last.status),
      responseMessage: last.error ?? '',
      systemError: last.status === null,
      dateTimeUtc: formatTimestamp(last.at).replace(/Z$/, ''),
    });
    if (d.state === 'delivered') record.status = 'completed';
    else if (d.state === 'offline') record.status = 'failed';
  }

  private purgeValidations(now: number): void {
    for (const [id, r] of this.validations)
      if (r.createdAt < now - VALIDATION_RETENTION_MS) this.validations.delete(id);
  }

  private read(body: unknown, subscriberId: string): Registration {
    let input: Record<string, unknown>;
    try {
      const raw =
        body !== null && typeof body === 'object' && !Array.isArray(body)
          ? coerceFlag(body as Record<string, unknown>)
          : body;
      input = readObject(WebhookRegistration, raw, '', { stripReadOnly: true, checkRequired: true });
    } catch (e) {
      if (e instanceof ApiError) throw webhookError(400, e.message);
      throw e;
    }
    const url = String(input.WebhookUrl);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw webhookError(400, `WebhookUrl must be an absolute URL (got "${url.slice(0, 200)}").`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw webhookError(400, 'WebhookUrl must be an http(s) URL.');
    const events = input.WebhookEvents as string[];
    if (events.length === 0) throw webhookError(400, 'WebhookEvents must name at least one event.');
    const known = this.options.eventTypes;
    const canonical = events.map((e) => {
      const match = known.find((k) => k.toLowerCase() === e.toLowerCase());
      if (!match)
        throw webhookError(
          400,
          `Unknown webhook event "${e}"; GET /webhooks/v1/registration/events lists the allowed ones.`,
        );
      return match;
    });
    return {
      SubscriberId: subscriberId,
      WebhookUrl: url,
      WebhookEvents: [...new Set(canonical)],
      SignatureTokenToMsSignatureHeader: input.SignatureTokenToMsSignatureHeader === true,
      Properties: (input.Properties as Record<string, string> | undefined) ?? {},
      LastModifiedTimestamp: formatTimestamp(this.options.clock.now()),
    };
  }
}

/** Microsoft's Events connector types SignatureTokenToMsSignatureHeader as text: accept "true"/"false". */
function coerceFlag(body: Record<string, unknown>): Record<string, unknown> {
  const out = { ...body };
  for (const [k, v] of Object.entries(out)) {
    if (k.toLowerCase() === 'signaturetokentomssignatureheader' && typeof v === 'string' && /^(true|false)$/i.test(v))
      out[k] = v.toLowerCase() === 'true';
  }
  return out;
}

const STATUS_NAMES: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'NoContent',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

function httpStatusName(status: number): string {
  return STATUS_NAMES[status] ?? String(status);
}
