import axios from 'axios';
import type { ConnectorResponse } from './types';
import {
  findOperation,
  resolveSchema,
  type SwaggerDocument,
  type SwaggerParameter,
  type SwaggerSchema,
} from './swagger';

/**
 * Custom connector dispatch: turns an `OpenApiConnection` call (operationId + parameters named as
 * the flow names them) into the HTTP request the connector's OpenAPI definition describes, and
 * sends it to a configured base URL (the local sandbox) instead of the definition's host.
 */
export interface BuiltRequest {
  method: string;
  /** basePath + path with path parameters substituted and encoded. */
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Power Automate sends a parameter's default when the parameter is internal, or required and left out. */
function valueFor(p: SwaggerParameter, params: Record<string, unknown>): unknown {
  if (Object.prototype.hasOwnProperty.call(params, p.name) && params[p.name] !== undefined) return params[p.name];
  if (p.default !== undefined && (p['x-ms-visibility'] === 'internal' || p.required)) return p.default;
  return undefined;
}

/** `{"body/a/b": 1, "body/c": 2}` with prefix `body` → `{a: {b: 1}, c: 2}`. */
function unflatten(params: Record<string, unknown>, prefix: string): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(`${prefix}/`) || value === undefined) continue;
    out ??= {};
    const segs = key.slice(prefix.length + 1).split('/');
    let cur = out;
    for (let i = 0; i < segs.length - 1; i++) {
      const next = cur[segs[i]];
      cur = isRecord(next) ? next : (cur[segs[i]] = {});
    }
    cur[segs[segs.length - 1]] = value;
  }
  return out;
}

/** Fills defaults of internal body properties the caller left out (connector-fixed values). */
function applyInternalDefaults(
  doc: SwaggerDocument,
  schema: SwaggerSchema | undefined,
  value: unknown,
  depth = 0,
): unknown {
  const s = resolveSchema(doc, schema);
  if (!s || depth > 16) return value;
  if (s.properties && (value === undefined || isRecord(value))) {
    let obj = value as Record<string, unknown> | undefined;
    for (const [name, propSchema] of Object.entries(s.properties)) {
      const ps = resolveSchema(doc, propSchema);
      if (!ps) continue;
      const current = obj?.[name];
      if (current === undefined && ps['x-ms-visibility'] === 'internal' && ps.default !== undefined) {
        obj ??= {};
        obj[name] = ps.default;
      } else if (isRecord(current)) {
        obj![name] = applyInternalDefaults(doc, ps, current, depth + 1);
      }
    }
    return obj;
  }
  return value;
}

/** Builds the request, or returns an error message (unknown operation, missing required parameter). */
export function buildConnectorRequest(
  doc: SwaggerDocument,
  operationId: string,
  params: Record<string, unknown>,
): BuiltRequest | string {
  const found = findOperation(doc, operationId);
  if (!found) return `The operation '${operationId}' is not defined in the connector's OpenAPI definition.`;
  let path = found.path;
  const query: [string, string][] = [];
  const headers: Record<string, string> = {};
  let body: unknown;
  for (const p of found.parameters) {
    if (p.in === 'body') {
      let value: unknown = params[p.name];
      if (value === undefined && p.name !== 'body') value = params.body;
      if (value === undefined) value = unflatten(params, p.name) ?? unflatten(params, 'body');
      value = applyInternalDefaults(doc, p.schema, value);
      if (value === undefined && p.required)
        return `The body parameter '${p.name}' of operation '${operationId}' is required.`;
      body = value;
      continue;
    }
    const value = valueFor(p, params);
    if (value === undefined || value === null) {
      if (p.required) return `The ${p.in} parameter '${p.name}' of operation '${operationId}' is required.`;
      continue;
    }
    if (p.in === 'path') {
      let encoded = encodeURIComponent(scalarText(value));
      if (p['x-ms-url-encoding'] === 'double') encoded = encodeURIComponent(encoded);
      path = path.split(`{${p.name}}`).join(encoded);
    } else if (p.in === 'query') {
      if (Array.isArray(value)) {
        const sep = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' }[
          p.collectionFormat === 'multi' ? 'csv' : (p.collectionFormat ?? 'csv')
        ];
        if (p.collectionFormat === 'multi') for (const v of value) query.push([p.name, scalarText(v)]);
        else query.push([p.name, value.map(scalarText).join(sep)]);
      } else {
        query.push([p.name, scalarText(value)]);
      }
    } else if (p.in === 'header') {
      headers[p.name] = scalarText(value);
    } else {
      return `The formData parameter '${p.name}' of operation '${operationId}' is not supported by the local runtime.`;
    }
  }
  const basePath = (doc.basePath ?? '').replace(/\/+$/, '');
  return { method: found.method, path: `${basePath}${path.startsWith('/') ? '' : '/'}${path}`, query, headers, body };
}

