import { Decimal } from '../decimal';
import { compareNumbers, FloatBox, isInteger, makeFloat, makeInt, toJsNumber, type Value } from '../values';
import { def, expectArray, expectInt, expectNumber, fnError, typeError, type FunctionDef } from './types';

type Num = number | bigint | FloatBox | Decimal;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function checkedInt(fn: string, r: bigint): number | bigint {
  if (r < INT64_MIN || r > INT64_MAX)
    throw fnError(fn, 'caused an arithmetic overflow: the result does not fit in a 64-bit integer.');
  return makeInt(r);
}

function big(v: number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** Integer op Integer stays Integer (C# semantics), Decimal wins over the others, anything else is Float. */
function arithmetic(fn: string, a: Num, b: Num, op: 'add' | 'sub' | 'mul' | 'div' | 'mod'): Num {
  if (a instanceof Decimal || b instanceof Decimal) {
    const x = Decimal.from(a);
    const y = Decimal.from(b);
    if ((op === 'div' || op === 'mod') && y.isZero()) throw fnError(fn, 'cannot divide by zero.');
    return x[op](y);
  }
  if (isInteger(a) && isInteger(b)) {
    if (typeof a === 'number' && typeof b === 'number') {
      switch (op) {
        case 'add': {
          const r = a + b;
          if (Number.isSafeInteger(r)) return r;
          break;
        }
        case 'sub': {
          const r = a - b;
          if (Number.isSafeInteger(r)) return r;
          break;
        }
        case 'mul': {
          const r = a * b;
          if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
          break;
        }
        case 'div':
          if (b === 0) throw fnError(fn, 'cannot divide by zero.');
          return Math.trunc(a / b) || 0;
        case 'mod':
          if (b === 0) throw fnError(fn, 'cannot divide by zero.');
          return a % b || 0;
      }
    }
    const x = big(a);
    const y = big(b);
    switch (op) {
      case 'add':
        return checkedInt(fn, x + y);
      case 'sub':
        return checkedInt(fn, x - y);
      case 'mul':
        return checkedInt(fn, x * y);
      case 'div':
        if (y === 0n) throw fnError(fn, 'cannot divide by zero.');
        return checkedInt(fn, x / y);
      case 'mod':
        if (y === 0n) throw fnError(fn, 'cannot divide by zero.');
        return checkedInt(fn, x % y);
    }
  }
  const x = toJsNumber(a);
  const y = toJsNumber(b);
  switch (op) {
    case 'add':
      return makeFloat(x + y);
    case 'sub':
      return makeFloat(x - y);
    case 'mul':
      return makeFloat(x * y);
    case 'div':
      if (y === 0) throw fnError(fn, 'cannot divide by zero.');
      return makeFloat(x / y);
    case 'mod':
      if (y === 0) throw fnError(fn, 'cannot divide by zero.');
      return makeFloat(x % y);
  }
}

function binary(name: 'add' | 'sub' | 'mul' | 'div' | 'mod', params: string): FunctionDef {
  return def(
    name,
    2,
    2,
    (args) => arithmetic(name, expectNumber(name, args, 0), expectNumber(name, args, 1), name),
    params,
  );
}

function extreme(fn: 'min' | 'max', args: Value[]): Value {
  let list: Value[] = args;
  if (args.length === 1) {
    if (!Array.isArray(args[0])) throw typeError(fn, 0, 'an array or a number', args[0]);
    list = expectArray(fn, args, 0);
    if (list.length === 0) throw fnError(fn, 'expects a non-empty array.');
  }
  let best: Num | undefined;
  list.forEach((_, i) => {
    const n = expectNumber(fn, list, i);
    if (best === undefined || (fn === 'min' ? compareNumbers(n, best) < 0 : compareNumbers(n, best) > 0)) best = n;
  });
  return best as Num;
}

export const MATH_FUNCTIONS: FunctionDef[] = [
  binary('add', 'the two numbers to add'),
  binary('sub', 'the minuend and the subtrahend'),
  binary('mul', 'the two numbers to multiply'),
  binary('div', 'the dividend and the divisor'),
  binary('mod', 'the dividend and the divisor'),
  def('min', 1, Infinity, (args) => extreme('min', args)),
  def('max', 1, Infinity, (args) => extreme('max', args)),
  def('range', 2, 2, (args) => {
    const start = expectInt('range', args, 0);
    const count = expectInt('range', args, 1);
    if (count < 0 || count > 100000)
      throw fnError('range', 'expects its second parameter (the count) to be between 0 and 100000.');
    const out: number[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = start + i;
    return out;
  }),
  def('rand', 2, 2, (args, ctx) => {
    const min = expectInt('rand', args, 0);
    const max = expectInt('rand', args, 1);
    if (min >= max)
      throw fnError(
        'rand',
        'expects its first parameter (the minimum) to be less than its second parameter (the maximum).',
      );
    return Math.min(max - 1, min + Math.floor(ctx.host.random() * (max - min)));
  }),
];
