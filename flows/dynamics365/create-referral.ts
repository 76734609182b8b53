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
  type Expr,
  fn,
  type FlowSpec,
  iff,
  ifThen,
  interp,
  item,
  not,
  or,
  outputs,
  query,
  scope,
  select,
  terminate,
  triggerOutputs,
  type ActionSpec,
} from '../builder';
import type { Json } from '../builder/types';
import { ISO_3166_ALPHA2, ISO_4217 } from '../../connector/model';
import { toPartnerCenter } from '../sync/values';
import { type D365SyncContext, env, mappedOn } from './context';
import { firstError, recordOnOpportunity } from './expressions';
import { referralLink } from './links';
import { crmCanonical, currencyExpand } from './values';

/**
 * "Create Co-sell Referral – Dynamics 365 to Partner Center": when Sync with Partner Center becomes yes on an
 * opportunity without a referral. Validates first and never calls Partner Center with data it would refuse;
 * finds a referral already made for this opportunity (externalReferenceId) before creating one, so a repeated
 * trigger never makes a second referral.
 */
export const CREATE_REFERRAL = 'Create Co-sell Referral - Dynamics 365 to Partner Center';

export function createReferral(ctx: D365SyncContext): FlowSpec {
  const c = ctx.columns;
  const dv = ctx.connections.dataverse;
  const pc = ctx.connections.referrals;
  const row = body('Get_opportunity');
  const account = row.prop('customerid_account');
  const contact = row.prop('parentcontactid');
  const solutions = coalesce(row.prop(ctx.solutionRelationship), fn('createArray'));
  const fields = mappedOn(ctx, 'opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const crm = (key: string) => outputs('CRM_values').prop(key);
  const help = crm('helpNeeded');
  const shared = or(equals(crm('sharedWithMicrosoft'), true), not(empty(help)));
  const country = fn('toUpper', coalesce(account.key(env(ctx.env.customerCountryColumn)), env(ctx.env.defaultCountry)));
  const currency = iff(empty(crm('currency')), env(ctx.env.defaultCurrency), crm('currency'));

  // Each check is a message or null; the flow stops on any message, before calling Partner Center.
  const checks: Expr[] = [
    iff(
      fn('contains', fn('createArray', ...ISO_3166_ALPHA2), country),
      null,
      concat("The customer's country must be a two-letter ISO 3166 code (found '", country, "')."),
    ),
    iff(
      fn('contains', fn('createArray', ...ISO_4217), currency),
      null,
      concat("The deal currency must be an ISO 4217 code (found '", currency, "')."),
    ),
    iff(
      empty(row.key(env(ctx.env.dealValueColumn))),
      'The deal value is required.',
      iff(
        fn('less', fn('float', row.key(env(ctx.env.dealValueColumn))), 0),
        'The deal value cannot be negative.',
        null,
      ),
    ),
    iff(
      empty(row.prop('estimatedclosedate')),
      'The estimated close date is required.',
      iff(
        fn('less', fn('formatDateTime', row.prop('estimatedclosedate'), 'yyyy-MM-dd'), fn('utcNow', 'yyyy-MM-dd')),
        'The estimated close date is in the past.',
        null,
      ),
    ),
    iff(empty(account), 'The opportunity needs a customer account.', null),
    iff(
      or(empty(account.prop('address1_line1')), empty(account.prop('address1_city'))),
      "The customer account's address (street and city) is required.",
      null,
    ),
    iff(
      and(not(empty(help)), empty(coalesce(contact.prop('emailaddress1'), ''))),
      'A customer contact with an email address is required when Microsoft help is requested.',
      null,
    ),
    iff(
      and(shared, empty(solutions)),
      'At least one Microsoft solution is required to share the deal with Microsoft sellers.',
      null,
    ),
  ];

  const newReferral: Json = {
    name: `@${crm('dealName').text}`,
    externalReferenceId: `@${row.prop('opportunityid').text}`,
    type: `@${iff(empty(help), 'Independent', 'Shared').text}`,
    qualification: 'SalesQualified',
    customerProfile: {
      name: `@${account.prop('name').text}`,
      address: {
        addressLine1: `@${account.prop('address1_line1').text}`,
        city: `@${account.prop('address1_city').text}`,
        state: `@${account.prop('address1_stateorprovince').text}`,
        postalCode: `@${account.prop('address1_postalcode').text}`,
        country: `@${country.text}`,
      },
      team: `@${
        iff(
          empty(contact),
          fn('createArray'),
          fn(
            'createArray',
            fn(
              'setProperty',
              fn(
                'setProperty',
                fn(
                  'setProperty',
                  fn('setProperty', fn('json', '{}'), 'firstName', coalesce(contact.prop('firstname'), '')),
                  'lastName',
                  coalesce(contact.prop('lastname'), ''),
                ),
                'email',
                coalesce(contact.prop('emailaddress1'), ''),
              ),
              'phoneNumber',
              coalesce(contact.prop('telephone1'), ''),
            ),
          ),
        ).text
      }`,
    },
    consent: {
      consentToContact: true,
      consentToToShareInfoWithOthers: true,
      consentToShareReferralWithMicrosoftSellers: `@${shared.text}`,
    },
    details: {
      notes: `@${crm('notes').text}`,
      dealValue: `@${toPartnerCenter({ kind: 'money' }, crm('dealValue')).text}`,
      currency: `@${currency.text}`,
      closingDateTime: `@${toPartnerCenter({ kind: 'date' }, crm('closeDate')).text}`,
      requirements: { solutions: `@${body('Solution_tags').text}` },
    },
    inviteContext: { assistanceRequestCode: `@${iff(empty(help), 'Unknown', help).text}` },
  };

  const linkBack = (referral: Expr, operation: string, message: Expr | string): ActionSpec[] =>
    recordOnOpportunity(
      ctx,
      `Record_${operation.toLowerCase()}`,
      row.prop('opportunityid'),
      row.prop(c.audit),
      {
        [c.referralId]: referral.prop('id'),
        [c.referralLink]: referralLink(referral.prop('id')),
        [c.syncStatus]: ctx.syncStatus.synced,
        [c.lastSynced]: fn('utcNow'),
        [c.syncState]: fn(
          'string',
          fn(
            'setProperty',
            fn(
              'setProperty',
              fn(
                'setProperty',
                fn(
                  'setProperty',
                  fn('setProperty', fn('json', '{"v":1}'), 'referralId', referral.prop('id')),
                  'eTag',
                  referral.prop('eTag'),
                ),
                'status',
                referral.prop('status'),
              ),
              'substatus',
              referral.prop('substatus'),
            ),
            'fields',
            outputs('CRM_values'),
          ),
        ),
      },
      { direction: 'CrmToPartnerCenter', operation, result: 'Succeeded', message, referralId: referral.prop('id') },
    );

  const recordError = (name: string, message: Expr): ActionSpec[] => [
    ...recordOnOpportunity(
      ctx,
      name,
      row.prop('opportunityid'),
      row.prop(c.audit),
      { [c.syncStatus]: ctx.syncStatus.error },
      { direction: 'CrmToPartnerCenter', operation: 'Create', result: 'Failed', message },
    ),
    terminate(`Stop_${name.toLowerCase()}`, 'Failed', { code: 'ReferralNotCreated', message }),
  ];

  return {
    name: CREATE_REFERRAL,
    description: 'Creates the Partner Center referral of an opportunity when Sync with Partner Center is turned on.',
    connections: [dv, pc],
    parameters: [
      ctx.env.dealValueColumn,
      ctx.env.dealCurrencyColumn,
      ctx.env.customerCountryColumn,
      ctx.env.defaultCountry,
      ctx.env.defaultCurrency,
    ],
    trigger: {
      name: 'When_sync_is_turned_on',
      type: 'OpenApiConnectionWebhook',
      inputs: {
        host: {
          apiId: `/providers/Microsoft.PowerApps/apis/${dv.apiName}`,
          connectionName: dv.key,
          operationId: 'SubscribeWebhookTrigger',
        },
        parameters: {
          'subscriptionRequest/message': 4,
          'subscriptionRequest/entityname': 'opportunity',
          'subscriptionRequest/scope': 4,
          'subscriptionRequest/filteringattributes': [c.sync, c.syncStatus].join(','),
        },
        authentication: "@parameters('$authentication')",
      },
      conditions: [
        `@${and(equals(triggerOutputs().prop('body', c.sync), true), empty(triggerOutputs().prop('body', c.referralId))).text}`,
      ],
    },
    actions: [
      connectorAction('Get_opportunity', dv, 'GetItem', {
        entityName: 'opportunities',
        recordId: triggerOutputs().prop('body', 'opportunityid'),
        $expand: fn(
          'concat',
          currencyExpand(ctx),
          ',customerid_account($select=name,address1_line1,address1_city,address1_stateorprovince,address1_postalcode,',
          env(ctx.env.customerCountryColumn),
          '),parentcontactid($select=firstname,lastname,emailaddress1,telephone1),',
          ctx.solutionRelationship,
          `($select=${ctx.solutionTable.solutionId},${ctx.solutionTable.name})`,
        ),
      }),
      // Someone else may have linked it meanwhile: the trigger fires on every update.
      ifThen('Already_linked', not(empty(row.prop(c.referralId))), [terminate('Nothing_to_create', 'Succeeded')]),
      compose(
        'CRM_values',
        Object.fromEntries(fields.map((f) => [f.m.key, `@${crmCanonical(ctx, row, f.m, f.column).text}`])) as Json,
      ),
      compose('Checks', fn('createArray', ...checks)),
      query('Problems', outputs('Checks'), not(equals(item(), null))),
      ifThen('Invalid', not(empty(body('Problems'))), recordError('Record_invalid', fn('join', body('Problems'), ' '))),
      select('Solution_tags', solutions, { id: `@${item().prop(ctx.solutionTable.solutionId).text}`, type: 'Name' }),
      scope('Try', [
        connectorAction('Find_existing', pc, 'ListReferrals', {
          $filter: interp`externalReferenceId eq '${row.prop('opportunityid')}'`,
          $top: 1,
        }),
        ifThen(
          'Exists_in_Partner_Center',
          not(empty(body('Find_existing').prop('value'))),
          linkBack(
            fn('first', body('Find_existing').prop('value')),
            'Link',
            'Linked to the referral already in Partner Center.',
          ),
          [
            connectorAction('Create_referral', pc, 'CreateReferral', { body: newReferral }),
            ...linkBack(
              body('Create_referral'),
              'Create',
              concat(
                'Created in Partner Center as a ',
                iff(not(empty(help)), 'co-sell', iff(shared, 'partner-led', 'private')),
                ' deal.',
              ),
            ),
          ],
        ),
      ]),
      after(
        scope('Catch', [
          query('Failed_in_Try', fn('result', 'Try'), equals(item().prop('status'), 'Failed')),
          ...recordError('Record_failure', firstError('Try')),
        ]),
        { Try: ['Failed', 'TimedOut'] },
      ),
    ],
  };
}
