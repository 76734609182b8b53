import {
  after,
  and,
  body,
  coalesce,
  compose,
  connectorAction,
  empty,
  equals,
  type Expr,
  fn,
  type ActionSpec,
  type FlowSpec,
  iff,
  ifThen,
  initializeVariable,
  item,
  not,
  or,
  outputs,
  query,
  scope,
  select,
  setVariable,
  terminate,
  triggerOutputs,
  variables,
} from '../builder';
import type { Json } from '../builder/types';
import { toPartnerCenter } from '../sync/values';
import { readSnapshot, snapshotExpr } from '../sync/snapshot';
import { type D365SyncContext, mappedOn } from './context';
import { crmState, firstError, recordOnOpportunity, targetStatus } from './expressions';
import { crmCanonical, currencyExpand, pcCanonical } from './values';

/**
 * "Dynamics 365 Opportunity to Partner Center": when a mapped column, Sync with Partner Center or
 * Sync status changes on a synced opportunity, send what changed as JSON Patch with If-Match
 * (docs/SYNC-DESIGN.md). An echo of our own write stops before any Partner Center call.
 */
export const OPPORTUNITY_TO_PC = 'Dynamics 365 Opportunity to Partner Center';

/** Records an error on the opportunity (status Error, audit entry) and ends the run as failed. */
function recordErrorAndStop(ctx: D365SyncContext, name: string, message: Expr): ActionSpec[] {
  const c = ctx.columns;
  const row = body('Get_opportunity');
  return [
    ...recordOnOpportunity(
      ctx,
      `Record_${name.toLowerCase()}`,
      row.prop('opportunityid'),
      row.prop(c.audit),
      { [c.syncStatus]: ctx.syncStatus.error },
      {
        direction: 'CrmToPartnerCenter',
        operation: 'Update',
        result: 'Failed',
        message,
        referralId: row.prop(c.referralId),
      },
    ),
    terminate(`Stop_${name.toLowerCase()}`, 'Failed', { code: 'SyncFailed', message }),
  ];
}

