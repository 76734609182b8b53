import type { ExpressionHost } from '../../../flows/runtime/expression';

/** A host with fixed workflow data, a settable clock and a seeded pseudo-random source. */
export class TestHost implements ExpressionHost {
  clock = new Date('2018-03-01T00:00:00.000Z');
  calls: { name: string; args: unknown[] }[] = [];
  private seed = 42;

  constructor(readonly data: Record<string, (args: unknown[]) => unknown> = {}) {}

  callWorkflowFunction(name: string, args: unknown[]): unknown {
    this.calls.push({ name, args });
    const f = this.data[name];
    if (!f) throw new Error(`no ${name} in test host`);
    return f(args);
  }

  now(): Date {
    return this.clock;
  }

  random(): number {
    // mulberry32: deterministic and good enough for tests.
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
