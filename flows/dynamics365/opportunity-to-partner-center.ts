import { and, body, connectorAction, empty, equals, type FlowSpec, not, triggerOutputs } from '../builder';
import { crmToPartnerCenterFlow } from '../sync/crm-to-partner-center';
import { type D365SyncContext, mappedOn } from './context';
import { crmState, recordOnOpportunity } from './expressions';
import { crmCanonical, currencyExpand } from './values';

/**
 * "Dynamics 365 Opportunity to Partner Center": when a mapped column, Sync with Partner Center or
 * Sync status changes on a synced opportunity, send what changed as JSON Patch with If-Match
 * (docs/SYNC-DESIGN.md). An echo of our own write stops before any Partner Center call.
 */
export const OPPORTUNITY_TO_PC = 'Dynamics 365 Opportunity to Partner Center';

export function opportunityToPartnerCenter(ctx: D365SyncContext): FlowSpec {
  const c = ctx.columns;
  const fields = mappedOn(ctx, 'opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const row = body('Get_opportunity');
  const triggerColumns = [
    ...new Set([...fields.map((f) => f.column), c.sync, c.syncStatus, 'statecode', 'statuscode']),
  ];
  return crmToPartnerCenterFlow({
    name: OPPORTUNITY_TO_PC,
    description: 'Sends changes of synced opportunities to their Partner Center referrals.',
    crm: ctx.connections.dataverse,
    referrals: ctx.connections.referrals,
    parameters: [ctx.env.dealValueColumn, ctx.env.dealCurrencyColumn],
    trigger: {
      name: 'When_an_opportunity_is_modified',
      type: 'OpenApiConnectionWebhook',
      inputs: {
        host: {
          apiId: `/providers/Microsoft.PowerApps/apis/${ctx.connections.dataverse.apiName}`,
          connectionName: ctx.connections.dataverse.key,
          operationId: 'SubscribeWebhookTrigger',
        },
        parameters: {
          'subscriptionRequest/message': 3,
          'subscriptionRequest/entityname': 'opportunity',
          'subscriptionRequest/scope': 4,
          'subscriptionRequest/filteringattributes': triggerColumns.join(','),
        },
        authentication: "@parameters('$authentication')",
      },
      // Never on status Error: recording an error writes that column, which would start the flow again.
      // Changes wait for the seller's Retry (status Pending) once an error is shown.
      conditions: [
        `@${
          and(
            equals(triggerOutputs().prop('body', c.sync), true),
            not(empty(triggerOutputs().prop('body', c.referralId))),
            not(equals(triggerOutputs().prop('body', c.syncStatus), ctx.syncStatus.error)),
          ).text
        }`,
      ],
    },
    getOpportunity: connectorAction('Get_opportunity', ctx.connections.dataverse, 'GetItem', {
      entityName: 'opportunities',
      recordId: triggerOutputs().prop('body', 'opportunityid'),
      $expand: currencyExpand(ctx),
    }),
    fields: fields.map(({ m, column }) => ({ m, crmValue: crmCanonical(ctx, row, m, column) })),
    columns: {
      referralId: c.referralId,
      syncState: c.syncState,
      syncStatus: c.syncStatus,
      lastSynced: c.lastSynced,
      audit: c.audit,
    },
    syncStatus: ctx.syncStatus,
    opportunityId: row.prop('opportunityid'),
    state: crmState(row.prop('statecode'), row.prop('statuscode')),
    record: (name, id, audit, columns, entry) => recordOnOpportunity(ctx, name, id, audit, columns, entry),
  });
}
