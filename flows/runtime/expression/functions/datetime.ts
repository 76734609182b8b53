import { canonicalLocale } from '../culture';
import { DateFormatError, formatDate } from '../datetime/format';
import { addMonths, inRange, msFromParts, partsOf, toTicks, type DateTimeValue } from '../datetime/instant';
import { parseExact, parseTimestamp } from '../datetime/parse';
import { ianaZone, isUtcZone, utcToZone, zoneToUtc } from '../datetime/timezones';
import { ExpressionError } from '../errors';
import { makeInt, type Value } from '../values';
import { def, expectInt, expectString, fnError, optionalString, type CallContext, type FunctionDef } from './types';

function parseArg(fn: string, args: Value[], i: number): DateTimeValue {
  const text = expectString(fn, args, i);
  const d = parseTimestamp(text);
  if (!d) {
    throw new ExpressionError(
      `In function '${fn}', the value provided for date time string '${text}' was not valid. The datetime string must match ISO 8601 format.`,
    );
  }
  return d;
}

function format(fn: string, d: DateTimeValue, fmt: string | undefined, locale?: string): string {
  if (!inRange(d))
    throw fnError(fn, 'produced a date and time outside the supported range (0001-01-01 to 9999-12-31).');
  try {
    return formatDate(d, fmt || 'o', canonicalLocale(fn, locale));
  } catch (err) {
    if (err instanceof DateFormatError)
      throw fnError(fn, `was invoked with a format that is not valid: ${err.message}`);
    throw err;
  }
}

function nowValue(ctx: CallContext): DateTimeValue {
  return { ms: ctx.host.now().getTime(), sub: 0, kind: 'utc' };
}

const MS: Record<string, number> = { second: 1000, minute: 60000, hour: 3600000, day: 86400000, week: 604800000 };

function addInterval(fn: string, d: DateTimeValue, interval: number, unitText: string): DateTimeValue {
  const unit = unitText.toLowerCase();
  if (unit === 'month') return addMonths(d, interval);
  if (unit === 'year') return addMonths(d, interval * 12);
  const ms = MS[unit];
  if (ms === undefined) {
    throw fnError(
      fn,
      `was invoked with a time unit '${unitText}' that is not valid. Use 'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year'.`,
    );
  }
  return { ms: d.ms + interval * ms, sub: d.sub, kind: d.kind };
}

/** addDays/addHours/...: timestamp, integer amount, optional format. */
function adder(name: string, unit: string): FunctionDef {
  return def(name, 2, 3, (args) => {
    const d = parseArg(name, args, 0);
    const n = expectInt(name, args, 1);
    return format(name, addInterval(name, d, n, unit), optionalString(name, args, 2));
  });
}

function zoneArg(fn: string, args: Value[], i: number): string {
  const id = expectString(fn, args, i);
  const zone = ianaZone(id);
  if (!zone)
    throw fnError(
      fn,
      `was invoked with a time zone '${id}' that is not valid. Use a Windows time zone name such as 'Pacific Standard Time'.`,
    );
  return zone;
}

/** Wall clock of `d` in `from` re-expressed in `to` (.NET TimeZoneInfo.ConvertTime). */
function convert(fn: string, d: DateTimeValue, from: string, to: string): DateTimeValue {
  const utc = isUtcZone(from) ? d.ms : zoneToUtc(d.ms, from);
  if (utc === undefined)
    throw fnError(
      fn,
      `was invoked with a date and time that does not exist in the source time zone (it falls in a daylight saving time gap).`,
    );
  return { ms: isUtcZone(to) ? utc : utcToZone(utc, to), sub: d.sub, kind: isUtcZone(to) ? 'utc' : 'unspecified' };
}

/** .NET TimeSpan "c" format: [-][d.]hh:mm:ss[.fffffff]. */
function formatTimeSpan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const fraction = t % 10000000n;
  t /= 10000000n;
  const seconds = t % 60n;
  t /= 60n;
  const minutes = t % 60n;
  t /= 60n;
  const hours = t % 24n;
  const days = t / 24n;
  const p2 = (v: bigint): string => v.toString().padStart(2, '0');
  return `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${p2(hours)}:${p2(minutes)}:${p2(seconds)}${fraction > 0n ? `.${fraction.toString().padStart(7, '0')}` : ''}`;
}

