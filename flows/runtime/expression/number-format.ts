/**
 * .NET numeric format strings for formatNumber(): standard (`C2`, `N0`, `P1`, `F3`, `D5`, `E`, `G`, `R`,
 * `X`) and custom (`0,0.00`, `#.##`, `0.0%`, sections `;`), with culture symbols from Intl.
 */
import { Decimal } from './decimal';
import { canonicalLocale, numberSymbols } from './culture';
import { ExpressionError } from './errors';
import { formatDouble, FloatBox, isInteger, toJsNumber } from './values';

/** ISO currency of a culture's region, for the `C` format (Intl needs the code; .NET derives it from the culture). */
const REGION_CURRENCY: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  IS: 'ISK',
  DE: 'EUR',
  FR: 'EUR',
  ES: 'EUR',
  IT: 'EUR',
  NL: 'EUR',
  AT: 'EUR',
  BE: 'EUR',
  FI: 'EUR',
  IE: 'EUR',
  PT: 'EUR',
  LU: 'EUR',
  GR: 'EUR',
  SK: 'EUR',
  SI: 'EUR',
  EE: 'EUR',
  LV: 'EUR',
  LT: 'EUR',
  JP: 'JPY',
  CN: 'CNY',
  IN: 'INR',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  BR: 'BRL',
  MX: 'MXN',
  ZA: 'ZAR',
  KR: 'KRW',
  RU: 'RUB',
  TR: 'TRY',
  CZ: 'CZK',
  HU: 'HUF',
  SG: 'SGD',
  HK: 'HKD',
  IL: 'ILS',
  AE: 'AED',
  SA: 'SAR',
  TW: 'TWD',
  TH: 'THB',
  MY: 'MYR',
  ID: 'IDR',
  PH: 'PHP',
  AR: 'ARS',
  CL: 'CLP',
  CO: 'COP',
  PE: 'PEN',
  RO: 'RON',
  BG: 'BGN',
  HR: 'EUR',
  UA: 'UAH',
  EG: 'EGP',
  NG: 'NGN',
  KE: 'KES',
};

type Num = number | bigint | FloatBox | Decimal;

function fail(fn: string, message: string): never {
  throw new ExpressionError(`The template language function '${fn}' ${message}`);
}

function intl(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = intlCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    intlCache.set(key, f);
  }
  return f;
}
const intlCache = new Map<string, Intl.NumberFormat>();

/**
 * ICU writes U+2212 and narrow no-break spaces where .NET writes '-' and no-break spaces; between the
 * number and a currency or percent symbol the runtime (Windows cultures) writes a plain space.
 */
function dotnetize(s: string): string {
  return s
    .replace(/\u2212/g, '-')
    .replace(/\u202f/g, '\u00a0')
    .replace(/(?<=\D)\u00a0|\u00a0(?=\D)/g, ' ');
}

/** Exact decimal digits of |n| rounded half away from zero to `decimals` places. */
function fixedDigits(n: Num, decimals: number): string {
  if (typeof n === 'bigint') return (n < 0n ? -n : n).toString() + (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
  if (n instanceof Decimal) {
    const coefficient = n.coefficient < 0n ? -n.coefficient : n.coefficient;
    const digits = scaledRound(coefficient, n.scale - decimals)
      .toString()
      .padStart(decimals + 1, '0');
    return decimals > 0
      ? `${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`
      : digits;
  }
  const v = Math.abs(toJsNumber(n));
  if (v >= 1e21) {
    const big = BigInt(v).toString();
    return decimals > 0 ? `${big}.${'0'.repeat(decimals)}` : big;
  }
  return v.toFixed(Math.min(decimals, 100));
}

/** coefficient / 10^drop rounded half away from zero (for non-negative coefficients). */
function scaledRound(coefficient: bigint, drop: number): bigint {
  if (drop <= 0) return coefficient * 10n ** BigInt(-drop);
  const div = 10n ** BigInt(drop);
  const q = coefficient / div;
  const r = coefficient % div;
  return r * 2n >= div ? q + 1n : q;
}

function isNegative(n: Num): boolean {
  if (typeof n === 'bigint') return n < 0n;
  if (n instanceof Decimal) return n.coefficient < 0n;
  const v = toJsNumber(n);
  return v < 0 || Object.is(v, -0);
}

function groupDigits(intPart: string, group: string): string {
  let out = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) out += group;
    out += intPart[i];
  }
  return out;
}

