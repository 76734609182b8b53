import {
  and,
  body,
  coalesce,
  connectorAction,
  empty,
  equals,
  fn,
  type FlowSpec,
  iff,
  interp,
  not,
  or,
  triggerBody,
} from '../builder';
import { createReferralFlow } from '../sync/create-referral';
import { env, sfMappedOn, type SfSyncContext } from './context';
import { odataString, opportunityPollingTrigger, recordOnOpportunity } from './expressions';
import { sfValue } from './values';

/**
 * "Create Co-sell Referral - Salesforce to Partner Center" (flows/sync/create-referral.ts): when an opportunity
 * has Sync with Partner Center and no referral yet (the polling trigger also fires for new records). Salesforce
 * needs three more reads for the account, contact and solutions; the country is the account's billing country.
 */
export const SF_CREATE_REFERRAL = 'Create Co-sell Referral - Salesforce to Partner Center';

export function sfCreateReferral(ctx: SfSyncContext): FlowSpec {
  const f = ctx.fields;
  const sf = ctx.connections.salesforce;
  const row = body('Get_opportunity');
  const account = fn('first', coalesce(body('Get_account').prop('value'), fn('createArray')));
  const contact = fn('first', coalesce(body('Get_contact').prop('value'), fn('createArray')));
  const fields = sfMappedOn(ctx, 'Opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const keyOf = (field: string): string => {
    const x = fields.find((y) => y.field === field);
    if (!x) throw new Error(`The field mapping has no entry for ${field}.`);
    return x.m.key;
  };
  const dealValueKey = fields.find((x) => x.m.transform.kind === 'money')?.m.key ?? 'dealValue';
  const dealValue = row.prop(fields.find((x) => x.m.key === dealValueKey)?.field ?? 'Amount');
  const trig = (name: string) => triggerBody().prop(name);
  return createReferralFlow({
    name: SF_CREATE_REFERRAL,
    crm: sf,
    referrals: ctx.connections.referrals,
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
    getOpportunity: connectorAction('Get_opportunity', sf, 'GetItem_V2', { table: 'Opportunity', id: trig('Id') }),
    readRelated: [
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
        table: f.solutionObject,
        $filter: interp`${f.solutionOpportunity} eq '${odataString(row.prop('Id'))}'`,
        $select: `Id,${f.solutionId}`,
      }),
    ],
    fields: fields.map((x) => ({ m: x.m, crmValue: sfValue(row, x.m, x.field) })),
    keys: { shared: keyOf(f.shared), help: keyOf(f.help) },
    columns: f,
    syncStatus: ctx.syncStatus,
    opportunityId: row.prop('Id'),
    linkedReferralId: row.prop(f.referralId),
    account: {
      name: account.prop('Name'),
      street: account.prop('BillingStreet'),
      city: account.prop('BillingCity'),
      state: account.prop('BillingState'),
      postalCode: account.prop('BillingPostalCode'),
      country: account.prop('BillingCountry'),
    },
    contact: {
      record: contact,
      firstName: contact.prop('FirstName'),
      lastName: contact.prop('LastName'),
      email: contact.prop('Email'),
      phone: contact.prop('Phone'),
    },
    solutions: coalesce(body('Get_solutions').prop('value'), fn('createArray')),
    solutionIdProperty: f.solutionId,
    defaultCountry: env(ctx.env.defaultCountry),
    defaultCurrency: env(ctx.env.defaultCurrency),
    countryLabel: "customer's billing country",
    checks: ({ help }) => [
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
    ],
    record: (name, values, entry) => recordOnOpportunity(ctx, name, row.prop('Id'), row.prop(f.audit), values, entry),
  });
}
