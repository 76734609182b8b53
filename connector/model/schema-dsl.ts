/**
 * A small schema language for the Partner Center model. Each property is declared once here and
 * turned into (a) TypeScript types by inference (`Infer`), (b) Swagger 2.0 definitions for the
 * connectors and (c) JSON Schema for the sandbox's validation. Keeping one description of the data
 * is what lets the connector, the sandbox and the mapping agree.
 */

export type Visibility = 'important' | 'advanced' | 'internal';

interface Common {
  /** Short label shown in Power Automate (x-ms-summary). */
  title: string;
  description: string;
  readOnly?: boolean;
  visibility?: Visibility;
  /** The service emits null for this property when unset. */
  nullable?: boolean;
}

export interface EnumValue<V extends string = string> {
  value: V;
  displayName: string;
  description?: string;
}

export interface StringSchema<V extends string = string> extends Common {
  kind: 'string';
  format?: 'date-time' | 'uuid' | 'email' | 'uri';
  enumValues?: readonly EnumValue<V>[];
  /** A lenient enum: the service may send values beyond the documented ones. */
  openEnum?: boolean;
  maxLength?: number;
  pattern?: string;
}
export interface NumberSchema extends Common {
  kind: 'number';
  format?: 'double' | 'float';
}
export interface IntegerSchema extends Common {
  kind: 'integer';
}
export interface BooleanSchema extends Common {
  kind: 'boolean';
}
/** Any JSON value (a JSON Patch value): no type on the wire. */
export interface AnySchema extends Common {
  kind: 'any';
}
export interface ArraySchema<I extends Schema = Schema> extends Common {
  kind: 'array';
  items: I;
  maxItems?: number;
}
export interface MapSchema<V extends Schema = Schema> extends Common {
  kind: 'map';
  values: V;
}
export interface ObjectSchema<P extends Record<string, Schema> = Record<string, Schema>> {
  kind: 'object';
  /** Definition name in Swagger / JSON Schema. */
  name: string;
  description: string;
  properties: P;
  /** Required when a client creates the object (the sandbox checks; the connector marks). */
  required?: readonly string[];
}
/** A property whose value is a named object; carries its own title and description. */
export interface RefSchema<O extends ObjectSchema = ObjectSchema> extends Common {
  kind: 'ref';
  target: O;
}

export type Schema =
  | StringSchema
  | NumberSchema
  | IntegerSchema
  | BooleanSchema
  | AnySchema
  | ArraySchema
  | MapSchema
  | RefSchema
  | ObjectSchema;

type Opts<T> = Omit<T, 'kind' | 'title' | 'description'>;

export function str(title: string, description: string, opts: Opts<StringSchema> = {}): StringSchema {
  return { kind: 'string', title, description, ...opts };
}
export function enumOf<V extends string>(
  title: string,
  description: string,
  values: readonly EnumValue<V>[],
  opts: Opts<Omit<StringSchema<V>, 'enumValues'>> = {},
): StringSchema<V> {
  return { kind: 'string', title, description, enumValues: values, ...opts };
}
export function num(title: string, description: string, opts: Opts<NumberSchema> = {}): NumberSchema {
  return { kind: 'number', title, description, format: 'double', ...opts };
}
export function int(title: string, description: string, opts: Opts<IntegerSchema> = {}): IntegerSchema {
  return { kind: 'integer', title, description, ...opts };
}
export function bool(title: string, description: string, opts: Opts<BooleanSchema> = {}): BooleanSchema {
  return { kind: 'boolean', title, description, ...opts };
}
export function anyValue(title: string, description: string, opts: Opts<AnySchema> = {}): AnySchema {
  return { kind: 'any', title, description, ...opts };
}
export function arr<I extends Schema>(
  title: string,
  description: string,
  items: I,
  opts: Opts<Omit<ArraySchema<I>, 'items'>> = {},
): ArraySchema<I> {
  return { kind: 'array', title, description, items, ...opts };
}
export function map<V extends Schema>(
  title: string,
  description: string,
  values: V,
  opts: Opts<Omit<MapSchema<V>, 'values'>> = {},
): MapSchema<V> {
  return { kind: 'map', title, description, values, ...opts };
}
export function obj<P extends Record<string, Schema>>(
  name: string,
  description: string,
  properties: P,
  required?: readonly (keyof P & string)[],
): ObjectSchema<P> {
  return { kind: 'object', name, description, properties, required };
}
export function ref<O extends ObjectSchema>(
  title: string,
  description: string,
  target: O,
  opts: Opts<Omit<RefSchema<O>, 'target'>> = {},
): RefSchema<O> {
  return { kind: 'ref', title, description, target, ...opts };
}

/** TypeScript type of a value described by a schema. Every property is optional and may be null, as on the wire. */
export type Infer<S> =
  S extends StringSchema<infer V>
    ? string extends V
      ? string
      : V
    : S extends NumberSchema | IntegerSchema
      ? number
      : S extends BooleanSchema
        ? boolean
        : S extends AnySchema
          ? unknown
          : S extends ArraySchema<infer I>
            ? Infer<I>[]
            : S extends MapSchema<infer V>
              ? Record<string, Infer<V>>
              : S extends RefSchema<infer O>
                ? Infer<O>
                : S extends ObjectSchema<infer P>
                  ? { [K in keyof P]?: Infer<P[K]> | null }
                  : never;

/** Every named object reachable from the given roots, each once, in a stable order (by name). */
export function collectObjects(roots: readonly ObjectSchema[]): ObjectSchema[] {
  const seen = new Map<string, ObjectSchema>();
  const visit = (s: Schema): void => {
    switch (s.kind) {
      case 'object':
        if (seen.has(s.name)) {
          if (seen.get(s.name) !== s) throw new Error(`Two different objects are named ${s.name}.`);
          return;
        }
        seen.set(s.name, s);
        for (const p of Object.values(s.properties)) visit(p);
        return;
      case 'ref':
        return visit(s.target);
      case 'array':
        return visit(s.items);
      case 'map':
        return visit(s.values);
      default:
        return;
    }
  };
  roots.forEach(visit);
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}