function standard(fn: string, n: Num, spec: string, precisionText: string, locale: string): string {
  const precision = precisionText === '' ? undefined : Number(precisionText);
  const sym = numberSymbols(locale);
  const neg = isNegative(n);
  const v = toJsNumber(n);
  switch (spec.toUpperCase()) {
    case 'C': {
      const region = /-([A-Z]{2})\b/.exec(locale)?.[1];
      const currency = region ? REGION_CURRENCY[region] : undefined;
      if (!currency) fail(fn, `cannot format currency for the culture '${locale}'.`);
      const base = intl(locale, { style: 'currency', currency }).resolvedOptions();
      const digits = precision ?? base.maximumFractionDigits ?? 2;
      return dotnetize(
        intl(locale, {
          style: 'currency',
          currency,
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }).format(v),
      );
    }
    case 'D': {
      if (!isInteger(n)) fail(fn, `format '${spec}${precisionText}' is only valid for integers.`);
      const digits = (typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n as number))
        .toString()
        .padStart(precision ?? 0, '0');
      return `${neg ? sym.minus : ''}${digits}`;
    }
    case 'E': {
      const p = precision ?? 6;
      const [m, e] = Math.abs(v).toExponential(p).split('e');
      const exp = Number(e);
      const mant = m.replace('.', sym.decimal);
      return `${neg && v !== 0 ? '-' : ''}${mant}${spec === 'e' ? 'e' : 'E'}${exp < 0 ? '-' : '+'}${Math.abs(exp).toString().padStart(3, '0')}`;
    }
    case 'F':
    case 'N': {
      const p = precision ?? 2;
      const [i, f] = fixedDigits(n, p).split('.');
      const intPart = spec.toUpperCase() === 'N' ? groupDigits(i, sym.group) : i;
      const body = f !== undefined ? `${intPart}${sym.decimal}${f}` : intPart;
      const isZero = /^[0.]*$/.test(`${i}${f ?? ''}`);
      return `${neg && !isZero ? '-' : ''}${body}`;
    }
    case 'P': {
      const p = precision ?? 2;
      return dotnetize(
        intl(locale, { style: 'percent', minimumFractionDigits: p, maximumFractionDigits: p }).format(v),
      );
    }
    case 'G': {
      if (isInteger(n) && precision === undefined) return (typeof n === 'bigint' ? n : (n as number)).toString();
      if (n instanceof Decimal && precision === undefined) return n.toString().replace('.', sym.decimal);
      if (!precision) return formatDouble(v).replace('.', sym.decimal);
      // Scientific when the exponent reaches the precision or is below -5, as .NET's "G<n>".
      const [m, e] = Math.abs(v)
        .toExponential(precision - 1)
        .split('e');
      const exp = Number(e);
      const digits = m.replace('.', '').replace(/0+$/, '') || '0';
      let text: string;
      if (v !== 0 && (exp >= precision || exp < -5)) {
        const mant = digits.length > 1 ? `${digits[0]}${sym.decimal}${digits.slice(1)}` : digits;
        text = `${mant}${spec === 'g' ? 'e' : 'E'}${exp < 0 ? '-' : '+'}${Math.abs(exp).toString().padStart(2, '0')}`;
      } else {
        text = formatDouble(Number(`${m}e${e}`)).replace('.', sym.decimal);
      }
      return `${neg && v !== 0 ? '-' : ''}${text}`;
    }
    case 'R':
      return formatDouble(v).replace('.', sym.decimal);
    case 'X': {
      if (!isInteger(n)) fail(fn, `format '${spec}${precisionText}' is only valid for integers.`);
      let b = BigInt(n as number | bigint);
      if (b < 0n) b += 1n << 64n;
      const hex = b.toString(16).padStart(precision ?? 0, '0');
      return spec === 'x' ? hex : hex.toUpperCase();
    }
    default:
      return fail(fn, `was invoked with a format string '${spec}${precisionText}' that is not valid.`);
  }
}

interface Section {
  text: string;
}

function splitSections(format: string): Section[] {
  const sections: Section[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (quote) {
      cur += c;
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === '\\') {
      cur += c + (format[i + 1] ?? '');
      i++;
    } else if (c === ';') {
      sections.push({ text: cur });
      cur = '';
    } else {
      cur += c;
    }
  }
  sections.push({ text: cur });
  return sections.slice(0, 3);
}

type Piece =
  | { kind: 'lit'; text: string }
  | { kind: 'digit'; ch: '0' | '#'; frac: boolean }
  | { kind: 'point' }
  | { kind: 'exp'; text: string; minDigits: number; plus: boolean };

