import {
  and,
  body,
  coalesce,
  compose,
  concat,
  connectorAction,
  empty,
  equals,
  type ActionSpec,
  type ConnectionSpec,
  type Expr,
  fn,
  iff,
  item,
  not,
  or,
  outputs,
  query,
} from '../builder';
import { auditEntry, type AuditFields } from './audit';

/**
 * The pieces of "bring one referral into the CRM" that are the same for every CRM (docs/SYNC-DESIGN.md): the
 * three-way compare of Partner Center, CRM and snapshot values, when a new referral may become an opportunity,
 * the audit entries, and linking the referral back. Each CRM's receiver (flows/dynamics365,
 * flows/salesforce) builds its reads and writes around them, because those differ: Dataverse binds lookups and
 * looks up currencies, Salesforce upserts by external id and must mark unsent seller changes.
 */

/** Partner Center's canonical value of a mapped field (the `PC_values` compose). */
export const pcValue = (key: Expr): Expr => outputs('PC_values').key(key);
/** The CRM's canonical value of a mapped field (the `CRM_values` compose). */
export const crmValue = (key: Expr): Expr => outputs('CRM_values').key(key);
/** The value both sides agreed on last; a key missing from the snapshot means no history: it agrees with the CRM. */
export const snapshotValue = (key: Expr): Expr => coalesce(outputs('Snapshot').prop('fields').key(key), crmValue(key));

/**
 * A condition on a key: true unless it is a once-yes field (Shared with Microsoft sellers) whose value on `side`
 * is false — a once-yes field never goes back to no.
 */
export function notBackToFalse(onceTrue: readonly string[], side: (key: Expr) => Expr): (key: Expr) => Expr {
  return (key) =>
    onceTrue.length === 0
      ? fn('bool', true)
      : not(and(fn('contains', fn('createArray', ...onceTrue), key), equals(side(key), false)));
}

/**
 * `Take`: the keys whose Partner Center value the CRM takes — Partner Center changed it since the snapshot, it
 * differs from the CRM, and either the CRM didn't change it or Partner Center wins that field. `Crm_wins`: both
 * changed, differently, and the CRM wins: the CRM keeps its value and sends it (status Pending).
 */
export function threeWayCompare(fields: {
  keys: readonly string[];
  partnerCenterWins: readonly string[];
  crmWins: readonly string[];
  onceTrue: readonly string[];
}): ActionSpec[] {
  const k = item();
  return [
    query(
      'Take',
      fn('createArray', ...fields.keys),
      and(
        not(equals(pcValue(k), snapshotValue(k))),
        not(equals(pcValue(k), crmValue(k))),
        or(
          equals(crmValue(k), snapshotValue(k)),
          fn('contains', fn('createArray', ...fields.partnerCenterWins, ''), k),
        ),
        notBackToFalse(fields.onceTrue, pcValue)(k),
      ),
    ),
    // Both sides changed and the CRM wins: keep the CRM value and ask the CRM → PC flow to send it
    // (status Pending), so the conflict resolves on both sides.
    query(
      'Crm_wins',
      fn('createArray', ...fields.keys),
      and(
        not(equals(pcValue(k), snapshotValue(k))),
        not(equals(crmValue(k), snapshotValue(k))),
        not(equals(pcValue(k), crmValue(k))),
        fn('contains', fn('createArray', ...fields.crmWins, ''), k),
      ),
    ),
  ];
}

/** Whether Partner Center's status moved since the snapshot (the `Status_changed` compose). */
export function statusChanged(referral: Expr): ActionSpec {
  return compose(
    'Status_changed',
    not(
      equals(
        coalesce(referral.prop('status'), ''),
        coalesce(outputs('Snapshot').prop('status'), referral.prop('status')),
      ),
    ),
  );
}

/** The audit entry of an update from Partner Center; `Take` holds the changed fields. */
export function updateAuditFields(referral: Expr): AuditFields {
  return {
    direction: 'PartnerCenterToCrm',
    operation: 'Update',
    result: 'Succeeded',
    changedFields: body('Take'),
    message: iff(
      outputs('Status_changed'),
      concat('Partner Center status is now ', referral.prop('status'), '/', referral.prop('substatus'), '.'),
      'Updated from Partner Center.',
    ),
    referralId: referral.prop('id'),
  };
}

/** The audit entry of an opportunity created from a referral (the `Create_audit_entry` compose). */
export function createAuditEntry(referral: Expr): ActionSpec {
  return compose(
    'Create_audit_entry',
    auditEntry({
      direction: 'PartnerCenterToCrm',
      operation: 'Create',
      result: 'Succeeded',
      message: concat(
        'Created from Partner Center referral (',
        referral.prop('status'),
        '/',
        referral.prop('substatus'),
        ').',
      ),
      referralId: referral.prop('id'),
    }),
  );
}

/**
 * Whether a referral with no opportunity becomes one: the caller allows it (the receiver does, reconciliation
 * of closed referrals doesn't), Partner Center has no opportunity for it yet, and either every referral is
 * wanted or this one is co-sell (the customer agreed to share with Microsoft sellers and asked for help).
 */
export function shouldCreate(referral: Expr, mayCreate: Expr, cosellOnly: Expr): Expr {
  const isCosell = and(
    equals(referral.prop('consent', 'consentToShareReferralWithMicrosoftSellers'), true),
    not(equals(coalesce(referral.prop('inviteContext', 'assistanceRequestCode'), 'Unknown'), 'Unknown')),
  );
  return and(mayCreate, empty(referral.prop('externalReferenceId')), or(not(equals(cosellOnly, true)), isCosell));
}

/** Links the referral back to its new opportunity, so a later create never makes a second one. */
export function linkReferral(referrals: ConnectionSpec, referral: Expr, opportunityId: Expr): ActionSpec {
  return connectorAction('Link_referral', referrals, 'UpdateReferral', {
    id: referral.prop('id'),
    Prefer: 'return=minimal',
    body: fn(
      'createArray',
      fn('json', concat('{"op":"replace","path":"/externalReferenceId","value":"', opportunityId, '"}')),
    ),
  });
}
