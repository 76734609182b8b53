import {
  after,
  and,
  body,
  coalesce,
  compose,
  connectorAction,
  empty,
  equals,
  fn,
  type FlowSpec,
  ifThen,
  initializeVariable,
  item,
  not,
  or,
  outputs,
  query,
  select,
  setVariable,
  terminate,
  triggerBody,
  variables,
} from '../builder';
import { REFERRAL_WEBHOOK_EVENTS, VALIDATION_WEBHOOK_EVENT } from '../../connector/model';
import type { ConnectionSpec } from '../builder';
import type { D365SyncContext } from './context';

/**
 * "Partner Center Webhook Registration": run by the admin once the receiver flow is on. Reads the tenant's
 * single registration, creates it or updates it (only over another URL when told to overwrite), always
 * registers test-created so a validation event can be sent, sends one, and reports what changed.
 */
export const WEBHOOK_REGISTRATION = 'Partner Center Webhook Registration';

export function webhookRegistration(ctx: D365SyncContext): FlowSpec {
  return webhookRegistrationFlow(ctx.connections.events, 'Partner Center to Dynamics 365');
}

/** The registration flow for any CRM: `receiverFlowName` is the flow whose HTTP trigger receives the events. */
export function webhookRegistrationFlow(events: ConnectionSpec, receiverFlowName: string): FlowSpec {
  const existing = body('Get_registration');
  const wanted = outputs('Wanted');
  const registration = {
    WebhookUrl: `@${wanted.prop('url').text}`,
    WebhookEvents: `@${wanted.prop('events').text}`,
    SignatureTokenToMsSignatureHeader: true,
  };
  return {
    name: WEBHOOK_REGISTRATION,
    description: "Registers the receiver flow's URL for Partner Center referral events.",
    connections: [events],
    trigger: {
      name: 'manual',
      type: 'Request',
      kind: 'Button',
      inputs: {
        schema: {
          type: 'object',
          properties: {
            text: {
              title: 'Http Trigger Endpoint',
              type: 'string',
              description: `The URL of the "When Partner Center sends an event" trigger of the ${receiverFlowName} flow.`,
              'x-ms-dynamically-added': true,
              'x-ms-content-hint': 'TEXT',
            },
            text_1: {
              title: 'Events to Register',
              type: 'string',
              description: 'Comma-separated event names.',
              default: REFERRAL_WEBHOOK_EVENTS.join(','),
              'x-ms-dynamically-added': true,
              'x-ms-content-hint': 'TEXT',
            },
            boolean: {
              title: 'Overwrite existing trigger endpoints if present?',
              type: 'boolean',
              description: 'Only one URL can be registered for an event; yes replaces another URL.',
              'x-ms-dynamically-added': true,
              'x-ms-content-hint': 'BOOLEAN',
            },
          },
          required: ['text'],
        },
      },
    },
    actions: [
      select(
        'Requested_events',
        fn('split', coalesce(triggerBody().prop('text_1'), REFERRAL_WEBHOOK_EVENTS.join(',')), ','),
        fn('trim', item()),
      ),
      query('Named_events', body('Requested_events'), not(empty(item()))),
      compose('Wanted', {
        url: `@${fn('trim', coalesce(triggerBody().prop('text'), '')).text}`,
        events: `@${fn('union', body('Named_events'), fn('createArray', VALIDATION_WEBHOOK_EVENT)).text}`,
        overwrite: `@${equals(coalesce(triggerBody().prop('boolean'), false), true).text}`,
      }),
      ifThen('No_url', not(fn('startsWith', wanted.prop('url'), 'https://')), [
        terminate('Stop_no_url', 'Failed', {
          code: 'InvalidReceiverUrl',
          message: 'The receiver URL must be an https address.',
        }),
      ]),
      initializeVariable('Init_report', 'Report', 'String', ''),
      connectorAction('Get_registration', events, 'GetRegistration', {}),
      after(
        ifThen(
          'Registered',
          equals(outputs('Get_registration').prop('statusCode'), 200),
          [
            ifThen(
              'May_update',
              or(
                wanted.prop('overwrite'),
                empty(existing.prop('WebhookUrl')),
                equals(existing.prop('WebhookUrl'), wanted.prop('url')),
              ),
              [
                connectorAction('Update_registration', events, 'UpdateRegistration', { body: registration }),
                setVariable(
                  'Report_updated',
                  'Report',
                  fn('concat', 'Updated the registration (was ', coalesce(existing.prop('WebhookUrl'), 'empty'), ').'),
                ),
              ],
              [
                terminate('Stop_taken', 'Failed', {
                  code: 'RegistrationExists',
                  message: fn(
                    'concat',
                    'Partner Center events already go to ',
                    existing.prop('WebhookUrl'),
                    '. Run again with overwrite set to yes to take them over.',
                  ),
                }),
              ],
            ),
          ],
          [
            ifThen(
              'Not_found',
              equals(outputs('Get_registration').prop('statusCode'), 404),
              [
                connectorAction('Create_registration', events, 'CreateRegistration', { body: registration }),
                setVariable('Report_created', 'Report', 'Created the registration.'),
              ],
              [
                terminate('Stop_unreadable', 'Failed', {
                  code: 'RegistrationUnreadable',
                  message: fn(
                    'concat',
                    'Could not read the registration: ',
                    coalesce(
                      existing.prop('error', 'message'),
                      fn('string', outputs('Get_registration').prop('statusCode')),
                    ),
                  ),
                }),
              ],
            ),
          ],
        ),
        { Get_registration: ['Succeeded', 'Failed'] },
      ),
      connectorAction('Send_validation_event', events, 'CreateValidationEvent', {}),
      compose('Result', {
        change: `@${variables('Report').text}`,
        url: `@${wanted.prop('url').text}`,
        events: `@${wanted.prop('events').text}`,
        validationCorrelationId: `@${coalesce(body('Send_validation_event').prop('correlationId'), '').text}`,
        overwritten: `@${and(wanted.prop('overwrite'), not(equals(coalesce(existing.prop('WebhookUrl'), ''), wanted.prop('url')))).text}`,
        previousUrl: `@${coalesce(existing.prop('WebhookUrl'), '').text}`,
      }),
    ],
  };
}
