import axios, { type AxiosInstance, type Method } from 'axios';
import { Agent } from 'node:http';
import type { ConnectorRequest, ConnectorResponse, ManagedConnectorAdapter } from '../types';
import { FilterError, odataFilterToSoql, odataOrderByToSoql } from './odata-to-soql';

export const SALESFORCE_API_NAME = 'shared_salesforce';

export interface SalesforceAdapterOptions {
  /** Instance URL, e.g. `https://contoso.my.salesforce.com` (the local sandbox's in tests). */
  instanceUrl: string;
  /** The connection's API version (the connector's default is v58.0). */
  apiVersion?: string;
  /** Connection reference logical name → bearer token of the user that connection signed in as. */
  connectionTokens: Record<string, string>;
  /** Token for connections not listed (polling triggers use the flow's connection). */
  defaultToken?: string;
  /** Records one poll returns at most; the rest come on the next poll. */
  pollBatchSize?: number;
}

class ParameterError extends Error {}

interface PollState {
  /** Milliseconds of the newest LastModifiedDate already delivered. */
  since: number;
  /** Ids delivered with exactly that LastModifiedDate (a later edit in the same millisecond still fires). */
  seen: string[];
}

type Sf = { status: number; body: unknown; headers: Record<string, string> };

const SF_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function requireString(p: Record<string, unknown>, name: string): string {
  const v = p[name];
  if (typeof v !== 'string' || v.trim() === '')
    throw new ParameterError(`The parameter '${name}' is required and must be text.`);
  return v.trim();
}

function optional(p: Record<string, unknown>, name: string): string | undefined {
  const v = p[name];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new ParameterError(`The parameter '${name}' must be text.`);
  return v;
}

function tableName(p: Record<string, unknown>): string {
  const t = requireString(p, 'table');
  if (!SF_NAME.test(t)) throw new ParameterError(`The parameter 'table' must be an object API name; got '${t}'.`);
  return t;
}

/** `item/<Field>` parameters merged over an `item` object; nested values are refused, as by the connector. */
function collectItem(p: Record<string, unknown>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  if (p.item !== undefined && p.item !== null) {
    if (typeof p.item !== 'object' || Array.isArray(p.item))
      throw new ParameterError("The parameter 'item' must be an object of field values.");
    Object.assign(item, p.item);
  }
  for (const [k, v] of Object.entries(p)) if (k.startsWith('item/')) item[k.slice(5)] = v;
  for (const [k, v] of Object.entries(item))
    if (v !== null && typeof v === 'object')
      throw new ParameterError(
        `The field '${k}' has a nested value; the Salesforce connector writes plain values only.`,
      );
  return item;
}

function stripAttributes(r: unknown): unknown {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return r;
  const { attributes: _ignored, ...rest } = r as Record<string, unknown>;
  void _ignored;
  return rest;
}

function errorResponse(status: number, message: string, code = 'InvalidParameter'): ConnectorResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: { status, message, error: { code, message }, source: 'salesforce' },
  };
}

/** A Salesforce error array as the connector surfaces it: one message, Salesforce's own words. */
function fromSalesforceError(r: Sf): ConnectorResponse {
  const items = Array.isArray(r.body) ? (r.body as { message?: string; errorCode?: string }[]) : [];
  const message =
    items.length > 0 ? items.map((i) => i.message ?? i.errorCode ?? '').join(' ') : `Salesforce answered ${r.status}.`;
  return {
    statusCode: r.status,
    headers: r.headers,
    body: {
      status: r.status,
      message,
      error: { code: items[0]?.errorCode ?? 'SalesforceError', message },
      source: 'salesforce',
      errors: items,
    },
  };
}

/**
 * The flow runtime's adapter for the Salesforce connector (`shared_salesforce`), over Salesforce's REST API:
 * GetItems, GetItem_V2, PostItem_V2, PatchItem_V3, PatchItemByExternalIdV2, and the polling trigger
 * GetOnUpdatedItems ("When a record is modified", which also fires for new records).
 */
export class SalesforceAdapter implements ManagedConnectorAdapter {
  readonly apiName = SALESFORCE_API_NAME;
  private readonly http: AxiosInstance;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  private readonly describeCache = new Map<string, { name: string; type: string }[]>();

  constructor(private readonly options: SalesforceAdapterOptions) {
    this.http = axios.create({
      baseURL: `${options.instanceUrl.replace(/\/+$/, '')}/services/data/v${options.apiVersion ?? '58.0'}/`,
      httpAgent: this.agent,
      validateStatus: () => true,
      transformResponse: [(data: unknown) => data],
      transformRequest: [(data: unknown) => data],
      responseType: 'text',
      maxRedirects: 0,
    });
  }

  close(): void {
    this.agent.destroy();
  }

