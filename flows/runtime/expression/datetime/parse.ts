/**
 * Timestamp parsing as the runtime accepts it: ISO 8601 (with `Z`/offset → UTC, without → unspecified),
 * .NET-style culture dates (`03/15/2018 12:00:00` in en-US, `20/10/2014` in fr-FR), RFC 1123 and
 * month-name forms, and exact parsing against a custom format string.
 */
import { dateNames, datePatterns } from './culture-dates';
import { daysInMonth, msFromParts, MAX_MS, MIN_MS, type DateKind, type DateTimeValue } from './instant';

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction of a second in ticks (0..9999999). */
  fraction: number;
  /** Offset in minutes, when the text had one. */
  offset?: number;
  utc?: boolean;
}

function fractionTicks(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.slice(0, 7).padEnd(7, '0'));
}

function build(f: Fields): DateTimeValue | undefined {
  if (f.month < 1 || f.month > 12 || f.day < 1 || f.year < 1 || f.year > 9999) return undefined;
  if (f.day > daysInMonth(f.year, f.month)) return undefined;
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return undefined;
  let ms = msFromParts(f.year, f.month, f.day, f.hour, f.minute, f.second, Math.floor(f.fraction / 10000));
  const sub = f.fraction % 10000;
  let kind: DateKind = 'unspecified';
  if (f.offset !== undefined) {
    ms -= f.offset * 60000;
    kind = 'utc';
  } else if (f.utc) {
    kind = 'utc';
  }
  if (ms < MIN_MS || ms > MAX_MS) return undefined;
  return { ms, sub, kind };
}

function parseOffset(text: string | undefined): { offset?: number; utc?: boolean } {
  if (!text) return {};
  const t = text.toUpperCase();
  if (t === 'Z' || t === 'GMT' || t === 'UTC') return { utc: true };
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!m) return {};
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return { offset: m[1] === '-' ? -minutes : minutes };
}

