import {
  and,
  body,
  coalesce,
  concat,
  empty,
  equals,
  type Expr,
  iff,
  lit,
  not,
  or,
  outputs,
  triggerOutputs,
} from '../builder';
import { type AuditFields, auditSteps } from '../sync/audit';

export { auditEntry, auditSteps, flowRunUrl, type AuditFields } from '../sync/audit';
export { firstError, targetStatus } from '../sync/status';
import { connectorAction } from '../builder/actions';
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
  entry: AuditFields,
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
