import axios, { type AxiosInstance, type Method } from 'axios';
import { Agent } from 'node:http';
import type { ConnectorRequest, ConnectorResponse, ManagedConnectorAdapter, TriggerEvent } from '../types';
import {
  collectItem,
  entitySetName,
  optionalString,
  ParameterError,
  queryString,
  recordKeySegment,
  requireString,
  skipTokenFrom,
} from './parameters';
import { registrationFromParameters, triggerBody, type DataverseChangeSource } from './trigger';

export const DATAVERSE_API_NAME = 'shared_commondataserviceforapps';

export interface DataverseAdapterOptions {
  /** Web API root ending in `/api/data/v9.2/`. */
  apiUrl: string;
  /** Connection reference logical name → systemuserid the connection acts as (sent as MSCRMCallerID). */
  connectionUsers?: Record<string, string>;
  /** systemuserid for connections not listed above; unset = the service's default user. */
  defaultUserId?: string;
  /** Where SubscribeWebhookTrigger registers; required to use the trigger. */
  changeSource?: DataverseChangeSource;
  /** systemuserid of the flow owner: scope "User" and run-as "Flow owner" refer to it. */
  flowOwnerId?: string;
  /** Rows per page asked of ListRecords (the connector's default is 5,000). */
  pageSize?: number;
}

/** Page size the connector asks for when the flow gives no `$top`. */
const CONNECTOR_PAGE_SIZE = 5000;
const ANNOTATIONS = 'odata.include-annotations="*"';

interface HttpCall {
  method: Method;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function errorResponse(status: number, code: string, message: string): ConnectorResponse {
  return { statusCode: status, headers: { 'content-type': 'application/json' }, body: { error: { code, message } } };
}

/**
 * The flow runtime's adapter for the Dataverse connector ("Microsoft Dataverse", `shared_commondataserviceforapps`),
 * talking HTTP to a Dataverse Web API (the local one in tests and rehearsal).
 */
export class DataverseAdapter implements ManagedConnectorAdapter {
  readonly apiName = DATAVERSE_API_NAME;
  private readonly http: AxiosInstance;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

  constructor(private readonly options: DataverseAdapterOptions) {
    if (!/\/api\/data\/v9\.\d\/$/.test(options.apiUrl))
      throw new Error(`DataverseAdapter: apiUrl must end with /api/data/v9.x/ (got ${options.apiUrl})`);
    this.http = axios.create({
      baseURL: options.apiUrl,
      httpAgent: this.agent,
      validateStatus: () => true,
      // Bodies are passed through as received; parse JSON ourselves so an empty 204 stays undefined.
      transformResponse: [(data: unknown) => data],
      transformRequest: [(data: unknown) => data],
      responseType: 'text',
      maxRedirects: 0,
    });
  }