const ISO =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i;
const ISO_BASIC = /^\s*(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i;
const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(AM|PM|A\.M\.|P\.M\.)?)?\s*(Z|GMT|UTC|[+-]\d{1,2}:?\d{2})?`;

function hour12(hour: number, designator: string | undefined): number | undefined {
  if (!designator) return hour;
  if (hour < 1 || hour > 12) return undefined;
  const pm = designator.toUpperCase().startsWith('P');
  return (hour % 12) + (pm ? 12 : 0);
}

function withTime(
  year: number,
  month: number,
  day: number,
  m: RegExpExecArray,
  base: number,
): DateTimeValue | undefined {
  const h = hour12(Number(m[base] ?? '0'), m[base + 4]);
  if (h === undefined) return undefined;
  return build({
    year,
    month,
    day,
    hour: h,
    minute: Number(m[base + 1] ?? '0'),
    second: Number(m[base + 2] ?? '0'),
    fraction: fractionTicks(m[base + 3]),
    ...parseOffset(m[base + 5]),
  });
}

function monthIndex(name: string, locale: string): number {
  const lower = name.toLowerCase().replace(/\.$/, '');
  for (const loc of locale === 'en-US' ? ['en-US'] : [locale, 'en-US']) {
    const n = dateNames(loc);
    const i = [...n.months, ...n.monthsGenitive, ...n.monthsShort].findIndex(
      (x) => x.toLowerCase().replace(/\.$/, '') === lower,
    );
    if (i >= 0) return (i % 12) + 1;
  }
  return 0;
}

/** Parses a timestamp string; `locale` decides day/month order for numeric dates. Undefined if invalid. */
export function parseTimestamp(text: string, locale = 'en-US'): DateTimeValue | undefined {
  let m = ISO.exec(text);
  if (m) {
    return build({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4] ?? '0'),
      minute: Number(m[5] ?? '0'),
      second: Number(m[6] ?? '0'),
      fraction: fractionTicks(m[7]),
      ...parseOffset(m[8]),
    });
  }
  m = ISO_BASIC.exec(text);
  if (m && m[4] !== undefined) {
    return build({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6] ?? '0'),
      fraction: fractionTicks(m[7]),
      ...parseOffset(m[8]),
    });
  }
  const patterns = datePatterns(locale) ?? datePatterns('en-US')!;
  const order = patterns.shortDate.replace(/[^yMd]/g, '').replace(/(.)\1+/g, '$1');
  m = new RegExp(String.raw`^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})${TIME}\s*$`, 'i').exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const c = Number(m[3]);
    if (m[1].length === 4) return withTime(a, b, c, m, 4);
    if (m[3].length !== 4 && m[3].length !== 2) return undefined;
    const year = m[3].length === 2 ? 2000 + c - (c >= 50 ? 100 : 0) : c;
    return order.startsWith('d') ? withTime(year, b, a, m, 4) : withTime(year, a, b, m, 4);
  }
  // RFC 1123 / "15 March 2018" / "March 15, 2018", optionally with a weekday and a time.
  m = new RegExp(String.raw`^\s*(?:[^\d\s,]+,?\s+)?(\d{1,2})\s+([^\d\s,]+)\s+(\d{4})${TIME}\s*$`, 'i').exec(text);
  if (m) {
    const month = monthIndex(m[2], locale);
    return month ? withTime(Number(m[3]), month, Number(m[1]), m, 4) : undefined;
  }
  m = new RegExp(String.raw`^\s*(?:[^\d\s,]+,?\s+)?([^\d\s,]+)\s+(\d{1,2}),?\s+(\d{4})${TIME}\s*$`, 'i').exec(text);
  if (m) {
    const month = monthIndex(m[1], locale);
    return month ? withTime(Number(m[3]), month, Number(m[2]), m, 4) : undefined;
  }
  return undefined;
}

/** `DateTime.ParseExact` with a custom format (the subset that flows use). Undefined if it does not match. */
export function parseExact(text: string, format: string, locale: string): DateTimeValue | undefined {
  const names = dateNames(locale);
  const f: Fields = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0 };
  let pm: boolean | undefined;
  let hour12Value: number | undefined;
  let pos = 0;
  const readDigits = (min: number, max: number): number | undefined => {
    const m = new RegExp(`^\\d{${min},${max}}`).exec(text.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]);
  };
  const readName = (list: string[]): number | undefined => {
    let best = -1;
    let bestLen = 0;
    list.forEach((name, i) => {
      if (name.length > bestLen && text.slice(pos, pos + name.length).toLowerCase() === name.toLowerCase()) {
        best = i;
        bestLen = name.length;
      }
    });
    if (best < 0) return undefined;
    pos += bestLen;
    return best;
  };
  for (let i = 0; i < format.length;) {
    const c = format[i];
    let n = 1;
    while (format[i + n] === c) n++;
    let v: number | undefined;
    switch (c) {
      case 'y':
        v = readDigits(n <= 2 ? 2 : n, n <= 2 ? 2 : Math.max(n, 4));
        if (v === undefined) return undefined;
        f.year = n <= 2 ? 2000 + v - (v >= 50 ? 100 : 0) : v;
        break;
      case 'M':
        if (n >= 3) {
          v = readName(n === 3 ? names.monthsShort : [...names.months, ...names.monthsGenitive]);
          if (v === undefined) return undefined;
          f.month = (v % 12) + 1;
        } else {
          v = readDigits(n, 2);
          if (v === undefined) return undefined;
          f.month = v;
        }
        break;
      case 'd':
        if (n >= 3) {
          if (readName(n === 3 ? names.daysShort : names.days) === undefined) return undefined;
        } else {
          v = readDigits(n, 2);
          if (v === undefined) return undefined;
          f.day = v;
        }
        break;
      case 'H':
      case 'h':
      case 'm':
      case 's':
        v = readDigits(n, 2);
        if (v === undefined) return undefined;
        if (c === 'H') f.hour = v;
        else if (c === 'h') hour12Value = v;
        else if (c === 'm') f.minute = v;
        else f.second = v;
        break;
      case 'f':
      case 'F': {
        const m = new RegExp(`^\\d{${c === 'f' ? n : 0},${n}}`).exec(text.slice(pos));
        if (!m) return undefined;
        pos += m[0].length;
        f.fraction = fractionTicks(m[0]);
        break;
      }
      case 't': {
        const idx = readName([names.am, names.pm, 'AM', 'PM']);
        if (idx === undefined) return undefined;
        pm = idx % 2 === 1;
        break;
      }
      case 'K':
      case 'z': {
        const m = /^(Z|[+-]\d{1,2}(?::?\d{2})?)/i.exec(text.slice(pos));
        if (m) {
          pos += m[0].length;
          Object.assign(f, parseOffset(m[0]));
        } else if (c === 'z') {
          return undefined;
        }
        n = c === 'K' ? 1 : n;
        break;
      }
      case "'":
      case '"': {
        const end = format.indexOf(c, i + 1);
        const lit = format.slice(i + 1, end < 0 ? format.length : end);
        if (text.slice(pos, pos + lit.length) !== lit) return undefined;
        pos += lit.length;
        i = end < 0 ? format.length : end + 1;
        continue;
      }
      case '\\':
        if (text[pos] !== format[i + 1]) return undefined;
        pos++;
        i += 2;
        continue;
      default: {
        const lit = c === '/' ? names.dateSeparator : c === ':' ? names.timeSeparator : c;
        for (let k = 0; k < n; k++) {
          if (text.slice(pos, pos + lit.length) !== lit) return undefined;
          pos += lit.length;
        }
      }
    }
    i += n;
  }
  if (pos !== text.length) return undefined;
  if (hour12Value !== undefined) {
    if (hour12Value < 1 || hour12Value > 12) return undefined;
    f.hour = (hour12Value % 12) + (pm ? 12 : 0);
  } else if (pm !== undefined && pm && f.hour < 12) {
    f.hour += 12;
  }
  return build(f);
}
