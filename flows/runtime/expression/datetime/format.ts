/** .NET `DateTime.ToString(format, culture)`: standard and custom date and time format strings. */
import { dateNames, datePatterns, type DateNames } from './culture-dates';
import { partsOf, type DateTimeValue } from './instant';

export class DateFormatError extends Error {}

const INVARIANT_PATTERNS: Record<string, string> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
};

function standardPattern(spec: string, locale: string): { pattern: string; invariant: boolean } {
  const inv = INVARIANT_PATTERNS[spec];
  if (inv) return { pattern: inv, invariant: true };
  const p = datePatterns(locale);
  if (!p)
    throw new DateFormatError(
      `The standard date and time format '${spec}' is not supported for the culture '${locale}'.`,
    );
  switch (spec) {
    case 'd':
      return { pattern: p.shortDate, invariant: false };
    case 'D':
      return { pattern: p.longDate, invariant: false };
    case 'f':
      return { pattern: `${p.longDate} ${p.shortTime}`, invariant: false };
    case 'F':
    case 'U':
      return { pattern: `${p.longDate} ${p.longTime}`, invariant: false };
    case 'g':
      return { pattern: `${p.shortDate} ${p.shortTime}`, invariant: false };
    case 'G':
      return { pattern: `${p.shortDate} ${p.longTime}`, invariant: false };
    case 'm':
    case 'M':
      return { pattern: p.monthDay, invariant: false };
    case 't':
      return { pattern: p.shortTime, invariant: false };
    case 'T':
      return { pattern: p.longTime, invariant: false };
    case 'y':
    case 'Y':
      return { pattern: p.yearMonth, invariant: false };
    default:
      throw new DateFormatError(`The format string '${spec}' is not a valid date and time format.`);
  }
}

function pad(n: number, width: number): string {
  const s = Math.abs(n).toString().padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

function runLength(format: string, i: number): number {
  let n = 1;
  while (format[i + n] === format[i]) n++;
  return n;
}

/** Seven-digit fraction of a second (ticks within the second). */
function fraction7(d: DateTimeValue): string {
  const msInSecond = ((d.ms % 1000) + 1000) % 1000;
  return (msInSecond * 10000 + d.sub).toString().padStart(7, '0');
}

function customFormat(d: DateTimeValue, format: string, names: DateNames): string {
  const p = partsOf(d);
  const useGenitive = /(^|[^d])d{1,2}([^d]|$)/.test(format.replace(/'[^']*'|"[^"]*"/g, ''));
  let out = '';
  for (let i = 0; i < format.length;) {
    const c = format[i];
    const n = runLength(format, i);
    switch (c) {
      case 'd':
        out +=
          n === 1
            ? String(p.day)
            : n === 2
              ? pad(p.day, 2)
              : n === 3
                ? names.daysShort[p.weekday]
                : names.days[p.weekday];
        i += n;
        break;
      case 'f':
      case 'F': {
        if (n > 7) throw new DateFormatError(`The format '${format}' has more than seven '${c}' specifiers.`);
        let frac = fraction7(d).slice(0, n);
        if (c === 'F') {
          frac = frac.replace(/0+$/, '');
          if (frac === '' && out.endsWith('.')) out = out.slice(0, -1);
        }
        out += frac;
        i += n;
        break;
      }
      case 'g':
        out += p.year > 0 ? 'A.D.' : 'B.C.';
        i += n;
        break;
      case 'h': {
        const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
        out += n === 1 ? String(h12) : pad(h12, 2);
        i += n;
        break;
      }
      case 'H':
        out += n === 1 ? String(p.hour) : pad(p.hour, 2);
        i += n;
        break;
      case 'K':
        out += d.kind === 'utc' ? 'Z' : '';
        i += 1;
        break;
      case 'm':
        out += n === 1 ? String(p.minute) : pad(p.minute, 2);
        i += n;
        break;
      case 'M':
        out +=
          n === 1
            ? String(p.month)
            : n === 2
              ? pad(p.month, 2)
              : n === 3
                ? names.monthsShort[p.month - 1]
                : (useGenitive ? names.monthsGenitive : names.months)[p.month - 1];
        i += n;
        break;
      case 's':
        out += n === 1 ? String(p.second) : pad(p.second, 2);
        i += n;
        break;
      case 't': {
        const designator = p.hour < 12 ? names.am : names.pm;
        out += n === 1 ? designator.slice(0, 1) : designator;
        i += n;
        break;
      }
      case 'y':
        out += n === 1 ? String(p.year % 100) : n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        i += n;
        break;
      case 'z':
        // The runtime's machines run on UTC, so the local offset is always zero.
        out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
        i += n;
        break;
      case ':':
        out += names.timeSeparator;
        i += 1;
        break;
      case '/':
        out += names.dateSeparator;
        i += 1;
        break;
      case "'":
      case '"': {
        const end = format.indexOf(c, i + 1);
        if (end < 0) throw new DateFormatError(`The format '${format}' has an unterminated quoted string.`);
        out += format.slice(i + 1, end);
        i = end + 1;
        break;
      }
      case '%':
        if (i + 1 >= format.length || format[i + 1] === '%')
          throw new DateFormatError(`The format '${format}' is not valid.`);
        out += customFormat(d, format[i + 1], names);
        i += 2;
        break;
      case '\\':
        if (i + 1 >= format.length) throw new DateFormatError(`The format '${format}' ends with an escape character.`);
        out += format[i + 1];
        i += 2;
        break;
      default:
        out += c;
        i += 1;
    }
  }
  return out;
}

/**
 * Formats like .NET: a single character is a standard format (`o`, `D`, `u`, ...), anything longer a
 * custom format. `locale` is a canonical culture name or 'invariant'.
 */
export function formatDate(d: DateTimeValue, format: string, locale: string): string {
  if (format === '') format = 'G';
  if (format.length === 1) {
    const { pattern, invariant } = standardPattern(format, locale);
    // 'R' and 'u' show the instant in UTC; the runtime's values already are (or are treated as) UTC.
    const names = dateNames(invariant ? 'invariant' : locale);
    return customFormat(d, pattern, names);
  }
  return customFormat(d, format, dateNames(locale));
}
