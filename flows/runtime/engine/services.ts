import type { ConnectorResponse } from '../connectors/types';
import type { ConnectionReference, OpenApiConnectionInputs } from '../definition/types';
import type { Clock } from './clock';

/** An outgoing HTTP call made by an `Http` action. */
export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** Sends one HTTP request; never throws: connectivity failures come back as a 502 response. */
export type HttpSender = (request: HttpRequestSpec) => Promise<ConnectorResponse>;

export interface ChildFlowReply {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
  runId: string;
  runStatus: string;
}

/** What the engine needs from its surroundings; FlowRuntime provides the real ones. */
export interface EngineServices {
  clock: Clock;
  /** Sends one connector operation; never throws: failures come back as a non-2xx response. */
  invokeConnector(
    host: OpenApiConnectionInputs['host'],
    parameters: Record<string, unknown>,
    connectionReferences: Record<string, ConnectionReference>,
  ): Promise<ConnectorResponse>;
  sendHttp: HttpSender;
  /** Runs a child flow by workflow id or name; a string is an error message (unknown flow, depth exceeded). */
  runChildFlow(
    reference: string,
    body: unknown,
    headers: Record<string, string>,
    depth: number,
  ): Promise<ChildFlowReply | string>;
}
