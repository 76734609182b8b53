import { equals, type Expr, iff } from '../builder';
import { connectorAction } from '../builder/actions';
import type { ActionSpec } from '../builder/types';
import { type AuditFields, auditSteps } from '../sync/audit';
import { env, type SfSyncContext } from './context';

/** Shared expression pieces of the Salesforce flows. */

/** The opportunity status as Partner Center sees it: Won, Lost, OnHold (the on-hold stage), Open. */
export function sfState(ctx: SfSyncContext, row: Expr): Expr {
  return iff(
    equals(row.prop('IsClosed'), true),
    iff(equals(row.prop('IsWon'), true), 'Won', 'Lost'),
    iff(equals(row.prop('StageName'), env(ctx.env.onHoldStage)), 'OnHold', 'Open'),
  );
}

/** Updates an opportunity with the given fields and one audit entry, in one PatchItem_V3. */
export function recordOnOpportunity(
  ctx: SfSyncContext,
  name: string,
  opportunityId: Expr,
  existingAudit: Expr,
  fields: Record<string, Expr | string | number | boolean | null>,
  entry: AuditFields,
): ActionSpec[] {
  const audit = auditSteps(ctx, name, existingAudit, entry);
  const parameters: Record<string, Expr | string | number | boolean | null> = {
    table: 'Opportunity',
    id: opportunityId,
  };
  for (const [field, value] of Object.entries(fields)) parameters[`item/${field}`] = value;
  parameters[`item/${ctx.fields.audit}`] = audit.value;
  return [...audit.actions, connectorAction(name, ctx.connections.salesforce, 'PatchItem_V3', parameters)];
}

/** A text value inside an OData `$filter` literal. */
export { odataString } from '../sync/receiver';

/** The Salesforce polling trigger on Opportunity, split into one run per record. */
export function opportunityPollingTrigger(ctx: SfSyncContext, name: string, conditions: Expr[]) {
  return {
    name,
    type: 'OpenApiConnection',
    inputs: {
      host: {
        apiId: `/providers/Microsoft.PowerApps/apis/${ctx.connections.salesforce.apiName}`,
        connectionName: ctx.connections.salesforce.key,
        operationId: 'GetOnUpdatedItems',
      },
      parameters: { table: 'Opportunity' },
      authentication: "@parameters('$authentication')",
    },
    recurrence: { frequency: 'Minute', interval: ctx.pollMinutes },
    splitOn: "@triggerOutputs()?['body/value']",
    conditions: conditions.map((c) => `@${c.text}`),
  };
}
