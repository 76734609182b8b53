import { coalesce, empty, type Expr, fn, iff } from '../builder';

/**
 * The sync-state snapshot (docs/SYNC-DESIGN.md): `{ v, referralId, eTag, status, substatus, fields }`,
 * stored as JSON text in a hidden column. Reading it never fails on an empty column.
 */
export const EMPTY_SNAPSHOT = '{"v":1,"fields":{}}';

export function readSnapshot(raw: Expr): Expr {
  return fn('json', coalesce(iff(empty(raw), null, raw), EMPTY_SNAPSHOT));
}

/** The snapshot to store after a sync: which referral, its eTag and status, and the agreed field values. */
export function snapshotExpr(parts: {
  referralId: Expr;
  eTag: Expr;
  status: Expr;
  substatus: Expr;
  fields: Expr;
  solutions?: Expr;
}): Expr {
  let s: Expr = fn('json', '{"v":1}');
  s = fn('setProperty', s, 'referralId', parts.referralId);
  s = fn('setProperty', s, 'eTag', parts.eTag);
  s = fn('setProperty', s, 'status', parts.status);
  s = fn('setProperty', s, 'substatus', parts.substatus);
  s = fn('setProperty', s, 'fields', parts.fields);
  if (parts.solutions) s = fn('setProperty', s, 'solutions', parts.solutions);
  return s;
}

/** The snapshot after reading or writing a referral. */
export function snapshotOfReferral(referral: Expr, fields: Expr, solutions?: Expr): Expr {
  return snapshotExpr({
    referralId: referral.prop('id'),
    eTag: referral.prop('eTag'),
    status: referral.prop('status'),
    substatus: referral.prop('substatus'),
    fields,
    ...(solutions ? { solutions } : {}),
  });
}
