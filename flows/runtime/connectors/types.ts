/**
 * How the flow runtime talks to connectors. Custom connectors are dispatched from their OpenAPI
 * definition (see custom-connector dispatch); managed connectors (Dataverse, Salesforce) are
 * implemented by adapters keyed by API name, written against the public connector contract.
 */

/** One action call, with parameters named exactly as the connector names them (`entityName`, `item/name`, `$filter`, ...). */
export interface ConnectorRequest {
  /** API name from the flow's connection reference, e.g. `shared_commondataserviceforapps`. */
  apiName: string;
  /** The connection reference's logical name (lets one adapter serve several connections). */
  connectionName: string;
  operationId: string;
  parameters: Record<string, unknown>;
}

export interface ConnectorResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A trigger subscription's event, as the run engine receives it. */
export interface TriggerEvent {
  body: unknown;
  headers?: Record<string, string>;
}

export interface ManagedConnectorAdapter {
  /** e.g. `shared_commondataserviceforapps`, `shared_salesforce`. */
  readonly apiName: string;
  /** Performs one action. Never throws for service errors: they come back as a non-2xx response. */
  invoke(request: ConnectorRequest): Promise<ConnectorResponse>;
  /**
   * Webhook-style triggers (Dataverse `SubscribeWebhookTrigger`): registers interest and calls `onEvent`
   * for every matching change; returns the function that unsubscribes.
   */
  subscribe?(
    operationId: string,
    parameters: Record<string, unknown>,
    onEvent: (event: TriggerEvent) => void,
  ): () => void;
  /**
   * Polling triggers (Salesforce "When a record is modified"): one poll from `state` (undefined on the
   * first poll); returns the items found (before `splitOn`) and the state for the next poll.
   */
  poll?(
    operationId: string,
    parameters: Record<string, unknown>,
    state: unknown,
  ): Promise<{ items: unknown[]; state: unknown }>;
}
