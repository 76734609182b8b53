import { compareNumbers, isNumeric, typeOf, valuesEqual, type Value } from '../values';
import { parseCultureNumber } from '../number-parse';
import { def, expectBool, expectString, fnError, optionalString, type FunctionDef } from './types';

/** Ordering for less/greater: numbers by value, strings ordinally, Booleans false < true; null is ''. */
function compare(fn: string, a: Value, b: Value): number {
  const x = a === null ? '' : a;
  const y = b === null ? '' : b;
  if (isNumeric(x) && isNumeric(y)) return compareNumbers(x, y);
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  throw fnError(
    fn,
    `expects two parameters of matching types (numbers, strings or Booleans). The provided values are of type '${typeOf(a)}' and '${typeOf(b)}'.`,
  );
}

export const LOGICAL_FUNCTIONS: FunctionDef[] = [
  def('and', 1, Infinity, (args) => {
    let result = true;
    args.forEach((_, i) => {
      if (!expectBool('and', args, i)) result = false;
    });
    return result;
  }),
  def('or', 1, Infinity, (args) => {
    let result = false;
    args.forEach((_, i) => {
      if (expectBool('or', args, i)) result = true;
    });
    return result;
  }),
  def('not', 1, 1, (args) => !expectBool('not', args, 0), 'the Boolean to negate'),
  // Arguments are evaluated eagerly (like every function), so an error in either branch fails the expression.
  def(
    'if',
    3,
    3,
    (args) => (expectBool('if', args, 0) ? args[1] : args[2]),
    'the condition, the value if true and the value if false',
  ),
  def('equals', 2, 2, (args) => valuesEqual(args[0], args[1]), 'the two values to compare'),
  def('greater', 2, 2, (args) => compare('greater', args[0], args[1]) > 0),
  def('greaterOrEquals', 2, 2, (args) => compare('greaterOrEquals', args[0], args[1]) >= 0),
  def('less', 2, 2, (args) => compare('less', args[0], args[1]) < 0),
  def('lessOrEquals', 2, 2, (args) => compare('lessOrEquals', args[0], args[1]) <= 0),
  def('isInt', 1, 2, (args) => {
    const text = expectString('isInt', args, 0);
    const n = parseCultureNumber(text, optionalString('isInt', args, 1), false);
    return n !== undefined;
  }),
  def('isFloat', 1, 2, (args) => {
    const text = expectString('isFloat', args, 0);
    return parseCultureNumber(text, optionalString('isFloat', args, 1), true) !== undefined;
  }),
];
