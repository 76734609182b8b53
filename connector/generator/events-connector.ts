import { PartnerCenterApiError, ValidationEventCreated, WebhookRegistration, WebhookValidationEvent } from '../model';
import type { ConnectorSpec } from './connector-spec';
import { bodyParam, errorResponses, operation, param, refTo } from './swagger-builder';

/**
 * "Partner Center Events": the Webhooks API on api.partnercenter.microsoft.com (reference §5). It has
 * no trigger: the registration is a tenant-wide singleton with no DELETE, which Power Automate's
 * webhook trigger contract cannot express (§6.3), so flows use an HTTP request trigger plus these actions.
 */

// The Webhooks host is the Partner Center (CSP) API, whose errors are {code, description, data, source}.
const err = errorResponses(refTo(PartnerCenterApiError));
const registrationOk = { '200': { description: 'The registration.', schema: refTo(WebhookRegistration) }, ...err };
const correlationId = param({
  name: 'MS-CorrelationId',
  in: 'header',
  type: 'string',
  summary: 'Correlation id',
  description: 'A GUID that ties related calls together in Partner Center diagnostics.',
  visibility: 'advanced',
});

export const eventsConnector: ConnectorSpec = {
  folder: 'partner-center-events',
  displayName: 'Partner Center Events',
  description:
    "Register the partner tenant's webhook for Partner Center referral events and check that it is delivered. Built by Co-sell Sync.",
  host: 'api.partnercenter.microsoft.com',
  basePath: '/webhooks',
  resource: 'https://api.partnercenter.microsoft.com',
  brandColor: '#0078d4',
  definitionRoots: [WebhookRegistration, ValidationEventCreated, WebhookValidationEvent, PartnerCenterApiError],
  paths: {
    '/v1/registration/events': {
      get: operation({
        operationId: 'ListEventTypes',
        summary: 'List event types',
        description: 'Lists the names of the events a webhook can be registered for.',
        parameters: [correlationId],
        responses: {
          '200': {
            description: 'The event names.',
            schema: {
              type: 'array',
              items: { type: 'string', description: 'An event name.', 'x-ms-summary': 'Event' },
            },
          },
          ...err,
        },
      }),
    },
    '/v1/registration': {
      get: operation({
        operationId: 'GetRegistration',
        summary: 'Get the webhook registration',
        description: "Reads the tenant's webhook registration (404 when there is none).",
        parameters: [correlationId],
        responses: registrationOk,
      }),
      post: operation({
        operationId: 'CreateRegistration',
        summary: 'Create the webhook registration',
        description:
          'Registers the receiver URL for events. Fails with 409 when a registration exists; update it instead.',
        parameters: [bodyParam('Registration', 'Receiver URL and events.', refTo(WebhookRegistration)), correlationId],
        responses: registrationOk,
      }),
      put: operation({
        operationId: 'UpdateRegistration',
        summary: 'Update the webhook registration',
        description: 'Replaces the receiver URL and events. Only one URL can be registered for an event.',
        parameters: [bodyParam('Registration', 'Receiver URL and events.', refTo(WebhookRegistration)), correlationId],
        responses: registrationOk,
      }),
    },
    '/v1/registration/validationEvents': {
      post: operation({
        operationId: 'CreateValidationEvent',
        summary: 'Send a validation event',
        description:
          'Sends a test-created event to the registered receiver (at most 2 a minute; test-created must be registered).',
        parameters: [correlationId],
        responses: {
          '200': { description: 'The id of the validation event.', schema: refTo(ValidationEventCreated) },
          ...err,
        },
      }),
    },
    '/v1/registration/validationEvents/{correlationId}': {
      get: operation({
        operationId: 'GetValidationEvent',
        summary: 'Get validation event results',
        description: 'Reads how the receiver answered a validation event.',
        parameters: [
          param({
            name: 'correlationId',
            in: 'path',
            type: 'string',
            summary: 'Correlation id',
            description: 'The id returned when the validation event was sent.',
          }),
          correlationId,
        ],
        responses: { '200': { description: 'The delivery results.', schema: refTo(WebhookValidationEvent) }, ...err },
      }),
    },
  },
};