export function opportunityToPartnerCenter(ctx: D365SyncContext): FlowSpec {
  const c = ctx.columns;
  const fields = mappedOn(ctx, 'opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const keys = fields.map(({ m }) => m.key);
  const row = body('Get_opportunity');
  const referral = body('Get_referral');
  const after412 = variables('Referral_after');
  const snapshot = outputs('Snapshot');
  const crm = (k: Expr) => outputs('CRM_values').key(k);
  const pc = (k: Expr) => outputs('PC_values').key(k);
  // A key missing from the snapshot means no history: it counts as agreeing with the CRM.
  const snap = (k: Expr) => coalesce(snapshot.prop('fields').key(k), crm(k));
  const crmWins = fields.filter(({ m }) => m.winner === 'crm').map(({ m }) => m.key);
  const onceTrue = fields.filter(({ m }) => m.onceTrue).map(({ m }) => m.key);
  const keyList = fn('createArray', ...keys);
  // A yes/no that can't be undone is never sent back to no.
  const onceTrueOk = (k: Expr) =>
    onceTrue.length === 0
      ? fn('bool', true)
      : not(and(fn('contains', fn('createArray', ...onceTrue), k), equals(crm(k), false)));

  const objectOf = (make: (f: (typeof fields)[number]) => Expr): Json =>
    Object.fromEntries(fields.map((f) => [f.m.key, `@${make(f).text}`]));

  const triggerColumns = [
    ...new Set([...fields.map((f) => f.column), c.sync, c.syncStatus, 'statecode', 'statuscode']),
  ];

  const state = crmState(row.prop('statecode'), row.prop('statuscode'));

  return {
    name: OPPORTUNITY_TO_PC,
    description: 'Sends changes of synced opportunities to their Partner Center referrals.',
    connections: [ctx.connections.dataverse, ctx.connections.referrals],
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
    actions: [
      connectorAction('Get_opportunity', ctx.connections.dataverse, 'GetItem', {
        entityName: 'opportunities',
        recordId: triggerOutputs().prop('body', 'opportunityid'),
        $expand: currencyExpand(ctx),
      }),
      compose('Snapshot', readSnapshot(row.prop(c.syncState))),
      compose(
        'CRM_values',
        objectOf(({ m, column }) => crmCanonical(ctx, row, m, column)),
      ),
      query('Changed', keyList, and(not(equals(crm(item()), snap(item()))), onceTrueOk(item()))),
      compose('Retry_requested', equals(row.prop(c.syncStatus), ctx.syncStatus.pending)),
      compose('Status_wanted', targetStatus(state, coalesce(snapshot.prop('status'), 'Active'))),
      ifThen(
        'Nothing_to_send',
        and(empty(body('Changed')), equals(outputs('Status_wanted'), ''), not(outputs('Retry_requested'))),
        [terminate('Echo_or_no_change', 'Succeeded')],
      ),
      initializeVariable('Init_referral_after', 'Referral_after', 'Object', fn('json', '{}')),
      scope('Try', [
        connectorAction('Get_referral', ctx.connections.referrals, 'GetReferral', { id: row.prop(c.referralId) }),
        compose(
          'PC_values',
          objectOf(({ m }) => pcCanonical(referral, m)),
        ),
        query(
          'To_send',
          keyList,
          and(
            not(equals(crm(item()), pc(item()))),
            or(
              outputs('Retry_requested'),
              and(
                not(equals(crm(item()), snap(item()))),
                or(equals(pc(item()), snap(item())), fn('contains', fn('createArray', ...crmWins, ''), item())),
              ),
            ),
            onceTrueOk(item()),
          ),
        ),
        compose('Status_target', targetStatus(state, coalesce(referral.prop('status'), 'Active'))),
        compose(
          'Patch_candidates',
          Object.fromEntries(
            fields.map(({ m }) => [
              m.key,
              {
                op: 'replace',
                path: `/${m.partnerCenter}`,
                value: `@${toPartnerCenter(m.transform, outputs('CRM_values').prop(m.key)).text}`,
              },
            ]),
          ),
        ),
        select('Patch_ops', body('To_send'), outputs('Patch_candidates').key(item())),
        compose('Status_ops', [
          { op: 'replace', path: '/status', value: `@${fn('first', fn('split', outputs('Status_target'), '/')).text}` },
          {
            op: 'replace',
            path: '/substatus',
            value: `@${fn('last', fn('split', outputs('Status_target'), '/')).text}`,
          },
        ]),
        compose(
          'All_ops',
          iff(
            empty(outputs('Status_target')),
            body('Patch_ops'),
            fn('union', body('Patch_ops'), outputs('Status_ops')),
          ),
        ),
        setVariable('Keep_referral', 'Referral_after', referral),
        ifThen('Anything_to_patch', not(empty(outputs('All_ops'))), [
          connectorAction('Update_referral', ctx.connections.referrals, 'UpdateReferral', {
            id: row.prop(c.referralId),
            'If-Match': referral.prop('eTag'),
            Prefer: 'return=representation',
            body: outputs('All_ops'),
          }),
          after(setVariable('Keep_patched', 'Referral_after', body('Update_referral')), {
            Update_referral: ['Succeeded'],
          }),
          // 412: someone changed the referral since we read it. Re-read once and send again; any other
          // refusal (a validation error, a closed referral) is recorded with Partner Center's message.
          after(
            ifThen(
              'Conflict',
              equals(outputs('Update_referral').prop('statusCode'), 412),
              [
                connectorAction('Get_referral_again', ctx.connections.referrals, 'GetReferral', {
                  id: row.prop(c.referralId),
                }),
                connectorAction('Update_referral_again', ctx.connections.referrals, 'UpdateReferral', {
                  id: row.prop(c.referralId),
                  'If-Match': body('Get_referral_again').prop('eTag'),
                  Prefer: 'return=representation',
                  body: outputs('All_ops'),
                }),
                setVariable('Keep_repatched', 'Referral_after', body('Update_referral_again')),
                // A second refusal is recorded with Partner Center's own words (result() would only see the container).
                after(
                  scope(
                    'Refused_again',
                    recordErrorAndStop(
                      ctx,
                      'Refused_again',
                      coalesce(
                        body('Update_referral_again').prop('error', 'message'),
                        'Partner Center refused the update twice.',
                      ),
                    ),
                  ),
                  { Update_referral_again: ['Failed', 'TimedOut'] },
                ),
              ],
              recordErrorAndStop(
                ctx,
                'Refused',
                coalesce(body('Update_referral').prop('error', 'message'), 'Partner Center refused the update.'),
              ),
            ),
            { Update_referral: ['Failed'] },
          ),
          // One join, so a handled 412 leaves this branch Succeeded.
          after(compose('Patched', true), {
            Keep_patched: ['Succeeded', 'Skipped'],
            Conflict: ['Succeeded', 'Skipped'],
          }),
        ]),
        compose(
          'Agreed_fields',
          objectOf(({ m, column }) =>
            iff(
              equals(crmCanonical(ctx, row, m, column), pcCanonical(after412, m)),
              crmCanonical(ctx, row, m, column),
              coalesce(snapshot.prop('fields', m.key), crmCanonical(ctx, row, m, column)),
            ),
          ),
        ),
        compose(
          'New_snapshot',
          snapshotExpr({
            referralId: row.prop(c.referralId),
            eTag: after412.prop('eTag'),
            status: after412.prop('status'),
            substatus: after412.prop('substatus'),
            fields: outputs('Agreed_fields'),
            solutions: snapshot.prop('solutions'),
          }),
        ),
        ...recordOnOpportunity(
          ctx,
          'Update_opportunity',
          row.prop('opportunityid'),
          row.prop(c.audit),
          {
            [c.syncState]: fn('string', outputs('New_snapshot')),
            [c.syncStatus]: ctx.syncStatus.synced,
            [c.lastSynced]: fn('utcNow'),
          },
          {
            direction: 'CrmToPartnerCenter',
            operation: 'Update',
            result: 'Succeeded',
            changedFields: fn(
              'union',
              body('To_send'),
              iff(empty(outputs('Status_target')), fn('createArray'), fn('createArray', 'status')),
            ),
            message: iff(
              empty(outputs('All_ops')),
              'Partner Center already had these values.',
              'Sent to Partner Center.',
            ),
            referralId: row.prop(c.referralId),
          },
        ),
      ]),
      after(
        scope('Catch', [
          query('Failed_in_Try', fn('result', 'Try'), equals(item().prop('status'), 'Failed')),
          ...recordErrorAndStop(ctx, 'Error', firstError('Try')),
        ]),
        { Try: ['Failed', 'TimedOut'] },
      ),
    ],
  };
}
