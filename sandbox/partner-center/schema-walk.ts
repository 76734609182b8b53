import { isIsoCountry, isIsoCurrency } from '../../connector/model/iso';
import type { ObjectSchema, Schema } from '../../connector/model/schema-dsl';
import { badRequest } from './errors';

/**
 * Reads client JSON through the model's schema, the way the service's typed (.NET) model does:
 * property names match case-insensitively and come out camelCase, enum values match
 * case-insensitively and come out PascalCase, numeric strings become numbers ("10000" → 10000),
 * unknown properties are ignored. Wrong types, unknown enum values, non-UTC dates, non-ISO
 * countries/currencies and missing required parts are 400s naming the property.
 */
export interface ReadOptions {
  /**
   * Drop the referral's own read-only (server-set) properties: id, timestamps, eTag, trackingInfo...
   * Only at the top level: nested read-only values such as a solution's publisherName are sent by
   * Microsoft's own create sample (§3.2) and echoed.
   */
  stripReadOnly: boolean;
  /** Check `required` lists. */
  checkRequired: boolean;
}

const lowerNames = new WeakMap<ObjectSchema, Map<string, string>>();

function nameIndex(o: ObjectSchema): Map<string, string> {
  let index = lowerNames.get(o);
  if (!index) {
    index = new Map(Object.keys(o.properties).map((k) => [k.toLowerCase(), k]));
    lowerNames.set(o, index);
  }
  return index;
}

/** The canonical name of a property of `o` given in any casing, or undefined. */
export function canonicalProperty(o: ObjectSchema, name: string): string | undefined {
  return nameIndex(o).get(name.toLowerCase());
}

export function readObject(o: ObjectSchema, raw: unknown, path: string, options: ReadOptions): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw badRequest(`${label(path)} must be a JSON object (got ${describeType(raw)}).`, path || 'body');
  const out: Record<string, unknown> = {};
  const index = nameIndex(o);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = index.get(key.toLowerCase());
    if (name === undefined) continue;
    const schema = o.properties[name];
    if (options.stripReadOnly && 'readOnly' in schema && schema.readOnly) continue;
    const childPath = path ? `${path}.${name}` : name;
    if (name in out)
      throw badRequest(`${label(childPath)} is given twice (property names are case-insensitive).`, childPath);
    const read = readValue(
      schema,
      value,
      childPath,
      path === '' ? { ...options, stripReadOnly: false } : options,
      o.name,
      name,
    );
    if (read !== undefined && read !== null) out[name] = read;
  }
  if (options.checkRequired) {
    for (const req of o.required ?? []) {
      const v = out[req];
      if (v === undefined || v === null || v === '')
        throw badRequest(`${label(path ? `${path}.${req}` : req)} is required.`, path ? `${path}.${req}` : req);
    }
  }
  return out;
}

function readValue(
  s: Schema,
  value: unknown,
  path: string,
  options: ReadOptions,
  owner: string,
  name: string,
): unknown {
  if (value === null || value === undefined) return null;
  switch (s.kind) {
    case 'object':
      return readObject(s, value, path, options);
    case 'ref':
      return readObject(s.target, value, path, options);
    case 'any':
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw typeError(path, 'true or false', value);
      return value;
    case 'number':
    case 'integer': {
      let n: number;
      if (typeof value === 'number') n = value;
      else if (typeof value === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) n = Number(value);
      else throw typeError(path, s.kind === 'integer' ? 'a whole number' : 'a number', value);
      if (!Number.isFinite(n)) throw typeError(path, 'a finite number', value);
      if (s.kind === 'integer' && !Number.isInteger(n)) throw typeError(path, 'a whole number', value);
      return n;
    }
    case 'string':
      return readString(s, value, path, owner, name);
    case 'array': {
      if (!Array.isArray(value)) throw typeError(path, 'an array', value);
      if (s.maxItems !== undefined && value.length > s.maxItems)
        throw badRequest(`${label(path)} may hold at most ${s.maxItems} items (got ${value.length}).`, path);
      return value.map((item, i) => {
        const r = readValue(s.items, item, `${path}[${i}]`, options, owner, name);
        if (r === null) throw badRequest(`${label(`${path}[${i}]`)} must not be null.`, `${path}[${i}]`);
        return r;
      });
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw typeError(path, 'an object', value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (k === '__proto__') continue;
        out[k] = readValue(s.values, v, `${path}.${k}`, options, owner, name);
      }
      return out;
    }
  }
}

