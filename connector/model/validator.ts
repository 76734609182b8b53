import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toJsonSchema } from './emit';
import type { ObjectSchema } from './schema-dsl';

/**
 * Compiled JSON Schema validators for model objects (formats included), shared by the sandbox and
 * the contract tests so both judge payloads the same way.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const cache = new Map<ObjectSchema, ValidateFunction>();

export function validatorFor(o: ObjectSchema): ValidateFunction {
  let v = cache.get(o);
  if (!v) {
    v = ajv.compile(toJsonSchema(o));
    cache.set(o, v);
  }
  return v;
}

/** Human-readable list of what failed, e.g. `/details/currency must match pattern "^[A-Z]{3}$"`. */
export function describeErrors(v: ValidateFunction): string[] {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
