import {
  after,
  and,
  body,
  coalesce,
  compose,
  connectorAction,
  empty,
  equals,
  type ActionSpec,
  type ConnectionSpec,
  type EnvParameterSpec,
  type Expr,
  fn,
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
  type TriggerSpec,
  variables,
} from '../builder';
import type { Json } from '../builder/types';
import type { FieldMapping } from '../mapping';
import type { AuditFields } from './audit';
import { firstError, targetStatus } from './status';
import { readSnapshot, snapshotExpr } from './snapshot';
import { pcCanonical, toPartnerCenter } from './values';

/**
 * "<CRM> Opportunity to Partner Center", the same for every CRM: when a synced opportunity changes, compare the
 * CRM values with the snapshot before any Partner Center call (an echo stops here), read the referral, send
 * what changed as JSON Patch with If-Match (one re-read and retry on 412), map won/lost/accept/decline to the
 * status rules, and write the new snapshot, status and audit entry (docs/SYNC-DESIGN.md). The CRM supplies the
 * trigger, the read of the row, the canonical value of each field, the row's state and the write.
 */
export interface CrmToPartnerCenterSpec {
  name: string;
  description: string;
  crm: ConnectionSpec;
  referrals: ConnectionSpec;
  parameters: EnvParameterSpec[];
  trigger: TriggerSpec;
  /** Reads the changed opportunity; must be named `Get_opportunity`. */
  getOpportunity: ActionSpec;
  /** The mapped fields sent to Partner Center, each with its canonical CRM value read from `body('Get_opportunity')`. */
  fields: { m: FieldMapping; crmValue: Expr }[];
  columns: { referralId: string; syncState: string; syncStatus: string; lastSynced: string; audit: string };
  syncStatus: { pending: number | string; synced: number | string; error: number | string };
  opportunityId: Expr;
  /** The opportunity's state as Partner Center sees it (Open, OnHold, Won, Lost). */
  state: Expr;
  /** Writes columns plus one audit entry to the opportunity. */
  record: (
    name: string,
    opportunityId: Expr,
    existingAudit: Expr,
    columns: Record<string, Expr | string | number | boolean | null>,
    entry: AuditFields,
  ) => ActionSpec[];
}

/** Records an error on the opportunity (status Error, audit entry) and ends the run as failed. */
function recordErrorAndStop(spec: CrmToPartnerCenterSpec, name: string, message: Expr): ActionSpec[] {
  const c = spec.columns;
  const row = body('Get_opportunity');
  return [
    ...spec.record(
      `Record_${name.toLowerCase()}`,
      spec.opportunityId,
      row.prop(c.audit),
      { [c.syncStatus]: spec.syncStatus.error },
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

export function crmToPartnerCenterFlow(spec: CrmToPartnerCenterSpec): FlowSpec {
  const c = spec.columns;
  const fields = spec.fields;
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
  const state = spec.state;

  return {
    name: spec.name,
    description: spec.description,
    connections: [spec.crm, spec.referrals],
    parameters: spec.parameters,
    trigger: spec.trigger,
    actions: [
      spec.getOpportunity,
      compose('Snapshot', readSnapshot(row.prop(c.syncState))),
      compose(
        'CRM_values',
        objectOf(({ crmValue }) => crmValue),
      ),
      query('Changed', keyList, and(not(equals(crm(item()), snap(item()))), onceTrueOk(item()))),
      compose('Retry_requested', equals(row.prop(c.syncStatus), spec.syncStatus.pending)),
      compose('Status_wanted', targetStatus(state, coalesce(snapshot.prop('status'), 'Active'))),
      ifThen(
        'Nothing_to_send',
        and(empty(body('Changed')), equals(outputs('Status_wanted'), ''), not(outputs('Retry_requested'))),
        [terminate('Echo_or_no_change', 'Succeeded')],
      ),
      initializeVariable('Init_referral_after', 'Referral_after', 'Object', fn('json', '{}')),
      scope('Try', [
        connectorAction('Get_referral', spec.referrals, 'GetReferral', { id: row.prop(c.referralId) }),
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
          connectorAction('Update_referral', spec.referrals, 'UpdateReferral', {
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
                connectorAction('Get_referral_again', spec.referrals, 'GetReferral', {
                  id: row.prop(c.referralId),
                }),
                connectorAction('Update_referral_again', spec.referrals, 'UpdateReferral', {
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
                      spec,
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
                spec,
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
          objectOf(({ m, crmValue }) =>
            iff(
              equals(crmValue, pcCanonical(after412, m)),
              crmValue,
              coalesce(snapshot.prop('fields', m.key), crmValue),
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
            solutions: coalesce(snapshot.prop('solutions'), ''),
          }),
        ),
        ...spec.record(
          'Update_opportunity',
          spec.opportunityId,
          row.prop(c.audit),
          {
            [c.syncState]: fn('string', outputs('New_snapshot')),
            [c.syncStatus]: spec.syncStatus.synced,
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
          ...recordErrorAndStop(spec, 'Error', firstError('Try')),
        ]),
        { Try: ['Failed', 'TimedOut'] },
      ),
    ],
  };
}
