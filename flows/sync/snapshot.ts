import { coalesce, empty, type Expr, fn, iff } from '../builder';

/**
 * The sync-state snapshot (docs/SYNC-DESIGN.md): `{ v, referralId, eTag, status, substatus, fields }`,
 * stored as JSON text in a hidden column. Reading it never fails on an empty column.
 */
export const EMPTY_SNAPSHOT = '{"v":1,"fields":{}}';

export function readSnapshot(raw: Expr): Expr {
  return fn('json', coalesce(iff(empty(raw), null, raw), EMPTY_SNAPSHOT));
}
