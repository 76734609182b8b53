import { REFERRAL_WEBHOOK_EVENTS } from '../../connector/model';
import {
  after,
  and,
  body,
  coalesce,
  compose,
  concat,
  connectorAction,
  empty,
  equals,
  type ActionSpec,
  type ConnectionSpec,
  type EnvParameterSpec,
  type Expr,
  fn,
  foreach,
  type FlowSpec,
  ifThen,
  initializeVariable,
  interp,
  item,
  not,
  or,
  outputs,
  query,
  response,
  scope,
  select,
  setVariable,
  terminate,
  triggerBody,
  variables,
} from '../builder';

/**
 * The webhook receiver, the same for every CRM. Never trusts the body: it checks the payload shape and event
 * name (unknown events are acknowledged and ignored), takes the referral id from the resource URI and re-reads
 * the referral. A related-referral event (Microsoft's side of the engagement changed) brings Microsoft's CRM id
 * to every referral of the engagement we hold. Each referral goes through the CRM's per-referral actions; the
 * answer is 200 when every one was handled, 5xx otherwise so Partner Center delivers the event again.
 */
export interface ReceiverSpec {
  name: string;
  description: string;
  crm: ConnectionSpec;
  referrals: ConnectionSpec;
  parameters: EnvParameterSpec[];
  /** Top-level variables the per-referral actions use; must include the `Failures` array. */
  variables: ActionSpec[];
  /** The actions for the current item of `loop`; `mayCreate` is false for related events (update only). */
  perReferral: (loop: string, mayCreate: Expr) => ActionSpec[];
}

/** A text value for an OData string literal: single quotes doubled. */
export const odataString = (v: Expr): Expr => fn('replace', coalesce(v, ''), "'", "''");

export function receiverFlow(spec: ReceiverSpec): FlowSpec {
  const pcConn = spec.referrals;
  const isRelated = fn('startsWith', outputs('Event').prop('name'), 'related-');
  return {
    name: spec.name,
    description: spec.description,
    connections: [spec.crm, pcConn],
    parameters: spec.parameters,
    trigger: {
      name: 'When_Partner_Center_sends_an_event',
      type: 'Request',
      kind: 'Http',
      inputs: {
        method: 'POST',
        schema: {
          type: 'object',
          properties: {
            EventName: { type: 'string' },
            ResourceUri: { type: 'string' },
            ResourceName: { type: 'string' },
            AuditUri: { type: ['string', 'null'] },
            ResourceChangeUtcDate: { type: 'string' },
          },
        },
      },
    },
    actions: [
      compose('Event', {
        name: `@${coalesce(triggerBody().prop('EventName'), '').text}`,
        referralId: `@${fn('last', fn('split', fn('trim', coalesce(triggerBody().prop('ResourceUri'), '')), '/')).text}`,
      }),
      ifThen('Malformed', or(empty(outputs('Event').prop('name')), empty(outputs('Event').prop('referralId'))), [
        response('Bad_request', 400, {
          error: { code: 'invalidRequest', message: 'EventName and ResourceUri are required.' },
        }),
        terminate('Stop_malformed', 'Succeeded'),
      ]),
      ifThen(
        'Not_a_referral_event',
        not(fn('contains', fn('createArray', ...REFERRAL_WEBHOOK_EVENTS), outputs('Event').prop('name'))),
        [
          response('Ignored', 200, { status: 'ignored', event: `@${outputs('Event').prop('name').text}` }),
          terminate('Stop_ignored', 'Succeeded'),
        ],
      ),
      initializeVariable('Init_targets', 'Targets', 'Array', fn('createArray')),
      ...spec.variables,
      scope('Try', [
        connectorAction('Get_referral', pcConn, 'GetReferral', { id: outputs('Event').prop('referralId') }),
        ifThen(
          'Related_event',
          isRelated,
          [
            // Microsoft's side changed: bring its CRM id to every referral of the engagement we hold.
            connectorAction('List_engagement', pcConn, 'ListReferrals', {
              $filter: interp`engagementId eq '${odataString(body('Get_referral').prop('engagementId'))}'`,
            }),
            query(
              'With_msx_id',
              coalesce(body('List_engagement').prop('value'), fn('createArray')),
              not(empty(item().prop('trackingInfo', 'microsoftMsxId'))),
            ),
            select(
              'With_engagement_msx',
              coalesce(body('List_engagement').prop('value'), fn('createArray')),
              fn(
                'setProperty',
                item(),
                'trackingInfo',
                fn(
                  'setProperty',
                  coalesce(item().prop('trackingInfo'), fn('json', '{}')),
                  'microsoftMsxId',
                  coalesce(
                    item().prop('trackingInfo', 'microsoftMsxId'),
                    fn('first', body('With_msx_id')).prop('trackingInfo', 'microsoftMsxId'),
                  ),
                ),
              ),
            ),
            setVariable('Targets_engagement', 'Targets', body('With_engagement_msx')),
          ],
          [setVariable('Targets_one', 'Targets', fn('createArray', body('Get_referral')))],
        ),
        // Related events only update opportunities we already have; they never create one.
        foreach('For_each_referral', variables('Targets'), spec.perReferral('For_each_referral', not(isRelated))),
      ]),
      after(
        ifThen(
          'All_handled',
          and(equals(fn('actions', 'Try').prop('status'), 'Succeeded'), empty(variables('Failures'))),
          [response('Processed', 200, { status: 'processed' })],
          [
            response('Failed_response', 500, {
              error: {
                code: 'generalException',
                message: 'Some referrals could not be synchronized; see the Audit of the opportunity.',
              },
            }),
            terminate('Stop_failed', 'Failed', {
              code: 'SyncFailed',
              message: concat('Not synchronized: ', fn('join', variables('Failures'), ', ')),
            }),
          ],
        ),
        { Try: ['Succeeded', 'Failed', 'TimedOut'] },
      ),
    ],
  };
}
