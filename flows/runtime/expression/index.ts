/**
 * Public API of the Workflow Definition Language expression language: parse and evaluate template
 * strings (`@expr`, `@{...}` interpolation, `@@` escapes) against a host that supplies the run context.
 */
import type { Expr, Template } from './ast';
import { ParseCache } from './cache';
import { ExpressionError } from './errors';
import { evalExpressionText, evalTemplate } from './evaluator';
import { BUILTIN_FUNCTION_NAMES } from './functions/registry';
import { WORKFLOW_FUNCTION_NAMES } from './functions/workflow';
import type { ExpressionHost } from './host';
import { parseExpressionAt, parseTemplateUncached } from './parser';
import { fromHost, toJsonValue, toText, valuesEqual } from './values';

export type {
  Expr,
  Template,
  CallExpr,
  AccessExpr,
  StringLiteral,
  NumberLiteral,
  BooleanLiteral,
  NullLiteral,
} from './ast';
export type { ExpressionHost } from './host';
export { ExpressionError } from './errors';
export { MAX_EXPRESSION_LENGTH } from './parser';

export const WORKFLOW_FUNCTIONS: ReadonlySet<string> = new Set(WORKFLOW_FUNCTION_NAMES);
/** Every function name the evaluator knows (canonical spelling), including the workflow ones. */
export const SUPPORTED_FUNCTIONS: ReadonlySet<string> = new Set([
  ...BUILTIN_FUNCTION_NAMES,
  ...WORKFLOW_FUNCTION_NAMES,
]);

const SUPPORTED_LOWER = new Set([...SUPPORTED_FUNCTIONS].map((n) => n.toLowerCase()));

/** Function names are case-insensitive: is this one known (built in or workflow)? */
export function isSupportedFunction(name: string): boolean {
  return SUPPORTED_LOWER.has(name.toLowerCase());
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: ExpressionError };

const templateCache = new ParseCache<Parsed<Template>>(20000);
const expressionCache = new ParseCache<Parsed<Expr>>(5000);

function cached<T>(cache: ParseCache<Parsed<T>>, key: string, parse: () => T): T {
  let entry = cache.get(key);
  if (!entry) {
    try {
      entry = { ok: true, value: parse() };
    } catch (err) {
      entry = { ok: false, error: asExpressionError(err) };
    }
    cache.set(key, entry);
  }
  if (!entry.ok) throw entry.error;
  return entry.value;
}

function asExpressionError(err: unknown): ExpressionError {
  if (err instanceof ExpressionError) return err;
  return new ExpressionError(
    `The template language expression could not be evaluated: ${err instanceof Error ? err.message : String(err)}`,
  );
}

/** Parses a JSON string value. Throws ExpressionError (with `position`) on bad syntax. Results are cached. */
export function parseTemplate(value: string): Template {
  return cached(templateCache, value, () => parseTemplateUncached(value));
}

/** Parses expression text without the leading '@'. Results are cached. */
export function parseExpression(text: string): Expr {
  return cached(expressionCache, text, () => parseExpressionAt(text, 0));
}

/** Does this string contain an expression (`@...` at the start, not `@@`, or an unescaped `@{`)? */
export function isTemplateExpression(value: string): boolean {
  if (value.length === 0) return false;
  if (value[0] === '@') return value[1] !== '@';
  let i = value.indexOf('@{');
  while (i >= 0) {
    if (i === 0 || value[i - 1] !== '@') return true;
    i = value.indexOf('@{', i + 2);
  }
  return false;
}

function evaluateDeep(value: unknown, host: ExpressionHost): unknown {
  if (typeof value === 'string') {
    if (!isTemplateExpression(value) && !value.startsWith('@@') && !value.includes('@@{')) return value;
    return toJsonValue(evalTemplate(parseTemplate(value), host));
  }
  if (Array.isArray(value)) return value.map((v) => evaluateDeep(v, host));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = evaluateDeep((value as Record<string, unknown>)[k], host);
    return out;
  }
  return value;
}

/**
 * Evaluates a JSON value from a definition: every string in it (deep, through objects and arrays) is a
 * template. Returns plain JSON. Throws only ExpressionError.
 */
export function evaluateTemplate(value: unknown, host: ExpressionHost): unknown {
  try {
    return evaluateDeep(value, host);
  } catch (err) {
    throw asExpressionError(err);
  }
}

/** Evaluates expression text (without the leading '@') to plain JSON. Throws only ExpressionError. */
export function evaluateExpression(text: string, host: ExpressionHost): unknown {
  try {
    return toJsonValue(evalExpressionText(parseExpression(text), text, host));
  } catch (err) {
    throw asExpressionError(err);
  }
}

/**
 * The text the runtime makes of a JSON value where a string is needed (as `string()` and `@{...}` do):
 * null → '', Booleans → 'True'/'False', objects/arrays → compact JSON. For AppendToStringVariable & co.
 */
export function valueToText(value: unknown): string {
  return toText(fromHost(value));
}

/** `equals()` semantics on JSON values (numbers by value, deep objects/arrays), e.g. for Switch cases. */
export function expressionEquals(a: unknown, b: unknown): boolean {
  return valuesEqual(fromHost(a), fromHost(b));
}

export interface FunctionCallInfo {
  /** As written (function names are case-insensitive). */
  name: string;
  args: Expr[];
  /** The literal value of each argument when it is a literal; undefined for computed arguments. */
  literalArgs: (string | number | boolean | null | undefined)[];
}

function literalOf(e: Expr): string | number | boolean | null | undefined {
  switch (e.kind) {
    case 'string':
    case 'boolean':
      return e.value;
    case 'number':
      return typeof e.value === 'bigint' ? Number(e.value) : e.value;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

function walk(e: Expr, out: FunctionCallInfo[]): void {
  if (e.kind === 'call') {
    out.push({ name: e.name, args: e.args, literalArgs: e.args.map(literalOf) });
    for (const a of e.args) walk(a, out);
  } else if (e.kind === 'access') {
    walk(e.target, out);
    walk(e.key, out);
  }
}

/** For the flow lint: every function call in a template/expression, outermost first, with literal arguments. */
export function collectFunctionCalls(node: Template | Expr): FunctionCallInfo[] {
  const out: FunctionCallInfo[] = [];
  if (node.kind === 'literal') return out;
  if (node.kind === 'expression') walk(node.expr, out);
  else if (node.kind === 'interpolation') {
    for (const p of node.parts) if (typeof p !== 'string') walk(p.expr, out);
  } else walk(node, out);
  return out;
}
