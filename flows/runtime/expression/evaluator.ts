import type { AccessExpr, Expr, Template } from './ast';
import { ExpressionError, usageHint } from './errors';
import type { ExpressionHost } from './host';
import { lookupFunction, workflowFunctionName } from './functions/registry';
import type { CallContext } from './functions/types';
import { FloatBox, fromHost, isObject, toJsonValue, toText, typeOf, type Value } from './values';

interface EvalContext extends CallContext {
  /** The expression text, quoted in error messages as Power Automate does. */
  source: string;
}

function keyText(key: Value): string {
  return typeof key === 'string' ? key : toText(key);
}

function selectionError(ctx: EvalContext, key: Value, target: Value): ExpressionError {
  return new ExpressionError(
    `The template language expression '${ctx.source}' cannot be evaluated because property '${keyText(key)}' cannot be selected. ` +
      `Property selection is not supported on values of type '${typeOf(target)}'. ${usageHint()}`,
  );
}

function selectProperty(ctx: EvalContext, target: Value, key: Value, safe: boolean): Value {
  if (target === null) {
    if (safe) return null;
    throw selectionError(ctx, key, target);
  }
  if (Array.isArray(target)) {
    if (typeof key === 'number' && Number.isInteger(key)) {
      if (key >= 0 && key < target.length) return target[key] === undefined ? null : target[key];
      if (safe) return null;
      throw new ExpressionError(
        `The template language expression '${ctx.source}' cannot be evaluated because array index '${key}' is outside bounds (0, ${target.length - 1}) of array. ${usageHint()}`,
      );
    }
    throw new ExpressionError(
      `The template language expression '${ctx.source}' cannot be evaluated because property '${keyText(key)}' cannot be selected. ` +
        `Array elements can only be selected using an integer index. ${usageHint()}`,
    );
  }
  if (isObject(target)) {
    if (typeof key !== 'string') {
      throw new ExpressionError(
        `The template language expression '${ctx.source}' cannot be evaluated because an object property cannot be selected with a value of type '${typeOf(key)}'. ${usageHint()}`,
      );
    }
    if (Object.prototype.hasOwnProperty.call(target, key)) {
      const v = target[key];
      return v === undefined ? null : v;
    }
    if (safe) return null;
    throw new ExpressionError(
      `The template language expression '${ctx.source}' cannot be evaluated because property '${key}' doesn't exist, ` +
        `available properties are '${Object.keys(target).join(', ')}'. ${usageHint()}`,
    );
  }
  throw selectionError(ctx, key, target);
}

function evalAccess(e: AccessExpr, ctx: EvalContext): Value {
  const target = evalExpr(e.target, ctx);
  if (e.path && isObject(target) && !Object.prototype.hasOwnProperty.call(target, (e.key as { value: string }).value)) {
    let cur: Value = target;
    for (const seg of e.path) cur = selectProperty(ctx, cur, seg, e.safe);
    return cur;
  }
  return selectProperty(ctx, target, evalExpr(e.key, ctx), e.safe);
}

function evalCall(name: string, argExprs: Expr[], ctx: EvalContext): Value {
  const args: Value[] = new Array(argExprs.length);
  for (let i = 0; i < argExprs.length; i++) args[i] = evalExpr(argExprs[i], ctx);
  const fn = lookupFunction(name);
  if (fn) {
    if (args.length < fn.minArgs || args.length > fn.maxArgs)
      throw arityError(fn.name, fn.minArgs, fn.maxArgs, args.length, fn.params);
    try {
      return fn.impl(args, ctx);
    } catch (err) {
      if (err instanceof ExpressionError) throw err;
      throw new ExpressionError(
        `The template language function '${fn.name}' failed: ${err instanceof Error ? err.message : String(err)} ${usageHint(fn.name)}`,
      );
    }
  }
  const wf = workflowFunctionName(name);
  if (wf) {
    let result: unknown;
    try {
      result = ctx.host.callWorkflowFunction(
        wf,
        args.map((a) => toJsonValue(a)),
      );
    } catch (err) {
      if (err instanceof ExpressionError) throw err;
      throw new ExpressionError(
        `The template language function '${wf}' failed: ${err instanceof Error ? err.message : String(err)} ${usageHint(wf)}`,
      );
    }
    return fromHost(result);
  }
  throw new ExpressionError(`The template function '${name}' is not defined or not valid.`);
}

function arityError(fn: string, min: number, max: number, got: number, params?: string): ExpressionError {
  let expects: string;
  if (min === max) expects = min === 0 ? 'no parameters' : `${min} parameter${min === 1 ? '' : 's'}`;
  else if (max === Infinity) expects = `at least ${min} parameter${min === 1 ? '' : 's'}`;
  else expects = `between ${min} and ${max} parameters`;
  return new ExpressionError(
    `The template language function '${fn}' expects ${expects}${params ? `: ${params}` : ''}. The function was invoked with '${got}' parameter${got === 1 ? '' : 's'}. ${usageHint(fn)}`,
  );
}

export function evalExpr(e: Expr, ctx: EvalContext): Value {
  switch (e.kind) {
    case 'string':
    case 'boolean':
      return e.value;
    case 'number':
      return e.isFloat && Number.isInteger(e.value) ? floatLiteral(e.value as number) : e.value;
    case 'null':
      return null;
    case 'call':
      return evalCall(e.name, e.args, ctx);
    case 'access':
      return evalAccess(e, ctx);
  }
}

function floatLiteral(n: number): FloatBox {
  return new FloatBox(n);
}

/** Evaluates a parsed template to its internal value (boxes not yet unwrapped). */
export function evalTemplate(t: Template, host: ExpressionHost): Value {
  switch (t.kind) {
    case 'literal':
      return t.value;
    case 'expression':
      return evalExpr(t.expr, { host, source: t.text });
    case 'interpolation': {
      let out = '';
      for (const p of t.parts) {
        out += typeof p === 'string' ? p : toText(evalExpr(p.expr, { host, source: p.text }));
      }
      return out;
    }
  }
}

export function evalExpressionText(e: Expr, text: string, host: ExpressionHost): Value {
  return evalExpr(e, { host, source: text });
}