function custom(n: Num, format: string, locale: string): string {
  const sym = numberSymbols(locale);
  const sections = splitSections(format);
  let value = toJsNumber(n);
  let section = sections[0].text;
  let useSign = true;
  if (value < 0 && sections.length >= 2 && sections[1].text !== '') {
    section = sections[1].text;
    useSign = false;
    value = -value;
  } else if (value === 0 && sections.length >= 3) {
    section = sections[2].text;
  }
  // Tokenize the section.
  const pieces: Piece[] = [];
  let seenPoint = false;
  let grouping = false;
  let scaleCommas = 0;
  let pendingCommas = 0;
  let multiplier = 1;
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '0' || c === '#') {
      if (pendingCommas > 0 && !seenPoint) grouping = true;
      pendingCommas = 0;
      pieces.push({ kind: 'digit', ch: c, frac: seenPoint });
    } else if (c === '.') {
      if (!seenPoint) {
        scaleCommas += pendingCommas;
        pendingCommas = 0;
        seenPoint = true;
        pieces.push({ kind: 'point' });
      }
    } else if (c === ',') {
      if (!seenPoint && pieces.some((p) => p.kind === 'digit')) pendingCommas++;
    } else if (c === '%') {
      multiplier *= 100;
      pieces.push({ kind: 'lit', text: '%' });
    } else if (c === '‰') {
      multiplier *= 1000;
      pieces.push({ kind: 'lit', text: '‰' });
    } else if ((c === 'E' || c === 'e') && /^[eE][+-]?0/.test(section.slice(i))) {
      const m = /^[eE]([+-]?)(0+)/.exec(section.slice(i))!;
      pieces.push({ kind: 'exp', text: c, minDigits: m[2].length, plus: m[1] === '+' });
      i += m[0].length - 1;
    } else if (c === "'" || c === '"') {
      const end = section.indexOf(c, i + 1);
      const lit = end < 0 ? section.slice(i + 1) : section.slice(i + 1, end);
      pieces.push({ kind: 'lit', text: lit });
      i = end < 0 ? section.length : end;
    } else if (c === '\\') {
      pieces.push({ kind: 'lit', text: section[i + 1] ?? '' });
      i++;
    } else {
      pieces.push({ kind: 'lit', text: c });
    }
  }
  if (!seenPoint) scaleCommas += pendingCommas;
  value = (value * multiplier) / 1000 ** scaleCommas;
  const intPlaces = pieces.filter((p) => p.kind === 'digit' && !p.frac) as { ch: string }[];
  const fracPlaces = pieces.filter((p) => p.kind === 'digit' && p.frac) as { ch: string }[];
  const firstZero = intPlaces.findIndex((p) => p.ch === '0');
  const minInt = firstZero < 0 ? 0 : intPlaces.length - firstZero;
  const lastFracZero = fracPlaces.map((p) => p.ch).lastIndexOf('0');
  const expPiece = pieces.find((p) => p.kind === 'exp') as Extract<Piece, { kind: 'exp' }> | undefined;
  let exponent = 0;
  if (expPiece && value !== 0) {
    exponent = Math.floor(Math.log10(Math.abs(value))) - Math.max(intPlaces.length - 1, 0);
    value = value / 10 ** exponent;
  }
  const rounded = fixedDigits(multiplier === 1 && scaleCommas === 0 && !expPiece ? n : value, fracPlaces.length);
  let [intDigits, fracDigits = ''] = rounded.split('.');
  intDigits = intDigits.replace(/^0+/, '');
  if (intDigits.length < minInt) intDigits = intDigits.padStart(minInt, '0');
  fracDigits = fracDigits.slice(0, Math.max(lastFracZero + 1, fracDigits.replace(/0+$/, '').length));
  const isZero = /^0*$/.test(intDigits) && /^0*$/.test(fracDigits);
  let out = '';
  let intIndex = 0;
  let fracIndex = 0;
  const groupedAt = (pos: number): string => (grouping && pos > 0 && pos % 3 === 0 ? sym.group : '');
  for (const p of pieces) {
    if (p.kind === 'lit') out += p.text;
    else if (p.kind === 'point') {
      if (fracDigits.length > 0) out += sym.decimal;
    } else if (p.kind === 'exp') {
      const e = Math.abs(exponent).toString().padStart(p.minDigits, '0');
      out += `${p.text}${exponent < 0 ? '-' : p.plus ? '+' : ''}${e}`;
    } else if (!p.frac) {
      const extra = intDigits.length - intPlaces.length;
      const from = intIndex === 0 ? 0 : intIndex + extra;
      const to = intIndex + extra + 1;
      for (let d = Math.max(from, 0); d < to; d++) out += intDigits[d] + groupedAt(intDigits.length - d - 1);
      intIndex++;
    } else {
      if (fracIndex < fracDigits.length) out += fracDigits[fracIndex];
      fracIndex++;
    }
  }
  if (intPlaces.length === 0 && intDigits.length > 0 && intDigits !== '0') {
    // A format without integer placeholders still shows the integer digits before the point.
    out = intDigits + out;
  }
  const negative = useSign && toJsNumber(n) < 0 && !isZero;
  return `${negative ? sym.minus : ''}${out}`;
}

export function formatNumber(fn: string, n: Num, format: string, localeArg: string | undefined): string {
  const locale = canonicalLocale(fn, localeArg);
  const m = /^([A-Za-z])(\d{0,2})$/.exec(format);
  if (m) return standard(fn, n, m[1], m[2], locale);
  if (format === '') return standard(fn, n, 'G', '', locale);
  return custom(n, format, locale);
}
