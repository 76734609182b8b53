/**
 * Seeded pseudo-random numbers (mulberry32) so fault injection and generated ids replay exactly
 * under the same seed.
 */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  get snapshot(): number {
    return this.state;
  }
  restore(state: number): void {
    this.state = state >>> 0;
  }
}

/** Turns a seed given as text or number into a 32-bit integer. */
export function seedFrom(value: string | number): number {
  if (typeof value === 'number') return value >>> 0;
  let h = 2166136261;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}
