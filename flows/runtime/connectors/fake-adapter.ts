import type { ConnectorRequest, ConnectorResponse, ManagedConnectorAdapter, TriggerEvent } from './types';

/**
 * A managed-connector double for tests and benchmarks: answers each operationId with a handler,
 * records every call, and lets a test push webhook events or queue poll results. Unknown operations
 * answer 404 like a connector without that operation would.
 */
export type OperationHandler = (
  parameters: Record<string, unknown>,
  request: ConnectorRequest,
) => ConnectorResponse | Promise<ConnectorResponse>;

export class FakeConnectorAdapter implements ManagedConnectorAdapter {
  readonly calls: ConnectorRequest[] = [];
  private readonly handlers = new Map<string, OperationHandler>();
  private readonly listeners = new Set<{
    operationId: string;
    parameters: Record<string, unknown>;
    onEvent: (e: TriggerEvent) => void;
  }>();
  private readonly pollQueue: unknown[][] = [];

  constructor(readonly apiName: string) {}

  /** Sets the handler for an operationId (replacing any earlier one). */
  on(operationId: string, handler: OperationHandler): this {
    this.handlers.set(operationId, handler);
    return this;
  }

  /** Calls of one operation, in order. */
  callsOf(operationId: string): ConnectorRequest[] {
    return this.calls.filter((c) => c.operationId === operationId);
  }

  async invoke(request: ConnectorRequest): Promise<ConnectorResponse> {
    this.calls.push(request);
    const handler = this.handlers.get(request.operationId);
    if (!handler)
      return {
        statusCode: 404,
        headers: {},
        body: {
          error: {
            code: 'OperationNotFound',
            message: `The fake connector '${this.apiName}' has no handler for '${request.operationId}'.`,
          },
        },
      };
    return handler(request.parameters, request);
  }

  subscribe(
    operationId: string,
    parameters: Record<string, unknown>,
    onEvent: (event: TriggerEvent) => void,
  ): () => void {
    const entry = { operationId, parameters, onEvent };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Active webhook subscriptions (operationId and parameters), for assertions. */
  get subscriptions(): { operationId: string; parameters: Record<string, unknown> }[] {
    return [...this.listeners].map(({ operationId, parameters }) => ({ operationId, parameters }));
  }

  /** Delivers an event to every subscription (of one operationId when given). */
  emit(event: TriggerEvent, operationId?: string): void {
    for (const l of this.listeners) if (operationId === undefined || l.operationId === operationId) l.onEvent(event);
  }

  /** Queues the items the next poll returns (each call queues one poll's worth). */
  queuePoll(items: unknown[]): void {
    this.pollQueue.push(items);
  }

  async poll(
    _operationId: string,
    _parameters: Record<string, unknown>,
    state: unknown,
  ): Promise<{ items: unknown[]; state: unknown }> {
    const items = this.pollQueue.shift() ?? [];
    return { items, state: (typeof state === 'number' ? state : 0) + 1 };
  }
}
