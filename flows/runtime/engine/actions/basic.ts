import { isRecord } from '../../definition/types';
import { valueToText } from '../../expression';
import { ActionFailure } from '../errors';
import { typeName } from '../host';
import type { ExecContext, Executor } from '../container';
import { validateAgainstSchema } from './json-schema';

/** Compose, ParseJson, the variable actions, Terminate, Response and Wait. */

const compose: Executor = async (ctx) => {
  const value = ctx.evaluate(ctx.def.inputs);
  return { status: 'Succeeded', inputs: value, outputs: value };
};

const parseJson: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  if (!isRecord(inputs))
    throw new ActionFailure(
      'InvalidTemplate',
      `The inputs of action '${ctx.name}' must be an object with 'content' and 'schema'.`,
    );
  let content = inputs.content;
  if (typeof content === 'string') {
    try {
      content = JSON.parse(content);
    } catch (e) {
      throw new ActionFailure(
        'InvalidJSON',
        `The 'content' property of action '${ctx.name}' is not valid JSON: ${(e as Error).message}`,
      );
    }
  }
  const issues = validateAgainstSchema(inputs.schema, content);
  if (issues.length > 0) {
    const errors = issues.map((i) => ({ message: i.message, path: i.path, errorType: 'schema' }));
    return {
      status: 'Failed',
      code: 'ValidationFailed',
      error: { code: 'ValidationFailed', message: 'The schema validation failed.' },
      inputs,
      outputs: { body: content, errors },
    };
  }
  return { status: 'Succeeded', inputs, outputs: { body: content } };
};

const VARIABLE_TYPES: Record<string, string> = {
  integer: 'Integer',
  float: 'Float',
  boolean: 'Boolean',
  string: 'String',
  array: 'Array',
  object: 'Object',
};

function checkVariableValue(name: string, type: string, value: unknown): void {
  const actual = typeName(value);
  const ok =
    (type === 'Integer' && actual === 'Integer') ||
    (type === 'Float' && (actual === 'Float' || actual === 'Integer')) ||
    (type === 'Boolean' && actual === 'Boolean') ||
    (type === 'String' && actual === 'String') ||
    (type === 'Array' && actual === 'Array') ||
    (type === 'Object' && actual === 'Object') ||
    actual === 'Null';
  if (!ok) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The variable '${name}' of type '${type}' cannot be initialized or updated with value of type '${actual}'. The variable '${name}' only supports values of types '${type}'.`,
    );
  }
}

const DEFAULT_VALUES: Record<string, () => unknown> = {
  Integer: () => 0,
  Float: () => 0,
  Boolean: () => false,
  String: () => '',
  Array: () => [],
  Object: () => ({}),
};

const initializeVariable: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  const list = isRecord(inputs) ? inputs.variables : undefined;
  if (!Array.isArray(list) || list.length === 0)
    throw new ActionFailure(
      'InvalidTemplate',
      `The inputs of action '${ctx.name}' must contain a non-empty 'variables' array.`,
    );
  for (const v of list) {
    if (!isRecord(v) || typeof v.name !== 'string' || v.name === '')
      throw new ActionFailure('InvalidTemplate', `Each variable of action '${ctx.name}' needs a 'name'.`);
    const type = VARIABLE_TYPES[String(v.type).toLowerCase()];
    if (!type)
      throw new ActionFailure(
        'InvalidTemplate',
        `The variable '${v.name}' has type '${String(v.type)}'; allowed types are Integer, Float, Boolean, String, Array, Object.`,
      );
    const key = v.name.toLowerCase();
    if (ctx.state.variables.has(key))
      throw new ActionFailure('InvalidTemplate', `The variable '${v.name}' has already been initialized.`);
    const value = v.value === undefined ? DEFAULT_VALUES[type]() : v.value;
    checkVariableValue(v.name, type, value);
    ctx.state.variables.set(key, { name: v.name, type, value });
  }
  return { status: 'Succeeded', inputs };
};

function variableOf(ctx: ExecContext, inputs: unknown) {
  if (!isRecord(inputs) || typeof inputs.name !== 'string')
    throw new ActionFailure('InvalidTemplate', `The inputs of action '${ctx.name}' must contain the variable 'name'.`);
  const v = ctx.state.variables.get(inputs.name.toLowerCase());
  if (!v)
    throw new ActionFailure(
      'InvalidTemplate',
      `The variable '${inputs.name}' is not initialized. Initialize it with an 'Initialize variable' action at the top level before using it.`,
    );
  return { v, inputs };
}

const setVariable: Executor = async (ctx) => {
  const { v, inputs } = variableOf(ctx, ctx.evaluate(ctx.def.inputs));
  checkVariableValue(v.name, v.type, inputs.value);
  v.value = inputs.value === undefined ? null : inputs.value;
  return { status: 'Succeeded', inputs, outputs: { body: { name: v.name, value: v.value } } };
};

function stepVariable(sign: 1 | -1): Executor {
  return async (ctx) => {
    const { v, inputs } = variableOf(ctx, ctx.evaluate(ctx.def.inputs));
    if (v.type !== 'Integer' && v.type !== 'Float') {
      throw new ActionFailure(
        'InvalidTemplate',
        `The variable '${v.name}' of type '${v.type}' cannot be incremented or decremented; only Integer and Float variables can.`,
      );
    }
    const by = inputs.value === undefined || inputs.value === null ? 1 : inputs.value;
    if (typeof by !== 'number')
      throw new ActionFailure(
        'InvalidTemplate',
        `The value to add to variable '${v.name}' must be a number; got type '${typeName(by)}'.`,
      );
    if (v.type === 'Integer' && !Number.isInteger(by))
      throw new ActionFailure(
        'InvalidTemplate',
        `The variable '${v.name}' of type 'Integer' cannot be changed by a value of type 'Float'.`,
      );
    v.value = (typeof v.value === 'number' ? v.value : 0) + sign * by;
    return { status: 'Succeeded', inputs, outputs: { body: { name: v.name, value: v.value } } };
  };
}

const appendToArray: Executor = async (ctx) => {
  const { v, inputs } = variableOf(ctx, ctx.evaluate(ctx.def.inputs));
  if (v.type !== 'Array')
    throw new ActionFailure(
      'InvalidTemplate',
      `The variable '${v.name}' of type '${v.type}' cannot be appended to as an array; it must be of type 'Array'.`,
    );
  const arr = Array.isArray(v.value) ? v.value : [];
  v.value = [...arr, inputs.value === undefined ? null : inputs.value];
  return { status: 'Succeeded', inputs, outputs: { body: { name: v.name, value: v.value } } };
};

const appendToString: Executor = async (ctx) => {
  const { v, inputs } = variableOf(ctx, ctx.evaluate(ctx.def.inputs));
  if (v.type !== 'String')
    throw new ActionFailure(
      'InvalidTemplate',
      `The variable '${v.name}' of type '${v.type}' cannot be appended to as a string; it must be of type 'String'.`,
    );
  const add = inputs.value;
  const text = add === undefined ? '' : valueToText(add);
  v.value = String(v.value ?? '') + text;
  return { status: 'Succeeded', inputs, outputs: { body: { name: v.name, value: v.value } } };
};

const terminate: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  const runStatus = isRecord(inputs) ? inputs.runStatus : undefined;
  if (runStatus !== 'Succeeded' && runStatus !== 'Failed' && runStatus !== 'Cancelled') {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'runStatus' of action '${ctx.name}' must be 'Succeeded', 'Failed' or 'Cancelled'.`,
    );
  }
  const runError = isRecord(inputs) && isRecord(inputs.runError) ? inputs.runError : undefined;
  ctx.state.terminated = {
    status: runStatus,
    error:
      runStatus === 'Failed'
        ? {
            code: String(runError?.code ?? 'Terminated'),
            message: String(runError?.message ?? `The run was terminated by action '${ctx.name}'.`),
          }
        : runStatus === 'Cancelled'
          ? { code: 'Cancelled', message: `The run was cancelled by action '${ctx.name}'.` }
          : undefined,
  };
  return { status: 'Succeeded', inputs };
};

