import {
  after,
  appendToArrayVariable,
  body,
  coalesce,
  compose,
  connectorAction,
  empty,
  equals,
  type ActionSpec,
  type ConnectionSpec,
  type Expr,
  fn,
  foreach,
  type FlowSpec,
  ifThen,
  initializeVariable,
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
import type { AuditFields } from './audit';
import { readSnapshot } from './snapshot';

/**
 * The Microsoft Solutions flow, the same for every CRM: a CRM fires no trigger when solutions are added to or
 * removed from an opportunity, so on the reconciliation schedule it compares each synced opportunity's
 * solutions with the snapshot and replaces the referral's solutions where they differ. The CRM supplies the
 * reads and the write; everything else is shared.
 */
export interface SolutionsSpec {
  name: string;
  description: string;
  minutes: number;
  crm: ConnectionSpec;
  referrals: ConnectionSpec;
  /** Column names on the opportunity. */
  fields: { referralId: string; syncState: string; audit: string; syncStatus: string };
  /** The Sync status value meaning Error: an option value (Dataverse) or picklist text (Salesforce). */
  errorStatus: number | string;
  /** The action listing synced opportunities; it must be named `List_synced` and answer `{ value: [...] }`. */
  listSynced: ActionSpec;
  opportunityId: (opp: Expr) => Expr;
  /** Reads the current opportunity's solutions: actions to run first (may be none), the list, the id column. */
  solutionsOf: (opp: Expr) => { actions: ActionSpec[]; list: Expr; solutionId: string };
  /** Re-reads the opportunity's sync state and audit just before writing; must be named `Get_fresh`. */
  getFresh: (opp: Expr) => ActionSpec;
  /** Writes columns plus one audit entry to an opportunity. */
  record: (
    name: string,
    opportunityId: Expr,
    existingAudit: Expr,
    columns: Record<string, Expr | string | number | boolean | null>,
    entry: AuditFields,
  ) => ActionSpec[];
}

export function solutionsFlow(spec: SolutionsSpec): FlowSpec {
  const f = spec.fields;
  const opp = items('For_each_opportunity');
  const ids = body('Solution_ids');
  const solutions = spec.solutionsOf(opp);
  return {
    name: spec.name,
    description: spec.description,
    connections: [spec.crm, spec.referrals],
    trigger: {
      name: 'Recurrence',
      type: 'Recurrence',
      recurrence: { frequency: 'Minute', interval: spec.minutes },
      runtimeConfiguration: { concurrency: { runs: 1 } },
    },
    actions: [
      initializeVariable('Init_failures', 'Failures', 'Array', fn('createArray')),
      spec.listSynced,
      foreach('For_each_opportunity', coalesce(body('List_synced').prop('value'), fn('createArray')), [
        ...solutions.actions,
        select('Solution_ids', coalesce(solutions.list, fn('createArray')), item().prop(solutions.solutionId)),
        compose('Solutions_now', fn('join', fn('sort', ids), ',')),
        compose('Snapshot', readSnapshot(opp.prop(f.syncState))),
        ifThen(
          'Solutions_changed',
          not(equals(outputs('Solutions_now'), coalesce(outputs('Snapshot').prop('solutions'), ''))),
          [
            scope('Send_solutions', [
              select('Solution_tags', fn('sort', ids), { id: `@${item().text}`, type: 'Name' }),
              connectorAction('Replace_solutions', spec.referrals, 'UpdateReferral', {
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
              spec.getFresh(opp),
              ...spec.record(
                'Record_solutions',
                spec.opportunityId(opp),
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
                ...spec.record(
                  'Record_error',
                  spec.opportunityId(opp),
                  opp.prop(f.audit),
                  { [f.syncStatus]: spec.errorStatus },
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
