import { cloneValue, isObject, type JsonObject, type Value } from '../values';
import { def, expectString, fnError, typeError, type FunctionDef } from './types';

function expectObject(fn: string, args: Value[], i: number): JsonObject {
  const v = args[i];
  if (!isObject(v)) throw typeError(fn, i, 'an object', v);
  return v;
}

/** Shallow copy with one property set, keeping the original order (new properties go last). */
function withProperty(obj: JsonObject, name: string, value: Value): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) out[k] = obj[k];
  out[name] = cloneValue(value);
  return out;
}

export const MANIPULATION_FUNCTIONS: FunctionDef[] = [
  def('coalesce', 1, Infinity, (args) => {
    for (const a of args) if (a !== null && a !== undefined) return a;
    return null;
  }),
  def('addProperty', 3, 3, (args) => {
    const obj = expectObject('addProperty', args, 0);
    const name = expectString('addProperty', args, 1);
    if (Object.prototype.hasOwnProperty.call(obj, name)) {
      throw fnError('addProperty', `cannot add the property '${name}' because it already exists on the object.`);
    }
    return withProperty(obj, name, args[2]);
  }),
  def('setProperty', 3, 3, (args) => {
    const obj = expectObject('setProperty', args, 0);
    return withProperty(obj, expectString('setProperty', args, 1), args[2]);
  }),
  def('removeProperty', 2, 2, (args) => {
    const obj = expectObject('removeProperty', args, 0);
    const name = expectString('removeProperty', args, 1);
    const out: JsonObject = {};
    for (const k of Object.keys(obj)) if (k !== name) out[k] = obj[k];
    return out;
  }),
];

