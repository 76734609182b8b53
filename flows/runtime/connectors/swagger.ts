/**
 * Just enough of OpenAPI 2.0 (Swagger) to build requests for a custom connector operation, with
 * the Power Platform extensions that change what goes on the wire.
 */
export interface SwaggerParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required?: boolean;
  type?: string;
  default?: unknown;
  schema?: SwaggerSchema;
  collectionFormat?: 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';
  'x-ms-visibility'?: 'important' | 'advanced' | 'internal' | '';
  'x-ms-url-encoding'?: 'single' | 'double';
  $ref?: string;
}

export interface SwaggerSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, SwaggerSchema>;
  items?: SwaggerSchema;
  required?: string[];
  default?: unknown;
  'x-ms-visibility'?: string;
  [key: string]: unknown;
}

export interface SwaggerOperation {
  operationId?: string;
  parameters?: SwaggerParameter[];
  consumes?: string[];
  produces?: string[];
  'x-ms-trigger'?: string;
  [key: string]: unknown;
}

export interface SwaggerDocument {
  swagger?: string;
  host?: string;
  basePath?: string;
  schemes?: string[];
  consumes?: string[];
  produces?: string[];
  paths?: Record<string, Record<string, SwaggerOperation | SwaggerParameter[]>>;
  parameters?: Record<string, SwaggerParameter>;
  definitions?: Record<string, SwaggerSchema>;
  [key: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

export interface FoundOperation {
  method: string;
  path: string;
  operation: SwaggerOperation;
  /** Path-level and operation-level parameters with `$ref`s resolved; operation-level wins by name+in. */
  parameters: SwaggerParameter[];
}

/** Every operationId the document defines. */
export function operationIds(doc: SwaggerDocument): string[] {
  const ids: string[] = [];
  for (const item of Object.values(doc.paths ?? {})) {
    for (const m of METHODS) {
      const op = item?.[m] as SwaggerOperation | undefined;
      if (op && typeof op.operationId === 'string') ids.push(op.operationId);
    }
  }
  return ids;
}

export function findOperation(doc: SwaggerDocument, operationId: string): FoundOperation | undefined {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== 'object') continue;
    for (const m of METHODS) {
      const op = item[m] as SwaggerOperation | undefined;
      if (!op || op.operationId !== operationId) continue;
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      const own = Array.isArray(op.parameters) ? op.parameters : [];
      const byKey = new Map<string, SwaggerParameter>();
      for (const p of [...shared, ...own]) {
        const resolved = resolveParameter(doc, p);
        if (resolved) byKey.set(`${resolved.in}:${resolved.name}`, resolved);
      }
      return { method: m.toUpperCase(), path, operation: op, parameters: [...byKey.values()] };
    }
  }
  return undefined;
}

function resolveParameter(doc: SwaggerDocument, p: SwaggerParameter): SwaggerParameter | undefined {
  if (p && typeof p.$ref === 'string') {
    const m = /^#\/parameters\/(.+)$/.exec(p.$ref);
    return m ? doc.parameters?.[decodePointer(m[1])] : undefined;
  }
  return p && typeof p.name === 'string' ? p : undefined;
}

export function resolveSchema(
  doc: SwaggerDocument,
  schema: SwaggerSchema | undefined,
  depth = 0,
): SwaggerSchema | undefined {
  if (!schema || depth > 32) return schema;
  if (typeof schema.$ref === 'string') {
    const m = /^#\/definitions\/(.+)$/.exec(schema.$ref);
    return m ? resolveSchema(doc, doc.definitions?.[decodePointer(m[1])], depth + 1) : undefined;
  }
  return schema;
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
