/**
 * Callback payloads (reference §5.4): PascalCase, a pointer to the changed resource, never the
 * resource itself.
 */
export interface WebhookEventPayload {
  EventName: string;
  ResourceUri: string;
  ResourceName: string;
  AuditUri: string | null;
  ResourceChangeUtcDate: string;
}

/** `2018-02-17T00:05:39.5485487+00:00`, the documented ResourceChangeUtcDate format. */
export function formatChangeDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000+00:00');
}

export function referralEvent(
  eventName: string,
  referralId: string,
  resourceBase: string,
  at: number,
): WebhookEventPayload {
  return {
    EventName: eventName,
    ResourceUri: `${resourceBase}/v1.0/engagements/referrals/${referralId}`,
    ResourceName: 'referral',
    AuditUri: null,
    ResourceChangeUtcDate: formatChangeDate(at),
  };
}

export function validationEvent(correlationId: string, webhooksBase: string, at: number): WebhookEventPayload {
  return {
    EventName: 'test-created',
    ResourceUri: `${webhooksBase}/webhooks/v1/registration/validationEvents/${correlationId}`,
    ResourceName: 'test',
    AuditUri: null,
    ResourceChangeUtcDate: formatChangeDate(at),
  };
}