function readString(
  s: Extract<Schema, { kind: 'string' }>,
  value: unknown,
  path: string,
  owner: string,
  name: string,
): string {
  if (typeof value !== 'string') throw typeError(path, 'text', value);
  let text = value;
  if (s.enumValues) {
    const match = s.enumValues.find((e) => e.value.toLowerCase() === text.toLowerCase());
    if (match) text = match.value;
    else if (!s.openEnum)
      throw badRequest(
        `${label(path)} has the unknown value "${truncate(text)}"; allowed: ${s.enumValues.map((e) => e.value).join(', ')}.`,
        path,
      );
  }
  if (s.format === 'date-time') text = readUtcDateTime(text, path);
  if (s.maxLength !== undefined && text.length > s.maxLength)
    throw badRequest(`${label(path)} is longer than ${s.maxLength} characters.`, path);
  if (name === 'country' && owner === 'Address' && !isIsoCountry(text))
    throw badRequest(
      `${label(path)} must be an ISO 3166-1 alpha-2 country code in capitals, for example US (got "${truncate(text)}").`,
      path,
    );
  if (name === 'currency' && text !== '' && !isIsoCurrency(text))
    throw badRequest(
      `${label(path)} must be an ISO 4217 currency code in capitals, for example USD (got "${truncate(text)}").`,
      path,
    );
  if (s.pattern && !patternOf(s.pattern).test(text))
    throw badRequest(`${label(path)} does not match ${s.pattern} (got "${truncate(text)}").`, path);
  return text;
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source);
    patterns.set(source, re);
  }
  return re;
}

const UTC_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?(Z|[+-]00:00)$/;

/** A UTC ISO 8601 date-time (`Z` or `+00:00`); other offsets and date-only values are refused. */
export function readUtcDateTime(text: string, path: string): string {
  const m = UTC_DATE_TIME.exec(text);
  if (!m || !Number.isFinite(Date.parse(text)))
    throw badRequest(
      `${label(path)} must be a UTC date and time in ISO 8601, for example 2024-11-14T00:00:00Z (got "${truncate(text)}").`,
      path,
    );
  const [, y, mo, d, h, mi] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59)
    throw badRequest(`${label(path)} is not a real date and time (got "${truncate(text)}").`, path);
  return m[8] === 'Z' ? text : text.slice(0, text.length - 6) + 'Z';
}

/**
 * The full wire shape of a stored (sparse) object: every property present, unset scalars as null,
 * unset arrays as [], unset nested objects as objects of nulls (the service emits nulls, it does not
 * omit them, reference §4.2.1).
 */
export function densify(o: ObjectSchema, value: Record<string, unknown> | undefined): Record<string, unknown> {
  const plan = densePlan(o);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < plan.length; i++) {
    const step = plan[i];
    const v = value === undefined ? undefined : value[step.name];
    switch (step.kind) {
      case 'object':
        out[step.name] = densify(step.target as ObjectSchema, (v ?? undefined) as Record<string, unknown> | undefined);
        break;
      case 'objects':
        out[step.name] = Array.isArray(v)
          ? v.map((item) => densify(step.target as ObjectSchema, item as Record<string, unknown>))
          : [];
        break;
      case 'array':
        out[step.name] = Array.isArray(v) ? v : [];
        break;
      case 'map':
        out[step.name] = v ?? {};
        break;
      default:
        out[step.name] = v === undefined ? null : v;
    }
  }
  return out;
}

interface DenseStep {
  name: string;
  kind: 'object' | 'objects' | 'array' | 'map' | 'scalar';
  target?: ObjectSchema;
}

const densePlans = new WeakMap<ObjectSchema, DenseStep[]>();

/** Per object schema, once: how to fill each property (listing 10,000 referrals densifies 10,000 times). */
function densePlan(o: ObjectSchema): DenseStep[] {
  let plan = densePlans.get(o);
  if (plan) return plan;
  plan = Object.entries(o.properties).map(([name, s]): DenseStep => {
    const target = s.kind === 'ref' ? s.target : s.kind === 'object' ? s : undefined;
    if (target) return { name, kind: 'object', target };
    if (s.kind === 'array') {
      const item = s.items.kind === 'ref' ? s.items.target : s.items.kind === 'object' ? s.items : undefined;
      return item ? { name, kind: 'objects', target: item } : { name, kind: 'array' };
    }
    if (s.kind === 'map') return { name, kind: 'map' };
    return { name, kind: 'scalar' };
  });
  densePlans.set(o, plan);
  return plan;
}

