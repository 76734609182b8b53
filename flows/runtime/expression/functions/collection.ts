import {
  compareNumbers,
  isNumeric,
  isObject,
  strictEqual,
  toText,
  typeOf,
  type JsonObject,
  type Value,
} from '../values';
import { def, expectArray, expectInt, expectString, fnError, typeError, type FunctionDef } from './types';

function expectCollection(fn: string, args: Value[], i: number): string | Value[] {
  const v = args[i];
  if (typeof v !== 'string' && !Array.isArray(v)) throw typeError(fn, i, 'an array or a string', v);
  return v;
}

function includesValue(list: Value[], v: Value): boolean {
  for (const x of list) if (strictEqual(x, v)) return true;
  return false;
}

function sortKey(fn: string, a: Value, b: Value): number {
  if (isNumeric(a) && isNumeric(b)) return compareNumbers(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a === null && b === null) return 0;
  throw fnError(fn, `cannot compare values of type '${typeOf(a)}' and '${typeOf(b)}'.`);
}

export const COLLECTION_FUNCTIONS: FunctionDef[] = [
  def('contains', 2, 2, (args) => {
    const c = args[0];
    const v = args[1];
    if (typeof c === 'string') return c.includes(toText(v));
    if (Array.isArray(c)) return includesValue(c, v);
    if (isObject(c)) {
      if (typeof v !== 'string') throw typeError('contains', 1, 'a string when the first parameter is an object', v);
      return Object.prototype.hasOwnProperty.call(c, v);
    }
    throw typeError('contains', 0, 'a dictionary (object), an array or a string', c);
  }),
  def('empty', 1, 1, (args) => {
    const v = args[0];
    if (v === null) return true;
    if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
    if (isObject(v)) return Object.keys(v).length === 0;
    throw typeError('empty', 0, 'an object, an array or a string', v);
  }),
  def('length', 1, 1, (args) => expectCollection('length', args, 0).length, 'the string or array'),
  def('first', 1, 1, (args) => {
    const c = expectCollection('first', args, 0);
    if (c.length === 0) return typeof c === 'string' ? '' : null;
    return c[0] ?? null;
  }),
  def('last', 1, 1, (args) => {
    const c = expectCollection('last', args, 0);
    if (c.length === 0) return typeof c === 'string' ? '' : null;
    return c[c.length - 1] ?? null;
  }),
  def('intersection', 2, Infinity, (args) => {
    if (Array.isArray(args[0])) {
      const lists = args.map((_, i) => expectArray('intersection', args, i));
      const out: Value[] = [];
      for (const v of lists[0]) {
        if (!includesValue(out, v) && lists.every((l) => includesValue(l, v))) out.push(v);
      }
      return out;
    }
    if (isObject(args[0])) {
      const objs = args.map((a, i) => {
        if (!isObject(a)) throw typeError('intersection', i, 'an object', a);
        return a;
      });
      const out: JsonObject = {};
      for (const k of Object.keys(objs[0])) {
        if (objs.every((o) => Object.prototype.hasOwnProperty.call(o, k) && strictEqual(o[k], objs[0][k])))
          out[k] = objs[0][k];
      }
      return out;
    }
    throw typeError('intersection', 0, 'an array or an object', args[0]);
  }),
  def('union', 2, Infinity, (args) => {
    if (Array.isArray(args[0])) {
      const out: Value[] = [];
      args.forEach((_, i) => {
        for (const v of expectArray('union', args, i)) if (!includesValue(out, v)) out.push(v);
      });
      return out;
    }
    if (isObject(args[0])) {
      const out: JsonObject = {};
      args.forEach((a, i) => {
        if (!isObject(a)) throw typeError('union', i, 'an object', a);
        for (const k of Object.keys(a)) out[k] = a[k];
      });
      return out;
    }
    throw typeError('union', 0, 'an array or an object', args[0]);
  }),
  def('join', 2, 2, (args) => {
    const list = expectArray('join', args, 0);
    const delimiter = args[1] === null ? '' : expectString('join', args, 1);
    return list.map((v) => toText(v)).join(delimiter);
  }),
  def('skip', 2, 2, (args) => {
    const c = expectCollection('skip', args, 0);
    const count = expectInt('skip', args, 1);
    if (count < 0) throw fnError('skip', 'expects its second parameter (the count) to be a non-negative integer.');
    return c.slice(count);
  }),
  def('take', 2, 2, (args) => {
    const c = expectCollection('take', args, 0);
    const count = expectInt('take', args, 1);
    if (count < 0) throw fnError('take', 'expects its second parameter (the count) to be a non-negative integer.');
    return c.slice(0, count);
  }),
  def('chunk', 2, 2, (args) => {
    const c = expectCollection('chunk', args, 0);
    const size = expectInt('chunk', args, 1);
    if (size <= 0) throw fnError('chunk', 'expects its second parameter (the chunk length) to be a positive integer.');
    const out: Value[] = [];
    for (let i = 0; i < c.length; i += size) out.push(c.slice(i, i + size));
    return out;
  }),
  def('reverse', 1, 1, (args) => [...expectArray('reverse', args, 0)].reverse()),
  def('sort', 1, 2, (args) => {
    const list = expectArray('sort', args, 0);
    if (args.length > 1 && args[1] !== null) {
      const key = expectString('sort', args, 1);
      const keyOf = (v: Value): Value => {
        if (!isObject(v))
          throw fnError('sort', `can only sort objects by the key '${key}'; found a value of type '${typeOf(v)}'.`);
        return v[key] ?? null;
      };
      return [...list].sort((a, b) => sortKey('sort', keyOf(a), keyOf(b)));
    }
    return [...list].sort((a, b) => sortKey('sort', a, b));
  }),
];