  private async call(token: string, method: Method, path: string, body?: unknown): Promise<Sf> {
    const res = await this.http.request<string>({
      method,
      url: path,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { data: JSON.stringify(body) } : {}),
    });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers))
      if (v !== undefined && v !== null) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    let parsed: unknown = undefined;
    if (typeof res.data === 'string' && res.data !== '') {
      try {
        parsed = JSON.parse(res.data);
      } catch {
        parsed = res.data;
      }
    }
    return { status: res.status, body: parsed, headers };
  }

  private async fieldsOf(token: string, table: string): Promise<{ name: string; type: string }[] | Sf> {
    const cached = this.describeCache.get(table.toLowerCase());
    if (cached) return cached;
    const r = await this.call(token, 'GET', `sobjects/${encodeURIComponent(table)}/describe`);
    if (r.status !== 200) return r;
    const fields = ((r.body as { fields?: { name: string; type: string }[] }).fields ?? []).map((f) => ({
      name: f.name,
      type: f.type,
    }));
    this.describeCache.set(table.toLowerCase(), fields);
    return fields;
  }

  private tokenFor(connectionName: string): string {
    const t = this.options.connectionTokens[connectionName] ?? this.options.defaultToken;
    if (!t) throw new ParameterError(`No Salesforce connection is set up for '${connectionName}'.`);
    return t;
  }

  async invoke(request: ConnectorRequest): Promise<ConnectorResponse> {
    try {
      return await this.perform(request);
    } catch (e) {
      if (e instanceof ParameterError || e instanceof FilterError) return errorResponse(400, e.message);
      return errorResponse(
        502,
        `Salesforce could not be reached at ${this.options.instanceUrl}: ${(e as Error).message}`,
        'BadGateway',
      );
    }
  }

  private async record(token: string, table: string, id: string, select?: string): Promise<ConnectorResponse> {
    const q = select ? `?fields=${encodeURIComponent(select)}` : '';
    const r = await this.call(token, 'GET', `sobjects/${encodeURIComponent(table)}/${encodeURIComponent(id)}${q}`);
    if (r.status !== 200) return fromSalesforceError(r);
    return { statusCode: 200, headers: r.headers, body: stripAttributes(r.body) };
  }

  /** The connector refuses multi-select picklists in create and update (documented limitation). */
  private async refuseMultiSelect(token: string, table: string, item: Record<string, unknown>) {
    const fields = await this.fieldsOf(token, table);
    if (!Array.isArray(fields)) return fromSalesforceError(fields);
    const multi = Object.keys(item).filter((k) =>
      fields.some((f) => f.name.toLowerCase() === k.toLowerCase() && f.type === 'multipicklist'),
    );
    if (multi.length > 0)
      return errorResponse(
        400,
        `Multi-select picklist fields are not supported by the Salesforce connector in create or update: ${multi.join(', ')}.`,
        'NotSupported',
      );
    return undefined;
  }

  private async perform(request: ConnectorRequest): Promise<ConnectorResponse> {
    const p = request.parameters;
    const token = this.tokenFor(request.connectionName);
    switch (request.operationId) {
      case 'GetItems': {
        const table = tableName(p);
        const soql = await this.soql(token, table, p);
        if (typeof soql !== 'string') return soql;
        const r = await this.call(token, 'GET', `query?q=${encodeURIComponent(soql)}`);
        if (r.status !== 200) return fromSalesforceError(r);
        const records = ((r.body as { records?: unknown[] }).records ?? []).map(stripAttributes);
        return { statusCode: 200, headers: r.headers, body: { value: records } };
      }
      case 'GetItem_V2':
        return this.record(token, tableName(p), requireString(p, 'id'), optional(p, '$select'));
      case 'PostItem_V2': {
        const table = tableName(p);
        const item = collectItem(p);
        const refused = await this.refuseMultiSelect(token, table, item);
        if (refused) return refused;
        const r = await this.call(token, 'POST', `sobjects/${encodeURIComponent(table)}`, item);
        if (r.status !== 201) return fromSalesforceError(r);
        return this.record(token, table, String((r.body as { id: string }).id));
      }
      case 'PatchItem_V3': {
        const table = tableName(p);
        const id = requireString(p, 'id');
        const item = collectItem(p);
        const refused = await this.refuseMultiSelect(token, table, item);
        if (refused) return refused;
        const r = await this.call(
          token,
          'PATCH',
          `sobjects/${encodeURIComponent(table)}/${encodeURIComponent(id)}`,
          item,
        );
        if (r.status !== 204 && r.status !== 200) return fromSalesforceError(r);
        return this.record(token, table, id, optional(p, '$select'));
      }
      case 'PatchItemByExternalIdV2': {
        const table = tableName(p);
        const field = requireString(p, 'externalIdField');
        if (!SF_NAME.test(field))
          throw new ParameterError(`The parameter 'externalIdField' must be a field API name; got '${field}'.`);
        const value = requireString(p, 'externalId');
        const item = collectItem(p);
        const refused = await this.refuseMultiSelect(token, table, item);
        if (refused) return refused;
        const r = await this.call(
          token,
          'PATCH',
          `sobjects/${encodeURIComponent(table)}/${encodeURIComponent(field)}/${encodeURIComponent(value)}`,
          item,
        );
        if (r.status !== 200 && r.status !== 201) return fromSalesforceError(r);
        return this.record(token, table, String((r.body as { id: string }).id));
      }
      default:
        throw new ParameterError(
          `The operation '${request.operationId}' is not implemented by the local Salesforce connector; supported: GetItems, GetItem_V2, PostItem_V2, PatchItem_V3, PatchItemByExternalIdV2.`,
        );
    }
  }

  /** The SOQL for GetItems: $select (default every field), $filter, $orderby, $top, $skip. */
  private async soql(token: string, table: string, p: Record<string, unknown>): Promise<string | ConnectorResponse> {
    let select = optional(p, '$select');
    if (!select) {
      const fields = await this.fieldsOf(token, table);
      if (!Array.isArray(fields)) return fromSalesforceError(fields);
      select = fields.map((f) => f.name).join(', ');
    }
    const filter = optional(p, '$filter');
    const orderby = optional(p, '$orderby');
    const top = optional(p, '$top');
    const skip = optional(p, '$skip');
    for (const [name, v] of [
      ['$top', top],
      ['$skip', skip],
    ] as const)
      if (v !== undefined && !/^\d+$/.test(v))
        throw new ParameterError(`The parameter '${name}' must be a whole number.`);
    return [
      `SELECT ${select} FROM ${table}`,
      filter ? `WHERE ${odataFilterToSoql(filter)}` : '',
      orderby ? `ORDER BY ${odataOrderByToSoql(orderby)}` : '',
      top ? `LIMIT ${top}` : '',
      skip ? `OFFSET ${skip}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  async poll(
    operationId: string,
    parameters: Record<string, unknown>,
    state: unknown,
  ): Promise<{ items: unknown[]; state: unknown }> {
    if (operationId !== 'GetOnUpdatedItems')
      throw new Error(
        `The Salesforce connector has no polling trigger '${operationId}' here; use GetOnUpdatedItems (When a record is modified).`,
      );
    const table = tableName(parameters);
    const token = this.options.defaultToken ?? Object.values(this.options.connectionTokens)[0];
    if (!token) throw new Error('SalesforceAdapter: no connection to poll with.');
    const filter = optional(parameters, '$filter');
    const where = filter ? ` AND (${odataFilterToSoql(filter)})` : '';
    const prior = state as PollState | undefined;
    if (!prior) {
      // The first poll only sets the watermark: a trigger fires for changes after the flow is turned on.
      const r = await this.call(
        token,
        'GET',
        `query?q=${encodeURIComponent(`SELECT Id, LastModifiedDate FROM ${table} ORDER BY LastModifiedDate DESC LIMIT 200`)}`,
      );
      if (r.status !== 200) throw new Error(`Salesforce answered ${r.status}: ${JSON.stringify(r.body)}`);
      const recent = (r.body as { records: { Id: string; LastModifiedDate: string }[] }).records;
      const since = recent.length > 0 ? toMs(recent[0].LastModifiedDate) : 0;
      const seen = recent.filter((x) => toMs(x.LastModifiedDate) === since).map((x) => x.Id);
      return { items: [], state: { since, seen } };
    }
    let select = optional(parameters, '$select');
    if (!select) {
      const fields = await this.fieldsOf(token, table);
      if (!Array.isArray(fields))
        throw new Error(`Salesforce answered ${fields.status}: ${JSON.stringify(fields.body)}`);
      select = fields.map((f) => f.name).join(', ');
    } else if (!/\bLastModifiedDate\b/i.test(select)) select += ', LastModifiedDate';
    const limit = this.options.pollBatchSize ?? 200;
    const soql = `SELECT ${select} FROM ${table} WHERE LastModifiedDate >= ${new Date(prior.since).toISOString()}${where} ORDER BY LastModifiedDate ASC, Id ASC LIMIT ${limit + prior.seen.length}`;
    const r = await this.call(token, 'GET', `query?q=${encodeURIComponent(soql)}`);
    if (r.status !== 200) throw new Error(`Salesforce answered ${r.status}: ${JSON.stringify(r.body)}`);
    const seen = new Set(prior.seen);
    const records = ((r.body as { records: Record<string, unknown>[] }).records ?? [])
      .filter((x) => !(toMs(String(x.LastModifiedDate)) === prior.since && seen.has(String(x.Id))))
      .slice(0, limit)
      .map((x) => stripAttributes(x) as Record<string, unknown>);
    if (records.length === 0) return { items: [], state: prior };
    const newest = Math.max(...records.map((x) => toMs(String(x.LastModifiedDate))));
    const atNewest = records.filter((x) => toMs(String(x.LastModifiedDate)) === newest).map((x) => String(x.Id));
    return {
      items: records,
      state: { since: newest, seen: newest === prior.since ? [...prior.seen, ...atNewest] : atNewest },
    };
  }
}

function toMs(v: string): number {
  return Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export function createSalesforceAdapter(options: SalesforceAdapterOptions): SalesforceAdapter {
  return new SalesforceAdapter(options);
}
