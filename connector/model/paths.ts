import type { ObjectSchema, Schema } from './schema-dsl';

/**
 * Resolves a slash path such as `details/dealValue` or `customerProfile/address/country` against a
 * model object, so the field mapping can refuse a Partner Center path that isn't in the model.
 * Array steps are crossed implicitly (`team/email` reads each member's email).
 */
export function resolveModelPath(root: ObjectSchema, path: string): Schema | undefined {
  let current: Schema = root;
  for (const step of path.split('/')) {
    current = unwrap(current);
    if (current.kind !== 'object') return undefined;
    const next: Schema | undefined = Object.prototype.hasOwnProperty.call(current.properties, step)
      ? current.properties[step]
      : undefined;
    if (!next) return undefined;
    current = next;
  }
  return current;
}

function unwrap(s: Schema): Schema {
  let current = s;
  for (;;) {
    if (current.kind === 'ref') current = current.target;
    else if (current.kind === 'array') current = current.items;
    else return current;
  }
}

/** Every leaf path of a model object, for error messages that list what is allowed. */
export function leafPaths(root: ObjectSchema, prefix = '', depth = 0): string[] {
  if (depth > 8) return [];
  const out: string[] = [];
  for (const [name, schema] of Object.entries(root.properties)) {
    const s = unwrap(schema);
    const path = prefix ? `${prefix}/${name}` : name;
    if (s.kind === 'object') out.push(...leafPaths(s, path, depth + 1));
    else out.push(path);
  }
  return out;
}
