import { ExpressionError, type ExpressionHost } from '../expression';
import { lookupResult, type Frame, type RunState } from './run-state';

/**
 * The workflow functions (`body`, `outputs`, `items`, `variables`, ...) the expression evaluator
 * hands back to the engine, answered from the run state as seen from one action.
 */
export interface HostOptions {
  /** The action whose expressions are evaluated (named in error messages). */
  actionName: string;
  /** Values for the operand slots of a designer object-form condition (see conditions.ts). */
  operands?: unknown[];
  /** Trigger conditions and splitOn see the candidate trigger outputs before the run exists. */
  triggerOverride?: Record<string, unknown>;
}

export const OPERAND_SLOT_PREFIX = '\u0000operand:';

export function createHost(state: RunState, frame: Frame | undefined, options: HostOptions): ExpressionHost {
  return {
    now: () => state.clock.now(),
    random: () => deterministicRandom(state),
    callWorkflowFunction: (name: string, args: unknown[]) => callWorkflowFunction(state, frame, options, name, args),
  };
}

/** Xorshift seeded per run: `rand()` and `guid()` give the same values every time a run is replayed. */
function deterministicRandom(state: RunState): number {
  let x = state.randomState;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  state.randomState = x | 0;
  return (x >>> 0) / 4294967296;
}

function argName(fn: string, args: unknown[], index = 0): string {
  const v = args[index];
  if (typeof v !== 'string') {
    throw new ExpressionError(
      `The template language function '${fn}' expects its parameter to be a string. The provided value is of type '${typeName(v)}'.`,
    );
  }
  return v;
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'Null';
  if (Array.isArray(v)) return 'Array';
  switch (typeof v) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(v) ? 'Integer' : 'Float';
    case 'bigint':
      return 'Integer';
    default:
      return 'Object';
  }
}

function triggerObject(state: RunState, options: HostOptions): Record<string, unknown> {
  if (options.triggerOverride) return options.triggerOverride;
  const t = state.trigger;
  return {
    name: t.name,
    inputs: t.inputs,
    outputs: t.outputs,
    startTime: t.startTime,
    endTime: t.endTime,
    scheduledTime: t.scheduledTime,
    trackingId: state.runId,
    clientTrackingId: state.runId,
    originHistoryName: state.runId,
    code: 'OK',
    status: t.status,
  };
}

function referencedResult(state: RunState, frame: Frame | undefined, options: HostOptions, fn: string, name: string) {
  const candidates = [name, name.replace(/ /g, '_')];
  for (const n of candidates) {
    const hit = lookupResult(frame, state, n);
    if (hit) return hit;
  }
  const defined = candidates.some((n) => state.definedActions.has(n));
  if (!defined) {
    throw new ExpressionError(
      `The action '${name}' referenced by '${fn}' in action '${options.actionName}' is not defined in the template.`,
    );
  }
  throw new ExpressionError(
    `The action '${name}' referenced by '${fn}' in action '${options.actionName}' has not run yet.`,
  );
}

