import { and, coalesce, concat, equals, type Expr, fn, iff } from '../builder';

/** Status rules and error text shared by every CRM's flows. */

/**
 * The Partner Center status/substatus a CRM state asks for, given the referral's current status, or
 * '' when nothing changes (docs/SYNC-DESIGN.md, Status).
 */
export function targetStatus(state: Expr, pcStatus: Expr): Expr {
  return iff(
    equals(pcStatus, 'Closed'),
    '',
    iff(
      equals(state, 'Won'),
      'Closed/Won',
      iff(
        equals(state, 'Lost'),
        iff(equals(pcStatus, 'New'), 'Closed/Declined', 'Closed/Lost'),
        iff(and(equals(state, 'Open'), equals(pcStatus, 'New')), 'Active/Accepted', ''),
      ),
    ),
  );
}

/** The error text of the first failed action in a scope, for the audit and the seller. */
export function firstError(scopeName: string): Expr {
  const failed = fn('first', fn('body', `Failed_in_${scopeName}`));
  return coalesce(
    failed.prop('outputs', 'body', 'error', 'message'),
    failed.prop('error', 'message'),
    failed.prop('outputs', 'body', 'message'),
    concat('Step ', coalesce(failed.prop('name'), 'unknown'), ' failed.'),
  );
}
