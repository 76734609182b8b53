import type { ConnectionReference, OpenApiConnectionInputs } from '../definition/types';
import { CustomConnectorClient, type CustomConnectorConfig } from './custom-connector';
import type { ConnectorResponse, ManagedConnectorAdapter } from './types';

/**
 * Routes a flow's connector operations: `host.connectionName` → the flow's `connectionReferences`
 * entry → API name → a registered managed-connector adapter or custom connector client.
 */
export class ConnectorDispatchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorDispatchError';
  }
}

export interface ResolvedConnection {
  /** e.g. `shared_commondataserviceforapps` or `shared_cr123-5fcosell-20referrals-5f0123`. */
  apiName: string;
  /** `api.logicalName` of a solution-aware custom connector, when the reference gives one. */
  logicalName?: string;
  /** The connection reference's logical name (or the key when the reference gives none). */
  connectionName: string;
}

/** `/providers/Microsoft.PowerApps/apis/shared_x` → `shared_x`. */
export function apiNameFromId(apiId: string | undefined): string | undefined {
  if (typeof apiId !== 'string' || apiId === '') return undefined;
  const seg = apiId.split('/').filter(Boolean).pop();
  return seg || undefined;
}

export function resolveConnection(
  host: OpenApiConnectionInputs['host'],
  references: Record<string, ConnectionReference>,
): ResolvedConnection {
  const key = host.connectionName;
  if (typeof key === 'string' && key !== '') {
    const ref = Object.prototype.hasOwnProperty.call(references, key) ? references[key] : undefined;
    if (!ref) {
      throw new ConnectorDispatchError(
        'InvalidConnectionReference',
        `The connection '${key}' is not declared in the flow's connectionReferences.`,
      );
    }
    const apiName = ref.api?.name ?? apiNameFromId(host.apiId) ?? key;
    return {
      apiName,
      logicalName: ref.api?.logicalName,
      connectionName: ref.connection?.connectionReferenceLogicalName ?? key,
    };
  }
  const apiName = apiNameFromId(host.apiId);
  if (!apiName)
    throw new ConnectorDispatchError(
      'InvalidConnectionReference',
      `The operation has neither 'host.connectionName' nor 'host.apiId'.`,
    );
  return { apiName, connectionName: apiName };
}

export interface CustomConnectorRegistration extends CustomConnectorConfig {
  /** Names the connector is found by: its API name (`shared_...`) and/or solution logical name. */
  names: string[];
}

export class ConnectorRegistry {
  private readonly adapters = new Map<string, ManagedConnectorAdapter>();
  private readonly custom = new Map<string, CustomConnectorClient>();

  registerAdapter(adapter: ManagedConnectorAdapter): void {
    this.adapters.set(adapter.apiName.toLowerCase(), adapter);
  }

  registerCustomConnector(registration: CustomConnectorRegistration): CustomConnectorClient {
    const client = new CustomConnectorClient(registration);
    for (const n of registration.names) this.custom.set(n.toLowerCase(), client);
    return client;
  }

  adapterFor(conn: ResolvedConnection): ManagedConnectorAdapter | undefined {
    return this.adapters.get(conn.apiName.toLowerCase());
  }

  customFor(conn: ResolvedConnection): CustomConnectorClient | undefined {
    return (
      this.custom.get(conn.apiName.toLowerCase()) ??
      (conn.logicalName ? this.custom.get(conn.logicalName.toLowerCase()) : undefined)
    );
  }

  /** Sends one operation. Throws ConnectorDispatchError for configuration faults (before anything is sent). */
  async invoke(
    host: OpenApiConnectionInputs['host'],
    parameters: Record<string, unknown>,
    references: Record<string, ConnectionReference>,
  ): Promise<ConnectorResponse> {
    const conn = resolveConnection(host, references);
    const operationId = String(host.operationId ?? '');
    const adapter = this.adapterFor(conn);
    if (adapter) {
      try {
        return await adapter.invoke({
          apiName: conn.apiName,
          connectionName: conn.connectionName,
          operationId,
          parameters,
        });
      } catch (e) {
        // Adapters report service errors as responses; a throw is an adapter bug, surfaced as a gateway error.
        return {
          statusCode: 502,
          headers: {},
          body: {
            error: {
              code: 'BadGateway',
              message: `The connector adapter '${conn.apiName}' failed: ${(e as Error)?.message ?? String(e)}`,
            },
          },
        };
      }
    }
    const custom = this.customFor(conn);
    if (custom) {
      const res = await custom.invoke(operationId, parameters);
      if ('buildError' in res) throw new ConnectorDispatchError('InvalidConnectorOperation', res.buildError);
      return res;
    }
    throw new ConnectorDispatchError(
      'ConnectorNotRegistered',
      `No connector is registered for API '${conn.apiName}'${conn.logicalName ? ` (logical name '${conn.logicalName}')` : ''}; register a managed connector adapter or a custom connector definition with the runtime.`,
    );
  }
}
