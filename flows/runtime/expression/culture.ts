import { ExpressionError } from './errors';

/** The culture the runtime uses when a function takes no locale: en-US (`'D'` gives `Monday, January 1, 2018`). */
export const DEFAULT_LOCALE = 'en-US';

export interface NumberSymbols {
  decimal: string;
  group: string;
  minus: string;
}

const symbolsCache = new Map<string, NumberSymbols>();

/** Canonical BCP 47 tag for a .NET culture name (`fr-fr` → `fr-FR`); fails like .NET on invalid names. */
export function canonicalLocale(fn: string, locale: string | undefined): string {
  if (locale === undefined || locale === '') return DEFAULT_LOCALE;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (!canonical) throw new RangeError('empty');
    // Intl silently falls back for cultures it has no data for; .NET rejects unknown cultures.
    if (Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 0) throw new RangeError('unknown');
    return canonical;
  } catch {
    throw new ExpressionError(
      `The template language function '${fn}' was invoked with a locale '${locale}' that is not a valid culture name.`,
    );
  }
}

export function numberSymbols(locale: string): NumberSymbols {
  let s = symbolsCache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(-12345.6);
    const find = (type: string, dflt: string): string => parts.find((p) => p.type === type)?.value ?? dflt;
    s = { decimal: find('decimal', '.'), group: normalizeSpace(find('group', ',')), minus: find('minusSign', '-') };
    symbolsCache.set(locale, s);
  }
  return s;
}

/** ICU uses narrow no-break spaces where .NET uses no-break spaces; treat them alike. */
function normalizeSpace(s: string): string {
  return s.replace(/[\u202f\u00a0]/g, '\u00a0');
}
