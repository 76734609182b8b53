import axios, { type AxiosInstance } from 'axios';
import { Agent } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A tiny Web API client for tests: never throws on HTTP status, parses JSON bodies. */
export class ApiClient {
  private readonly http: AxiosInstance;
  private readonly agent = new Agent({ keepAlive: true });

  constructor(readonly apiUrl: string) {
    this.http = axios.create({
      baseURL: apiUrl,
      httpAgent: this.agent,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      transformRequest: [(d: unknown) => d],
    });
  }

  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await this.http.request<string>({
      method,
      url: path,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { data: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const h: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined && v !== null) h[k.toLowerCase()] = String(v);
    return { status: res.status, headers: h, body: res.data ? JSON.parse(res.data) : undefined };
  }

  get = (path: string, headers?: Record<string, string>) => this.send('GET', path, undefined, headers);
  post = (path: string, body: unknown, headers?: Record<string, string>) => this.send('POST', path, body, headers);
  patch = (path: string, body: unknown, headers?: Record<string, string>) => this.send('PATCH', path, body, headers);
  delete = (path: string, headers?: Record<string, string>) => this.send('DELETE', path, undefined, headers);

  close(): void {
    this.agent.destroy();
  }
}

export function idFromEntityId(header: string | undefined): string {
  const m = /\(([0-9a-f-]{36})\)$/.exec(header ?? '');
  if (!m) throw new Error(`no id in OData-EntityId '${header}'`);
  return m[1];
}
