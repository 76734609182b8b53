import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterSandbox, type PartnerCenterSandboxOptions } from '../../../sandbox/partner-center';
import { privateDealCreate } from '../../fixtures/partner-center';

/** Response and request bodies are free-form JSON in these tests. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: Json;
}

/** A started sandbox plus a small client that sends a bearer token unless told otherwise. */
export async function startSandbox(options: PartnerCenterSandboxOptions = {}) {
  const sandbox = new PartnerCenterSandbox(options);
  await sandbox.start();
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> => {
    const h: Record<string, string> = { Authorization: 'Bearer test-token', ...headers };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    for (const [k, v] of Object.entries(h)) if (v === '') delete h[k];
    const res = await fetch(`${sandbox.baseUrl}${path}`, { method, headers: h, body: payload });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json: json as Json };
  };
  return { sandbox, call };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that records every request and answers with the next status. */
export async function startReceiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  let i = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.statusCode = statuses[Math.min(i++, statuses.length - 1)];
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** The documented private-deal create body (reference §3.2). */
export const privateDeal = (): Json => privateDealCreate<Json>();
