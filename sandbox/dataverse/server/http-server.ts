import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataverseError, ErrorCodes, errors } from '../errors';
import { parsePrefer, parseQueryOptions, splitQueryString, type Preferences } from '../odata/query-options';
import { skipTokenFor, type DataverseService } from '../service';
import { etagOf } from '../store/serialize';
import type { StoredRow } from '../store/store';
import { parseRoute, type Route } from './routes';

/** Largest request body accepted; Dataverse's own limit is far above what the sync sends. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface HttpServerOptions {
  service: DataverseService;
  /** Called after every successful write (persistence). */
  afterWrite?: () => void;
  organizationId: string;
  businessUnitId: string;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new DataverseError(413, ErrorCodes.payload, `The request body is larger than ${MAX_BODY_BYTES} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(buf: Buffer, entitySet: string): unknown {
  const text = buf.toString('utf8');
  if (text.trim() === '') throw errors.payload(entitySet, 'The request body is empty; a JSON object is expected.');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw errors.payload(entitySet, `Invalid JSON. ${(e as Error).message}`);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The local Dataverse Web API over node:http. Routing and HTTP details only; the rules live in the service. */
export class DataverseHttpServer {
  private server: Server | undefined;
  private baseUrl = '';

  constructor(private readonly options: HttpServerOptions) {}

  get apiUrl(): string {
    return this.baseUrl;
  }

  async listen(port: number): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const actual = (server.address() as AddressInfo).port;
    this.baseUrl = `http://127.0.0.1:${actual}/api/data/v9.2/`;
    return actual;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const body = req.method === 'POST' || req.method === 'PATCH' ? await readBody(req) : Buffer.alloc(0);
      if (req.method !== 'POST' && req.method !== 'PATCH') req.resume();
      reply = this.dispatch(req, body);
    } catch (e) {
      reply = toErrorReply(e);
    }
    send(res, reply);
  }

  private caller(req: IncomingMessage): string {
    const svc = this.options.service;
    const callerId = header(req, 'mscrmcallerid');
    if (callerId !== undefined) {
      const id = callerId.trim().toLowerCase();
      svc.checkCaller(id);
      return id;
    }
    const objectId = header(req, 'callerobjectid');
    if (objectId !== undefined) {
      const wanted = objectId.trim().toLowerCase();
      for (const u of svc.store.rows('systemuser')) if (u.values.azureactivedirectoryobjectid === wanted) return u.id;
      throw errors.notFound('systemuser', `(azureactivedirectoryobjectid ${wanted})`);
    }
    return svc.defaultCallerId;
  }

  private dispatch(req: IncomingMessage, body: Buffer): Reply {
    const svc = this.options.service;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const route = parseRoute(pathname);
    const pairs = splitQueryString(rawQuery);
    const options = parseQueryOptions(pairs);
    const prefs = parsePrefer(header(req, 'prefer'));
    const method = req.method ?? 'GET';
    const callerId = this.caller(req);
    const pre = {
      ...(header(req, 'if-match') !== undefined ? { ifMatch: header(req, 'if-match') } : {}),
      ...(header(req, 'if-none-match') !== undefined ? { ifNoneMatch: header(req, 'if-none-match')!.trim() } : {}),
    };
    const notAllowed = (): never => {
      throw new DataverseError(405, ErrorCodes.query, `The HTTP method '${method}' is not allowed for this resource.`);
    };
    const write = (r: Reply): Reply => {
      this.options.afterWrite?.();
      return r;
    };

    switch (route.kind) {
      case 'serviceDocument':
        if (method !== 'GET') notAllowed();
        return {
          status: 200,
          body: {
            '@odata.context': `${this.baseUrl}$metadata`,
            value: [...svc.store.model.bySetName.keys()].sort().map((name) => ({ name, kind: 'EntitySet', url: name })),
          },
        };
      case 'whoAmI':
        if (method !== 'GET') notAllowed();
        return {
          status: 200,
          body: {
            '@odata.context': `${this.baseUrl}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
            BusinessUnitId: this.options.businessUnitId,
            UserId: callerId,
            OrganizationId: this.options.organizationId,
          },
        };
      case 'collection': {
        const entity = svc.entityBySet(route.set);
        if (method === 'GET') {
          const page = svc.list(entity, options, prefs);
          return {
            status: 200,
            headers: preferenceApplied(prefs),
            body: this.collectionBody(route, page, pairs, options.select, entity),
          };
        }
        if (method === 'POST') {
          const row = svc.create(entity, parseJson(body, entity.entitySetName), callerId);
          return write(this.writeReply(entity.entitySetName, row, prefs, 201, options, route));
        }
        return notAllowed();
      }
      case 'row': {
        const entity = svc.entityBySet(route.set);
        if (method === 'GET') {
          const { row, body: json } = svc.retrieve(entity, route.key, options, prefs);
          return {
            status: 200,
            headers: { ETag: etagOf(row), ...preferenceApplied(prefs) },
            body: {
              '@odata.context': `${this.baseUrl}$metadata#${route.set}${selectSuffix(options.select)}/$entity`,
              ...json,
            },
          };
        }
        if (method === 'PATCH') {
          const { row, created } = svc.upsert(entity, route.key, parseJson(body, entity.entitySetName), callerId, pre);
          return write(this.writeReply(entity.entitySetName, row, prefs, created ? 201 : 200, options, route));
        }
        if (method === 'DELETE') {
          svc.delete(entity, route.key, callerId, pre);
          return write({ status: 204 });
        }
        return notAllowed();
      }
      case 'navigation': {
        if (method !== 'GET') notAllowed();
        const entity = svc.entityBySet(route.set);
        const result = svc.listRelated(entity, route.key, route.navigation, options, prefs);
        if ('collection' in result && result.collection) {
          return {
            status: 200,
            body: this.collectionBody(route, result.collection, pairs, options.select, result.target),
          };
        }
        if (result.single === null) return { status: 204 };
        return {
          status: 200,
          body: {
            '@odata.context': `${this.baseUrl}$metadata#${result.target.entitySetName}/$entity`,
            ...result.single,
          },
        };
      }
      case 'ref': {
        const entity = svc.entityBySet(route.set);
        if (method === 'POST') {
          svc.associate(entity, route.key, route.navigation, parseJson(body, entity.entitySetName));
          return write({ status: 204 });
        }
        if (method === 'DELETE') {
          const idParam = pairs.find(([k]) => k === '$id')?.[1];
          svc.disassociate(entity, route.key, route.navigation, {
            ...(route.relatedKey ? { key: route.relatedKey } : {}),
            ...(idParam !== undefined ? { url: idParam } : {}),
          });
          return write({ status: 204 });
        }
        return notAllowed();
      }
    }
  }

  private collectionBody(
    route: Route,
    page: { value: Record<string, unknown>[]; count?: number; nextPage?: number },
    pairs: [string, string][],
    select: string[] | undefined,
    entity: { entitySetName: string },
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {
      '@odata.context': `${this.baseUrl}$metadata#${entity.entitySetName}${selectSuffix(select)}`,
    };
    if (page.count !== undefined) out['@odata.count'] = page.count;
    out.value = page.value;
    if (page.nextPage !== undefined) {
      const path = routePath(route);
      const query = pairs
        .filter(([k]) => k !== '$skiptoken')
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .concat(`$skiptoken=${encodeURIComponent(skipTokenFor(page.nextPage))}`)
        .join('&');
      out['@odata.nextLink'] = `${this.baseUrl}${path}?${query}`;
    }
    return out;
  }

  private writeReply(
    set: string,
    row: StoredRow,
    prefs: Preferences,
    representationStatus: number,
    options: ReturnType<typeof parseQueryOptions>,
    route: Route,
  ): Reply {
    const svc = this.options.service;
    const headers: Record<string, string> = { 'OData-EntityId': `${this.baseUrl}${set}(${row.id})`, ETag: etagOf(row) };
    if (!prefs.returnRepresentation) return { status: 204, headers };
    const entity = svc.entityBySet(set);
    const key = { kind: 'id' as const, id: row.id };
    const { body } = svc.retrieve(
      entity,
      key,
      { ...(options.select ? { select: options.select } : {}), ...(options.expand ? { expand: options.expand } : {}) },
      prefs,
    );
    void route;
    return {
      status: representationStatus,
      headers: { ...headers, 'Preference-Applied': 'return=representation' },
      body: { '@odata.context': `${this.baseUrl}$metadata#${set}${selectSuffix(options.select)}/$entity`, ...body },
    };
  }
}

