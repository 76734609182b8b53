import { guidFromName } from '../../scripts/lib/guid';
import type { ActionSpec, EnvParameterSpec, FlowSpec, Json, TriggerSpec } from './types';
import { parameters, type Expr } from './expr';

/**
 * Turns a FlowSpec into the flow JSON a solution ships (`Workflows/*.json`):
 * `{ properties: { connectionReferences, definition }, schemaVersion }`, with `$connections` and
 * `$authentication` parameters, runAfter filled from list order, and operationMetadataIds derived
 * from the flow name and action path so rebuilds are byte-identical.
 */
const SCHEMA =
  'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

type JsonObject = { [key: string]: Json };

export function buildFlow(spec: FlowSpec): JsonObject {
  const names = new Set<string>();
  const actions = container(spec.name, spec.actions, '', names);
  const parameters: JsonObject = {
    $connections: { defaultValue: {}, type: 'Object' },
    $authentication: { defaultValue: {}, type: 'SecureObject' },
  };
  for (const p of spec.parameters ?? []) {
    parameters[envParameterName(p.displayName, p.schemaName)] = {
      defaultValue: p.defaultValue,
      type: p.type,
      metadata: { schemaName: p.schemaName },
    };
  }
  const connectionReferences: JsonObject = {};
  for (const c of spec.connections) {
    connectionReferences[c.key] = {
      runtimeSource: 'embedded',
      connection: { connectionReferenceLogicalName: c.referenceLogicalName },
      api: c.apiLogicalName ? { name: c.apiName, logicalName: c.apiLogicalName } : { name: c.apiName },
    };
  }
  return {
    properties: {
      displayName: spec.name,
      connectionReferences,
      definition: {
        $schema: SCHEMA,
        contentVersion: '1.0.0.0',
        parameters,
        triggers: { [spec.trigger.name]: trigger(spec.name, spec.trigger) },
        actions,
      },
      templateName: '',
    },
    schemaVersion: '1.0.0.0',
  };
}

/** How a solution environment variable appears as a flow parameter. */
export function envParameterName(displayName: string, schemaName: string): string {
  return `${displayName} (${schemaName})`;
}

/** The value of a solution environment variable inside a flow. */
export const env = (p: EnvParameterSpec): Expr => parameters(envParameterName(p.displayName, p.schemaName));

function trigger(flowName: string, t: TriggerSpec): JsonObject {
  const out: JsonObject = { type: t.type };
  if (t.kind) out.kind = t.kind;
  if (t.description) out.description = t.description;
  if (t.inputs !== undefined) out.inputs = t.inputs;
  if (t.recurrence !== undefined) out.recurrence = t.recurrence;
  if (t.splitOn) out.splitOn = t.splitOn;
  if (t.conditions && t.conditions.length > 0) out.conditions = t.conditions.map((expression) => ({ expression }));
  if (t.runtimeConfiguration !== undefined) out.runtimeConfiguration = t.runtimeConfiguration;
  out.metadata = { operationMetadataId: guidFromName(`${flowName}/trigger/${t.name}`) };
  return out;
}

function container(flowName: string, list: ActionSpec[], path: string, names: Set<string>): JsonObject {
  const out: JsonObject = {};
  let previous: string | undefined;
  for (const a of list) {
    if (names.has(a.name)) throw new Error(`Flow "${flowName}": action name "${a.name}" is used twice.`);
    names.add(a.name);
    const runAfter = a.runAfter ?? (previous ? { [previous]: ['Succeeded'] } : {});
    out[a.name] = action(flowName, a, `${path}/${a.name}`, runAfter, names);
    previous = a.name;
  }
  return out;
}

function action(flowName: string, a: ActionSpec, path: string, runAfter: Json, names: Set<string>): JsonObject {
  const out: JsonObject = { type: a.type };
  if (a.kind) out.kind = a.kind;
  if (a.description) out.description = a.description;
  if (a.inputs !== undefined) out.inputs = a.inputs;
  if (a.foreach) out.foreach = a.foreach;
  if (a.expression !== undefined) out.expression = a.expression;
  if (a.limit) out.limit = a.limit;
  const c = a.children;
  if (c?.actions) out.actions = container(flowName, c.actions, path, names);
  if (c?.else) out.else = { actions: container(flowName, c.else, `${path}/else`, names) };
  if (c?.cases) {
    const cases: JsonObject = {};
    for (const k of c.cases)
      cases[k.name] = { case: k.value, actions: container(flowName, k.actions, `${path}/${k.name}`, names) };
    out.cases = cases;
  }
  if (c?.default) out.default = { actions: container(flowName, c.default, `${path}/default`, names) };
  if (a.retryPolicy !== undefined) out.retryPolicy = a.retryPolicy;
  if (a.runtimeConfiguration !== undefined) out.runtimeConfiguration = a.runtimeConfiguration;
  if (a.operationOptions) out.operationOptions = a.operationOptions;
  out.runAfter = runAfter;
  out.metadata = { operationMetadataId: guidFromName(`${flowName}${path}`) };
  return out;
}
