/**
 * The run engine's only source of time. Waits (retry intervals, Delay actions, recurrence) advance
 * it instantly, so tests and benchmarks never sleep on the wall clock.
 */
export interface Clock {
  now(): Date;
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /** Moves time forward by `ms` (negative values are ignored). */
  advance(ms: number): void;
  /** Sets the time (used to model concurrent iterations that start together). */
  set(ms: number): void;
}

export class VirtualClock implements Clock {
  private ms: number;

  constructor(start: Date | string | number = '2026-01-01T00:00:00Z') {
    this.ms = start instanceof Date ? start.getTime() : typeof start === 'number' ? start : Date.parse(start);
    if (!Number.isFinite(this.ms)) throw new RangeError(`VirtualClock: invalid start time ${String(start)}`);
  }

  now(): Date {
    return new Date(this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.ms += ms;
  }

  set(ms: number): void {
    if (Number.isFinite(ms)) this.ms = ms;
  }
}
