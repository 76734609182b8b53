/**
 * A .NET `DateTime`: 100-nanosecond precision and a Kind. `ms` is milliseconds since 1970-01-01 of the
 * wall-clock value (for `utc` that is the UTC instant), `sub` the remaining ticks (0..9999).
 */
export type DateKind = 'utc' | 'unspecified';

export interface DateTimeValue {
  ms: number;
  sub: number;
  kind: DateKind;
}

/** Ticks at 1970-01-01T00:00:00 (.NET `DateTime.UnixEpoch.Ticks`). */
export const UNIX_EPOCH_TICKS = 621355968000000000n;
export const MIN_MS = -62135596800000; // 0001-01-01T00:00:00
export const MAX_MS = 253402300799999; // 9999-12-31T23:59:59.999

export const TICKS_PER_MS = 10000;

export function toTicks(d: DateTimeValue): bigint {
  return BigInt(d.ms) * 10000n + BigInt(d.sub) + UNIX_EPOCH_TICKS;
}

export function fromTicks(ticks: bigint, kind: DateKind): DateTimeValue {
  const rel = ticks - UNIX_EPOCH_TICKS;
  let ms = rel / 10000n;
  let sub = rel % 10000n;
  if (sub < 0n) {
    sub += 10000n;
    ms -= 1n;
  }
  return { ms: Number(ms), sub: Number(sub), kind };
}

export interface Parts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Day of week, 0 = Sunday. */
  weekday: number;
}

export function partsOf(d: DateTimeValue): Parts {
  const date = new Date(d.ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
    weekday: date.getUTCDay(),
  };
}

/** Milliseconds for a calendar date/time; `Date.UTC` would map years 0..99 to 1900..1999. */
export function msFromParts(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(msFromParts(year, month + 1, 0)).getUTCDate();
}

export function inRange(d: DateTimeValue): boolean {
  return d.ms >= MIN_MS && d.ms <= MAX_MS;
}

/** `DateTime.AddMonths`: the day is clamped to the end of the target month. */
export function addMonths(d: DateTimeValue, months: number): DateTimeValue {
  const p = partsOf(d);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return { ms: msFromParts(year, month, day, p.hour, p.minute, p.second, p.millisecond), sub: d.sub, kind: d.kind };
}
