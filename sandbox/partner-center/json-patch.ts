import { badRequest } from './errors';

/** One RFC 6902 operation as Partner Center accepts it: only `add` and `replace` (reference §3.5). */
export interface PatchOperation {
  op: 'add' | 'replace';
  /** Decoded JSON Pointer segments; `-` appends to an array. */
  path: string[];
  /** The pointer as sent, for messages. */
  pointer: string;
  value: unknown;
}

/** Checks the shape of a JSON Patch document and returns its operations; 400 on anything else. */
export function parsePatchDocument(body: unknown): PatchOperation[] {
  if (!Array.isArray(body))
    throw badRequest(
      'The request body must be a JSON Patch document: an array of {"op","path","value"} objects.',
      'body',
    );
  if (body.length > 1000) throw badRequest('A JSON Patch document may hold at most 1000 operations.', 'body');
  return body.map((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw badRequest(`Operation ${i} must be an object with "op", "path" and "value".`, `[${i}]`);
    const entries = Object.entries(raw as Record<string, unknown>);
    const field = (name: string): unknown => entries.find(([k]) => k.toLowerCase() === name)?.[1];
    const op = field('op');
    const path = field('path');
    const hasValue = entries.some(([k]) => k.toLowerCase() === 'value');
    if (typeof op !== 'string') throw badRequest(`Operation ${i}: "op" is required and must be a string.`, `[${i}].op`);
    const opName = op.toLowerCase();
    if (opName !== 'add' && opName !== 'replace')
      throw badRequest(
        `Operation ${i}: op "${op}" is not supported; the API currently only supports the replace and add operations.`,
        `[${i}].op`,
      );
    if (typeof path !== 'string')
      throw badRequest(`Operation ${i}: "path" is required and must be a string.`, `[${i}].path`);
    if (!hasValue) throw badRequest(`Operation ${i}: "value" is required for ${opName}.`, `[${i}].value`);
    return { op: opName, path: decodePointer(path, i), pointer: path, value: field('value') };
  });
}

export function decodePointer(pointer: string, index = 0): string[] {
  if (pointer === '' || !pointer.startsWith('/'))
    throw badRequest(
      `Operation ${index}: path "${pointer}" must be a JSON Pointer starting with "/".`,
      `[${index}].path`,
    );
  return pointer
    .slice(1)
    .split('/')
    .map((s) => {
      if (/~[^01]|~$/.test(s))
        throw badRequest(`Operation ${index}: path "${pointer}" has an invalid "~" escape.`, `[${index}].path`);
      const seg = s.replace(/~1/g, '/').replace(/~0/g, '~');
      if (seg === '__proto__' || seg === 'constructor' || seg === 'prototype')
        throw badRequest(`Operation ${index}: path "${pointer}" names no property of a referral.`, `[${index}].path`);
      return seg;
    });
}

/** Finds the key of `obj` matching `name` exactly, else case-insensitively (input casing is free). */
export function matchKey(obj: Record<string, unknown>, name: string): string {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return k;
  return name;
}

/**
 * Applies the operations to `doc` in place (callers pass a copy and keep the original if this
 * throws, so a failing patch changes nothing). `replace` of an absent object member sets it, as the
 * service's typed model has every member; missing parents and bad array indexes are 400s.
 */
export function applyPatch(doc: Record<string, unknown>, ops: PatchOperation[]): void {
  ops.forEach((op, i) => {
    if (op.path.length === 0) throw badRequest(`Operation ${i}: the whole document cannot be replaced.`, op.pointer);
    let parent: unknown = doc;
    for (let s = 0; s < op.path.length - 1; s++) {
      parent = step(parent, op.path[s], op, i);
      if (parent === null || typeof parent !== 'object')
        throw badRequest(
          `Operation ${i}: path "${op.pointer}" does not exist (${op.path.slice(0, s + 1).join('/')} is empty).`,
          op.pointer,
        );
    }
    const last = op.path[op.path.length - 1];
    const value = cloneJson(op.value);
    if (Array.isArray(parent)) {
      if (last === '-') {
        if (op.op !== 'add') throw badRequest(`Operation ${i}: "-" (append) is only valid with add.`, op.pointer);
        parent.push(value);
        return;
      }
      const index = arrayIndex(last, op, i);
      if (op.op === 'add') {
        if (index > parent.length)
          throw badRequest(`Operation ${i}: index ${index} is past the end of ${op.pointer}.`, op.pointer);
        parent.splice(index, 0, value);
      } else {
        if (index >= parent.length)
          throw badRequest(`Operation ${i}: no element ${index} to replace at ${op.pointer}.`, op.pointer);
        parent[index] = value;
      }
      return;
    }
    const obj = parent as Record<string, unknown>;
    obj[matchKey(obj, last)] = value;
  });
}

function step(container: unknown, segment: string, op: PatchOperation, i: number): unknown {
  if (Array.isArray(container)) {
    if (segment === '-') throw badRequest(`Operation ${i}: "-" may only be the last segment of a path.`, op.pointer);
    const index = arrayIndex(segment, op, i);
    if (index >= container.length) throw badRequest(`Operation ${i}: path "${op.pointer}" does not exist.`, op.pointer);
    return container[index];
  }
  const obj = container as Record<string, unknown>;
  const key = matchKey(obj, segment);
  if (!Object.prototype.hasOwnProperty.call(obj, key))
    throw badRequest(`Operation ${i}: path "${op.pointer}" does not exist.`, op.pointer);
  return obj[key];
}

function arrayIndex(segment: string, op: PatchOperation, i: number): number {
  if (!/^(0|[1-9]\d{0,6})$/.test(segment))
    throw badRequest(`Operation ${i}: "${segment}" is not an array index in ${op.pointer}.`, op.pointer);
  return Number(segment);
}

export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