  async invoke(request: ConnectorRequest): Promise<ConnectorResponse> {
    let call: HttpCall;
    try {
      call = this.toHttpCall(request.operationId, request.parameters);
    } catch (e) {
      if (e instanceof ParameterError) return errorResponse(400, 'InvalidParameter', e.message);
      throw e;
    }
    const user = this.options.connectionUsers?.[request.connectionName] ?? this.options.defaultUserId;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'OData-MaxVersion': '4.0',
      'OData-Version': '4.0',
      ...(user ? { MSCRMCallerID: user } : {}),
      ...call.headers,
    };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    try {
      const res = await this.http.request<string>({
        method: call.method,
        url: call.path,
        headers,
        ...(call.body !== undefined ? { data: JSON.stringify(call.body) } : {}),
      });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined && v !== null) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      let body: unknown = undefined;
      if (typeof res.data === 'string' && res.data !== '') {
        try {
          body = JSON.parse(res.data);
        } catch {
          body = res.data;
        }
      }
      return { statusCode: res.status, headers: out, body };
    } catch (e) {
      return errorResponse(
        502,
        'BadGateway',
        `Dataverse could not be reached at ${this.options.apiUrl}: ${(e as Error).message}`,
      );
    }
  }

  private toHttpCall(operationId: string, p: Record<string, unknown>): HttpCall {
    const read = { Prefer: ANNOTATIONS };
    const writeBack = { Prefer: `return=representation,${ANNOTATIONS}` };
    switch (operationId) {
      case 'ListRecords': {
        if (optionalString(p, 'fetchXml') !== undefined)
          throw new ParameterError("The parameter 'fetchXml' is not supported by the local runtime; use $filter.");
        const set = entitySetName(p);
        const skip = skipTokenFrom(p);
        const query = queryString({ ...p, ...(skip !== undefined ? { $skiptoken: skip } : {}) });
        const top = optionalString(p, '$top');
        const prefer =
          top === undefined
            ? `odata.maxpagesize=${this.options.pageSize ?? CONNECTOR_PAGE_SIZE},${ANNOTATIONS}`
            : ANNOTATIONS;
        return { method: 'GET', path: `${set}${query}`, headers: { Prefer: prefer } };
      }
      case 'GetItem':
        return {
          method: 'GET',
          path: `${entitySetName(p)}(${recordKeySegment(p)})${queryString(p, ['$select', '$expand'])}`,
          headers: read,
        };
      case 'CreateRecord':
        return { method: 'POST', path: entitySetName(p), headers: writeBack, body: collectItem(p) };
      case 'UpdateRecord':
        // The connector's "Update a row" is an upsert: a missing id creates the row.
        return {
          method: 'PATCH',
          path: `${entitySetName(p)}(${recordKeySegment(p)})`,
          headers: writeBack,
          body: collectItem(p),
        };
      case 'UpdateOnlyRecord':
        return {
          method: 'PATCH',
          path: `${entitySetName(p)}(${recordKeySegment(p)})`,
          headers: { ...writeBack, 'If-Match': '*' },
          body: collectItem(p),
        };
      case 'DeleteRecord':
        return { method: 'DELETE', path: `${entitySetName(p)}(${recordKeySegment(p)})` };
      case 'AssociateEntities': {
        const nav = requireString(p, 'associationEntityRelationship');
        const target =
          p['item/@odata.id'] ??
          (p.item && typeof p.item === 'object' ? (p.item as Record<string, unknown>)['@odata.id'] : undefined);
        if (typeof target !== 'string' || target.trim() === '')
          throw new ParameterError("The parameter 'item/@odata.id' (the URL of the row to relate) is required.");
        return {
          method: 'POST',
          path: `${entitySetName(p)}(${recordKeySegment(p)})/${encodeURIComponent(nav)}/$ref`,
          body: { '@odata.id': target.trim() },
        };
      }
      case 'DisassociateEntities': {
        const nav = requireString(p, 'associationEntityRelationship');
        const target = requireString(p, '$id');
        return {
          method: 'DELETE',
          path: `${entitySetName(p)}(${recordKeySegment(p)})/${encodeURIComponent(nav)}/$ref?$id=${encodeURIComponent(target)}`,
        };
      }
      default:
        throw new ParameterError(
          `The operation '${operationId}' is not implemented by the local Dataverse connector; supported: ListRecords, GetItem, CreateRecord, UpdateRecord, UpdateOnlyRecord, DeleteRecord, AssociateEntities, DisassociateEntities.`,
        );
    }
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }

  subscribe(
    operationId: string,
    parameters: Record<string, unknown>,
    onEvent: (event: TriggerEvent) => void,
  ): () => void {
    if (operationId !== 'SubscribeWebhookTrigger')
      throw new Error(`The Dataverse connector has no webhook trigger '${operationId}'; use SubscribeWebhookTrigger.`);
    const source = this.options.changeSource;
    if (!source)
      throw new Error(
        'DataverseAdapter: SubscribeWebhookTrigger needs the changeSource option (the local Dataverse change feed).',
      );
    const owner = this.options.flowOwnerId ?? this.options.defaultUserId;
    if (!owner)
      throw new Error(
        'DataverseAdapter: SubscribeWebhookTrigger needs flowOwnerId (the systemuserid of the flow owner).',
      );
    const registration = registrationFromParameters(parameters, owner);
    return source.register(registration, (n) =>
      onEvent({ body: triggerBody(n, this.options.apiUrl), headers: { 'content-type': 'application/json' } }),
    );
  }
}

export function createDataverseAdapter(options: DataverseAdapterOptions): DataverseAdapter {
  return new DataverseAdapter(options);
}
