/**
 * A .NET `System.Decimal` stand-in for `decimal()`: an exact BigInt coefficient with a decimal scale
 * (0..28), so `add(decimal('1.2345678912312131'), decimal('1.2345678912312131'))` keeps every digit.
 */
const MAX_SCALE = 28;
/** .NET decimal's 96-bit coefficient limit. */
const MAX_COEFFICIENT = (1n << 96n) - 1n;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export class Decimal {
  private constructor(
    readonly coefficient: bigint,
    readonly scale: number,
  ) {}

  static create(coefficient: bigint, scale: number): Decimal {
    let c = coefficient;
    let s = scale;
    // Round away excess precision (banker's rounding, as .NET does) until it fits.
    while (s > 0 && (s > MAX_SCALE || (c < 0n ? -c : c) > MAX_COEFFICIENT)) {
      c = roundDiv(c, 10n);
      s--;
    }
    if ((c < 0n ? -c : c) > MAX_COEFFICIENT)
      throw new RangeError('Value was either too large or too small for a Decimal.');
    return new Decimal(c, s);
  }

  /** Parses invariant decimal text (`-12.50`, `1e3`); undefined when it is not a number. */
  static parse(text: string): Decimal | undefined {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
    const digits = `${m[2]}${m[3] ?? ''}`;
    let scale = (m[3] ?? '').length - Number(m[4] ?? '0');
    let c = BigInt(digits === '' ? '0' : digits);
    if (scale < 0) {
      c *= pow10(-scale);
      scale = 0;
    }
    return Decimal.create(m[1] === '-' ? -c : c, scale);
  }

  static fromNumber(n: number): Decimal {
    if (!Number.isFinite(n)) throw new RangeError('Value was either too large or too small for a Decimal.');
    if (Number.isInteger(n)) return Decimal.create(BigInt(n), 0);
    // Shortest round-trip digits, like .NET's double→decimal conversion (15 significant digits at most).
    const d = Decimal.parse(Number(n.toPrecision(15)).toString());
    if (!d) throw new RangeError(`Cannot convert ${n} to Decimal.`);
    return d;
  }

  static from(v: unknown): Decimal {
    if (v instanceof Decimal) return v;
    if (typeof v === 'bigint') return Decimal.create(v, 0);
    if (typeof v === 'number') return Decimal.fromNumber(v);
    if (typeof v === 'object' && v !== null && 'value' in v && typeof (v as { value: unknown }).value === 'number') {
      return Decimal.fromNumber((v as { value: number }).value);
    }
    throw new TypeError('not a number');
  }

  private aligned(other: Decimal): [bigint, bigint, number] {
    const s = Math.max(this.scale, other.scale);
    return [this.coefficient * pow10(s - this.scale), other.coefficient * pow10(s - other.scale), s];
  }

  add(o: Decimal): Decimal {
    const [a, b, s] = this.aligned(o);
    return Decimal.create(a + b, s);
  }

  sub(o: Decimal): Decimal {
    const [a, b, s] = this.aligned(o);
    return Decimal.create(a - b, s);
  }

  mul(o: Decimal): Decimal {
    return Decimal.create(this.coefficient * o.coefficient, this.scale + o.scale);
  }

  div(o: Decimal): Decimal {
    if (o.coefficient === 0n) throw new RangeError('Attempted to divide by zero.');
    // Scale the dividend far enough for 28 fractional digits, then drop trailing zeros.
    const [a, b] = this.aligned(o);
    const extra = MAX_SCALE + 2;
    let q = roundDiv(a * pow10(extra), b);
    let s = extra;
    while (s > 0 && q % 10n === 0n) {
      q /= 10n;
      s--;
    }
    return Decimal.create(q, s);
  }

  mod(o: Decimal): Decimal {
    if (o.coefficient === 0n) throw new RangeError('Attempted to divide by zero.');
    const [a, b, s] = this.aligned(o);
    return Decimal.create(a % b, s);
  }

  compare(o: Decimal): number {
    const [a, b] = this.aligned(o);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isZero(): boolean {
    return this.coefficient === 0n;
  }

  toNumber(): number {
    return Number(this.toString());
  }

  toString(): string {
    const neg = this.coefficient < 0n;
    let digits = (neg ? -this.coefficient : this.coefficient).toString();
    if (this.scale === 0) return `${neg ? '-' : ''}${digits}`;
    digits = digits.padStart(this.scale + 1, '0');
    return `${neg ? '-' : ''}${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
  }
}

/** a / b rounded half to even. */
function roundDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const absB = b < 0n ? -b : b;
  const sign = a < 0n !== b < 0n ? -1n : 1n;
  if (twice > absB || (twice === absB && q % 2n !== 0n)) return q + sign;
  return q;
}
