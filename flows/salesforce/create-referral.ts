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
  triggerBody,
  type ActionSpec,
} from '../builder';
import type { Json } from '../builder/types';
import { ISO_3166_ALPHA2, ISO_4217 } from '../../connector/model';
import { toPartnerCenter } from '../sync/values';
import { snapshotOfReferral } from '../sync/snapshot';
import { referralLink } from '../dynamics365/links';
import { firstError } from '../dynamics365/expressions';
import { env, sfMappedOn, type SfSyncContext } from './context';
import { odataString, opportunityPollingTrigger, recordOnOpportunity } from './expressions';
import { sfValue } from './values';

/**
 * "Create Co-sell Referral - Salesforce to Partner Center": when an opportunity has Sync with Partner
 * Center and no referral yet (the polling trigger also fires for new records). Validates first and never
 * calls Partner Center with data it would refuse; finds a referral already made for this opportunity
 * (externalReferenceId) before creating one, so a repeated poll never makes a second referral.
 */
export const SF_CREATE_REFERRAL = 'Create Co-sell Referral - Salesforce to Partner Center';

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

export function sfCreateReferral(ctx: SfSyncContext): FlowSpec {
  const f = ctx.fields;
  const sf = ctx.connections.salesforce;
  const pc = ctx.connections.referrals;
  const row = body('Get_opportunity');
  const account = fn('first', coalesce(body('Get_account').prop('value'), fn('createArray')));
  const contact = fn('first', coalesce(body('Get_contact').prop('value'), fn('createArray')));
  const solutions = coalesce(body('Get_solutions').prop('value'), fn('createArray'));
  const fields = sfMappedOn(ctx, 'Opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const crm = (key: string) => outputs('CRM_values').prop(key);
  const keyOf = (field: string): string => {
    const x = fields.find((y) => y.field === field);
    if (!x) throw new Error(`The field mapping has no entry for ${field}.`);
    return x.m.key;
  };
  const sharedKey = keyOf(f.shared);
  const currencyKey = fields.find((x) => x.m.transform.kind === 'currencyCode')?.m.key ?? 'currency';
  const dealValueKey = fields.find((x) => x.m.transform.kind === 'money')?.m.key ?? 'dealValue';
  const help = crm(keyOf(f.help));
  const shared = or(equals(crm(sharedKey), true), not(empty(help)));
  const country = fn('toUpper', coalesce(account.prop('BillingCountry'), env(ctx.env.defaultCountry)));
  const currency = iff(empty(crm(currencyKey)), env(ctx.env.defaultCurrency), crm(currencyKey));
  const dealValue = row.prop(fields.find((x) => x.m.key === dealValueKey)?.field ?? 'Amount');

  const checks: Expr[] = [
    iff(
      fn('contains', fn('createArray', ...ISO_3166_ALPHA2), country),
      null,
      concat("The customer's billing country must be a two-letter ISO 3166 code (found '", country, "')."),
    ),
    iff(
      fn('contains', fn('createArray', ...ISO_4217), currency),
      null,
      concat("The deal currency must be an ISO 4217 code (found '", currency, "')."),
    ),
    iff(
      equals(dealValue, null),
      'The deal value (Amount) is required.',
      iff(fn('less', fn('float', coalesce(dealValue, 0)), 0), 'The deal value cannot be negative.', null),
    ),
    iff(
      fn(
        'less',
        fn('formatDateTime', coalesce(row.prop('CloseDate'), '9999-12-31'), 'yyyy-MM-dd'),
        fn('utcNow', 'yyyy-MM-dd'),
      ),
      'The close date is in the past.',
      null,
    ),
    iff(empty(account), 'The opportunity needs an account.', null),
    iff(
      or(empty(account.prop('BillingStreet')), empty(account.prop('BillingCity'))),
      "The account's billing address (street and city) is required.",
      null,
    ),
    iff(
      and(not(empty(help)), empty(coalesce(contact.prop('Email'), ''))),
      'A contact with an email address is required when Microsoft help is requested.',
      null,
    ),
    iff(
      and(shared, empty(solutions)),
      'At least one Microsoft solution is required to share the deal with Microsoft sellers.',
      null,
    ),
  ];

  const newReferral: { [k: string]: Json } = {
    externalReferenceId: `@${row.prop('Id').text}`,
    type: `@${iff(empty(help), 'Independent', 'Shared').text}`,
    qualification: 'SalesQualified',
    customerProfile: {
      name: `@${account.prop('Name').text}`,
      address: {
        addressLine1: `@${account.prop('BillingStreet').text}`,
        city: `@${account.prop('BillingCity').text}`,
        state: `@${account.prop('BillingState').text}`,
        postalCode: `@${account.prop('BillingPostalCode').text}`,
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
                  fn('setProperty', fn('json', '{}'), 'firstName', coalesce(contact.prop('FirstName'), '')),
                  'lastName',
                  coalesce(contact.prop('LastName'), ''),
                ),
                'email',
                coalesce(contact.prop('Email'), ''),
              ),
              'phoneNumber',
              coalesce(contact.prop('Phone'), ''),
            ),
          ),
        ).text
      }`,
    },
    consent: { consentToContact: true, consentToToShareInfoWithOthers: true },
    details: { requirements: { solutions: `@${body('Solution_tags').text}` } },
  };
  for (const { m } of fields)
    setPath(newReferral, m.partnerCenter, `@${toPartnerCenter(m.transform, outputs('Sent_values').prop(m.key)).text}`);

  const snapshot = (referral: Expr): Expr =>
    fn('string', snapshotOfReferral(referral, outputs('Sent_values'), outputs('Solutions_sent')));

  const linkBack = (referral: Expr, operation: string, message: Expr | string): ActionSpec[] =>
    recordOnOpportunity(
      ctx,
      `Record_${operation.toLowerCase()}`,
      row.prop('Id'),
      row.prop(f.audit),
      {
        [f.referralId]: referral.prop('id'),
        [f.referralLink]: referralLink(referral.prop('id')),
        [f.syncStatus]: ctx.syncStatus.synced,
        [f.lastSynced]: fn('utcNow'),
        [f.shared]: shared,
        [f.syncState]: snapshot(referral),
      },
      { direction: 'CrmToPartnerCenter', operation, result: 'Succeeded', message, referralId: referral.prop('id') },
    );

  const recordError = (name: string, message: Expr): ActionSpec[] => [
    ...recordOnOpportunity(
      ctx,
      name,
      row.prop('Id'),
      row.prop(f.audit),
      { [f.syncStatus]: ctx.syncStatus.error },
      { direction: 'CrmToPartnerCenter', operation: 'Create', result: 'Failed', message },
    ),
    terminate(`Stop_${name.toLowerCase()}`, 'Failed', { code: 'ReferralNotCreated', message }),
  ];

  const trig = (name: string) => triggerBody().prop(name);
  return {
    name: SF_CREATE_REFERRAL,
    description: 'Creates the Partner Center referral of an opportunity when Sync with Partner Center is turned on.',
    connections: [sf, pc],
    parameters: [ctx.env.defaultCountry, ctx.env.defaultCurrency, ctx.env.integrationUserId, ctx.env.onHoldStage],
    trigger: opportunityPollingTrigger(ctx, 'When_an_opportunity_is_modified', [
      and(
        equals(trig(f.sync), true),
        empty(trig(f.referralId)),
        not(equals(trig(f.syncStatus), ctx.syncStatus.error)),
        // Our own writes never start a flow (cloud-flows.md §5.3).
        not(equals(trig('LastModifiedById'), env(ctx.env.integrationUserId))),
      ),
    ]),
    actions: [
      connectorAction('Get_opportunity', sf, 'GetItem_V2', { table: 'Opportunity', id: trig('Id') }),
      ifThen('Already_linked', not(empty(row.prop(f.referralId))), [terminate('Nothing_to_create', 'Succeeded')]),
      connectorAction('Get_account', sf, 'GetItems', {
        table: 'Account',
        $filter: interp`Id eq '${odataString(row.prop('AccountId'))}'`,
        $select: 'Id,Name,BillingStreet,BillingCity,BillingState,BillingPostalCode,BillingCountry',
        $top: 1,
      }),
      connectorAction('Get_contact', sf, 'GetItems', {
        table: 'Contact',
        $filter: interp`Id eq '${odataString(row.prop('ContactId'))}'`,
        $select: 'Id,FirstName,LastName,Email,Phone',
        $top: 1,
      }),
      connectorAction('Get_solutions', sf, 'GetItems', {
        table: ctx.fields.solutionObject,
        $filter: interp`${ctx.fields.solutionOpportunity} eq '${odataString(row.prop('Id'))}'`,
        $select: `Id,${ctx.fields.solutionId}`,
      }),
      compose(
        'CRM_values',
        Object.fromEntries(fields.map((x) => [x.m.key, `@${sfValue(row, x.m, x.field).text}`])) as Json,
      ),
      compose(
        'Sent_values',
        fn('setProperty', fn('setProperty', outputs('CRM_values'), sharedKey, shared), currencyKey, currency),
      ),
      compose('Checks', fn('createArray', ...checks)),
      query('Problems', outputs('Checks'), not(equals(item(), null))),
      ifThen('Invalid', not(empty(body('Problems'))), recordError('Record_invalid', fn('join', body('Problems'), ' '))),
      select('Solution_tags', solutions, { id: `@${item().prop(ctx.fields.solutionId).text}`, type: 'Name' }),
      select('Solution_ids', solutions, item().prop(ctx.fields.solutionId)),
      compose('Solutions_sent', fn('join', fn('sort', body('Solution_ids')), ',')),
      scope('Try', [
        connectorAction('Find_existing', pc, 'ListReferrals', {
          $filter: interp`externalReferenceId eq '${row.prop('Id')}'`,
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
