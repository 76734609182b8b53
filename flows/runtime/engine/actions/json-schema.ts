import Ajv, { type ValidateFunction } from 'ajv';

/**
 * JSON-schema validation for ParseJson and Request trigger bodies. Power Automate schemas carry
 * designer keywords (`x-ms-dynamically-added`, `title`, `x-ms-content-hint`), so unknown keywords
 * are ignored rather than rejected.
 */
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
/**
 * Compiled validators by schema text: evaluated inputs are fresh objects on every run, so an identity
 * cache would recompile each time. Bounded so generated schemas cannot grow it without limit.
 */
const cache = new Map<string, ValidateFunction | string>();
const CACHE_LIMIT = 500;

export interface SchemaIssue {
  path: string;
  message: string;
}

/** Validates `value`; `[]` when valid. A schema that does not compile gives one issue at path '$schema'. */
export function validateAgainstSchema(schema: unknown, value: unknown): SchemaIssue[] {
  if (schema === undefined || schema === null) return [];
  if (typeof schema !== 'object') return [{ path: '$schema', message: 'The schema must be a JSON object.' }];
  const key = JSON.stringify(schema);
  let validator = cache.get(key);
  if (validator === undefined) {
    try {
      validator = ajv.compile(JSON.parse(key) as object);
    } catch (e) {
      validator = `The schema is not valid: ${(e as Error).message}`;
    }
    // ajv keeps its own reference to every compiled schema; drop ours and its together when full.
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
      ajv.removeSchema();
    }
    cache.set(key, validator);
  }
  if (typeof validator === 'string') return [{ path: '$schema', message: validator }];
  if (validator(value)) return [];
  return (validator.errors ?? []).map((e) => ({
    path: e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : '',
    message: describe(e.keyword, e.params as Record<string, unknown>, e.message ?? 'is invalid', value, e.instancePath),
  }));
}

function describe(
  keyword: string,
  params: Record<string, unknown>,
  fallback: string,
  root: unknown,
  pointer: string,
): string {
  if (keyword === 'type') {
    const actual = valueAt(root, pointer);
    return `Invalid type. Expected ${capitalize(String(params.type))} but got ${jsonType(actual)}.`;
  }
  if (keyword === 'required') return `Required properties are missing from object: ${String(params.missingProperty)}.`;
  if (keyword === 'enum')
    return `Value does not match any of the allowed values: ${JSON.stringify(params.allowedValues)}.`;
  return fallback.charAt(0).toUpperCase() + fallback.slice(1) + '.';
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return cur;
}

function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'Null';
  if (Array.isArray(v)) return 'Array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  return capitalize(typeof v);
}

function capitalize(s: string): string {
  return s
    .split(',')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join(', ');
}
