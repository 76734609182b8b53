import { and, body, connectorAction, empty, equals, type FlowSpec, not, or, triggerBody } from '../builder';
import { crmToPartnerCenterFlow } from '../sync/crm-to-partner-center';
import { env, sfMappedOn, type SfSyncContext } from './context';
import { opportunityPollingTrigger, recordOnOpportunity, sfState } from './expressions';
import { sfValue } from './values';

/**
 * "Salesforce Opportunity to Partner Center": when a synced opportunity changes (polling trigger, one run
 * per record), send what changed as JSON Patch with If-Match (docs/SYNC-DESIGN.md). Changes made by the
 * integration user never start it, except a Sync status of Pending, which the receiver sets when it found
 * seller changes not yet sent; an echo that gets through stops at the snapshot compare.
 */
export const SF_OPPORTUNITY_TO_PC = 'Salesforce Opportunity to Partner Center';

export function sfOpportunityToPartnerCenter(ctx: SfSyncContext): FlowSpec {
  const f = ctx.fields;
  const sf = ctx.connections.salesforce;
  const fields = sfMappedOn(ctx, 'Opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const row = body('Get_opportunity');
  const trig = (name: string) => triggerBody().prop(name);
  return crmToPartnerCenterFlow({
    name: SF_OPPORTUNITY_TO_PC,
    description: 'Sends changes of synced Salesforce opportunities to their Partner Center referrals.',
    crm: sf,
    referrals: ctx.connections.referrals,
    parameters: [ctx.env.integrationUserId, ctx.env.onHoldStage],
    trigger: opportunityPollingTrigger(ctx, 'When_an_opportunity_is_modified', [
      and(
        equals(trig(f.sync), true),
        not(empty(trig(f.referralId))),
        // Never on Error: a failure is written once and waits for the seller's Retry (Pending).
        not(equals(trig(f.syncStatus), ctx.syncStatus.error)),
        or(
          not(equals(trig('LastModifiedById'), env(ctx.env.integrationUserId))),
          equals(trig(f.syncStatus), ctx.syncStatus.pending),
        ),
      ),
    ]),
    getOpportunity: connectorAction('Get_opportunity', sf, 'GetItem_V2', { table: 'Opportunity', id: trig('Id') }),
    fields: fields.map(({ m, field }) => ({ m, crmValue: sfValue(row, m, field) })),
    columns: {
      referralId: f.referralId,
      syncState: f.syncState,
      syncStatus: f.syncStatus,
      lastSynced: f.lastSynced,
      audit: f.audit,
    },
    syncStatus: ctx.syncStatus,
    opportunityId: row.prop('Id'),
    state: sfState(ctx, row),
    record: (name, id, audit, columns, entry) => recordOnOpportunity(ctx, name, id, audit, columns, entry),
  });
}
