import {
  and,
  body,
  coalesce,
  concat,
  empty,
  equals,
  type Expr,
  fn,
  iff,
  lit,
  not,
  or,
  outputs,
  triggerOutputs,
} from '../builder';
import { boundExpression, NEWLINE } from '../sync/audit';
import { compose, connectorAction } from '../builder/actions';
import type { ActionSpec } from '../builder/types';
import type { D365SyncContext } from './context';
import { env } from './context';

/** Shared expression pieces of the Dynamics 365 flows. */

/** The opportunity status as Partner Center sees it: Open, OnHold, Won, Lost. */
export function crmState(statecode: Expr, statuscode: Expr): Expr {
  return iff(
    equals(statecode, 1),
    'Won',
    iff(equals(statecode, 2), 'Lost', iff(equals(statuscode, 2), 'OnHold', 'Open')),
  );
}

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

/** One audit entry as compact JSON (the audit format, flows/audit). */
export function auditEntry(fields: {
  direction: 'PartnerCenterToCrm' | 'CrmToPartnerCenter' | 'Reconcile';
  operation: string;
  result: 'Succeeded' | 'Failed' | 'Skipped' | 'Warning';
  changedFields?: Expr;
  message?: Expr | string;
  referralId?: Expr;
}): Expr {
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
  ctx: D365SyncContext,
  name: string,
  existing: Expr,
  entry: Parameters<typeof auditEntry>[0],
): { actions: ActionSpec[]; value: Expr } {
  const entryName = `${name}_audit_entry`;
  const joinedName = `${name}_audit_joined`;
  const valueName = `${name}_audit_value`;
  const before = coalesce(existing, '');
  return {
    actions: [
      compose(entryName, auditEntry(entry)),
      compose(joinedName, iff(empty(before), outputs(entryName), concat(before, NEWLINE, outputs(entryName)))),
      compose(valueName, boundExpression(outputs(joinedName), ctx.auditMaxChars)),
    ],
    value: outputs(valueName),
  };
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

export { and, body, coalesce, concat, empty, equals, iff, lit, not, or, outputs, triggerOutputs, env };

/**
 * Writes to an opportunity together with one audit entry: the audit steps, then UpdateRecord with the
 * given columns and the new Audit value.
 */
export function recordOnOpportunity(
  ctx: D365SyncContext,
  name: string,
  opportunityId: Expr,
  existingAudit: Expr,
  columns: Record<string, Expr | string | number | boolean | null>,
  entry: Parameters<typeof auditEntry>[0],
): ActionSpec[] {
  const audit = auditSteps(ctx, name, existingAudit, entry);
  const parameters: Record<string, Expr | string | number | boolean | null> = {
    entityName: 'opportunities',
    recordId: opportunityId,
  };
  for (const [column, value] of Object.entries(columns)) parameters[`item/${column}`] = value;
  parameters[`item/${ctx.columns.audit}`] = audit.value;
  return [...audit.actions, connectorAction(name, ctx.connections.dataverse, 'UpdateRecord', parameters)];
}
