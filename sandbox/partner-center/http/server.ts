import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApiError } from '../errors';
import type { PartnerCenterSandbox } from '../sandbox';
import { handleAdmin } from './admin';
import { parseJsonBody, readBody } from './body';

const REFERRALS = '/v1.0/engagements/referrals';
const WEBHOOKS = '/webhooks/v1/registration';
const REFERRALS_AUDIENCE = 'https://api.partner.microsoft.com';
const WEBHOOKS_AUDIENCE = 'https://api.partnercenter.microsoft.com';

type Style = 'referrals' | 'partnercenter';

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: { contentType: string; bytes: Buffer };
}

/** The HTTP edge: routes, auth, body limits, fault injection; all behaviour lives in the services. */
export function createSandboxServer(sandbox: PartnerCenterSandbox): Server {
  const server = createServer((req, res) => {
    handle(sandbox, req, res).catch((e: unknown) => {
      // Only a bug gets here; answer 500 and keep serving.
      console.error('partner-center sandbox: unexpected error', e);
      if (!res.headersSent)
        send(res, {
          status: 500,
          body: new ApiError(500, 'generalException', 'Unexpected error in the sandbox.').toBody(),
        });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  return server;
}

async function handle(sandbox: PartnerCenterSandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = (req.method ?? 'GET').toUpperCase();
  const style: Style = path.startsWith('/webhooks') ? 'partnercenter' : 'referrals';
  const requestId = randomUUID();
  const base: Record<string, string> = { 'Request-ID': requestId };
  const correlation = req.headers['ms-correlationid'];
  if (typeof correlation === 'string') base['MS-CorrelationId'] = correlation;

  let reply: Reply;
  try {
    if (path === '/_certs/pcnotifications-dispatch.microsoft.com.cer') {
      reply = certificate(sandbox, method, url);
    } else if (path === '/_admin' || path.startsWith('/_admin/')) {
      const raw = await readBody(req, 'referrals');
      const body =
        method === 'GET' || method === 'DELETE'
          ? undefined
          : parseJsonBody(raw, req.headers['content-type'], 'referrals', false);
      reply = await handleAdmin(sandbox, method, path, body);
    } else if (
      path === REFERRALS ||
      path.startsWith(`${REFERRALS}/`) ||
      path === WEBHOOKS ||
      path.startsWith(`${WEBHOOKS}/`)
    ) {
      reply = await contract(sandbox, req, method, path, url, style);
    } else {
      drain(req);
      throw new ApiError(
        404,
        'itemNotFound',
        `No resource at ${method} ${url.pathname}.`,
        'path',
        undefined,
        {},
        style,
      );
    }
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    drain(req);
    reply = { status: e.status, body: e.toBody(), headers: e.headers };
  }
  send(res, { ...reply, headers: { ...base, ...reply.headers } });
}

async function contract(
  sandbox: PartnerCenterSandbox,
  req: IncomingMessage,
  method: string,
  path: string,
  url: URL,
  style: Style,
): Promise<Reply> {
  const faults = sandbox.faults.forRequest(method, path);
  if (faults.latencyMs > 0) await sandbox.clock.delay(faults.latencyMs);
  if (faults.race && (method === 'PATCH' || method === 'PUT')) {
    const id = path.slice(REFERRALS.length + 1).split('/')[0];
    if (id) sandbox.referrals.touch(id);
  }
  if (faults.status) {
    const { status, retryAfterSeconds } = faults.status;
    const headers: Record<string, string> =
      retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {};
    const message =
      status === 429
        ? 'Too many requests; retry after the time in Retry-After.'
        : status === 503
          ? 'The service is unavailable.'
          : 'Internal server error.';
    throw new ApiError(
      status,
      status === 429 ? 'generalException' : status === 503 ? 'serviceNotAvailable' : 'generalException',
      message,
      'service',
      undefined,
      headers,
      style,
    );
  }

  authenticate(req, style, sandbox.options.checkAudience === true);

  if (style === 'referrals') {
    const rest = path
      .slice(REFERRALS.length)
      .split('/')
      .filter((s) => s !== '');
    if (rest.length === 0) {
      if (method === 'GET') return json(200, sandbox.referrals.list(url.searchParams));
      if (method === 'POST') {
        const body = await jsonBody(req, style, true);
        return json(sandbox.options.createStatus ?? 200, sandbox.referrals.create(body), etagHeader);
      }
      throw notAllowed(method, ['GET', 'POST'], style);
    }
    if (rest.length === 1) {
      const id = decodePathSegment(rest[0], style);
      const ifMatch = header(req, 'if-match');
      if (method === 'GET') return json(200, sandbox.referrals.get(id), etagHeader);
      if (method === 'PATCH') {
        const body = await jsonBody(req, style, true);
        const record = sandbox.referrals.patchRecord(id, body, ifMatch);
        if (/return=representation/i.test(header(req, 'prefer') ?? ''))
          return json(200, sandbox.referrals.present(record.doc), etagHeader);
        return { status: 204, headers: { ETag: String(record.doc.eTag) } };
      }
      if (method === 'PUT') {
        const body = await jsonBody(req, style, true);
        return json(200, sandbox.referrals.put(id, body, ifMatch), etagHeader);
      }
      throw notAllowed(method, ['GET', 'PATCH', 'PUT'], style);
    }
    throw new ApiError(404, 'itemNotFound', `No resource at ${method} ${path}.`, 'path');
  }

  const rest = path
    .slice(WEBHOOKS.length)
    .split('/')
    .filter((s) => s !== '');
  const hooks = sandbox.webhooks;
  if (rest.length === 0) {
    if (method === 'GET') return json(200, hooks.get());
    if (method === 'POST') return json(200, hooks.create(await jsonBody(req, style, true)));
    if (method === 'PUT') return json(200, hooks.update(await jsonBody(req, style, true)));
    throw notAllowed(method, ['GET', 'POST', 'PUT'], style);
  }
  if (rest.length === 1 && rest[0].toLowerCase() === 'events') {
    if (method === 'GET') return json(200, hooks.eventTypes());
    throw notAllowed(method, ['GET'], style);
  }
  if (rest[0].toLowerCase() === 'validationevents') {
    if (rest.length === 1) {
      if (method === 'POST') {
        await readBody(req, style);
        const created = hooks.postValidationEvent();
        if (sandbox.options.autoDeliver) void sandbox.dispatcher.tick();
        return json(200, created);
      }
      throw notAllowed(method, ['POST'], style);
    }
    if (rest.length === 2) {
      if (method === 'GET') return json(200, hooks.getValidationEvent(decodePathSegment(rest[1], style)));
      throw notAllowed(method, ['GET'], style);
    }
  }
  throw new ApiError(404, 'itemNotFound', `No resource at ${method} ${path}.`, 'path', undefined, {}, style);
}

function certificate(sandbox: PartnerCenterSandbox, method: string, url: URL): Reply {
  if (method !== 'GET') throw notAllowed(method, ['GET'], 'referrals');
  const identity = sandbox.signingIdentity;
  if (url.searchParams.get('format') === 'der')
    return { status: 200, raw: { contentType: 'application/pkix-cert', bytes: identity.certificateDer } };
  return { status: 200, raw: { contentType: 'application/x-pem-file', bytes: Buffer.from(identity.certificatePem) } };
}

function authenticate(req: IncomingMessage, style: Style, checkAudience: boolean): void {
  const auth = header(req, 'authorization');
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  const fail = (message: string): ApiError =>
    new ApiError(401, 'unauthenticated', message, 'Authorization', undefined, { 'WWW-Authenticate': 'Bearer' }, style);
  if (!m) throw fail('Caller is not authenticated: send Authorization: Bearer <token>.');
  if (!checkAudience) return;
  const parts = m[1].split('.');
  if (parts.length !== 3) return;
  let aud: unknown;
  try {
    aud = (JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { aud?: unknown }).aud;
  } catch {
    throw fail('The bearer token cannot be read.');
  }
  const want = style === 'referrals' ? REFERRALS_AUDIENCE : WEBHOOKS_AUDIENCE;
  const auds = Array.isArray(aud) ? aud : [aud];
  if (!auds.some((a) => typeof a === 'string' && a.replace(/\/$/, '') === want))
    throw fail(`The token audience must be ${want}.`);
}

async function jsonBody(req: IncomingMessage, style: Style, required: boolean): Promise<unknown> {
  const raw = await readBody(req, style);
  return parseJsonBody(raw, header(req, 'content-type'), style, required);
}

function notAllowed(method: string, allowed: string[], style: Style): ApiError {
  return new ApiError(
    405,
    'invalidRequest',
    `Method ${method} is not allowed here; allowed: ${allowed.join(', ')}.`,
    'method',
    undefined,
    { Allow: allowed.join(', ') },
    style,
  );
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

const etagHeader = (body: Record<string, unknown>): Record<string, string> =>
  typeof body.eTag === 'string' ? { ETag: body.eTag } : {};

function json(
  status: number,
  body: unknown,
  headers?: (body: Record<string, unknown>) => Record<string, string>,
): Reply {
  return { status, body, headers: headers ? headers(body as Record<string, unknown>) : {} };
}

function drain(req: IncomingMessage): void {
  if (!req.readableEnded) req.resume();
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  let bytes: Buffer | undefined;
  if (reply.raw) {
    bytes = reply.raw.bytes;
    headers['Content-Type'] = reply.raw.contentType;
  } else if (reply.body !== undefined && reply.status !== 204) {
    bytes = Buffer.from(JSON.stringify(reply.body), 'utf8');
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = bytes ? bytes.length : 0;
  res.writeHead(reply.status, headers);
  res.end(bytes);
}

function decodePathSegment(segment: string, style: Style): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(
      400,
      'invalidRequest',
      `The path segment "${segment.slice(0, 100)}" is not valid percent-encoding.`,
      'path',
      undefined,
      {},
      style,
    );
  }
}
