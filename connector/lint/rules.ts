/**
 * Our connector lint: the rules Power Platform's certification and our own standards ask of a
 * connector definition, as pure functions over the Swagger document. Each finding names the rule
 * and the JSON path of the fault.
 */

export interface Finding {
  rule: string;
  path: string;
  message: string;
}

type Json = Record<string, unknown>;
type Rule = { name: string; check(doc: Json): Finding[] };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const VISIBILITY = new Set(['', 'important', 'advanced', 'internal']);

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function pointer(...parts: (string | number)[]): string {
  return '/' + parts.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

interface Op {
  path: string;
  method: string;
  op: Json;
  at: string;
}

function operations(doc: Json): Op[] {
  const out: Op[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) out.push({ path, method, op, at: pointer('paths', path, method) });
    }
  }
  return out;
}

function resolve(doc: Json, schema: unknown): unknown {
  let current = schema;
  for (let depth = 0; depth < 20 && isObject(current) && typeof current.$ref === 'string'; depth++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = doc;
    for (const part of ref.slice(2).split('/'))
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    current = target;
  }
  return current;
}

/** Walks every JSON value with its pointer. */
function walk(value: unknown, at: string, visit: (v: unknown, at: string) => void): void {
  visit(value, at);
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}/${i}`, visit));
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) walk(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
}

export const RULES: readonly Rule[] = [
  {
    name: 'required-top-level',
    check(doc) {
      const findings: Finding[] = [];
      if (doc.swagger !== '2.0')
        findings.push({ rule: 'required-top-level', path: '/swagger', message: 'swagger must be "2.0".' });
      if (typeof doc.host !== 'string' || doc.host === '')
        findings.push({ rule: 'required-top-level', path: '/host', message: 'host is missing.' });
      if (typeof doc.basePath !== 'string' || !doc.basePath.startsWith('/'))
        findings.push({
          rule: 'required-top-level',
          path: '/basePath',
          message: 'basePath is missing or does not start with "/".',
        });
      if (!Array.isArray(doc.schemes) || doc.schemes.length === 0 || doc.schemes.some((s) => s !== 'https'))
        findings.push({ rule: 'required-top-level', path: '/schemes', message: 'schemes must be ["https"].' });
      if (!isObject(doc.securityDefinitions) || Object.keys(doc.securityDefinitions).length === 0)
        findings.push({
          rule: 'required-top-level',
          path: '/securityDefinitions',
          message: 'securityDefinitions is missing.',
        });
      return findings;
    },
  },
  {
    name: 'oauth-only',
    check(doc) {
      const defs = isObject(doc.securityDefinitions) ? doc.securityDefinitions : {};
      return Object.entries(defs)
        .filter(([, d]) => !isObject(d) || d.type !== 'oauth2')
        .map(([name]) => ({
          rule: 'oauth-only',
          path: pointer('securityDefinitions', name),
          message: 'only OAuth 2.0 security is allowed (no API keys or basic auth).',
        }));
    },
  },
  {
    name: 'unique-operation-ids',
    check(doc) {
      const seen = new Map<string, string>();
      const findings: Finding[] = [];
      for (const { op, at } of operations(doc)) {
        const id = op.operationId;
        if (typeof id !== 'string' || id === '') {
          findings.push({ rule: 'unique-operation-ids', path: at, message: 'operation has no operationId.' });
        } else if (seen.has(id)) {
          findings.push({
            rule: 'unique-operation-ids',
            path: `${at}/operationId`,
            message: `operationId "${id}" is also used at ${seen.get(id)}.`,
          });
        } else seen.set(id, at);
      }
      return findings;
    },
  },
  {
    name: 'summary',
    check(doc) {
      const findings: Finding[] = [];
      for (const { op, at } of operations(doc)) {
        const s = op.summary;
        const path = `${at}/summary`;
        if (typeof s !== 'string' || s.trim() === '')
          findings.push({ rule: 'summary', path, message: 'summary is missing.' });
        else if (s.length > 80)
          findings.push({ rule: 'summary', path, message: `summary is ${s.length} characters; at most 80.` });
        else if (s.trimEnd().endsWith('.'))
          findings.push({ rule: 'summary', path, message: 'summary must not end with a period.' });
        if (typeof op.description !== 'string' || op.description.trim() === '')
          findings.push({ rule: 'summary', path: `${at}/description`, message: 'description is missing.' });
      }
      return findings;
    },
  },
  {
    name: 'parameter-summary',
    check(doc) {
      const findings: Finding[] = [];
      for (const { op, at } of operations(doc)) {
        const params = Array.isArray(op.parameters) ? op.parameters : [];
        params.forEach((p, i) => {
          const resolved = resolve(doc, p);
          if (!isObject(resolved) || typeof resolved['x-ms-summary'] !== 'string' || resolved['x-ms-summary'] === '')
            findings.push({
              rule: 'parameter-summary',
              path: `${at}/parameters/${i}`,
              message: `parameter "${isObject(resolved) ? String(resolved.name) : '?'}" has no x-ms-summary.`,
            });
        });
      }
      return findings;
    },
  },
  {
    name: 'typed-success-response',
    check(doc) {
      const findings: Finding[] = [];
      for (const { op, at } of operations(doc)) {
        const responses = isObject(op.responses) ? op.responses : {};
        const ok = Object.entries(responses).some(
          ([code, r]) => /^2\d\d$/.test(code) && isObject(r) && isObject(r.schema) && Object.keys(r.schema).length > 0,
        );
        if (!ok)
          findings.push({
            rule: 'typed-success-response',
            path: `${at}/responses`,
            message: 'no 2xx response with a schema.',
          });
      }
      return findings;
    },
  },
  {
    name: 'visibility-values',
    check(doc) {
      const findings: Finding[] = [];
      walk(doc, '', (v, at) => {
        if (isObject(v) && 'x-ms-visibility' in v && !VISIBILITY.has(v['x-ms-visibility'] as string))
          findings.push({
            rule: 'visibility-values',
            path: `${at}/x-ms-visibility`,
            message: `x-ms-visibility "${String(v['x-ms-visibility'])}" is not one of important, advanced, internal.`,
          });
      });
      return findings;
    },
  },
  {
    name: 'no-untyped-objects',
    check(doc) {
      const findings: Finding[] = [];
      const untyped = (schema: unknown, at: string, what: string): void => {
        const s = resolve(doc, schema);
        if (!isObject(s)) {
          findings.push({ rule: 'no-untyped-objects', path: at, message: `${what} has no schema.` });
          return;
        }
        if (s.type === undefined && s.$ref === undefined && !s.allOf && !s.anyOf && !s.oneOf) {
          findings.push({ rule: 'no-untyped-objects', path: at, message: `${what} has no type.` });
          return;
        }
        if (s.type === 'array' && isObject(s.items)) untyped(s.items, `${at}/items`, `${what} items`);
      };
      for (const { op, at } of operations(doc)) {
        const params = Array.isArray(op.parameters) ? op.parameters : [];
        params.forEach((p, i) => {
          if (isObject(p) && p.in === 'body') untyped(p.schema, `${at}/parameters/${i}/schema`, 'body');
        });
      }
      // Any object schema anywhere must say what it holds.
      walk(doc, '', (v, at) => {
        if (isObject(v) && v.type === 'object' && !isObject(v.properties) && v.additionalProperties === undefined)
          findings.push({
            rule: 'no-untyped-objects',
            path: at,
            message: 'object schema has neither properties nor additionalProperties.',
          });
        if (
          isObject(v) &&
          v.type === 'object' &&
          isObject(v.properties) &&
          Object.keys(v.properties).length === 0 &&
          v.additionalProperties === undefined
        )
          findings.push({ rule: 'no-untyped-objects', path: at, message: 'object schema has no properties.' });
      });
      return findings;
    },
  },
];

/** Runs every pure rule. */
export function lintConnectorRules(doc: Json): Finding[] {
  return RULES.flatMap((r) => r.check(doc));
}
