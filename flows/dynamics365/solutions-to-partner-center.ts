import { connectorAction, type FlowSpec, interp } from '../builder';
import { solutionsFlow } from '../sync/solutions';
import type { D365SyncContext } from './context';
import { recordOnOpportunity } from './expressions';

/**
 * "Dynamics 365 Microsoft Solutions to Partner Center": associating or removing a Microsoft Solution on an
 * opportunity fires no Dataverse trigger (N:N relationships have none), so it runs on the reconciliation
 * schedule (flows/sync/solutions.ts); the solutions come with the listed rows through the N:N `$expand`.
 */
export const SOLUTIONS_TO_PC = 'Dynamics 365 Microsoft Solutions to Partner Center';

export function solutionsToPartnerCenter(ctx: D365SyncContext): FlowSpec {
  const c = ctx.columns;
  const dv = ctx.connections.dataverse;
  return solutionsFlow({
    name: SOLUTIONS_TO_PC,
    description: 'Sends the Microsoft Solutions of synced opportunities to their Partner Center referrals.',
    minutes: ctx.reconciliationMinutes,
    crm: dv,
    referrals: ctx.connections.referrals,
    fields: { referralId: c.referralId, syncState: c.syncState, audit: c.audit, syncStatus: c.syncStatus },
    errorStatus: ctx.syncStatus.error,
    listSynced: connectorAction('List_synced', dv, 'ListRecords', {
      entityName: 'opportunities',
      $select: ['opportunityid', c.referralId, c.syncState, c.audit].join(','),
      $filter: interp`${c.sync} eq true and ${c.referralId} ne null`,
      $expand: `${ctx.solutionRelationship}($select=${ctx.solutionTable.solutionId})`,
    }),
    opportunityId: (opp) => opp.prop('opportunityid'),
    solutionsOf: (opp) => ({
      actions: [],
      list: opp.prop(ctx.solutionRelationship),
      solutionId: ctx.solutionTable.solutionId,
    }),
    getFresh: (opp) =>
      connectorAction('Get_fresh', dv, 'GetItem', {
        entityName: 'opportunities',
        recordId: opp.prop('opportunityid'),
        $select: [c.syncState, c.audit].join(','),
      }),
    record: (name, id, audit, columns, entry) => recordOnOpportunity(ctx, name, id, audit, columns, entry),
  });
}
