import { coalesce, compose, concat, empty, type ActionSpec, type Expr, fn, iff, outputs } from '../builder';

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

/** What one audit entry says; the time and the flow-run link are filled in. */
export interface AuditFields {
  direction: 'PartnerCenterToCrm' | 'CrmToPartnerCenter' | 'Reconcile';
  operation: string;
  result: 'Succeeded' | 'Failed' | 'Skipped' | 'Warning';
  changedFields?: Expr;
  message?: Expr | string;
  referralId?: Expr;
}

/** One audit entry as compact JSON (the audit format, flows/audit). */
export function auditEntry(fields: AuditFields): Expr {
  let o: Expr = fn('json', '{"v":1}');
  o = fn('setProperty', o, 'time', fn('utcNow', 'yyyy-MM-ddTHH:mm:ss.fffZ'));
  o = fn('setProperty', o, 'direction', fields.direction);
  o = fn('setProperty', o, 'operation', fields.operation);
  o = fn('setProperty', o, 'result', fields.result);
  if (fields.changedFields) o = fn('setProperty', o, 'changedFields', fields.changedFields);
  if (fields.message !== undefined) o = fn('setProperty', o, 'message', coalesce(fields.message, ''));
  o = fn('setProperty', o, 'flowRunUrl', flowRunUrl());
  if (fields.referralId) o = fn('setProperty', o, 'referralId', coalesce(fields.referralId, ''));
  return fn('string', o);
}

/** Link to this run in Power Automate, from workflow() as the platform fills it. */
export function flowRunUrl(): Expr {
  const w = fn('workflow');
  return concat(
    'https://make.powerautomate.com/environments/',
    coalesce(w.prop('tags', 'environmentName'), ''),
    '/flows/',
    coalesce(w.prop('name'), ''),
    '/runs/',
    coalesce(w.prop('run', 'name'), ''),
  );
}

/**
 * The Compose steps that append one audit entry to `existing`, kept short so no expression nears Power
 * Automate's 8,192-character limit: the entry as JSON text, the joined value, the bounded value.
 * Returns the steps to place before the write and the expression of the new Audit value.
 */
export function auditSteps(
  bound: { auditMaxChars: number },
  name: string,
  existing: Expr,
  entry: AuditFields,
): { actions: ActionSpec[]; value: Expr } {
  const entryName = `${name}_audit_entry`;
  const joinedName = `${name}_audit_joined`;
  const valueName = `${name}_audit_value`;
  const before = coalesce(existing, '');
  return {
    actions: [
      compose(entryName, auditEntry(entry)),
      compose(joinedName, iff(empty(before), outputs(entryName), concat(before, NEWLINE, outputs(entryName)))),
      compose(valueName, boundExpression(outputs(joinedName), bound.auditMaxChars)),
    ],
    value: outputs(valueName),
  };
}