const response: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  if (ctx.state.response)
    throw new ActionFailure(
      'ActionResponseAlreadySent',
      `The response for this request has already been sent; action '${ctx.name}' cannot send another.`,
    );
  const statusCode = isRecord(inputs) ? (inputs.statusCode ?? 200) : 200;
  const code = typeof statusCode === 'string' ? Number(statusCode) : statusCode;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 100 || code > 599) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'statusCode' of action '${ctx.name}' must be an HTTP status code; got '${String(statusCode)}'.`,
    );
  }
  const headers: Record<string, string> = {};
  if (isRecord(inputs) && isRecord(inputs.headers))
    for (const [k, val] of Object.entries(inputs.headers)) headers[k] = String(val);
  const body = isRecord(inputs) ? inputs.body : undefined;
  ctx.state.response = { statusCode: code, headers, body: body === undefined ? null : body };
  return { status: 'Succeeded', inputs, outputs: { statusCode: code, headers, body: body ?? null } };
};

const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
  month: 30 * 86_400_000,
};

/** Delay / Delay until: advances the virtual clock. */
const wait: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  const clock = ctx.services.clock;
  if (isRecord(inputs) && isRecord(inputs.interval)) {
    const count = Number(inputs.interval.count);
    const unit = UNIT_MS[String(inputs.interval.unit).toLowerCase()];
    if (!Number.isFinite(count) || count < 0 || !unit)
      throw new ActionFailure(
        'InvalidTemplate',
        `The 'interval' of action '${ctx.name}' needs a non-negative 'count' and a 'unit' (Second, Minute, Hour, Day, Week, Month).`,
      );
    clock.advance(count * unit);
  } else if (isRecord(inputs) && isRecord(inputs.until)) {
    const at = Date.parse(String(inputs.until.timestamp));
    if (!Number.isFinite(at))
      throw new ActionFailure(
        'InvalidTemplate',
        `The 'until.timestamp' of action '${ctx.name}' is not a valid timestamp.`,
      );
    clock.advance(at - clock.nowMs());
  } else {
    throw new ActionFailure('InvalidTemplate', `Action '${ctx.name}' needs 'interval' or 'until' inputs.`);
  }
  return { status: 'Succeeded', inputs };
};

export const basicExecutors: Record<string, Executor> = {
  Compose: compose,
  ParseJson: parseJson,
  InitializeVariable: initializeVariable,
  SetVariable: setVariable,
  IncrementVariable: stepVariable(1),
  DecrementVariable: stepVariable(-1),
  AppendToArrayVariable: appendToArray,
  AppendToStringVariable: appendToString,
  Terminate: terminate,
  Response: response,
  Wait: wait,
};
