import { ExpressionError, usageHint } from '../errors';
import type { ExpressionHost } from '../host';
import { isInteger, isNumeric, typeOf, type Value } from '../values';

export interface CallContext {
  host: ExpressionHost;
}

export interface FunctionDef {
  /** Canonical spelling, as in the official reference. */
  name: string;
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  /** Says what the parameters are, for arity errors ("the string to convert"). */
  params?: string;
  impl(args: Value[], ctx: CallContext): Value;
}

export function def(
  name: string,
  minArgs: number,
  maxArgs: number,
  impl: (args: Value[], ctx: CallContext) => Value,
  params?: string,
): FunctionDef {
  return { name, minArgs, maxArgs, impl, params };
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

export function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

export function fnError(fn: string, message: string): ExpressionError {
  return new ExpressionError(`The template language function '${fn}' ${message} ${usageHint(fn)}`);
}

export function typeError(fn: string, index: number, expected: string, value: Value | undefined): ExpressionError {
  return fnError(
    fn,
    `expects its ${ordinal(index)} parameter to be ${expected}. The provided value is of type '${typeOf(value)}'.`,
  );
}

export function expectString(fn: string, args: Value[], i: number): string {
  const v = args[i];
  if (typeof v !== 'string') throw typeError(fn, i, 'of type string', v);
  return v;
}

export function optionalString(fn: string, args: Value[], i: number): string | undefined {
  const v = args[i];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(fn, i, 'of type string', v);
  return v;
}

/** An Integer argument as a JS number (arguments such as lengths and indexes are well within 2^53). */
export function expectInt(fn: string, args: Value[], i: number): number {
  const v = args[i];
  if (!isInteger(v)) throw typeError(fn, i, 'an integer', v);
  return Number(v);
}

export function expectNumber(
  fn: string,
  args: Value[],
  i: number,
): Exclude<Value, null | boolean | string | Value[] | { [k: string]: Value }> {
  const v = args[i];
  if (!isNumeric(v)) throw typeError(fn, i, 'an integer or a decimal number', v);
  return v as Exclude<Value, null | boolean | string | Value[] | { [k: string]: Value }>;
}

export function expectBool(fn: string, args: Value[], i: number): boolean {
  const v = args[i];
  if (typeof v !== 'boolean') throw typeError(fn, i, 'a boolean', v);
  return v;
}

export function expectArray(fn: string, args: Value[], i: number): Value[] {
  const v = args[i];
  if (!Array.isArray(v)) throw typeError(fn, i, 'an array', v);
  return v;
}
