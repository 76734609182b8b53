import { collectObjects, type ObjectSchema, toSwaggerDefinition, toSwaggerSchema } from '../model';
import type { Schema } from '../model';

/**
 * Small helpers to declare connector operations in Swagger 2.0 with Power Platform's extensions,
 * so each operation reads like a table row and the definitions section is derived from the model.
 */

export type Json = Record<string, unknown>;

export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  type: 'string' | 'integer' | 'boolean';
  summary: string;
  description: string;
  required?: boolean;
  visibility?: 'important' | 'advanced' | 'internal';
  default?: string | number | boolean;
  enumValues?: { value: string; displayName: string }[];
  format?: string;
}

export function param(p: ParamSpec): Json {
  const out: Json = {
    name: p.name,
    in: p.in,
    type: p.type,
    required: p.required ?? p.in === 'path',
    description: p.description,
    'x-ms-summary': p.summary,
  };
  if (p.format) out.format = p.format;
  if (p.visibility) out['x-ms-visibility'] = p.visibility;
  if (p.default !== undefined) out.default = p.default;
  if (p.in === 'path') out['x-ms-url-encoding'] = 'single';
  if (p.enumValues) {
    out.enum = p.enumValues.map((e) => e.value);
    out['x-ms-enum-values'] = p.enumValues;
  }
  return out;
}

export function bodyParam(summary: string, description: string, schema: Json): Json {
  return { name: 'body', in: 'body', required: true, description, 'x-ms-summary': summary, schema };
}

export function arrayOf(o: ObjectSchema): Json {
  return { type: 'array', items: toSwaggerSchema(o) };
}

export function refTo(o: ObjectSchema | Schema): Json {
  return toSwaggerSchema(o);
}

export interface OperationSpec {
  operationId: string;
  summary: string;
  description: string;
  parameters: Json[];
  responses: Json;
  visibility?: 'important' | 'advanced' | 'internal';
  extra?: Json;
}

export function operation(spec: OperationSpec): Json {
  const out: Json = {
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    parameters: spec.parameters,
    responses: spec.responses,
  };
  if (spec.visibility) out['x-ms-visibility'] = spec.visibility;
  return { ...out, ...spec.extra };
}

/** `definitions` for every named object reachable from the roots, sorted by name. */
export function definitionsFor(roots: ObjectSchema[]): Json {
  const defs: Json = {};
  for (const o of collectObjects(roots)) {
    const def = toSwaggerDefinition(o);
    if (o.required && o.required.length > 0) def.required = [...o.required];
    defs[o.name] = def;
  }
  return defs;
}

export function oauthSecurity(): Json {
  return {
    securityDefinitions: {
      oauth2_auth: {
        type: 'oauth2',
        flow: 'accessCode',
        authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/authorize',
        tokenUrl: 'https://login.microsoftonline.com/common/oauth2/token',
        scopes: {},
      },
    },
    security: [{ oauth2_auth: [] }],
  };
}

export const errorResponses = (errorSchema: Json): Json => ({
  default: { description: 'The service answered with an error.', schema: errorSchema },
});
