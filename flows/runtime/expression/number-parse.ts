import { canonicalLocale, numberSymbols } from './culture';

/**
 * .NET-style culture-aware number parsing. Integers: optional sign and digits (NumberStyles.Integer).
 * Floats: sign, group separators in the integer part, one decimal separator, exponent
 * (NumberStyles.Float | AllowThousands). Returns undefined when the text is not a number.
 */
export function parseCultureNumber(
  text: string,
  locale: string | undefined,
  allowFloat: boolean,
): number | bigint | undefined {
  const t = text.trim();
  if (!allowFloat) {
    if (!/^[+-]?\d+$/.test(t)) return undefined;
    const b = BigInt(t);
    if (b > 9223372036854775807n || b < -9223372036854775808n) return undefined;
    const n = Number(b);
    return Number.isSafeInteger(n) ? n : b;
  }
  const sym = numberSymbols(canonicalLocale('float', locale));
  let i = 0;
  let sign = '';
  if (t[i] === '+' || t[i] === '-' || t[i] === sym.minus) {
    sign = t[i] === '+' ? '' : '-';
    i++;
  }
  let intDigits = '';
  let sawDigit = false;
  const group = sym.group;
  while (i < t.length) {
    const c = t[i];
    if (c >= '0' && c <= '9') {
      intDigits += c;
      sawDigit = true;
      i++;
    } else if (sawDigit && (c === group || (group === '\u00a0' && (c === ' ' || c === '\u202f')))) {
      i++;
    } else {
      break;
    }
  }
  let frac = '';
  if (t.startsWith(sym.decimal, i)) {
    i += sym.decimal.length;
    while (i < t.length && t[i] >= '0' && t[i] <= '9') frac += t[i++];
  }
  if (intDigits === '' && frac === '') return undefined;
  let exp = '';
  if (t[i] === 'e' || t[i] === 'E') {
    const m = /^[eE][+-]?\d+/.exec(t.slice(i));
    if (!m) return undefined;
    exp = m[0];
    i += m[0].length;
  }
  if (i !== t.length) return undefined;
  const n = Number(`${sign}${intDigits || '0'}.${frac || '0'}${exp}`);
  return Number.isFinite(n) ? n : undefined;
}
