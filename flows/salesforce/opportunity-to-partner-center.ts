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
  triggerBody,
  variables,
} from '../builder';
import type { Json } from '../builder/types';
import { toPartnerCenter } from '../sync/values';
import { readSnapshot, snapshotExpr } from '../sync/snapshot';
import { firstError, targetStatus } from '../dynamics365/expressions';
import { env, sfMappedOn, type SfSyncContext } from './context';
import { opportunityPollingTrigger, recordOnOpportunity, sfState } from './expressions';
import { pcCanonical, sfValue } from './values';

/**
 * "Salesforce Opportunity to Partner Center": when a synced opportunity changes (polling trigger, one run
 * per record), send what changed as JSON Patch with If-Match (docs/SYNC-DESIGN.md). Changes made by the
 * integration user never start it, except a Sync status of Pending, which the receiver sets when it found
 * seller changes not yet sent; an echo that gets through stops at the snapshot compare.
 */
export const SF_OPPORTUNITY_TO_PC = 'Salesforce Opportunity to Partner Center';

function recordErrorAndStop(ctx: SfSyncContext, name: string, message: Expr): ActionSpec[] {
  const f = ctx.fields;
  const row = body('Get_opportunity');
  return [
    ...recordOnOpportunity(
      ctx,
      `Record_${name.toLowerCase()}`,
      row.prop('Id'),
      row.prop(f.audit),
      { [f.syncStatus]: ctx.syncStatus.error },
      {
        direction: 'CrmToPartnerCenter',
        operation: 'Update',
        result: 'Failed',
        message,
        referralId: row.prop(f.referralId),
      },
    ),
    terminate(`Stop_${name.toLowerCase()}`, 'Failed', { code: 'SyncFailed', message }),
  ];
}

export function sfOpportunityToPartnerCenter(ctx: SfSyncContext): FlowSpec {
  const f = ctx.fields;
  const sf = ctx.connections.salesforce;
  const fields = sfMappedOn(ctx, 'Opportunity').filter(({ m }) => m.direction !== 'toCrm' && !m.onCreateOnly);
  const keys = fields.map(({ m }) => m.key);
  const row = body('Get_opportunity');
  const referral = body('Get_referral');
  const after412 = variables('Referral_after');
  const snapshot = outputs('Snapshot');
  const crm = (k: Expr) => outputs('CRM_values').key(k);
  const pc = (k: Expr) => outputs('PC_values').key(k);
  const snap = (k: Expr) => coalesce(snapshot.prop('fields').key(k), crm(k));
  const crmWins = fields.filter(({ m }) => m.winner === 'crm').map(({ m }) => m.key);
  const onceTrue = fields.filter(({ m }) => m.onceTrue).map(({ m }) => m.key);
  const keyList = fn('createArray', ...keys);
  const onceTrueOk = (k: Expr) =>
    onceTrue.length === 0
      ? fn('bool', true)
      : not(and(fn('contains', fn('createArray', ...onceTrue), k), equals(crm(k), false)));
  const objectOf = (make: (x: (typeof fields)[number]) => Expr): Json =>
    Object.fromEntries(fields.map((x) => [x.m.key, `@${make(x).text}`]));
  const state = sfState(ctx, row);
  const trig = (name: string) => triggerBody().prop(name);

  return {
    name: SF_OPPORTUNITY_TO_PC,
    description: 'Sends changes of synced Salesforce opportunities to their Partner Center referrals.',
    connections: [sf, ctx.connections.referrals],
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
    actions: [
      connectorAction('Get_opportunity', sf, 'GetItem_V2', { table: 'Opportunity', id: trig('Id') }),
      compose('Snapshot', readSnapshot(row.prop(f.syncState))),
      compose(
        'CRM_values',
        objectOf(({ m, field }) => sfValue(row, m, field)),
      ),
      query('Changed', keyList, and(not(equals(crm(item()), snap(item()))), onceTrueOk(item()))),
      compose('Retry_requested', equals(row.prop(f.syncStatus), ctx.syncStatus.pending)),
      compose('Status_wanted', targetStatus(state, coalesce(snapshot.prop('status'), 'Active'))),
      ifThen(
        'Nothing_to_send',
        and(empty(body('Changed')), equals(outputs('Status_wanted'), ''), not(outputs('Retry_requested'))),
        [terminate('Echo_or_no_change', 'Succeeded')],
      ),
      initializeVariable('Init_referral_after', 'Referral_after', 'Object', fn('json', '{}')),
      scope('Try', [
        connectorAction('Get_referral', ctx.connections.referrals, 'GetReferral', { id: row.prop(f.referralId) }),
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
            id: row.prop(f.referralId),
            'If-Match': referral.prop('eTag'),
            Prefer: 'return=representation',
            body: outputs('All_ops'),
          }),
          after(setVariable('Keep_patched', 'Referral_after', body('Update_referral')), {
            Update_referral: ['Succeeded'],
          }),
          after(
            ifThen(
              'Conflict',
              equals(outputs('Update_referral').prop('statusCode'), 412),
              [
                connectorAction('Get_referral_again', ctx.connections.referrals, 'GetReferral', {
                  id: row.prop(f.referralId),
                }),
                connectorAction('Update_referral_again', ctx.connections.referrals, 'UpdateReferral', {
                  id: row.prop(f.referralId),
                  'If-Match': body('Get_referral_again').prop('eTag'),
                  Prefer: 'return=representation',
                  body: outputs('All_ops'),
                }),
                setVariable('Keep_repatched', 'Referral_after', body('Update_referral_again')),
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
          after(compose('Patched', true), {
            Keep_patched: ['Succeeded', 'Skipped'],
            Conflict: ['Succeeded', 'Skipped'],
          }),
        ]),
        compose(
          'Agreed_fields',
          objectOf(({ m, field }) =>
            iff(
              equals(sfValue(row, m, field), pcCanonical(after412, m)),
              sfValue(row, m, field),
              coalesce(snapshot.prop('fields', m.key), sfValue(row, m, field)),
            ),
          ),
        ),
        compose(
          'New_snapshot',
          snapshotExpr({
            referralId: row.prop(f.referralId),
            eTag: after412.prop('eTag'),
            status: after412.prop('status'),
            substatus: after412.prop('substatus'),
            fields: outputs('Agreed_fields'),
            // The solutions flow owns this key; keep what it recorded.
            solutions: coalesce(snapshot.prop('solutions'), ''),
          }),
        ),
        ...recordOnOpportunity(
          ctx,
          'Update_opportunity',
          row.prop('Id'),
          row.prop(f.audit),
          {
            [f.syncState]: fn('string', outputs('New_snapshot')),
            [f.syncStatus]: ctx.syncStatus.synced,
            [f.lastSynced]: fn('utcNow'),
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
            referralId: row.prop(f.referralId),
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
