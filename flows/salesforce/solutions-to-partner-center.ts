import { body, connectorAction, type FlowSpec, interp } from '../builder';
import { solutionsFlow } from '../sync/solutions';
import type { SfSyncContext } from './context';
import { odataString, recordOnOpportunity } from './expressions';

/**
 * "Salesforce Microsoft Solutions to Partner Center": adding or removing a Microsoft Solution record
 * doesn't modify the opportunity (and deletions fire no trigger), so it runs on the reconciliation schedule
 * (flows/sync/solutions.ts); each opportunity's solutions are read from the Microsoft Solution object.
 */
export const SF_SOLUTIONS_TO_PC = 'Salesforce Microsoft Solutions to Partner Center';

export function sfSolutionsToPartnerCenter(ctx: SfSyncContext): FlowSpec {
  const f = ctx.fields;
  const sf = ctx.connections.salesforce;
  return solutionsFlow({
    name: SF_SOLUTIONS_TO_PC,
    description: 'Sends the Microsoft Solutions of synced Salesforce opportunities to their Partner Center referrals.',
    minutes: ctx.reconciliationMinutes,
    crm: sf,
    referrals: ctx.connections.referrals,
    fields: { referralId: f.referralId, syncState: f.syncState, audit: f.audit, syncStatus: f.syncStatus },
    errorStatus: ctx.syncStatus.error,
    listSynced: connectorAction('List_synced', sf, 'GetItems', {
      table: 'Opportunity',
      $select: ['Id', f.referralId, f.syncState, f.audit].join(','),
      $filter: `${f.sync} eq true and ${f.referralId} ne null`,
    }),
    opportunityId: (opp) => opp.prop('Id'),
    solutionsOf: (opp) => ({
      actions: [
        connectorAction('List_solutions', sf, 'GetItems', {
          table: f.solutionObject,
          $select: `Id,${f.solutionId}`,
          $filter: interp`${f.solutionOpportunity} eq '${odataString(opp.prop('Id'))}'`,
        }),
      ],
      list: body('List_solutions').prop('value'),
      solutionId: f.solutionId,
    }),
    getFresh: (opp) =>
      connectorAction('Get_fresh', sf, 'GetItem_V2', {
        table: 'Opportunity',
        id: opp.prop('Id'),
        $select: ['Id', f.syncState, f.audit].join(','),
      }),
    record: (name, id, audit, columns, entry) => recordOnOpportunity(ctx, name, id, audit, columns, entry),
  });
}
