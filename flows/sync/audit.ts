import { coalesce, concat, empty, type Expr, fn, iff } from '../builder';

/**
 * Appending one audit entry in a flow expression, by the audit format's bounding rule
 * (flows/audit/bound.ts): add the entry as the last line, then keep the newest whole lines that fit.
 */
export const NEWLINE: Expr = fn('decodeUriComponent', '%0A');

export function appendAuditExpression(existing: Expr, entryJson: Expr, maxChars: number): Expr {
  const before = coalesce(existing, '');
  const joined = iff(empty(before), entryJson, concat(before, NEWLINE, entryJson));
  return boundExpression(joined, maxChars);
}

/**
 * Every sub-expression stays valid when the value is short, because if() may evaluate both branches:
 * the cut start is clamped at 0 and the character before it is read from the value plus a space.
 */
export function boundExpression(value: Expr, maxChars: number): Expr {
  const start = fn('max', 0, fn('sub', fn('length', value), maxChars));
  const tail = fn('substring', value, start);
  const charBefore = fn('substring', concat(value, ' '), fn('max', 0, fn('sub', start, 1)), 1);
  const firstBreak = fn('indexOf', tail, NEWLINE);
  const cut = iff(
    fn('equals', charBefore, NEWLINE),
    tail,
    iff(fn('less', firstBreak, 0), '', fn('substring', tail, fn('add', firstBreak, 1))),
  );
  return iff(fn('greater', fn('length', value), maxChars), cut, value);
}
