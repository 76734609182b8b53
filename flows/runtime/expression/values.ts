/**
 * Runtime values of the expression language. JSON values plus three boxes that JavaScript numbers
 * cannot express: a Float whose value is integral (`4.0`, so `div(10, 4.0)` divides as floats), an
 * Integer beyond 2^53 (`bigint`, e.g. `ticks()`), and `decimal()` values. The boxes never leave the
 * evaluator: `toJsonValue` turns results back into plain JSON.
 */
import { Decimal } from './decimal';

/** A Float-typed number whose value happens to be integral. Non-integral floats are plain numbers. */
export class FloatBox {
  constructor(readonly value: number) {}
}

export type Value = null | boolean | number | bigint | string | FloatBox | Decimal | Value[] | { [key: string]: Value };
export type JsonObject = { [key: string]: Value };

export type TypeName = 'Null' | 'Boolean' | 'Integer' | 'Float' | 'Decimal' | 'String' | 'Array' | 'Object';

export function isObject(v: unknown): v is JsonObject {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof FloatBox) && !(v instanceof Decimal)
  );
}

export function typeOf(v: Value | undefined): TypeName {
  if (v === null || v === undefined) return 'Null';
  switch (typeof v) {
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(v) ? 'Integer' : 'Float';
    case 'bigint':
      return 'Integer';
    case 'string':
      return 'String';
    default:
      if (Array.isArray(v)) return 'Array';
      if (v instanceof FloatBox) return 'Float';
      if (v instanceof Decimal) return 'Decimal';
      return 'Object';
  }
}

export function isNumeric(v: Value | undefined): v is number | bigint | FloatBox | Decimal {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof FloatBox || v instanceof Decimal;
}

export function isInteger(v: Value | undefined): v is number | bigint {
  return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
}

/** A float result: boxed when integral so it stays a Float. */
export function makeFloat(n: number): number | FloatBox {
  return Number.isInteger(n) ? new FloatBox(n) : n;
}

/** An integer result: a plain number when it fits, a bigint otherwise. */
export function makeInt(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

export function toJsNumber(v: number | bigint | FloatBox | Decimal): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof FloatBox) return v.value;
  return v.toNumber();
}

/** Brings a host value (any JS) into the value domain: `undefined` becomes null. */
export function fromHost(v: unknown): Value {
  if (v === undefined) return null;
  return v as Value;
}

/** Deep conversion to plain JSON (numbers; bigints outside 2^53 become the nearest double). */
export function toJsonValue(v: unknown): unknown {
  if (v === null || v === undefined) return v === undefined ? null : v;
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'object':
      if (v instanceof FloatBox) return v.value;
      if (v instanceof Decimal) return v.toNumber();
      if (Array.isArray(v)) {
        let changed: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const c = toJsonValue(v[i]);
          if (c !== v[i] && !changed) changed = v.slice(0, i);
          if (changed) changed.push(c);
        }
        return changed ?? v;
      }
      {
        const obj = v as Record<string, unknown>;
        let changed: Record<string, unknown> | undefined;
        for (const k of Object.keys(obj)) {
          const c = toJsonValue(obj[k]);
          if (c !== obj[k] && !changed) {
            changed = {};
            for (const k2 of Object.keys(obj)) {
              if (k2 === k) break;
              changed[k2] = obj[k2];
            }
          }
          if (changed) changed[k] = c;
        }
        return changed ?? obj;
      }
    default:
      return null;
  }
}

