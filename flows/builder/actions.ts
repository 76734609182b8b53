import { at, type Arg, type Expr } from './expr';
import type { ActionSpec, ConnectionSpec, Json, RunAfterStatus } from './types';

/**
 * Action constructors. Each returns an ActionSpec; the flow builder turns lists of them into WDL
 * with runAfter filled in, so a flow reads as the sequence a person would draw.
 */

const template = (v: Arg | Json): Json =>
  v !== null && typeof v === 'object' && 'text' in (v as object) ? at(v as Expr) : (v as Json);

export function compose(name: string, inputs: Arg | Json): ActionSpec {
  return { name, type: 'Compose', inputs: template(inputs) };
}

export function parseJson(name: string, content: Arg | Json, schema: Json): ActionSpec {
  return { name, type: 'ParseJson', inputs: { content: template(content), schema } };
}

export type VariableType = 'String' | 'Integer' | 'Float' | 'Boolean' | 'Array' | 'Object';

export function initializeVariable(name: string, variable: string, type: VariableType, value: Arg | Json): ActionSpec {
  return {
    name,
    type: 'InitializeVariable',
    inputs: { variables: [{ name: variable, type, value: template(value) }] },
  };
}

export function setVariable(name: string, variable: string, value: Arg | Json): ActionSpec {
  return { name, type: 'SetVariable', inputs: { name: variable, value: template(value) } };
}

export function appendToArrayVariable(name: string, variable: string, value: Arg | Json): ActionSpec {
  return { name, type: 'AppendToArrayVariable', inputs: { name: variable, value: template(value) } };
}

export function incrementVariable(name: string, variable: string, value: number | Expr = 1): ActionSpec {
  return { name, type: 'IncrementVariable', inputs: { name: variable, value: template(value) } };
}

export function ifThen(name: string, condition: Expr, then: ActionSpec[], otherwise: ActionSpec[] = []): ActionSpec {
  return { name, type: 'If', expression: at(condition), children: { actions: then, else: otherwise } };
}

export function scope(name: string, actions: ActionSpec[]): ActionSpec {
  return { name, type: 'Scope', children: { actions } };
}

export function foreach(name: string, over: Expr, actions: ActionSpec[], concurrency = 1): ActionSpec {
  return {
    name,
    type: 'Foreach',
    foreach: at(over),
    children: { actions },
    ...(concurrency > 1 ? { runtimeConfiguration: { concurrency: { repetitions: concurrency } } } : {}),
  };
}

export function until(
  name: string,
  stop: Expr,
  actions: ActionSpec[],
  limit = { count: 60, timeout: 'PT1H' },
): ActionSpec {
  return { name, type: 'Until', expression: at(stop), limit, children: { actions } };
}

export function switchOn(
  name: string,
  on: Expr,
  cases: { name: string; value: string | number; actions: ActionSpec[] }[],
  otherwise: ActionSpec[] = [],
): ActionSpec {
  return { name, type: 'Switch', expression: at(on), children: { cases, default: otherwise } };
}

export function query(name: string, from: Expr, where: Expr): ActionSpec {
  return { name, type: 'Query', inputs: { from: at(from), where: at(where) } };
}

export function select(name: string, from: Expr, map: Json | Expr): ActionSpec {
  return { name, type: 'Select', inputs: { from: at(from), select: template(map) } };
}

export function terminate(
  name: string,
  runStatus: 'Succeeded' | 'Failed' | 'Cancelled',
  error?: { code: string; message: Arg },
): ActionSpec {
  const inputs: { [k: string]: Json } = { runStatus };
  if (error) inputs.runError = { code: error.code, message: template(error.message) };
  return { name, type: 'Terminate', inputs };
}

export function response(name: string, statusCode: number, body?: Json | Expr): ActionSpec {
  const inputs: { [k: string]: Json } = { statusCode };
  if (body !== undefined) inputs.body = template(body);
  return { name, type: 'Response', kind: 'Http', inputs };
}

/** A connector operation (`OpenApiConnection`), parameters named as the connector names them. */
export function connectorAction(
  name: string,
  connection: ConnectionSpec,
  operationId: string,
  parameters: Record<string, Arg | Json>,
  options: { retryPolicy?: Json } = {},
): ActionSpec {
  const params: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(parameters)) params[k] = template(v);
  return {
    name,
    type: 'OpenApiConnection',
    inputs: {
      host: {
        apiId: `/providers/Microsoft.PowerApps/apis/${connection.apiName}`,
        connectionName: connection.key,
        operationId,
      },
      parameters: params,
      authentication: "@parameters('$authentication')",
    },
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  };
}

/** Runs `action` after the given predecessors with the given statuses (try/catch wiring). */
export function after(action: ActionSpec, predecessors: Record<string, RunAfterStatus[]>): ActionSpec {
  return { ...action, runAfter: predecessors };
}