function callWorkflowFunction(
  state: RunState,
  frame: Frame | undefined,
  options: HostOptions,
  rawName: string,
  args: unknown[],
): unknown {
  const name = rawName.toLowerCase();
  switch (name) {
    case 'trigger':
      return triggerObject(state, options);
    case 'triggeroutputs':
      return triggerObject(state, options).outputs ?? null;
    case 'triggerbody': {
      const outputs = triggerObject(state, options).outputs;
      return outputs !== null && typeof outputs === 'object'
        ? ((outputs as Record<string, unknown>).body ?? null)
        : null;
    }
    case 'actions':
    case 'action': {
      if (name === 'action' && args.length === 0) {
        throw new ExpressionError(
          `The template language function 'action' is only valid inside an action's trackedProperties, which the local runtime does not evaluate.`,
        );
      }
      const r = referencedResult(state, frame, options, rawName, argName(rawName, args));
      return { ...r };
    }
    case 'outputs':
    case 'actionoutputs': {
      const r = referencedResult(state, frame, options, rawName, argName(rawName, args));
      if (r.status === 'Skipped') throw notRun(r.name, rawName, options);
      return r.outputs ?? null;
    }
    case 'body':
    case 'actionbody': {
      const r = referencedResult(state, frame, options, rawName, argName(rawName, args));
      if (r.status === 'Skipped') throw notRun(r.name, rawName, options);
      const out = r.outputs;
      if (out !== null && typeof out === 'object' && !Array.isArray(out) && 'body' in (out as object)) {
        return (out as Record<string, unknown>).body ?? null;
      }
      return out ?? null;
    }
    case 'items': {
      const loopName = argName(rawName, args);
      for (let f = frame; f; f = f.parent) {
        if (f.loop && f.loop.kind === 'Foreach' && f.loop.name === loopName) return f.loop.item ?? null;
      }
      throw new ExpressionError(
        `The template language function 'items' must reference an enclosing 'foreach' action; '${loopName}' does not enclose action '${options.actionName}'.`,
      );
    }
    case 'item': {
      for (let f = frame; f; f = f.parent) {
        if (f.currentItem) return f.currentItem.value ?? null;
      }
      throw new ExpressionError(
        `The template language function 'item' can only be used inside a 'foreach' loop or the 'where'/'select' of a Query or Select action; action '${options.actionName}' is not.`,
      );
    }
    case 'iterationindexes': {
      const loopName = argName(rawName, args);
      for (let f = frame; f; f = f.parent) {
        if (f.loop && f.loop.name === loopName) return f.loop.index;
      }
      throw new ExpressionError(
        `The template language function 'iterationIndexes' must reference an enclosing loop; '${loopName}' does not enclose action '${options.actionName}'.`,
      );
    }
    case 'variables': {
      const varName = argName(rawName, args);
      if (varName.startsWith(OPERAND_SLOT_PREFIX) && options.operands) {
        return options.operands[Number(varName.slice(OPERAND_SLOT_PREFIX.length))];
      }
      const v = state.variables.get(varName.toLowerCase());
      if (!v) throw new ExpressionError(`The variable '${varName}' is not initialized.`);
      return v.value;
    }
    case 'parameters': {
      const p = argName(rawName, args);
      if (!Object.prototype.hasOwnProperty.call(state.flow.parameters, p)) {
        throw new ExpressionError(`The workflow parameter '${p}' is not found.`);
      }
      return state.flow.parameters[p];
    }
    case 'result': {
      const scope = argName(rawName, args);
      const results = state.containerResults.get(scope);
      if (!results) {
        if (!state.definedActions.has(scope))
          throw new ExpressionError(
            `The action '${scope}' referenced by 'result' in action '${options.actionName}' is not defined in the template.`,
          );
        throw new ExpressionError(
          `The action '${scope}' referenced by 'result' in action '${options.actionName}' must be a Scope, Foreach or Until action that has run.`,
        );
      }
      return results.map((r) => ({ ...r }));
    }
    case 'triggerformdatavalue':
    case 'triggerformdatamultivalues': {
      const key = argName(rawName, args);
      const values = formValues(triggerObject(state, options).outputs, key);
      if (name === 'triggerformdatamultivalues') return values;
      if (values.length > 1)
        throw new ExpressionError(
          `The template language function '${rawName}' found ${values.length} values for key '${key}'; use 'triggerFormDataMultiValues' instead.`,
        );
      return values[0] ?? null;
    }
    case 'triggermultipartbody':
      return multipartPart(triggerObject(state, options).outputs, args[0], rawName);
    case 'formdatavalue':
    case 'formdatamultivalues': {
      const r = referencedResult(state, frame, options, rawName, argName(rawName, args));
      const key = argName(rawName, args, 1);
      const values = formValues(r.outputs, key);
      if (name === 'formdatamultivalues') return values;
      if (values.length > 1)
        throw new ExpressionError(
          `The template language function '${rawName}' found ${values.length} values for key '${key}'; use 'formDataMultiValues' instead.`,
        );
      return values[0] ?? null;
    }
    case 'multipartbody': {
      const r = referencedResult(state, frame, options, rawName, argName(rawName, args));
      return multipartPart(r.outputs, args[1], rawName);
    }
    case 'workflow':
      return state.workflowInfo;
    case 'listcallbackurl':
      return `http://127.0.0.1/workflows/${state.flow.id}/triggers/${state.flow.triggerName}/run`;
    default:
      throw new ExpressionError(
        `The template language function '${rawName}' is not supported by the local flow runtime.`,
        'InvalidTemplate',
      );
  }
}

/**
 * Form data in outputs: a body `{"$content-type": "application/x-www-form-urlencoded", "$formdata":
 * [{key, value}]}` (as the service represents form posts) or a url-encoded string body.
 */
function formValues(outputs: unknown, key: string): string[] {
  const body = outputs !== null && typeof outputs === 'object' ? (outputs as Record<string, unknown>).body : undefined;
  if (body !== null && typeof body === 'object' && Array.isArray((body as Record<string, unknown>).$formdata)) {
    return ((body as Record<string, unknown>).$formdata as unknown[])
      .filter(
        (p): p is { key: unknown; value: unknown } =>
          p !== null && typeof p === 'object' && (p as { key?: unknown }).key === key,
      )
      .map((p) => String(p.value ?? ''));
  }
  if (typeof body === 'string') return new URLSearchParams(body).getAll(key);
  throw new ExpressionError(
    `The form data function cannot read key '${key}': the outputs have no form-data or form-encoded body.`,
  );
}

/** Part `index` of a multipart body `{"$content-type": "multipart/...", "$multipart": [{headers, body}]}`. */
function multipartPart(outputs: unknown, index: unknown, fn: string): unknown {
  const body = outputs !== null && typeof outputs === 'object' ? (outputs as Record<string, unknown>).body : undefined;
  const parts = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).$multipart : undefined;
  if (!Array.isArray(parts))
    throw new ExpressionError(`The template language function '${fn}' needs a multipart body.`);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= parts.length) {
    throw new ExpressionError(
      `The template language function '${fn}' has no part at index '${String(index)}'; the body has ${parts.length} part(s).`,
    );
  }
  const part = parts[index] as Record<string, unknown> | null;
  return part !== null && typeof part === 'object' && 'body' in part ? part.body : part;
}

function notRun(actionName: string, fn: string, options: HostOptions): ExpressionError {
  return new ExpressionError(
    `The action '${actionName}' referenced by '${fn}' in action '${options.actionName}' was skipped and has no outputs.`,
  );
}
