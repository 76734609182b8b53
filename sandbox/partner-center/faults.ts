import { badRequest } from './errors';
import { Prng, seedFrom } from './prng';

/**
 * Fault injection, deterministic under a seed: HTTP faults (429 with Retry-After, 500/503, added
 * latency, 412 races) per method and path pattern, webhook faults (dropped, duplicated, reordered
 * deliveries) per event name; each rule can skip the first N matches, apply to at most `count`
 * matches, and apply with a probability drawn from the seeded generator.
 */
export type FaultKind = 'status' | 'latency' | 'race' | 'drop' | 'duplicate' | 'reorder';
const HTTP_KINDS: readonly FaultKind[] = ['status', 'latency', 'race'];
const DELIVERY_KINDS: readonly FaultKind[] = ['drop', 'duplicate', 'reorder'];
const STATUSES = [429, 500, 503] as const;

export interface FaultRuleInput {
  kind: FaultKind;
  /** HTTP method, or `*` (default). */
  method?: string;
  /** Path pattern: `*` matches within one segment, `**` across segments (default `**`). */
  path?: string;
  /** Webhook event name pattern for drop/duplicate/reorder (default `*`). */
  event?: string;
  /** For `status`: 429, 500 or 503. */
  status?: 429 | 500 | 503;
  /** For 429/503: the Retry-After header in seconds (default 1 for 429). */
  retryAfterSeconds?: number;
  /** For `latency`: milliseconds added (virtual on a manual clock). */
  latencyMs?: number;
  /** Let this many matches pass before the rule applies. */
  skip?: number;
  /** Apply to at most this many matches (unlimited when absent). */
  count?: number;
  /** Chance of applying to a match, 0..1 (default 1). */
  probability?: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  matched: number;
  applied: number;
}

export interface RequestFaults {
  status?: { status: number; retryAfterSeconds?: number; ruleId: string };
  latencyMs: number;
  race: boolean;
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private counter = 0;
  private prng: Prng;
  private seedValue: string;

  constructor(seed: string | number = 'cosell-sandbox') {
    this.seedValue = String(seed);
    this.prng = new Prng(seedFrom(seed));
  }

  get seed(): string {
    return this.seedValue;
  }

  reseed(seed: string | number): void {
    this.seedValue = String(seed);
    this.prng = new Prng(seedFrom(seed));
    for (const r of this.rules) {
      r.matched = 0;
      r.applied = 0;
    }
  }

  /** Adds a rule after checking it; 400 (ApiError) on a bad rule. */
  add(input: unknown): FaultRule {
    const rule = checkRule(input);
    const stored: FaultRule = { ...rule, id: `fault-${++this.counter}`, matched: 0, applied: 0 };
    this.rules.push(stored);
    return stored;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  forRequest(method: string, path: string): RequestFaults {
    const out: RequestFaults = { latencyMs: 0, race: false };
    for (const r of this.rules) {
      if (!HTTP_KINDS.includes(r.kind)) continue;
      if (r.method && r.method !== '*' && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!globMatch(r.path ?? '**', path)) continue;
      if (!this.fire(r)) continue;
      if (r.kind === 'latency') out.latencyMs += r.latencyMs ?? 0;
      else if (r.kind === 'race') out.race = true;
      else if (!out.status)
        out.status = { status: r.status ?? 500, retryAfterSeconds: r.retryAfterSeconds, ruleId: r.id };
    }
    return out;
  }

  forDelivery(eventName: string): { drop: boolean; duplicate: boolean; reorder: boolean } {
    const out = { drop: false, duplicate: false, reorder: false };
    for (const r of this.rules) {
      if (!DELIVERY_KINDS.includes(r.kind)) continue;
      if (!globMatch(r.event ?? '*', eventName)) continue;
      if (!this.fire(r)) continue;
      if (r.kind === 'drop') out.drop = true;
      else if (r.kind === 'duplicate') out.duplicate = true;
      else out.reorder = true;
    }
    return out;
  }

  snapshot(): { seed: string; prng: number; counter: number; rules: FaultRule[] } {
    return { seed: this.seedValue, prng: this.prng.snapshot, counter: this.counter, rules: this.rules };
  }

  restore(s: { seed: string; prng: number; counter: number; rules: FaultRule[] }): void {
    this.seedValue = s.seed;
    this.prng = new Prng(0);
    this.prng.restore(s.prng);
    this.counter = s.counter;
    this.rules = s.rules;
  }

  private fire(r: FaultRule): boolean {
    r.matched++;
    if (r.matched <= (r.skip ?? 0)) return false;
    if (r.count !== undefined && r.applied >= r.count) return false;
    // Drawn for every eligible match so a sequence of requests replays the same under one seed.
    const roll = this.prng.next();
    if (roll >= (r.probability ?? 1)) return false;
    r.applied++;
    return true;
  }
}

function checkRule(input: unknown): FaultRuleInput {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw badRequest('A fault rule must be a JSON object.', 'fault');
  const r = input as Record<string, unknown>;
  const kinds = [...HTTP_KINDS, ...DELIVERY_KINDS];
  if (typeof r.kind !== 'string' || !kinds.includes(r.kind as FaultKind))
    throw badRequest(`fault.kind must be one of ${kinds.join(', ')}.`, 'fault.kind');
  const known = [
    'kind',
    'method',
    'path',
    'event',
    'status',
    'retryAfterSeconds',
    'latencyMs',
    'skip',
    'count',
    'probability',
  ];
  for (const k of Object.keys(r))
    if (!known.includes(k))
      throw badRequest(`Unknown fault property "${k}"; allowed: ${known.join(', ')}.`, `fault.${k}`);
  const str = (k: string): void => {
    if (
      r[k] !== undefined &&
      (typeof r[k] !== 'string' || (r[k] as string).length === 0 || (r[k] as string).length > 500)
    )
      throw badRequest(`fault.${k} must be non-empty text.`, `fault.${k}`);
  };
  const int = (k: string, min: number, max: number): void => {
    const v = r[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max))
      throw badRequest(`fault.${k} must be a whole number from ${min} to ${max}.`, `fault.${k}`);
  };
  str('method');
  str('path');
  str('event');
  int('retryAfterSeconds', 0, 86400);
  int('latencyMs', 0, 3_600_000);
  int('skip', 0, 1e9);
  int('count', 0, 1e9);
  if (r.probability !== undefined && (typeof r.probability !== 'number' || !(r.probability >= 0 && r.probability <= 1)))
    throw badRequest('fault.probability must be a number from 0 to 1.', 'fault.probability');
  if (r.kind === 'status' && !STATUSES.includes(r.status as 429))
    throw badRequest(`fault.status must be one of ${STATUSES.join(', ')} for kind "status".`, 'fault.status');
  if (r.kind !== 'status' && r.status !== undefined)
    throw badRequest('fault.status only goes with kind "status".', 'fault.status');
  if (r.kind === 'latency' && r.latencyMs === undefined)
    throw badRequest('fault.latencyMs is required for kind "latency".', 'fault.latencyMs');
  const out = { ...r } as unknown as FaultRuleInput;
  if (out.kind === 'status' && out.status === 429 && out.retryAfterSeconds === undefined) out.retryAfterSeconds = 1;
  return out;
}

/** `*` matches within one path segment, `**` matches anything. */
export function globMatch(pattern: string, value: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i').test(value);
}
