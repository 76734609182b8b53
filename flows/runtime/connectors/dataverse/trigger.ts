import { ParameterError } from './parameters';

/** What the adapter registers with Dataverse (the callbackregistration row's fields). */
export interface SubscriptionRegistration {
  entityName: string;
  message: number;
  scope: number;
  filteringAttributes?: string[];
  filterExpression?: string;
  runAs: number;
  ownerId: string;
}

/** What Dataverse sends for one matching change. */
export interface RowChangeNotification {
  sdkMessage: 'Create' | 'Update' | 'Delete';
  entityLogicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  id: string;
  row: Record<string, unknown>;
  modifyingUserId: string;
  runAsUserId: string;
}

/** Where SubscribeWebhookTrigger registers; the local Dataverse's ChangeFeed satisfies it. */
export interface DataverseChangeSource {
  register(registration: SubscriptionRegistration, deliver: (n: RowChangeNotification) => void): () => void;
}

function param(parameters: Record<string, unknown>, name: string): unknown {
  const flat = parameters[`subscriptionRequest/${name}`];
  if (flat !== undefined) return flat;
  const nested = parameters.subscriptionRequest;
  return nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[name] : undefined;
}

function intParam(parameters: Record<string, unknown>, name: string, fallback: number | undefined): number {
  const v = param(parameters, name);
  if (v === undefined || v === null || v === '') {
    if (fallback === undefined)
      throw new ParameterError(`The trigger parameter 'subscriptionRequest/${name}' is required.`);
    return fallback;
  }
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new ParameterError(
      `The trigger parameter 'subscriptionRequest/${name}' must be a whole number; got ${JSON.stringify(v)}.`,
    );
  return n;
}

/**
 * Reads the trigger's `subscriptionRequest/*` parameters. `scope` defaults to 4 (Organization) and
 * `runas` to 3 (Flow owner), the designer's defaults.
 */
export function registrationFromParameters(
  parameters: Record<string, unknown>,
  ownerId: string,
): SubscriptionRegistration {
  const entityName = param(parameters, 'entityname');
  if (typeof entityName !== 'string' || entityName.trim() === '')
    throw new ParameterError("The trigger parameter 'subscriptionRequest/entityname' is required.");
  const filtering = param(parameters, 'filteringattributes');
  if (filtering !== undefined && filtering !== null && typeof filtering !== 'string')
    throw new ParameterError(
      "The trigger parameter 'subscriptionRequest/filteringattributes' must be a comma-separated list of column names.",
    );
  const filterExpression = param(parameters, 'filterexpression');
  if (filterExpression !== undefined && filterExpression !== null && typeof filterExpression !== 'string')
    throw new ParameterError(
      "The trigger parameter 'subscriptionRequest/filterexpression' must be an OData filter text.",
    );
  if (param(parameters, 'postponeuntil') !== undefined)
    throw new ParameterError(
      "The trigger parameter 'subscriptionRequest/postponeuntil' (Delay until) is not supported by the local runtime.",
    );
  const columns =
    typeof filtering === 'string'
      ? filtering
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : [];
  return {
    entityName: entityName.trim(),
    message: intParam(parameters, 'message', undefined),
    scope: intParam(parameters, 'scope', 4),
    runAs: intParam(parameters, 'runas', 3),
    ownerId,
    ...(columns.length > 0 ? { filteringAttributes: columns } : {}),
    ...(typeof filterExpression === 'string' && filterExpression.trim() !== '' ? { filterExpression } : {}),
  };
}

/**
 * The trigger output body as the connector delivers it: the row's columns (lookups as `_x_value`, with
 * annotations) plus `SdkMessage`, `ItemInternalId`, `RunAsSystemUserId` and the OData identity annotations.
 */
export function triggerBody(n: RowChangeNotification, apiUrl: string): Record<string, unknown> {
  return {
    '@odata.type': `#Microsoft.Dynamics.CRM.${n.entityLogicalName}`,
    '@odata.id': `${apiUrl}${n.entitySetName}(${n.id})`,
    '@odata.editLink': `${n.entitySetName}(${n.id})`,
    ...n.row,
    [n.primaryIdAttribute]: n.id,
    SdkMessage: n.sdkMessage,
    ItemInternalId: n.id,
    RunAsSystemUserId: n.runAsUserId,
  };
}
