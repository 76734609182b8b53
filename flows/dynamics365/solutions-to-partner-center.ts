import {
  after,
  body,
  coalesce,
  compose,
  connectorAction,
  equals,
  fn,
  foreach,
  type FlowSpec,
  ifThen,
  initializeVariable,
  interp,
  item,
  items,
  not,
  outputs,
  query,
  scope,
  select,
  appendToArrayVariable,
  empty,
  terminate,
  variables,
} from '../builder';
import { readSnapshot } from '../sync/snapshot';
import type { D365SyncContext } from './context';
import { recordOnOpportunity } from './expressions';

/**
 * "Dynamics 365 Microsoft Solutions to Partner Center": associating or removing a Microsoft Solution on an
 * opportunity fires no Dataverse trigger (N:N relationships have none), so this flow runs on the
 * reconciliation schedule: it compares each synced opportunity's solutions with the snapshot and replaces the
 * referral's solutions where they differ.
 */
export const SOLUTIONS_TO_PC = 'Dynamics 365 Microsoft Solutions to Partner Center';

export function solutionsToPartnerCenter(ctx: D365SyncContext): FlowSpec {
  const c = ctx.columns;
  const dv = ctx.connections.dataverse;
  const opp = items('For_each_opportunity');
  const ids = body('Solution_ids');
  return {
    name: SOLUTIONS_TO_PC,
    description: 'Sends the Microsoft Solutions of synced opportunities to their Partner Center referrals.',
    connections: [dv, ctx.connections.referrals],
    trigger: {
      name: 'Recurrence',
      type: 'Recurrence',
      recurrence: { frequency: 'Minute', interval: ctx.reconciliationMinutes },
      runtimeConfiguration: { concurrency: { runs: 1 } },
    },
    actions: [
      initializeVariable('Init_failures', 'Failures', 'Array', fn('createArray')),
      connectorAction('List_synced', dv, 'ListRecords', {
        entityName: 'opportunities',
        $select: ['opportunityid', c.referralId, c.syncState, c.audit].join(','),
        $filter: interp`${c.sync} eq true and ${c.referralId} ne null`,
        $expand: `${ctx.solutionRelationship}($select=${ctx.solutionTable.solutionId})`,
      }),
      foreach('For_each_opportunity', coalesce(body('List_synced').prop('value'), fn('createArray')), [
        select(
          'Solution_ids',
          coalesce(opp.prop(ctx.solutionRelationship), fn('createArray')),
          item().prop(ctx.solutionTable.solutionId),
        ),
        compose('Solutions_now', fn('join', fn('sort', ids), ',')),
        compose('Snapshot', readSnapshot(opp.prop(c.syncState))),
        ifThen(
          'Solutions_changed',
          not(equals(outputs('Solutions_now'), coalesce(outputs('Snapshot').prop('solutions'), ''))),
          [
            scope('Send_solutions', [
              select('Solution_tags', fn('sort', ids), { id: `@${item().text}`, type: 'Name' }),
              connectorAction('Replace_solutions', ctx.connections.referrals, 'UpdateReferral', {
                id: opp.prop(c.referralId),
                Prefer: 'return=minimal',
                body: fn(
                  'createArray',
                  fn(
                    'setProperty',
                    fn('setProperty', fn('json', '{"op":"replace"}'), 'path', '/details/requirements/solutions'),
                    'value',
                    body('Solution_tags'),
                  ),
                ),
              }),
              // Re-read just before writing: another flow may have written the snapshot and audit since the list.
              connectorAction('Get_fresh', dv, 'GetItem', {
                entityName: 'opportunities',
                recordId: opp.prop('opportunityid'),
                $select: [c.syncState, c.audit].join(','),
              }),
              ...recordOnOpportunity(
                ctx,
                'Record_solutions',
                opp.prop('opportunityid'),
                body('Get_fresh').prop(c.audit),
                {
                  [c.syncState]: fn(
                    'string',
                    fn(
                      'setProperty',
                      readSnapshot(body('Get_fresh').prop(c.syncState)),
                      'solutions',
                      outputs('Solutions_now'),
                    ),
                  ),
                },
                {
                  direction: 'CrmToPartnerCenter',
                  operation: 'Solutions',
                  result: 'Succeeded',
                  changedFields: fn('createArray', 'solutions'),
                  message: fn(
                    'concat',
                    'Microsoft solutions sent: ',
                    fn('if', fn('empty', outputs('Solutions_now')), 'none', outputs('Solutions_now')),
                    '.',
                  ),
                  referralId: opp.prop(c.referralId),
                },
              ),
            ]),
            after(
              scope('Record_failure', [
                appendToArrayVariable('Remember_failure', 'Failures', opp.prop(c.referralId)),
                query(
                  'Failed_in_Send_solutions',
                  fn('result', 'Send_solutions'),
                  equals(item().prop('status'), 'Failed'),
                ),
                ...recordOnOpportunity(
                  ctx,
                  'Record_error',
                  opp.prop('opportunityid'),
                  opp.prop(c.audit),
                  { [c.syncStatus]: ctx.syncStatus.error },
                  {
                    direction: 'CrmToPartnerCenter',
                    operation: 'Solutions',
                    result: 'Failed',
                    message: coalesce(
                      fn('first', body('Failed_in_Send_solutions')).prop('outputs', 'body', 'error', 'message'),
                      'Partner Center refused the solutions.',
                    ),
                    referralId: opp.prop(c.referralId),
                  },
                ),
              ]),
              { Send_solutions: ['Failed', 'TimedOut'] },
            ),
          ],
        ),
      ]),
      ifThen('Some_failed', not(empty(variables('Failures'))), [
        terminate('Stop_failed', 'Failed', {
          code: 'SolutionsNotSent',
          message: fn('concat', 'Not sent: ', fn('join', variables('Failures'), ', ')),
        }),
      ]),
    ],
  };
}