export const DATETIME_FUNCTIONS: FunctionDef[] = [
  def('utcNow', 0, 1, (args, ctx) => format('utcNow', nowValue(ctx), optionalString('utcNow', args, 0))),
  def('formatDateTime', 1, 3, (args) =>
    format(
      'formatDateTime',
      parseArg('formatDateTime', args, 0),
      optionalString('formatDateTime', args, 1),
      optionalString('formatDateTime', args, 2),
    ),
  ),
  def('parseDateTime', 1, 3, (args) => {
    const text = expectString('parseDateTime', args, 0);
    const locale = canonicalLocale('parseDateTime', optionalString('parseDateTime', args, 1));
    const fmt = optionalString('parseDateTime', args, 2);
    const d = fmt ? parseExact(text, fmt, locale) : parseTimestamp(text, locale);
    if (!d) {
      throw new ExpressionError(
        `In function 'parseDateTime', the value provided for date time string '${text}' was not valid${fmt ? ` for the format '${fmt}'` : ` in the culture '${locale}'`}.`,
      );
    }
    return format('parseDateTime', d, 'o');
  }),
  adder('addSeconds', 'Second'),
  adder('addMinutes', 'Minute'),
  adder('addHours', 'Hour'),
  adder('addDays', 'Day'),
  def('addToTime', 3, 4, (args) => {
    const d = parseArg('addToTime', args, 0);
    const n = expectInt('addToTime', args, 1);
    return format(
      'addToTime',
      addInterval('addToTime', d, n, expectString('addToTime', args, 2)),
      optionalString('addToTime', args, 3),
    );
  }),
  def('subtractFromTime', 3, 4, (args) => {
    const d = parseArg('subtractFromTime', args, 0);
    const n = expectInt('subtractFromTime', args, 1);
    return format(
      'subtractFromTime',
      addInterval('subtractFromTime', d, -n, expectString('subtractFromTime', args, 2)),
      optionalString('subtractFromTime', args, 3),
    );
  }),
  def('getFutureTime', 2, 3, (args, ctx) => {
    const n = expectInt('getFutureTime', args, 0);
    return format(
      'getFutureTime',
      addInterval('getFutureTime', nowValue(ctx), n, expectString('getFutureTime', args, 1)),
      optionalString('getFutureTime', args, 2),
    );
  }),
  def('getPastTime', 2, 3, (args, ctx) => {
    const n = expectInt('getPastTime', args, 0);
    return format(
      'getPastTime',
      addInterval('getPastTime', nowValue(ctx), -n, expectString('getPastTime', args, 1)),
      optionalString('getPastTime', args, 2),
    );
  }),
  def('startOfDay', 1, 2, (args) => {
    const d = parseArg('startOfDay', args, 0);
    const p = partsOf(d);
    return format(
      'startOfDay',
      { ms: msFromParts(p.year, p.month, p.day), sub: 0, kind: d.kind },
      optionalString('startOfDay', args, 1),
    );
  }),
  def('startOfHour', 1, 2, (args) => {
    const d = parseArg('startOfHour', args, 0);
    const p = partsOf(d);
    return format(
      'startOfHour',
      { ms: msFromParts(p.year, p.month, p.day, p.hour), sub: 0, kind: d.kind },
      optionalString('startOfHour', args, 1),
    );
  }),
  def('startOfMonth', 1, 2, (args) => {
    const d = parseArg('startOfMonth', args, 0);
    const p = partsOf(d);
    return format(
      'startOfMonth',
      { ms: msFromParts(p.year, p.month, 1), sub: 0, kind: d.kind },
      optionalString('startOfMonth', args, 1),
    );
  }),
  def('dayOfMonth', 1, 1, (args) => partsOf(parseArg('dayOfMonth', args, 0)).day),
  def('dayOfWeek', 1, 1, (args) => partsOf(parseArg('dayOfWeek', args, 0)).weekday),
  def('dayOfYear', 1, 1, (args) => {
    const p = partsOf(parseArg('dayOfYear', args, 0));
    return Math.round((msFromParts(p.year, p.month, p.day) - msFromParts(p.year, 1, 1)) / 86400000) + 1;
  }),
  def('ticks', 1, 1, (args) => makeInt(toTicks(parseArg('ticks', args, 0)))),
  def('dateDifference', 2, 2, (args) => {
    const start = parseArg('dateDifference', args, 0);
    const end = parseArg('dateDifference', args, 1);
    return formatTimeSpan(toTicks(end) - toTicks(start));
  }),
  def('convertTimeZone', 3, 4, (args) => {
    const d = parseArg('convertTimeZone', args, 0);
    const from = zoneArg('convertTimeZone', args, 1);
    const to = zoneArg('convertTimeZone', args, 2);
    return format(
      'convertTimeZone',
      convert('convertTimeZone', d, from, to),
      optionalString('convertTimeZone', args, 3),
    );
  }),
  def('convertFromUtc', 2, 3, (args) => {
    const d = parseArg('convertFromUtc', args, 0);
    const to = zoneArg('convertFromUtc', args, 1);
    return format(
      'convertFromUtc',
      convert('convertFromUtc', d, 'Etc/UTC', to),
      optionalString('convertFromUtc', args, 2),
    );
  }),
  def('convertToUtc', 2, 3, (args) => {
    const d = parseArg('convertToUtc', args, 0);
    const from = zoneArg('convertToUtc', args, 1);
    return format('convertToUtc', convert('convertToUtc', d, from, 'Etc/UTC'), optionalString('convertToUtc', args, 2));
  }),
];
