/**
 * Time for the sandbox. Expiry (14 days), webhook retry backoff, validation-event throttling and
 * injected latency all read this clock, so tests move time forward instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Moves time forward (never backwards) and notifies listeners. */
  advance(ms: number): void;
  /** Lets `ms` pass: a manual clock simply advances, a system clock really waits. */
  delay(ms: number): Promise<void>;
  /** Called after every advance; returns the unsubscribe function. */
  onAdvance(listener: (now: number) => void): () => void;
  readonly kind: 'manual' | 'system';
}

abstract class ListenedClock {
  private readonly listeners = new Set<(now: number) => void>();
  onAdvance(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  protected notify(now: number): void {
    for (const l of [...this.listeners]) l(now);
  }
}

/** Time only moves when told to: the clock of every test. */
export class ManualClock extends ListenedClock implements Clock {
  readonly kind = 'manual' as const;
  private current: number;
  constructor(start: number | string = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    super();
    this.current = typeof start === 'number' ? start : Date.parse(start);
    if (!Number.isFinite(this.current)) throw new RangeError(`ManualClock: invalid start time ${String(start)}`);
  }
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance(ms) needs a finite, non-negative number');
    this.current += ms;
    this.notify(this.current);
  }
  async delay(ms: number): Promise<void> {
    this.advance(ms);
  }
}

/** Wall-clock time plus an offset that `advance` grows: for rehearsals (`npm run sandbox`). */
export class SystemClock extends ListenedClock implements Clock {
  readonly kind = 'system' as const;
  private offset = 0;
  constructor(offsetMs = 0) {
    super();
    this.offset = offsetMs;
  }
  now(): number {
    return Date.now() + this.offset;
  }
  get offsetMs(): number {
    return this.offset;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance(ms) needs a finite, non-negative number');
    this.offset += ms;
    this.notify(this.now());
  }
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

/** Partner Center timestamps carry seven fractional digits: `2020-10-30T21:03:00.0000000Z`. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}
