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
  not,
  or,
  triggerOutputs,
} from '../builder';
import { createReferralFlow } from '../sync/create-referral';
import { type D365SyncContext, env, mappedOn } from './context';
import { recordOnOpportunity } from './expressions';
import { crmCanonical, currencyExpand } from './values';

/**
 * "Create Co-sell Referral – Dynamics 365 to Partner Center" (flows/sync/create-referral.ts): when Sync with
 * Partner Center becomes yes on an opportunity without a referral. Dataverse gives the account, contact and
 * solutions in one read ($expand); the country column is an environment variable.
 */
export const CREATE_REFERRAL = 'Create Co-sell Referral - Dynamics 365 to Partner Center';

export function createReferral(ctx: D365SyncContext): FlowSpec {
  const c = ctx.columns;
  const dv = ctx.connections.dataverse;
  const row = body('Get_opportunity');
  const account = row.prop('customerid_account');
  const contact = row.prop('parentcontactid');
  const fields = mappedOn(ctx, 'opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const keyOf = (column: string): string => {
    const f = fields.find((x) => x.column === column);
    if (!f) throw new Error(`The field mapping has no entry for ${column}.`);
    return f.m.key;
  };
  return createReferralFlow({
    name: CREATE_REFERRAL,
    crm: dv,
    referrals: ctx.connections.referrals,
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
    getOpportunity: connectorAction('Get_opportunity', dv, 'GetItem', {
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
    readRelated: [],
    fields: fields.map((f) => ({ m: f.m, crmValue: crmCanonical(ctx, row, f.m, f.column) })),
    keys: { shared: keyOf(c.shared), help: keyOf(c.help) },
    columns: c,
    syncStatus: ctx.syncStatus,
    opportunityId: row.prop('opportunityid'),
    linkedReferralId: row.prop(c.referralId),
    account: {
      name: account.prop('name'),
      street: account.prop('address1_line1'),
      city: account.prop('address1_city'),
      state: account.prop('address1_stateorprovince'),
      postalCode: account.prop('address1_postalcode'),
      country: account.key(env(ctx.env.customerCountryColumn)),
    },
    contact: {
      record: contact,
      firstName: contact.prop('firstname'),
      lastName: contact.prop('lastname'),
      email: contact.prop('emailaddress1'),
      phone: contact.prop('telephone1'),
    },
    solutions: coalesce(row.prop(ctx.solutionRelationship), fn('createArray')),
    solutionIdProperty: ctx.solutionTable.solutionId,
    defaultCountry: env(ctx.env.defaultCountry),
    defaultCurrency: env(ctx.env.defaultCurrency),
    countryLabel: "customer's country",
    checks: ({ help }) => [
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
    ],
    record: (name, values, entry) =>
      recordOnOpportunity(ctx, name, row.prop('opportunityid'), row.prop(c.audit), values, entry),
  });
}
