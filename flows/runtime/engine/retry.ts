import type { RetryPolicy } from '../definition/types';
import { parseIsoDuration } from './iso-duration';

/**
 * Retry policies as Logic Apps documents them (logic-apps-exception-handling): retried on 408, 429,
 * 5xx and connectivity failures. Intervals are deterministic (no random jitter) so runs replay
 * identically; see docs/DECISIONS.md.
 */
export interface ResolvedRetryPolicy {
  type: 'none' | 'fixed' | 'exponential';
  count: number;
  intervalMs: number;
  minimumMs: number;
  maximumMs: number;
}

const SECOND = 1000;
/** Default policy: exponential, 4 retries, 7.5 s scale, each delay capped to 5–45 s. */
export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = {
  type: 'exponential',
  count: 4,
  intervalMs: 7.5 * SECOND,
  minimumMs: 5 * SECOND,
  maximumMs: 45 * SECOND,
};

/** Resolves a definition's `retryPolicy`; a string message when the policy is malformed. */
export function resolveRetryPolicy(policy: RetryPolicy | undefined): ResolvedRetryPolicy | string {
  if (policy === undefined || policy === null) return DEFAULT_RETRY_POLICY;
  if (typeof policy !== 'object') return 'The retry policy must be an object.';
  const type = String(policy.type ?? '').toLowerCase();
  if (type === 'default') return DEFAULT_RETRY_POLICY;
  if (type === 'none') return { type: 'none', count: 0, intervalMs: 0, minimumMs: 0, maximumMs: 0 };
  if (type !== 'fixed' && type !== 'exponential')
    return `The retry policy type '${String(policy.type)}' is not valid; expected 'none', 'fixed' or 'exponential'.`;
  const count = policy.count ?? 4;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 90)
    return `The retry policy count '${String(policy.count)}' is not valid; expected a whole number from 1 to 90.`;
  const interval = policy.interval === undefined ? 7.5 * SECOND : parseIsoDuration(policy.interval);
  if (interval === undefined || interval < 5 * SECOND || interval > 86_400 * SECOND)
    return `The retry policy interval '${String(policy.interval)}' is not valid; expected an ISO 8601 duration from PT5S to P1D.`;
  const minimum =
    policy.minimumInterval === undefined
      ? type === 'fixed'
        ? interval
        : 5 * SECOND
      : parseIsoDuration(policy.minimumInterval);
  const maximum =
    policy.maximumInterval === undefined
      ? type === 'fixed'
        ? interval
        : 86_400 * SECOND
      : parseIsoDuration(policy.maximumInterval);
  if (minimum === undefined)
    return `The retry policy minimumInterval '${String(policy.minimumInterval)}' is not an ISO 8601 duration.`;
  if (maximum === undefined)
    return `The retry policy maximumInterval '${String(policy.maximumInterval)}' is not an ISO 8601 duration.`;
  return { type, count, intervalMs: interval, minimumMs: minimum, maximumMs: Math.max(minimum, maximum) };
}

export function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 408 || statusCode === 429 || (statusCode >= 500 && statusCode <= 599);
}

/** Delay before retry number `retry` (1-based) when the server gave no Retry-After. */
export function retryDelayMs(policy: ResolvedRetryPolicy, retry: number): number {
  if (policy.type === 'fixed') return policy.intervalMs;
  const raw = policy.intervalMs * 2 ** (retry - 1);
  return Math.min(policy.maximumMs, Math.max(policy.minimumMs, raw));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `nowMs`; undefined if absent or unreadable. */
export function retryAfterMs(headers: Record<string, string> | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  let value: string | undefined;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'retry-after') value = String(v);
  if (value === undefined) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : undefined;
}
