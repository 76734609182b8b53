import type { ComparisonOperator, FilterExpr, Operand, PathOperand } from './filter-ast';
import { filterError } from './lexer';

export type Predicate = (item: unknown) => boolean;
type Scope = Record<string, unknown>;
type Getter = (item: unknown, scope: Scope) => unknown;

export interface CompileOptions {
  /** Returns an error text when a property path does not exist on the resource (checked once, at compile time). */
  /**
   * Returns an error text when a property path does not exist on the resource or has the wrong
   * shape (checked once, at compile time). Inside any(), paths start with the collection's path
   * followed by `*` (the element).
   */
  checkPath?: (segments: string[], expect: 'value' | 'collection') => string | undefined;
}

/**
 * Compiles a parsed `$filter` into a predicate over stored resources. String comparison is
 * ordinal and case-sensitive (OData's rule); GUID literals compare case-insensitively; date/time
 * literals compare as instants against ISO strings.
 */
export function compileFilter(expr: FilterExpr, options: CompileOptions = {}): Predicate {
  const fn = compile(expr, options, new Map());
  return (item) => fn(item, {});
}

type ScopeTypes = Map<string, string[]>;

function compile(
  expr: FilterExpr,
  options: CompileOptions,
  vars: ScopeTypes,
): (item: unknown, scope: Scope) => boolean {
  switch (expr.kind) {
    case 'and': {
      const l = compile(expr.left, options, vars);
      const r = compile(expr.right, options, vars);
      return (item, scope) => l(item, scope) && r(item, scope);
    }
    case 'or': {
      const l = compile(expr.left, options, vars);
      const r = compile(expr.right, options, vars);
      return (item, scope) => l(item, scope) || r(item, scope);
    }
    case 'not': {
      const o = compile(expr.operand, options, vars);
      return (item, scope) => !o(item, scope);
    }
    case 'boolean': {
      const g = operandGetter(expr.operand, options, vars);
      return (item, scope) => g(item, scope) === true;
    }
    case 'any': {
      const coll = pathGetter(expr.collection, options, vars, 'collection');
      if (!expr.predicate || !expr.variable) {
        return (item, scope) => {
          const v = coll(item, scope);
          return Array.isArray(v) && v.length > 0;
        };
      }
      const inner = new Map(vars);
      inner.set(expr.variable, [...absolutePath(expr.collection, vars), '*']);
      const pred = compile(expr.predicate, options, inner);
      const name = expr.variable;
      return (item, scope) => {
        const v = coll(item, scope);
        if (!Array.isArray(v)) return false;
        for (const element of v) if (pred(item, { ...scope, [name]: element })) return true;
        return false;
      };
    }
    case 'compare': {
      const l = operandGetter(expr.left, options, vars);
      const r = operandGetter(expr.right, options, vars);
      const op = expr.op;
      const lt = literalType(expr.left);
      const rt = literalType(expr.right);
      if (
        lt &&
        rt &&
        expr.left.kind === 'literal' &&
        expr.right.kind === 'literal' &&
        lt !== rt &&
        lt !== 'null' &&
        rt !== 'null'
      )
        throw filterError(`cannot compare a ${lt} with a ${rt}`);
      const kind =
        lt === 'datetime' || rt === 'datetime' ? 'datetime' : lt === 'guid' || rt === 'guid' ? 'guid' : 'plain';
      return (item, scope) => compareValues(op, l(item, scope), r(item, scope), kind);
    }
  }
}

function literalType(o: Operand): string | undefined {
  return o.kind === 'literal' ? o.type : undefined;
}

function absolutePath(p: PathOperand, vars: ScopeTypes): string[] {
  return p.variable !== undefined ? [...(vars.get(p.variable) ?? []), ...p.segments] : p.segments;
}

function operandGetter(o: Operand, options: CompileOptions, vars: ScopeTypes): Getter {
  if (o.kind === 'literal') {
    const value = o.value;
    return () => value;
  }
  return pathGetter(o, options, vars, 'value');
}

function pathGetter(p: PathOperand, options: CompileOptions, vars: ScopeTypes, expect: 'value' | 'collection'): Getter {
  if (p.variable !== undefined && !vars.has(p.variable)) throw filterError(`unknown lambda variable '${p.variable}'`);
  if (options.checkPath) {
    const problem = options.checkPath(absolutePath(p, vars), expect);
    if (problem) throw filterError(problem);
  }
  const segments = p.segments;
  const variable = p.variable;
  return (item, scope) => {
    let current: unknown = variable !== undefined ? scope[variable] : item;
    for (const seg of segments) current = property(current, seg);
    return current;
  };
}

/** Exact property first, then a case-insensitive match (input casing is free on this service). */
export function property(value: unknown, name: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const obj = value as Record<string, unknown>;
  if (name in obj) return obj[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key];
  return undefined;
}

function compareValues(op: ComparisonOperator, a: unknown, b: unknown, kind: 'datetime' | 'guid' | 'plain'): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) {
    if (op === 'eq') return a === b;
    if (op === 'ne') return a !== b;
    return false;
  }
  if (kind === 'datetime') {
    const x = toInstant(a);
    const y = toInstant(b);
    if (x === undefined || y === undefined) return op === 'ne';
    return ordered(op, x, y);
  }
  if (kind === 'guid' && typeof a === 'string' && typeof b === 'string')
    return ordered(op, a.toLowerCase(), b.toLowerCase());
  if (typeof a === 'number' && typeof b === 'number') return ordered(op, a, b);
  if (typeof a === 'string' && typeof b === 'string') return ordered(op, a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    if (op === 'eq') return a === b;
    if (op === 'ne') return a !== b;
    return false;
  }
  return op === 'ne';
}

function toInstant(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

function ordered<T extends number | string>(op: ComparisonOperator, x: T, y: T): boolean {
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
  }
}
