import {
  after,
  and,
  body,
  coalesce,
  compose,
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

/**
 * The reconciliation flow, the same for every CRM: on a schedule, list every referral changed in the
 * look-back window (all pages) and bring each in with the receiver's own per-referral actions, then check
 * that the webhook registration still points at our receiver. The look-back is four intervals, so a run can
 * fail three times in a row without a gap (docs/DECISIONS.md).
 */
export interface ReconciliationSpec {
  name: string;
  description: string;
  minutes: number;
  crm: ConnectionSpec;
  referrals: ConnectionSpec;
  events: ConnectionSpec;
  parameters: EnvParameterSpec[];
  /** The receiver's URL, which the registration must still point at. */
  receiverUrl: Expr;
  /** Top-level variables the per-referral actions use (a loop can't initialize them). */
  variables: ActionSpec[];
  /** The per-referral actions for the current item of the named loop; they record failures in `Failures`. */
  perReferral: (loop: string) => ActionSpec[];
}

export function reconciliationFlow(spec: ReconciliationSpec): FlowSpec {
  const pc = spec.referrals;
  const changed = coalesce(body('List_changed').prop('value'), fn('createArray'));
  const nextLink = coalesce(body('List_changed').prop('@odata.nextLink'), '');
  return {
    name: spec.name,
    description: spec.description,
    connections: [spec.crm, pc, spec.events],
    parameters: spec.parameters,
    trigger: {
      name: 'Recurrence',
      type: 'Recurrence',
      recurrence: { frequency: 'Minute', interval: spec.minutes },
      runtimeConfiguration: { concurrency: { runs: 1 } },
    },
    actions: [
      compose('Since', fn('addMinutes', fn('utcNow'), -spec.minutes * 4, 'yyyy-MM-ddTHH:mm:ssZ')),
      initializeVariable('Init_page_token', 'Page_token', 'String', ''),
      initializeVariable('Init_more', 'More_pages', 'Boolean', true),
      initializeVariable('Init_seen', 'Seen', 'Integer', 0),
      ...spec.variables,
      until(
        'Every_page',
        not(variables('More_pages')),
        [
          connectorAction('List_changed', pc, 'ListReferrals', {
            $filter: interp`updatedDateTime ge ${outputs('Since')}`,
            $orderby: 'updatedDateTime asc',
            $skiptoken: iff(empty(variables('Page_token')), null, variables('Page_token')),
          }),
          foreach('For_each_changed', changed, spec.perReferral('For_each_changed')),
          setVariable('Count_seen', 'Seen', fn('add', variables('Seen'), fn('length', changed))),
          // The next page's token is the $skiptoken of @odata.nextLink (opaque; percent-encoded or not).
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
      connectorAction('Get_registration', spec.events, 'GetRegistration', {}),
      after(
        ifThen(
          'Receiver_still_registered',
          and(
            equals(outputs('Get_registration').prop('statusCode'), 200),
            equals(body('Get_registration').prop('WebhookUrl'), spec.receiverUrl),
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
