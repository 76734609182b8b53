import { arr, bool, type Infer, map, obj, ref, str } from './schema-dsl';

/**
 * Partner Center Webhooks API resources (reference §5). Registration bodies are PascalCase on the
 * wire (docs and Microsoft's Events connector); validation events are camelCase (docs example).
 */

export const WebhookRegistration = obj(
  'WebhookRegistration',
  "The partner tenant's single webhook registration.",
  {
    SubscriberId: str('Subscriber id', 'Id of the registration, set by Partner Center.', {
      readOnly: true,
      nullable: true,
    }),
    WebhookUrl: str('Receiver URL', 'The HTTPS address Partner Center posts events to.', { nullable: true }),
    WebhookEvents: arr(
      'Events',
      'Names of the events to receive, for example referral-updated.',
      str('Event', 'An event name.'),
    ),
    SignatureTokenToMsSignatureHeader: bool(
      'Signature in x-ms-signature',
      'Send the signature in the x-ms-signature header instead of Authorization.',
      { nullable: true, visibility: 'advanced' },
    ),
    Properties: map('Properties', 'Extra registration properties.', str('Value', 'A property value.'), {
      visibility: 'advanced',
    }),
    LastModifiedTimestamp: str('Last modified', 'When the registration last changed (UTC).', {
      format: 'date-time',
      readOnly: true,
      nullable: true,
    }),
  },
  ['WebhookUrl', 'WebhookEvents'],
);

export const ValidationEventCreated = obj('ValidationEventCreated', 'The id of a validation (test-created) event.', {
  correlationId: str('Correlation id', 'Id of the validation event; read its delivery results with it.', {
    nullable: true,
  }),
});

export const WebhookResponse = obj('WebhookResponse', 'One delivery attempt of a validation event.', {
  responseCode: str('Response code', 'HTTP status name the receiver answered, for example OK.', { nullable: true }),
  responseMessage: str('Response message', 'What the receiver answered.', { nullable: true }),
  systemError: bool('System error', 'Whether delivery failed inside Partner Center.', { nullable: true }),
  dateTimeUtc: str('Attempted on', 'When the delivery was attempted (UTC).', { nullable: true }),
});

export const WebhookValidationEvent = obj('WebhookValidationEvent', 'The delivery results of a validation event.', {
  correlationId: str('Correlation id', 'Id of the validation event.', { nullable: true }),
  partnerId: str('Partner id', 'Id of the partner tenant.', { nullable: true }),
  status: str('Status', 'Delivery status, for example completed.', { nullable: true }),
  callbackUrl: str('Receiver URL', 'Where the event was delivered.', { nullable: true }),
  results: arr('Attempts', 'Delivery attempts.', ref('Attempt', 'A delivery attempt.', WebhookResponse)),
});

/** What Partner Center posts to the receiver (PascalCase, §5.4). Only a pointer: always re-read the referral. */
export const WebhookEvent = obj(
  'WebhookEvent',
  'A resource change event posted to the webhook receiver.',
  {
    EventName: str('Event name', '{resource}-{action}, for example referral-updated.', { nullable: true }),
    ResourceUri: str('Resource URI', 'Address of the changed resource; its last segment is the referral id.', {
      nullable: true,
    }),
    ResourceName: str('Resource name', 'Name of the changed resource, for example referral.', { nullable: true }),
    AuditUri: str('Audit URI', 'Address of the audit record, when there is one.', { nullable: true }),
    ResourceChangeUtcDate: str('Changed on', 'When the resource changed (UTC).', { nullable: true }),
  },
  ['EventName', 'ResourceUri', 'ResourceName', 'ResourceChangeUtcDate'],
);

export type WebhookRegistrationValue = Infer<typeof WebhookRegistration>;
export type WebhookEventValue = Infer<typeof WebhookEvent>;
export type WebhookValidationEventValue = Infer<typeof WebhookValidationEvent>;
