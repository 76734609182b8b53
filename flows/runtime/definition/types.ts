/**
 * TypeScript shapes of Workflow Definition Language (WDL) definitions as Power Automate exports them.
 * Everything is optional or loose where real exports vary: the engine and the lint check what they
 * need at run or lint time instead of trusting these types.
 */

/** The four statuses legal inside `runAfter`. */
export const RUN_AFTER_STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'] as const;
export type RunAfterStatus = (typeof RUN_AFTER_STATUSES)[number];

/** `{ "<predecessor>": ["Succeeded", ...] }` */
export type RunAfter = Record<string, string[]>;

export interface RetryPolicy {
  type: 'none' | 'fixed' | 'exponential' | 'default' | string;
  count?: number;
  interval?: string;
  minimumInterval?: string;
  maximumInterval?: string;
}

export interface RuntimeConfiguration {
  concurrency?: { runs?: number; maximumWaitingRuns?: number; repetitions?: number };
  paginationPolicy?: { minimumItemCount?: number };
  secureData?: { properties?: string[] };
  staticResult?: { name?: string; staticResultOptions?: 'Enabled' | 'Disabled' | string };
}

/** Fields shared by every trigger and action. */
export interface OperationBase {
  type: string;
  kind?: string;
  description?: string;
  metadata?: Record<string, unknown>;
  operationOptions?: string;
  runtimeConfiguration?: RuntimeConfiguration;
  trackedProperties?: Record<string, unknown>;
  inputs?: unknown;
}

export interface ActionDefinition extends OperationBase {
  runAfter?: RunAfter;
  /** Container actions: Scope, If (then branch), Foreach, Until. */
  actions?: ActionMap;
  /** If */
  else?: { actions?: ActionMap };
  /** If / Switch / Until: a template string or (If) the designer's object form. */
  expression?: unknown;
  /** Switch */
  cases?: Record<string, { case?: unknown; actions?: ActionMap }>;
  default?: { actions?: ActionMap };
  /** Foreach */
  foreach?: unknown;
  /** Until */
  limit?: { count?: unknown; timeout?: unknown };
  retryPolicy?: RetryPolicy;
}

export type ActionMap = Record<string, ActionDefinition>;

export interface Recurrence {
  frequency: 'Second' | 'Minute' | 'Hour' | 'Day' | 'Week' | 'Month' | string;
  interval: number;
  startTime?: string;
  timeZone?: string;
  schedule?: { hours?: (number | string)[]; minutes?: (number | string)[]; weekDays?: string[] };
}

export interface TriggerDefinition extends OperationBase {
  recurrence?: Recurrence;
  conditions?: { expression: string }[];
  splitOn?: string;
}

export interface ParameterDefinition {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
  metadata?: Record<string, unknown>;
}

export interface WorkflowDefinition {
  $schema?: string;
  contentVersion?: string;
  parameters?: Record<string, ParameterDefinition>;
  staticResults?: Record<string, { status?: string; outputs?: unknown; error?: unknown }>;
  triggers?: Record<string, TriggerDefinition>;
  actions?: ActionMap;
  outputs?: Record<string, { type?: string; value?: unknown }>;
}

export interface ConnectionReference {
  runtimeSource?: 'embedded' | 'invoker' | string;
  connection?: { connectionReferenceLogicalName?: string; name?: string };
  api?: { name?: string; logicalName?: string };
}

/** A flow file as a solution ships it (`Workflows/<Name>-<GUID>.json`, the `clientdata` column). */
export interface FlowFile {
  properties: {
    connectionReferences?: Record<string, ConnectionReference>;
    definition: WorkflowDefinition;
    displayName?: string;
    templateName?: string | null;
    [key: string]: unknown;
  };
  schemaVersion?: string;
}

/** Inputs of an `OpenApiConnection` / `OpenApiConnectionWebhook` operation. */
export interface OpenApiConnectionInputs {
  host: { apiId?: string; connectionName?: string; operationId?: string };
  parameters?: Record<string, unknown>;
  authentication?: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Accepts a solution flow file (`{ properties: { definition, connectionReferences } }`), a
 * `{ definition, connectionReferences }` object, or a bare definition; returns the parts.
 * Returns undefined when the value has none of these shapes.
 */
export function splitFlowFile(
  value: unknown,
):
  | { definition: WorkflowDefinition; connectionReferences: Record<string, ConnectionReference>; displayName?: string }
  | undefined {
  if (!isRecord(value)) return undefined;
  const holder = isRecord(value.properties) ? value.properties : value;
  if (isRecord(holder.definition)) {
    const refs = isRecord(holder.connectionReferences) ? holder.connectionReferences : {};
    return {
      definition: holder.definition as WorkflowDefinition,
      connectionReferences: refs as Record<string, ConnectionReference>,
      displayName: typeof holder.displayName === 'string' ? holder.displayName : undefined,
    };
  }
  if (isRecord(value.triggers) || isRecord(value.actions) || typeof value.$schema === 'string') {
    return { definition: value as WorkflowDefinition, connectionReferences: {} };
  }
  return undefined;
}

/** The child containers of an action, each with its JSON path suffix relative to the action. */
export function childContainers(
  action: ActionDefinition,
): { path: string[]; actions: ActionMap; kind: 'scope' | 'then' | 'else' | 'case' | 'default' | 'loop' }[] {
  const out: { path: string[]; actions: ActionMap; kind: 'scope' | 'then' | 'else' | 'case' | 'default' | 'loop' }[] =
    [];
  const t = action.type;
  if (t === 'If') {
    if (isRecord(action.actions)) out.push({ path: ['actions'], actions: action.actions, kind: 'then' });
    if (isRecord(action.else) && isRecord(action.else.actions))
      out.push({ path: ['else', 'actions'], actions: action.else.actions, kind: 'else' });
  } else if (t === 'Switch') {
    if (isRecord(action.cases)) {
      for (const [caseName, c] of Object.entries(action.cases)) {
        if (isRecord(c) && isRecord(c.actions))
          out.push({ path: ['cases', caseName, 'actions'], actions: c.actions, kind: 'case' });
      }
    }
    if (isRecord(action.default) && isRecord(action.default.actions))
      out.push({ path: ['default', 'actions'], actions: action.default.actions, kind: 'default' });
  } else if (t === 'Foreach' || t === 'Until') {
    if (isRecord(action.actions)) out.push({ path: ['actions'], actions: action.actions, kind: 'loop' });
  } else if (isRecord(action.actions)) {
    out.push({ path: ['actions'], actions: action.actions, kind: 'scope' });
  }
  return out;
}
