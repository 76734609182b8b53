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
import { snapshotOfReferral } from '../sync/snapshot';
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
/** Sets `a/b/c` in a nested JSON object, creating the objects on the way. */
function setPath(target: { [k: string]: Json }, path: string, value: Json): void {
  const steps = path.split('/');
  let o = target;
  for (const step of steps.slice(0, -1)) {
    const next = o[step];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) o[step] = {};
    o = o[step] as { [k: string]: Json };
  }
  o[steps[steps.length - 1]] = value;
}

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
  const keyOf = (column: string): string => {
    const f = fields.find((x) => x.column === column);
    if (!f) throw new Error(`The field mapping has no entry for ${column}.`);
    return f.m.key;
  };
  const sharedKey = keyOf(c.shared);
  const currencyKey = fields.find((f) => f.m.transform.kind === 'currencyCode')?.m.key ?? 'currency';
  const help = crm(keyOf(c.help));
  const shared = or(equals(crm(sharedKey), true), not(empty(help)));
  const country = fn('toUpper', coalesce(account.key(env(ctx.env.customerCountryColumn)), env(ctx.env.defaultCountry)));
  const currency = iff(empty(crm(currencyKey)), env(ctx.env.defaultCurrency), crm(currencyKey));

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
    // if() may evaluate both branches, so every argument must be valid when the value is missing.
    iff(
      equals(row.key(env(ctx.env.dealValueColumn)), null),
      'The deal value is required.',
      iff(
        fn('less', fn('float', coalesce(row.key(env(ctx.env.dealValueColumn)), 0)), 0),
        'The deal value cannot be negative.',
        null,
      ),
    ),
    iff(
      equals(row.prop('estimatedclosedate'), null),
      'The estimated close date is required.',
      iff(
        fn(
          'less',
          fn('formatDateTime', coalesce(row.prop('estimatedclosedate'), '9999-12-31'), 'yyyy-MM-dd'),
          fn('utcNow', 'yyyy-MM-dd'),
        ),
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

  const newReferral: { [k: string]: Json } = {
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
    consent: { consentToContact: true, consentToToShareInfoWithOthers: true },
    details: { requirements: { solutions: `@${body('Solution_tags').text}` } },
  };
  // Every mapped field goes where the mapping puts it, from the values the flow sends.
  for (const { m } of fields)
    setPath(newReferral, m.partnerCenter, `@${toPartnerCenter(m.transform, outputs('Sent_values').prop(m.key)).text}`);

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
        [c.shared]: shared,
        [c.syncState]: fn('string', snapshotOfReferral(referral, outputs('Sent_values'), outputs('Solutions_sent'))),
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
      // Never on status Error: recording an error writes that column, which would start the flow again.
      // The seller's Retry sets Pending, which does start it.
      conditions: [
        `@${
          and(
            equals(triggerOutputs().prop('body', c.sync), true),
            empty(triggerOutputs().prop('body', c.referralId)),
            not(equals(triggerOutputs().prop('body', c.syncStatus), ctx.syncStatus.error)),
          ).text
        }`,
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
      // What Partner Center will hold: asking for Microsoft's help shares the deal with Microsoft sellers.
      compose(
        'Sent_values',
        fn('setProperty', fn('setProperty', outputs('CRM_values'), sharedKey, shared), currencyKey, currency),
      ),
      compose('Checks', fn('createArray', ...checks)),
      query('Problems', outputs('Checks'), not(equals(item(), null))),
      ifThen('Invalid', not(empty(body('Problems'))), recordError('Record_invalid', fn('join', body('Problems'), ' '))),
      select('Solution_tags', solutions, { id: `@${item().prop(ctx.solutionTable.solutionId).text}`, type: 'Name' }),
      select('Solution_ids', solutions, item().prop(ctx.solutionTable.solutionId)),
      // The solutions sent are part of the snapshot, so the solutions flow only writes when they change.
      compose('Solutions_sent', fn('join', fn('sort', body('Solution_ids')), ',')),
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
