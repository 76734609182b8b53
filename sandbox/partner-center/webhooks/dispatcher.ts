import type { Clock } from '../clock';

/** One HTTP POST to the receiver; resolves with the status or rejects on a network failure. */
export type WebhookTransport = (request: {
  url: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<{ status: number }>;

export interface DeliveryAttempt {
  at: number;
  status: number | null;
  error: string | null;
  ok: boolean;
}

export interface Delivery {
  id: string;
  seq: number;
  eventName: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  state: 'pending' | 'delivered' | 'offline' | 'dropped';
  dueAt: number;
  createdAt: number;
  attempts: DeliveryAttempt[];
  /** Reorder fault: sent after the next delivery (it waits one tick when nothing else is due). */
  holdBack: boolean;
  /** A held-back delivery already waited one tick alone. */
  heldOnce?: boolean;
  /** Duplicate fault: the id of the delivery this one copies. */
  duplicateOf: string | null;
  /** For validation (test-created) events. */
  correlationId: string | null;
}

/** Fault decisions for a new delivery (the fault injector answers; no faults by default). */
export type DeliveryFaults = (eventName: string) => { drop: boolean; duplicate: boolean; reorder: boolean };

export interface DispatcherOptions {
  clock: Clock;
  transport: WebhookTransport;
  /** "Partner Center will make 10 attempts to deliver the event" (reference §5.5). */
  maxAttempts?: number;
  /** Wait after the n-th failed attempt (1-based); the real schedule is unpublished. */
  backoffMs?: (failedAttempts: number) => number;
  faults?: DeliveryFaults;
  /** Finished deliveries kept for the admin API. */
  historyLimit?: number;
}

export interface DispatcherSnapshot {
  seq: number;
  pending: Delivery[];
  offline: Delivery[];
  history: Delivery[];
}

/** 30 s, 1 min, 2 min, ... doubling, at most 1 hour. */
export const defaultBackoff = (failedAttempts: number): number =>
  Math.min(30_000 * 2 ** (failedAttempts - 1), 3_600_000);

/**
 * Webhook delivery with retries on the sandbox clock: nothing is sent until `tick()` (or `drain()`)
 * runs, so tests decide when deliveries happen and move time to trigger retries. After
 * `maxAttempts` failures a delivery moves to the offline queue and is not tried again.
 */
export class WebhookDispatcher {
  private seq = 0;
  private pending: Delivery[] = [];
  private offline: Delivery[] = [];
  private history: Delivery[] = [];
  private running: Promise<number> = Promise.resolve(0);
  private readonly listeners = new Set<(d: Delivery) => void>();
  private readonly maxAttempts: number;
  private readonly backoff: (n: number) => number;
  private readonly historyLimit: number;

  constructor(private readonly options: DispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.backoff = options.backoffMs ?? defaultBackoff;
    this.historyLimit = options.historyLimit ?? 1000;
  }

  /** Called after every attempt of a delivery (success, failure, or move to offline). */
  onAttempt(listener: (d: Delivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enqueue(
    eventName: string,
    url: string,
    body: string,
    headers: Record<string, string>,
    correlationId: string | null = null,
  ): Delivery {
    const now = this.options.clock.now();
    const faults = this.options.faults?.(eventName) ?? { drop: false, duplicate: false, reorder: false };
    const delivery: Delivery = {
      id: `dlv-${++this.seq}`,
      seq: this.seq,
      eventName,
      url,
      body,
      headers,
      state: 'pending',
      dueAt: now,
      createdAt: now,
      attempts: [],
      holdBack: faults.reorder,
      duplicateOf: null,
      correlationId,
    };
    if (faults.drop) {
      delivery.state = 'dropped';
      this.remember(delivery);
      return delivery;
    }
    this.pending.push(delivery);
    if (faults.duplicate) {
      this.pending.push({
        ...delivery,
        id: `dlv-${++this.seq}`,
        seq: this.seq,
        attempts: [],
        holdBack: false,
        duplicateOf: delivery.id,
      });
    }
    return delivery;
  }

  /** Attempts every delivery that is due now, one at a time in order; returns how many were attempted. */
  tick(): Promise<number> {
    this.running = this.running.then(() => this.tickOnce());
    return this.running;
  }

  /**
   * Ticks until nothing is due. With `advanceClock` (manual clocks only) it also moves the clock to
   * each next retry until every delivery is delivered or offline. Bounded by `maxRounds`.
   */
  async drain(
    options: { advanceClock?: boolean; maxRounds?: number } = {},
  ): Promise<{ attempted: number; pending: number; offline: number }> {
    const maxRounds = options.maxRounds ?? 1000;
    let attempted = 0;
    for (let round = 0; round < maxRounds; round++) {
      const n = await this.tick();
      attempted += n;
      if (this.pending.length === 0) break;
      const now = this.options.clock.now();
      if (n > 0 || this.pending.some((d) => d.dueAt <= now)) continue;
      if (!options.advanceClock || this.options.clock.kind !== 'manual') break;
      const next = Math.min(...this.pending.map((d) => d.dueAt));
      this.options.clock.advance(Math.max(0, next - this.options.clock.now()));
    }
    return { attempted, pending: this.pending.length, offline: this.offline.length };
  }

  private async tickOnce(): Promise<number> {
    const now = this.options.clock.now();
    const due = this.pending.filter((d) => d.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
    const free = due.filter((d) => !d.holdBack);
    let held = due.filter((d) => d.holdBack);
    if (free.length === 0) {
      // Nothing to overtake a held delivery this tick: it waits one tick for a later one to pass it.
      const ready = held.filter((d) => d.heldOnce === true);
      for (const d of held) d.heldOnce = true;
      held = ready;
    }
    const ordered = [...free, ...held];
    for (const d of ordered) {
      d.holdBack = false;
      await this.attempt(d);
    }
    return ordered.length;
  }

  private async attempt(d: Delivery): Promise<void> {
    const at = this.options.clock.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = (await this.options.transport({ url: d.url, headers: d.headers, body: d.body })).status;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const ok = status !== null && status >= 200 && status < 300;
    d.attempts.push({ at, status, error, ok });
    if (ok) {
      d.state = 'delivered';
      this.removePending(d);
      this.remember(d);
    } else if (d.attempts.length >= this.maxAttempts) {
      d.state = 'offline';
      this.removePending(d);
      this.offline.push(d);
    } else {
      d.dueAt = this.options.clock.now() + this.backoff(d.attempts.length);
    }
    for (const l of [...this.listeners]) l(d);
  }

  /** Puts offline deliveries back in the queue (all, or the one with `id`) with fresh attempts. */
  redeliverOffline(id?: string): number {
    const chosen = this.offline.filter((d) => id === undefined || d.id === id);
    this.offline = this.offline.filter((d) => !chosen.includes(d));
    const now = this.options.clock.now();
    for (const d of chosen) {
      d.state = 'pending';
      d.attempts = [];
      d.dueAt = now;
      this.pending.push(d);
    }
    return chosen.length;
  }

  pendingDeliveries(): readonly Delivery[] {
    return this.pending;
  }
  offlineQueue(): readonly Delivery[] {
    return this.offline;
  }
  recent(): readonly Delivery[] {
    return this.history;
  }

  clear(): void {
    this.pending = [];
    this.offline = [];
    this.history = [];
  }

  snapshot(): DispatcherSnapshot {
    return { seq: this.seq, pending: this.pending, offline: this.offline, history: this.history };
  }

  restore(s: DispatcherSnapshot): void {
    this.seq = s.seq;
    this.pending = s.pending;
    this.offline = s.offline;
    this.history = s.history;
  }

  private removePending(d: Delivery): void {
    const i = this.pending.indexOf(d);
    if (i >= 0) this.pending.splice(i, 1);
  }

  private remember(d: Delivery): void {
    this.history.push(d);
    if (this.history.length > this.historyLimit) this.history.splice(0, this.history.length - this.historyLimit);
  }
}

/** The real transport: an HTTP POST with a timeout (fetch, Node 20). */
export function httpTransport(timeoutMs = 10_000): WebhookTransport {
  return async ({ url, headers, body }) => {
    const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status };
  };
}
