/** Syntax tree of the Workflow Definition Language expression grammar (no infix operators). */

export interface StringLiteral {
  kind: 'string';
  value: string;
  pos: number;
}

export interface NumberLiteral {
  kind: 'number';
  /** A `bigint` only for integers outside the safe range. */
  value: number | bigint;
  /** True for tokens with a decimal point or exponent (`4.0`, `1e3`): Float, not Integer. */
  isFloat: boolean;
  pos: number;
}

export interface BooleanLiteral {
  kind: 'boolean';
  value: boolean;
  pos: number;
}

export interface NullLiteral {
  kind: 'null';
  pos: number;
}

export interface CallExpr {
  kind: 'call';
  /** As written in the source; lookups are case-insensitive. */
  name: string;
  args: Expr[];
  pos: number;
}

/** `target[key]`, `target?[key]`, `target.key`, `target?.key`. */
export interface AccessExpr {
  kind: 'access';
  target: Expr;
  key: Expr;
  /** `?`: a null target or a missing property gives null instead of an error. */
  safe: boolean;
  /** Written as `.name` rather than `['name']`. */
  dot: boolean;
  /**
   * Alias path: a literal string subscript containing `/` (`['body/value']`), which Power Automate
   * reads as consecutive property steps when the object has no property with that exact name.
   */
  path?: string[];
  pos: number;
}

export type Expr = StringLiteral | NumberLiteral | BooleanLiteral | NullLiteral | CallExpr | AccessExpr;

/** A JSON string value as the engine sees it. */
export type Template =
  /** No expression (or only escaped `@`): the value is this text. */
  | { kind: 'literal'; value: string }
  /** `@expr`: the expression's value, with its own type. */
  | { kind: 'expression'; expr: Expr; text: string }
  /** Text with `@{...}` segments: always a string. */
  | { kind: 'interpolation'; parts: (string | { expr: Expr; text: string })[] };
