import { ConnectorDispatchError } from '../../connectors/dispatch';
import type { ConnectorResponse } from '../../connectors/types';
import { isRecord, type OpenApiConnectionInputs } from '../../definition/types';
import type { ExecContext, ExecResult, Executor } from '../container';
import { ActionFailure, httpStatusCodeName } from '../errors';
import { parseIsoDuration } from '../iso-duration';
import { isRetryableStatus, resolveRetryPolicy, retryAfterMs, retryDelayMs } from '../retry';

/** Http, OpenApiConnection and Workflow (child flow): actions that call out, with retry policies. */

/** Sends with the action's retry policy; each wait advances the virtual clock. */
export async function sendWithRetry(
  ctx: ExecContext,
  send: () => Promise<ConnectorResponse>,
): Promise<{ response: ConnectorResponse; retries: number; timedOut?: boolean }> {
  const policy = resolveRetryPolicy(ctx.def.retryPolicy);
  if (typeof policy === 'string')
    throw new ActionFailure('InvalidTemplate', `The 'retryPolicy' of action '${ctx.name}' is not valid: ${policy}`);
  const clock = ctx.services.clock;
  // The action's own limit.timeout: a retry that would start after it is never sent.
  const timeoutMs = isRecord(ctx.def.limit) ? parseIsoDuration(ctx.def.limit.timeout) : undefined;
  const deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.parse(ctx.record.startTime) + timeoutMs;
  let retries = 0;
  for (;;) {
    const response = await send();
    if (!isRetryableStatus(response.statusCode) || retries >= policy.count || policy.type === 'none')
      return { response, retries };
    const wait = retryAfterMs(response.headers, clock.nowMs()) ?? retryDelayMs(policy, retries + 1);
    if (clock.nowMs() + wait > deadline) {
      // Just past the deadline: the engine's action-timeout rule then ends the action TimedOut at it.
      clock.set(Math.max(clock.nowMs(), deadline) + 1);
      return { response, retries, timedOut: true };
    }
    retries++;
    clock.advance(wait);
  }
}

/** Failure message from a typical error body (`{error: {message}}`, `{message}`, OData), else a generic one. */
function errorMessage(response: ConnectorResponse): string {
  const b = response.body;
  if (isRecord(b)) {
    if (isRecord(b.error) && typeof b.error.message === 'string') return b.error.message;
    if (typeof b.message === 'string') return b.message;
  }
  if (typeof b === 'string' && b.length > 0 && b.length < 1000) return b;
  return `The request failed with status code '${response.statusCode}'.`;
}

export function responseResult(response: ConnectorResponse, retries: number, inputs: unknown): ExecResult {
  const outputs = { statusCode: response.statusCode, headers: response.headers, body: response.body ?? null };
  if (response.statusCode >= 200 && response.statusCode < 300)
    return { status: 'Succeeded', code: httpStatusCodeName(response.statusCode), inputs, outputs, retries };
  const code = httpStatusCodeName(response.statusCode);
  return { status: 'Failed', code, error: { code, message: errorMessage(response) }, inputs, outputs, retries };
}

const http: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  if (!isRecord(inputs) || typeof inputs.method !== 'string' || typeof inputs.uri !== 'string') {
    throw new ActionFailure(
      'InvalidTemplate',
      `The inputs of HTTP action '${ctx.name}' must contain 'method' and 'uri' strings.`,
    );
  }
  let url: URL;
  try {
    url = new URL(inputs.uri);
  } catch {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'uri' of HTTP action '${ctx.name}' is not an absolute URI: '${inputs.uri}'.`,
    );
  }
  if (isRecord(inputs.queries))
    for (const [k, v] of Object.entries(inputs.queries)) url.searchParams.append(k, String(v));
  const headers: Record<string, string> = {};
  if (isRecord(inputs.headers)) for (const [k, v] of Object.entries(inputs.headers)) headers[k] = String(v);
  const request = { method: inputs.method.toUpperCase(), url: url.toString(), headers, body: inputs.body };
  let { response, retries } = await sendWithRetry(ctx, () => ctx.services.sendHttp(request));
  let attempts = 1 + retries;
  const asyncPattern = !String(ctx.def.operationOptions ?? '')
    .split(',')
    .some((o) => o.trim() === 'DisableAsyncPattern');
  // Asynchronous request-response pattern: 202 + Location is polled until the operation finishes.
  for (let polls = 0; asyncPattern && response.statusCode === 202 && polls < ASYNC_POLL_LIMIT; polls++) {
    const location = headerValue(response.headers, 'location');
    if (!location) break;
    let next: URL;
    try {
      next = new URL(location, request.url);
    } catch {
      break;
    }
    ctx.services.clock.advance(retryAfterMs(response.headers, ctx.services.clock.nowMs()) ?? ASYNC_DEFAULT_WAIT_MS);
    const polled = await sendWithRetry(ctx, () =>
      ctx.services.sendHttp({ method: 'GET', url: next.toString(), headers: {} }),
    );
    response = polled.response;
    retries += polled.retries;
    attempts += 1 + polled.retries;
  }
  return { ...responseResult(response, retries, inputs), billable: attempts };
};

/** Bound on status polls of one asynchronous HTTP operation. */
const ASYNC_POLL_LIMIT = 1000;
const ASYNC_DEFAULT_WAIT_MS = 20_000;

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return v;
  return undefined;
}

const openApiConnection: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  if (!isRecord(inputs) || !isRecord(inputs.host) || typeof inputs.host.operationId !== 'string') {
    throw new ActionFailure(
      'InvalidTemplate',
      `The inputs of action '${ctx.name}' must contain 'host.operationId' (and 'host.connectionName').`,
    );
  }
  const host = inputs.host as OpenApiConnectionInputs['host'];
  const parameters = isRecord(inputs.parameters) ? inputs.parameters : {};
  try {
    const { response, retries } = await sendWithRetry(ctx, () =>
      ctx.services.invokeConnector(host, parameters, ctx.state.flow.connectionReferences),
    );
    return responseResult(response, retries, { host, parameters });
  } catch (e) {
    if (e instanceof ConnectorDispatchError) throw new ActionFailure(e.code, e.message);
    throw e;
  }
};

const workflow: Executor = async (ctx) => {
  const inputs = ctx.evaluate(ctx.def.inputs);
  const ref = isRecord(inputs) && isRecord(inputs.host) ? inputs.host.workflowReferenceName : undefined;
  if (typeof ref !== 'string' || ref === '')
    throw new ActionFailure(
      'InvalidTemplate',
      `The inputs of action '${ctx.name}' must contain 'host.workflowReferenceName'.`,
    );
  const headers: Record<string, string> = {};
  if (isRecord(inputs) && isRecord(inputs.headers))
    for (const [k, v] of Object.entries(inputs.headers)) headers[k] = String(v);
  const reply = await ctx.services.runChildFlow(
    ref,
    isRecord(inputs) ? inputs.body : undefined,
    headers,
    ctx.state.depth + 1,
  );
  if (typeof reply === 'string') throw new ActionFailure('WorkflowNotFound', reply);
  const result = responseResult(reply, 0, inputs);
  if (isRecord(result.outputs)) (result.outputs as Record<string, unknown>).childRunId = reply.runId;
  return result;
};

export const callExecutors: Record<string, Executor> = {
  Http: http,
  OpenApiConnection: openApiConnection,
  Workflow: workflow,
};
