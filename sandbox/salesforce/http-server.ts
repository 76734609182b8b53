import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { SalesforceError, sfErrors } from './errors';
import type { SalesforceService } from './service';

/** Largest request body accepted (Salesforce's REST limit for a single record is far smaller in practice). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpServerOptions {
  service: SalesforceService;
  apiVersion: string;
  /** Bearer token → user id the request acts as (LastModifiedById). */
  userForToken: (token: string) => string | undefined;
  /** Asked before every API request; a returned error is answered instead (fault injection). */
  fault?: () => SalesforceError | undefined;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          SalesforceError.one(413, 'REQUEST_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes.`),
        );
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(buf: Buffer): unknown {
  const text = buf.toString('utf8');
  if (text.trim() === '') throw sfErrors.jsonParser('The request body is empty; a JSON object is expected.');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw sfErrors.jsonParser(`Unexpected character in the JSON body: ${(e as Error).message}`);
  }
}

function send(res: ServerResponse, r: Reply): void {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  if (r.body !== undefined) {
    const text = JSON.stringify(r.body);
    headers['Content-Type'] = 'application/json;charset=UTF-8';
    res.writeHead(r.status, headers);
    res.end(text);
  } else {
    res.writeHead(r.status, headers);
    res.end();
  }
}

/** The local Salesforce REST API over node:http: routing, auth and bodies; the rules live in the service. */
export function createSalesforceHttpServer(options: HttpServerOptions): Server {
  const server = createServer((req, res) => {
    handle(options, req)
      .then((r) => send(res, r))
      .catch((e: unknown) => {
        if (e instanceof SalesforceError) return send(res, { status: e.status, body: e.toBody() });
        // Only a bug gets here; answer 500 and keep serving.
        console.error('salesforce sandbox: unexpected error', e);
        send(res, {
          status: 500,
          body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'Unexpected error in the sandbox.' }],
        });
      });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}

async function handle(options: HttpServerOptions, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname.replace(/\/+$/, '');
  const method = (req.method ?? 'GET').toUpperCase();
  const base = `/services/data/v${options.apiVersion}`;
  if (path === '/services/data' && method === 'GET')
    return { status: 200, body: [{ label: 'Local', url: base, version: options.apiVersion }] };
  if (!path.startsWith(`${base}/`) && path !== base) {
    if (/^\/services\/data\/v\d+\.\d+/.test(path))
      throw SalesforceError.one(
        404,
        'NOT_FOUND',
        `The requested API version is not served here; use v${options.apiVersion}.`,
      );
    throw sfErrors.notFound();
  }
  const auth = req.headers.authorization;
  const token = typeof auth === 'string' && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '').trim() : '';
  const user = options.userForToken(token);
  if (!user) throw sfErrors.invalidSession();
  const fault = options.fault?.();
  if (fault) throw fault;

  const service = options.service;
  const parts = path
    .slice(base.length + 1)
    .split('/')
    .map((p) => decodeURIComponent(p));
  const body = async () => parseBody(await readBody(req));

  if (parts[0] === 'query' && parts.length === 1) {
    if (method !== 'GET') throw sfErrors.methodNotAllowed(method);
    const q = url.searchParams.get('q');
    if (!q) throw sfErrors.malformedQuery("The query parameter 'q' is required.");
    return { status: 200, body: service.query(q) };
  }
  if (parts[0] !== 'sobjects' || parts.length < 2 || parts.length > 4) throw sfErrors.notFound();
  const object = service.object(parts[1]).name;
  if (parts.length === 2) {
    if (method !== 'POST') throw sfErrors.methodNotAllowed(method);
    const { id } = service.create(object, await body(), user);
    return { status: 201, body: { id, success: true, errors: [] } };
  }
  if (parts.length === 3 && parts[2] === 'describe') {
    if (method !== 'GET') throw sfErrors.methodNotAllowed(method);
    const o = service.object(object);
    return {
      status: 200,
      body: {
        name: o.name,
        label: o.label,
        keyPrefix: o.keyPrefix,
        fields: o.fields.map((f) => ({
          name: f.name,
          label: f.label,
          type: f.type,
          length: f.length ?? 0,
          nillable: !f.required,
          createable: f.createable,
          updateable: f.updateable,
          externalId: f.externalId === true,
          unique: f.unique === true,
          referenceTo: f.referenceTo ? [f.referenceTo] : [],
          picklistValues: (f.picklistValues ?? []).map((v) => ({ value: v, label: v, active: true })),
        })),
      },
    };
  }
  if (parts.length === 3) {
    const id = parts[2];
    if (method === 'GET') {
      const fields = url.searchParams.get('fields');
      return {
        status: 200,
        body: service.get(
          object,
          id,
          fields
            ? fields
                .split(',')
                .map((f) => f.trim())
                .filter(Boolean)
            : undefined,
        ),
      };
    }
    if (method === 'PATCH') {
      service.update(object, id, await body(), user);
      return { status: 204 };
    }
    throw sfErrors.methodNotAllowed(method);
  }
  const [, , field, value] = parts;
  if (method === 'GET') return { status: 200, body: service.getByExternalId(object, field, value) };
  if (method === 'PATCH') {
    const r = service.upsert(object, field, value, await body(), user);
    return { status: r.created ? 201 : 200, body: { id: r.id, success: true, errors: [], created: r.created } };
  }
  throw sfErrors.methodNotAllowed(method);
}