function selectSuffix(select: string[] | undefined): string {
  return select ? `(${select.join(',')})` : '';
}

function routePath(route: Route): string {
  switch (route.kind) {
    case 'collection':
      return route.set;
    case 'navigation':
      return `${route.set}(${
        route.key.kind === 'id'
          ? route.key.id
          : Object.entries(route.key.values)
              .map(([k, v]) => `${k}=${typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : v}`)
              .join(',')
      })/${route.navigation}`;
    default:
      return '';
  }
}

function preferenceApplied(prefs: Preferences): Record<string, string> {
  const applied: string[] = [];
  if (prefs.maxPageSize !== undefined) applied.push(`odata.maxpagesize=${prefs.maxPageSize}`);
  if (prefs.includeAnnotations.length > 0)
    applied.push(`odata.include-annotations="${prefs.includeAnnotations.join(',')}"`);
  return applied.length > 0 ? { 'Preference-Applied': applied.join(',') } : {};
}

function toErrorReply(e: unknown): Reply {
  if (e instanceof DataverseError) return { status: e.status, body: e.toBody() };
  const message = e instanceof Error ? e.message : String(e);
  return {
    status: 500,
    body: { error: { code: ErrorCodes.unexpected, message: `An unexpected error occurred: ${message}` } },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'OData-Version': '4.0', ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  headers['Content-Type'] = 'application/json; odata.metadata=minimal; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}
