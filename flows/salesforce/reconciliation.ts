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
  foreach,
  type FlowSpec,
  iff,
  ifThen,
  initializeVariable,
  interp,
  not,
  outputs,
  setVariable,
  terminate,
  until,
  variables,
} from '../builder';
import { env, type SfSyncContext } from './context';
import {
  sfSyncReferralActions,
  sfSyncReferralParameters,
  sfSyncReferralVariables,
} from './partner-center-to-salesforce';

/**
 * "Partner Center Reconciliation - Salesforce": on a schedule, lists every referral changed in the look-back
 * window (four intervals, all pages) and brings each in with the receiver's own per-referral logic; then
 * checks that the webhook registration still points at the receiver.
 */
export const SF_RECONCILIATION = 'Partner Center Reconciliation - Salesforce';

export function sfReconciliation(ctx: SfSyncContext): FlowSpec {
  const pc = ctx.connections.referrals;
  const nextLink = coalesce(body('List_changed').prop('@odata.nextLink'), '');
  const lookback = ctx.reconciliationMinutes * 4;
  return {
    name: SF_RECONCILIATION,
    description: `Every ${ctx.reconciliationMinutes} minutes, repairs referrals a lost webhook left out of sync with Salesforce and checks the webhook registration.`,
    connections: [ctx.connections.salesforce, pc, ctx.connections.events],
    parameters: [...sfSyncReferralParameters(ctx), ctx.env.receiverUrl],
    trigger: {
      name: 'Recurrence',
      type: 'Recurrence',
      recurrence: { frequency: 'Minute', interval: ctx.reconciliationMinutes },
      runtimeConfiguration: { concurrency: { runs: 1 } },
    },
    actions: [
      compose('Since', fn('addMinutes', fn('utcNow'), -lookback, 'yyyy-MM-ddTHH:mm:ssZ')),
      initializeVariable('Init_page_token', 'Page_token', 'String', ''),
      initializeVariable('Init_more', 'More_pages', 'Boolean', true),
      initializeVariable('Init_seen', 'Seen', 'Integer', 0),
      ...sfSyncReferralVariables(),
      until(
        'Every_page',
        not(variables('More_pages')),
        [
          connectorAction('List_changed', pc, 'ListReferrals', {
            $filter: interp`updatedDateTime ge ${outputs('Since')}`,
            $orderby: 'updatedDateTime asc',
            $skiptoken: iff(empty(variables('Page_token')), null, variables('Page_token')),
          }),
          foreach('For_each_changed', coalesce(body('List_changed').prop('value'), fn('createArray')), [
            ...sfSyncReferralActions(ctx, 'For_each_changed', fn('bool', true)),
          ]),
          setVariable(
            'Count_seen',
            'Seen',
            fn('add', variables('Seen'), fn('length', coalesce(body('List_changed').prop('value'), fn('createArray')))),
          ),
          setVariable(
            'Next_token',
            'Page_token',
            fn(
              'decodeUriComponent',
              fn('last', fn('split', fn('replace', nextLink, '%24skiptoken=', '$skiptoken='), '$skiptoken=')),
            ),
          ),
          setVariable('Has_more', 'More_pages', not(empty(nextLink))),
        ],
        { count: 1000, timeout: 'PT1H' },
      ),
      connectorAction('Get_registration', ctx.connections.events, 'GetRegistration', {}),
      after(
        ifThen(
          'Receiver_still_registered',
          and(
            equals(outputs('Get_registration').prop('statusCode'), 200),
            equals(body('Get_registration').prop('WebhookUrl'), env(ctx.env.receiverUrl)),
          ),
          [],
          [
            terminate('Registration_moved', 'Failed', {
              code: 'WebhookRegistrationMoved',
              message: fn(
                'concat',
                'Partner Center events no longer reach this environment (registered: ',
                coalesce(body('Get_registration').prop('WebhookUrl'), 'none'),
                '). Run the Partner Center Webhook Registration flow with overwrite set to yes.',
              ),
            }),
          ],
        ),
        { Get_registration: ['Succeeded', 'Failed'] },
      ),
      ifThen('Some_failed', not(empty(variables('Failures'))), [
        terminate('Stop_failed', 'Failed', {
          code: 'ReconciliationIncomplete',
          message: fn('concat', 'Not synchronized: ', fn('join', variables('Failures'), ', ')),
        }),
      ]),
      compose('Result', { referralsChecked: `@${variables('Seen').text}`, since: `@${outputs('Since').text}` }),
    ],
  };
}