/** What a path into the resource leads to, checked against the schema, with canonical casing. */
export interface ResolvedPath {
  segments: string[];
  schema: Schema;
  /** Some segment on the way is read-only (server-set). */
  readOnly: boolean;
  /** The first segment's canonical name. */
  root: string;
}

/**
 * Resolves a property path (`details/dealValue`, `team/-`, `registrations/0/contract/value`)
 * against the schema; returns an error text when a segment names nothing.
 */
export function resolvePath(root: ObjectSchema, segments: string[], allowIndexes: boolean): ResolvedPath | string {
  let current: Schema = root;
  let readOnly = false;
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (current.kind === 'ref') current = current.target;
    if (current.kind === 'object') {
      const name = canonicalProperty(current, seg);
      if (name === undefined) return `'${segments.slice(0, i + 1).join('/')}' is not a property of ${current.name}`;
      current = current.properties[name];
      if ('readOnly' in current && current.readOnly) readOnly = true;
      out.push(name);
      continue;
    }
    if (current.kind === 'array' && seg === '*') {
      current = current.items;
      out.push(seg);
      continue;
    }
    if (current.kind === 'array') {
      if (!allowIndexes || !(seg === '-' || /^\d+$/.test(seg)))
        return `'${segments.slice(0, i).join('/')}' is a collection; '${seg}' is not an index`;
      current = current.items;
      out.push(seg);
      continue;
    }
    if (current.kind === 'map' || current.kind === 'any') {
      out.push(...segments.slice(i));
      return { segments: out, schema: { kind: 'any', title: '', description: '' }, readOnly, root: out[0] };
    }
    return `'${segments.slice(0, i).join('/')}' has no property '${seg}'`;
  }
  if (current.kind === 'ref') current = current.target;
  return { segments: out, schema: current, readOnly, root: out[0] ?? '' };
}

function typeError(path: string, expected: string, value: unknown): ReturnType<typeof badRequest> {
  return badRequest(`${label(path)} must be ${expected} (got ${describeType(value)}).`, path);
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the text "${truncate(v)}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function label(path: string): string {
  return path ? `'${path}'` : 'The request body';
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Reads back only the given top-level properties of an already-valid document (the ones a patch
 * touched), keeping the others as they are, then checks the root's required list.
 */
export function readProperties(
  o: ObjectSchema,
  doc: Record<string, unknown>,
  names: Iterable<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  const options: ReadOptions = { stripReadOnly: false, checkRequired: true };
  for (const name of names) {
    const schema = o.properties[name];
    if (!schema) continue;
    const read = readValue(schema, doc[name], name, options, o.name, name);
    if (read === undefined || read === null) delete out[name];
    else out[name] = read;
  }
  for (const req of o.required ?? []) {
    const v = out[req];
    if (v === undefined || v === null || v === '') throw badRequest(`${label(req)} is required.`, req);
  }
  return out;
}

/**
 * Creates the empty objects and arrays a patch path passes through (stored documents are sparse;
 * the service's typed model always has them), following the resolved, canonical path.
 */
export function ensureParents(root: ObjectSchema, doc: Record<string, unknown>, canonicalPath: string[]): void {
  let container: unknown = doc;
  let schema: Schema = root;
  for (let i = 0; i < canonicalPath.length - 1; i++) {
    const seg = canonicalPath[i];
    if (schema.kind === 'ref') schema = schema.target;
    if (schema.kind === 'object') {
      const child: Schema | undefined = schema.properties[seg];
      if (!child || container === null || typeof container !== 'object' || Array.isArray(container)) return;
      const holder = container as Record<string, unknown>;
      if (holder[seg] === undefined || holder[seg] === null) {
        if (child.kind === 'ref' || child.kind === 'object' || child.kind === 'map') holder[seg] = {};
        else if (child.kind === 'array') holder[seg] = [];
        else return;
      }
      container = holder[seg];
      schema = child;
    } else if (schema.kind === 'array') {
      if (!Array.isArray(container) || !/^\d+$/.test(seg)) return;
      container = container[Number(seg)];
      schema = schema.items;
    } else return;
  }
}
