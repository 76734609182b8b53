import {
  after,
  appendToArrayVariable,
  body,
  coalesce,
  compose,
  connectorAction,
  empty,
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
  terminate,
  variables,
} from '../builder';
import { readSnapshot } from '../sync/snapshot';
import type { SfSyncContext } from './context';
import { odataString, recordOnOpportunity } from './expressions';

/**
 * "Salesforce Microsoft Solutions to Partner Center": adding or removing a Microsoft Solution record
 * doesn't modify the opportunity (and deletions fire no trigger), so this flow runs on the reconciliation
 * schedule: it compares each synced opportunity's solutions with the snapshot and replaces the referral's
 * solutions where they differ.
 */
export const SF_SOLUTIONS_TO_PC = 'Salesforce Microsoft Solutions to Partner Center';

export function sfSolutionsToPartnerCenter(ctx: SfSyncContext): FlowSpec {
  const f = ctx.fields;
  const sf = ctx.connections.salesforce;
  const opp = items('For_each_opportunity');
  const ids = body('Solution_ids');
  return {
    name: SF_SOLUTIONS_TO_PC,
    description: 'Sends the Microsoft Solutions of synced Salesforce opportunities to their Partner Center referrals.',
    connections: [sf, ctx.connections.referrals],
    trigger: {
      name: 'Recurrence',
      type: 'Recurrence',
      recurrence: { frequency: 'Minute', interval: ctx.reconciliationMinutes },
      runtimeConfiguration: { concurrency: { runs: 1 } },
    },
    actions: [
      initializeVariable('Init_failures', 'Failures', 'Array', fn('createArray')),
      connectorAction('List_synced', sf, 'GetItems', {
        table: 'Opportunity',
        $select: ['Id', f.referralId, f.syncState, f.audit].join(','),
        $filter: `${f.sync} eq true and ${f.referralId} ne null`,
      }),
      foreach('For_each_opportunity', coalesce(body('List_synced').prop('value'), fn('createArray')), [
        connectorAction('List_solutions', sf, 'GetItems', {
          table: f.solutionObject,
          $select: `Id,${f.solutionId}`,
          $filter: interp`${f.solutionOpportunity} eq '${odataString(opp.prop('Id'))}'`,
        }),
        select(
          'Solution_ids',
          coalesce(body('List_solutions').prop('value'), fn('createArray')),
          item().prop(f.solutionId),
        ),
        compose('Solutions_now', fn('join', fn('sort', ids), ',')),
        compose('Snapshot', readSnapshot(opp.prop(f.syncState))),
        ifThen(
          'Solutions_changed',
          not(equals(outputs('Solutions_now'), coalesce(outputs('Snapshot').prop('solutions'), ''))),
          [
            scope('Send_solutions', [
              select('Solution_tags', fn('sort', ids), { id: `@${item().text}`, type: 'Name' }),
              connectorAction('Replace_solutions', ctx.connections.referrals, 'UpdateReferral', {
                id: opp.prop(f.referralId),
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
              connectorAction('Get_fresh', sf, 'GetItem_V2', {
                table: 'Opportunity',
                id: opp.prop('Id'),
                $select: ['Id', f.syncState, f.audit].join(','),
              }),
              ...recordOnOpportunity(
                ctx,
                'Record_solutions',
                opp.prop('Id'),
                body('Get_fresh').prop(f.audit),
                {
                  [f.syncState]: fn(
                    'string',
                    fn(
                      'setProperty',
                      readSnapshot(body('Get_fresh').prop(f.syncState)),
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
                  referralId: opp.prop(f.referralId),
                },
              ),
            ]),
            after(
              scope('Record_failure', [
                appendToArrayVariable('Remember_failure', 'Failures', opp.prop(f.referralId)),
                query(
                  'Failed_in_Send_solutions',
                  fn('result', 'Send_solutions'),
                  equals(item().prop('status'), 'Failed'),
                ),
                ...recordOnOpportunity(
                  ctx,
                  'Record_error',
                  opp.prop('Id'),
                  opp.prop(f.audit),
                  { [f.syncStatus]: ctx.syncStatus.error },
                  {
                    direction: 'CrmToPartnerCenter',
                    operation: 'Solutions',
                    result: 'Failed',
                    message: coalesce(
                      fn('first', body('Failed_in_Send_solutions')).prop('outputs', 'body', 'error', 'message'),
                      'Partner Center refused the solutions.',
                    ),
                    referralId: opp.prop(f.referralId),
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
