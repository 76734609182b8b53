/**
 * Expressions for generated flows, built as values instead of hand-written strings, so quoting,
 * safe navigation and action references are always right. `toString()` gives the expression text
 * (without `@`); `at()` makes a typed template (`@...`) and `interp()` an interpolation (`@{...}`).
 */
export class Expr {
  constructor(readonly text: string) {}

  /** Null-safe property step: `x?['name']`. */
  prop(...names: string[]): Expr {
    return new Expr(this.text + names.map((n) => `?[${quote(n)}]`).join(''));
  }

  /** Null-safe step with a computed key: `x?[variables('column')]`. */
  key(k: Expr): Expr {
    return new Expr(`${this.text}?[${k.text}]`);
  }

  /** Null-safe index step: `x?[0]`. */
  index(i: number): Expr {
    return new Expr(`${this.text}?[${i}]`);
  }

  toString(): string {
    return this.text;
  }
}

export type Arg = Expr | string | number | boolean | null;

/** A string literal with `'` doubled, as the expression language escapes it. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function argText(a: Arg): string {
  if (a instanceof Expr) return a.text;
  if (a === null) return 'null';
  if (typeof a === 'string') return quote(a);
  if (typeof a === 'number') {
    if (!Number.isFinite(a)) throw new Error(`Not a finite number: ${a}`);
    return String(a);
  }
  return a ? 'true' : 'false';
}

/** A function call: `fn('coalesce', a, b)` → `coalesce(a, b)`. */
export function fn(name: string, ...args: Arg[]): Expr {
  return new Expr(`${name}(${args.map(argText).join(', ')})`);
}

export const lit = (a: Arg): Expr => new Expr(argText(a));

/** `@expr`: a template whose value keeps the expression's type. */
export function at(e: Arg): string {
  return `@${argText(e)}`;
}

/** `@{expr}`: an interpolated segment; the result is always a string. */
export function interp(strings: TemplateStringsArray, ...values: Arg[]): string {
  let out = '';
  strings.forEach((s, i) => {
    // Only `@{` opens an expression inside text, and `@` only at the very start; other `@`s are literal.
    let literal = s.replace(/@\{/g, '@@{');
    // A value starting with `@@` is taken as one literal, which would swallow later `@{...}` parts,
    // so a leading `@` is written as an interpolated '@' instead.
    if (i === 0 && literal.startsWith('@') && !literal.startsWith('@@{')) literal = `@{'@'}${literal.slice(1)}`;
    out += literal;
    if (i < values.length) out += `@{${argText(values[i])}}`;
  });
  return out;
}

// Workflow references.
export const triggerBody = (): Expr => fn('triggerBody');
export const triggerOutputs = (): Expr => fn('triggerOutputs');
export const body = (action: string): Expr => fn('body', action);
export const outputs = (action: string): Expr => fn('outputs', action);
export const actions = (action: string): Expr => fn('actions', action);
export const items = (loop: string): Expr => fn('items', loop);
export const item = (): Expr => fn('item');
export const variables = (name: string): Expr => fn('variables', name);
export const parameters = (name: string): Expr => fn('parameters', name);
export const result = (scope: string): Expr => fn('result', scope);
export const workflow = (): Expr => fn('workflow');

// Common functions, typed for readability at call sites.
export const equals = (a: Arg, b: Arg): Expr => fn('equals', a, b);
export const not = (a: Arg): Expr => fn('not', a);
export const and = (...a: Arg[]): Expr => fn('and', ...a);
export const or = (...a: Arg[]): Expr => fn('or', ...a);
export const coalesce = (...a: Arg[]): Expr => fn('coalesce', ...a);
export const concat = (...a: Arg[]): Expr => fn('concat', ...a);
export const empty = (a: Arg): Expr => fn('empty', a);
export const iff = (c: Arg, a: Arg, b: Arg): Expr => fn('if', c, a, b);
