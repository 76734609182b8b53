import type { ObjectSchema, Schema } from './schema-dsl';

type Json = Record<string, unknown>;

/** Swagger 2.0 schema for a property or object; named objects become `$ref`s to `#/definitions/<name>`. */
export function toSwaggerSchema(s: Schema): Json {
  switch (s.kind) {
    case 'object':
      return { $ref: `#/definitions/${s.name}` };
    case 'ref':
      return { $ref: `#/definitions/${s.target.name}` };
    default:
      return withCommon(s, scalarOrCollection(s, toSwaggerSchema, true));
  }
}

/** The `definitions` entry of a named object. */
export function toSwaggerDefinition(o: ObjectSchema): Json {
  const properties: Json = {};
  for (const [name, p] of Object.entries(o.properties)) {
    // Swagger 2.0 forbids siblings next to $ref, so a referenced object's label is lost there; Power
    // Automate then shows the target's own description, which is fine.
    properties[name] = toSwaggerSchema(p);
  }
  return { type: 'object', description: o.description, properties };
}

function withCommon(s: Exclude<Schema, ObjectSchema>, base: Json): Json {
  const out: Json = { ...base, description: s.description, 'x-ms-summary': s.title, title: s.title };
  if (s.readOnly) out.readOnly = true;
  if (s.visibility) out['x-ms-visibility'] = s.visibility;
  return out;
}

function scalarOrCollection(s: Exclude<Schema, ObjectSchema>, recurse: (s: Schema) => Json, swagger: boolean): Json {
  switch (s.kind) {
    case 'string': {
      const out: Json = { type: 'string' };
      if (s.format) out.format = s.format;
      if (s.maxLength !== undefined) out.maxLength = s.maxLength;
      if (s.enumValues && !s.openEnum) out.enum = s.enumValues.map((v) => v.value);
      if (s.enumValues && swagger) {
        out['x-ms-enum-values'] = s.enumValues.map((v) => ({ value: v.value, displayName: v.displayName }));
      }
      return out;
    }
    case 'number':
      return { type: 'number', format: s.format ?? 'double' };
    case 'integer':
      return { type: 'integer', format: 'int64' };
    case 'boolean':
      return { type: 'boolean' };
    case 'any':
      return {};
    case 'array': {
      const out: Json = { type: 'array', items: recurse(s.items) };
      if (s.maxItems !== undefined) out.maxItems = s.maxItems;
      return out;
    }
    case 'map':
      return { type: 'object', additionalProperties: recurse(s.values) };
    case 'ref':
      return recurse(s.target);
  }
}

/**
 * JSON Schema (draft-07) of an object and everything it references, for validating what the
 * sandbox stores and returns. `strict` adds formats, patterns and closed enums; nulls stay allowed
 * where the service emits them.
 */
export function toJsonSchema(root: ObjectSchema): Json {
  const definitions: Json = {};
  const visit = (s: Schema): Json => {
    switch (s.kind) {
      case 'object': {
        if (!(s.name in definitions)) {
          definitions[s.name] = {}; // reserve against cycles
          const properties: Json = {};
          for (const [name, p] of Object.entries(s.properties)) properties[name] = visit(p);
          definitions[s.name] = { type: 'object', description: s.description, properties };
        }
        return { $ref: `#/definitions/${s.name}` };
      }
      case 'ref': {
        const target = visit(s.target);
        return s.nullable ? { anyOf: [target, { type: 'null' }] } : target;
      }
      default: {
        const base = scalarOrCollection(s, visit, false);
        if (s.kind === 'string' && s.pattern) base.pattern = s.pattern;
        if (s.nullable && base.type !== undefined) base.type = [base.type as string, 'null'];
        if (s.nullable && Array.isArray(base.enum)) base.enum = [...(base.enum as unknown[]), null];
        return base;
      }
    }
  };
  const ref = visit(root);
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...ref, definitions };
}