/** .NET `double.ToString()` (shortest round-trip; scientific from 1E+15 up and from 1E-05 down). */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '∞';
  if (n === -Infinity) return '-∞';
  if (n === 0) return '0';
  const sign = n < 0 ? '-' : '';
  const [mant, expText] = Math.abs(n).toExponential().split('e');
  const exp = Number(expText);
  const digits = mant.replace('.', '');
  if (exp >= 15 || exp < -4) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${m}E${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function jsonString(s: string): string {
  return JSON.stringify(s);
}

/** Compact JSON text as the runtime writes it (`{"a":1}`), floats with a fraction (`2.0`). */
export function toJsonText(v: Value | undefined): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : formatDouble(v)) : jsonString(formatDouble(v));
    case 'bigint':
      return v.toString();
    default:
      if (v instanceof FloatBox)
        return Number.isFinite(v.value)
          ? `${formatDouble(v.value)}${/[.E]/.test(formatDouble(v.value)) ? '' : '.0'}`
          : jsonString(formatDouble(v.value));
      if (v instanceof Decimal) return v.toString();
      if (Array.isArray(v)) return `[${v.map((x) => toJsonText(x)).join(',')}]`;
      return `{${Object.keys(v)
        .map((k) => `${jsonString(k)}:${toJsonText((v as JsonObject)[k])}`)
        .join(',')}}`;
  }
}

/** The text of a value where a string is needed (`string()`, `concat()`, `join()`, `@{...}`). */
export function toText(v: Value | undefined): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'True' : 'False';
    case 'number':
      return Number.isInteger(v) ? String(v) : formatDouble(v);
    case 'bigint':
      return v.toString();
    default:
      if (v instanceof FloatBox) return formatDouble(v.value);
      if (v instanceof Decimal) return v.toString();
      // Binary content is decoded where text is needed (the runtime's implicit base64 decoding).
      if (isBinaryContent(v)) return Buffer.from(v.$content, 'base64').toString('utf8');
      return toJsonText(v);
  }
}

/** Numeric comparison across Integer, Float and Decimal. */
export function compareNumbers(
  a: number | bigint | FloatBox | Decimal,
  b: number | bigint | FloatBox | Decimal,
): number {
  if (a instanceof Decimal || b instanceof Decimal) return Decimal.from(a).compare(Decimal.from(b));
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const an = toJsNumber(a);
    const bn = toJsNumber(b);
    if (Number.isInteger(an) && Number.isInteger(bn)) {
      const ab = typeof a === 'bigint' ? a : BigInt(an);
      const bb = typeof b === 'bigint' ? b : BigInt(bn);
      return ab < bb ? -1 : ab > bb ? 1 : 0;
    }
    return an < bn ? -1 : an > bn ? 1 : 0;
  }
  const an = toJsNumber(a);
  const bn = toJsNumber(b);
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/**
 * `equals` semantics: numbers by value across Integer/Float/Decimal, Booleans equal to 1/0, null equal to
 * the empty string (logical comparisons treat null as ''), arrays and objects by value.
 */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a === null) return b === '';
  if (b === null) return a === '';
  if (isNumeric(a)) {
    if (isNumeric(b)) return compareNumbers(a, b) === 0;
    if (typeof b === 'boolean') return compareNumbers(a, b ? 1 : 0) === 0;
    return false;
  }
  if (typeof a === 'boolean') {
    if (isNumeric(b)) return compareNumbers(b, a ? 1 : 0) === 0;
    return false;
  }
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k) || !valuesEqual(a[k], b[k])) return false;
    }
    return true;
  }
  return false;
}

/** Deep copy of an object or array, so manipulation functions never mutate host data. */
export function cloneValue<T extends Value>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => cloneValue(x)) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v)) out[k] = cloneValue(v[k]);
    return out as T;
  }
  return v;
}

/** Binary content as the runtime represents it between actions. */
export interface BinaryContent {
  '$content-type': string;
  $content: string;
}

export function isBinaryContent(v: Value | undefined): v is JsonObject & { $content: string } {
  return isObject(v) && typeof v['$content'] === 'string' && Object.prototype.hasOwnProperty.call(v, '$content-type');
}

export function binaryContent(bytes: Buffer, contentType = 'application/octet-stream'): JsonObject {
  return { '$content-type': contentType, $content: bytes.toString('base64') };
}

/** Equality for membership (contains, union, intersection): like `equals` but null only equals null. */
export function strictEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return valuesEqual(a, b);
}