export interface CustomConnectorConfig {
  /** The connector's OpenAPI 2.0 definition (e.g. dist/connectors/<name>/apiDefinition.swagger.json). */
  definition: SwaggerDocument;
  /** Where to send requests instead of the definition's host, e.g. `http://127.0.0.1:7071`. */
  baseUrl: string;
  /** Extra headers on every request (e.g. a sandbox bearer token). */
  headers?: Record<string, string>;
  /** Per-request timeout in wall-clock ms (Power Automate's synchronous limit is 120 s). */
  timeoutMs?: number;
}

function normaliseHeaders(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/** Parses a body as JSON when it says so or looks like it; otherwise keeps the text. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  if (contentType?.includes('json') || /^\s*[[{"]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** Sends one HTTP request with axios; never throws (connectivity failures → 502, timeouts → 504). */
export async function sendHttpRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs = 120_000,
): Promise<ConnectorResponse> {
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  const sendHeaders = { ...headers };
  let data: string | undefined;
  if (hasBody) {
    if (typeof body === 'string') data = body;
    else {
      data = JSON.stringify(body);
      if (!Object.keys(sendHeaders).some((k) => k.toLowerCase() === 'content-type'))
        sendHeaders['Content-Type'] = 'application/json';
    }
  }
  try {
    const res = await axios.request<string>({
      method,
      url,
      headers: sendHeaders,
      data,
      timeout: timeoutMs,
      responseType: 'text',
      transformResponse: (x: string) => x,
      validateStatus: () => true,
      maxRedirects: 0,
      proxy: false,
    });
    const resHeaders = normaliseHeaders(res.headers as Record<string, unknown>);
    return {
      statusCode: res.status,
      headers: resHeaders,
      body: parseBody(typeof res.data === 'string' ? res.data : String(res.data ?? ''), resHeaders['content-type']),
    };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const timedOut = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT';
    const statusCode = timedOut ? 504 : 502;
    return {
      statusCode,
      headers: {},
      body: {
        error: {
          code: timedOut ? 'GatewayTimeout' : 'BadGateway',
          message: `The request to '${url}' failed: ${err.message ?? String(e)}`,
        },
      },
    };
  }
}

export class CustomConnectorClient {
  constructor(private readonly config: CustomConnectorConfig) {}

  get definition(): SwaggerDocument {
    return this.config.definition;
  }

  /** Builds and sends the request; a build error comes back as a 400 response naming the problem. */
  async invoke(
    operationId: string,
    params: Record<string, unknown>,
  ): Promise<ConnectorResponse | { buildError: string }> {
    const built = buildConnectorRequest(this.config.definition, operationId, params);
    if (typeof built === 'string') return { buildError: built };
    const qs = new URLSearchParams(built.query).toString();
    const url = `${this.config.baseUrl.replace(/\/+$/, '')}${built.path}${qs ? `?${qs}` : ''}`;
    return sendHttpRequest(
      built.method,
      url,
      { ...(this.config.headers ?? {}), ...built.headers },
      built.body,
      this.config.timeoutMs,
    );
  }
}
